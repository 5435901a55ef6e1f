package dev.stride.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/** Switch/Merge choices: the right value in both branches, and a conditional computation runs only when asked. */
class ConditionalTest {

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void chooseForwardsTheChosenTensor(boolean condition) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TBool> when = tf.placeholder(TBool.class);
      Operand<TFloat32> chosen = Conditional.choose(tf, when, tf.constant(new float[] {1, 2, 3}),
          tf.constant(new float[] {-1, -2, -3}));
      try (TBool fed = TBool.scalarOf(condition);
           Result r = s.runner().feed(when, fed).fetch(chosen).run()) {
        TFloat32 out = (TFloat32) r.get(0);
        float sign = condition ? 1 : -1;
        assertThat(new float[] {out.getFloat(0), out.getFloat(1), out.getFloat(2)})
            .containsExactly(sign, 2 * sign, 3 * sign);
      }
    }
  }

  @Test
  void aComputationOnOnlyWhenValuesRunsOnlyWhenTheConditionHolds() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TBool> when = tf.placeholder(TBool.class);
      Operand<TFloat32> x = tf.constant(5f);
      // An assertion that fails whenever it runs: it shows whether the conditional branch executed.
      Operand<TFloat32> gated = Conditional.onlyWhen(tf, when, x);
      var failsIfRun = tf.assertThat(tf.math.less(gated, tf.constant(0f)), List.of(gated));
      Operand<TFloat32> doubled = tf.withControlDependencies(List.of(failsIfRun)).math.mul(gated, tf.constant(2f));
      Operand<TFloat32> value = Conditional.orElse(tf, when, doubled, tf.constant(-7f));

      try (TBool no = TBool.scalarOf(false); Result r = s.runner().feed(when, no).fetch(value).run()) {
        assertThat(((TFloat32) r.get(0)).getFloat()).isEqualTo(-7f);
      }
      try (TBool yes = TBool.scalarOf(true)) {
        assertThatThrownBy(() -> s.runner().feed(when, yes).fetch(value).run().close())
            .hasMessageContaining("assertion failed");
      }
    }
  }

  @Test
  void orElseGivesTheConditionalValueWhenItHolds() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TBool> when = tf.placeholder(TBool.class);
      Operand<TFloat32> squared = tf.math.square(Conditional.onlyWhen(tf, when, tf.constant(3f)));
      Operand<TFloat32> value = Conditional.orElse(tf, when, squared, tf.constant(-1f));
      try (TBool yes = TBool.scalarOf(true); Result r = s.runner().feed(when, yes).fetch(value).run()) {
        assertThat(((TFloat32) r.get(0)).getFloat()).isEqualTo(9f);
      }
    }
  }
}

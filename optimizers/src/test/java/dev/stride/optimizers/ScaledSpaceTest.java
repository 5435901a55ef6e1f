package dev.stride.optimizers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stride.bridge.Param;
import dev.stride.bridge.Precision;
import dev.stride.bridge.optim.StepContext;
import dev.stride.bridge.optim.Updates;
import dev.stride.bridge.testkit.FedGradientModel;
import dev.stride.optimizers.papers.AdamScale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/** A conditional view of a scaled space refuses what it cannot do, naming it, while the step is built. */
class ScaledSpaceTest {

  /** A parameter-scaled optimizer whose rule only does {@code use} with the space it is given. */
  private static ParameterScaled probing(BiConsumer<StepContext, ScaledSpace> use) {
    ScaledRule rule = new ScaledRule() {
      @Override
      public String name() {
        return "probe";
      }

      @Override
      public Map<Param, Operand<TFloating>> step(StepContext ctx, ScaledSpace space, Updates updates) {
        use.accept(ctx, space);
        Map<Param, Operand<TFloating>> unchanged = new LinkedHashMap<>();
        ctx.params().forEach(p -> unchanged.put(p, ctx.variable(p).value()));
        return unchanged;
      }
    };
    return new ParameterScaled("probe", new AdamScale(), rule);
  }

  private static void build(ParameterScaled optimizer) {
    new FedGradientModel(optimizer, Precision.FLOAT32).close();
  }

  @Test
  void aConditionalViewIsNotMadeConditionalAgain() {
    assertThatThrownBy(() -> build(probing((ctx, space) -> {
      ScaledSpace view = space.onlyWhen(ctx.tf().constant(true));
      view.onlyWhen(ctx.tf().constant(false));
    }))).isInstanceOf(IllegalStateException.class).hasMessageContaining("already conditional");
  }

  @Test
  void aConditionalViewHasNoShrinkRatio() {
    assertThatThrownBy(() -> build(probing((ctx, space) -> space.onlyWhen(ctx.tf().constant(true)).shrinkRatio())))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("shrink ratio");
  }
}

package dev.stride.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.stride.bridge.Floats;
import dev.stride.bridge.Precision;
import dev.stride.bridge.Tensors;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/** The reductions every rule shares, against plain double sums, at the bench kernel's size and tiny. */
class GraphMathTest {
  private static final Shape KERNEL = Shape.of(784, 300);

  @ParameterizedTest
  @EnumSource(Precision.class)
  void dotOfAKernelSizedPairMatchesTheDoubleSum(Precision precision) {
    double[] a = random(KERNEL, 1);
    double[] b = random(KERNEL, 2);
    double exact = 0;
    double magnitude = 0;
    for (int i = 0; i < a.length; i++) {
      double term = rounded(precision, a[i]) * rounded(precision, b[i]);
      exact += term;
      magnitude += Math.abs(term);
    }
    double actual = evaluate(precision, KERNEL, a, b, GraphMath::dot);
    // Summation error grows with the terms' magnitude; float32 keeps ~1e-7 of it per add, well under 1e-5.
    assertThat(actual).isCloseTo(exact, offset(tolerance(precision) * magnitude));
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void dotOfSmallTensorsOfAnyRank(Precision precision) {
    assertThat(evaluate(precision, Shape.of(3), new double[] {1, -2, 3}, new double[] {4, 5, -6}, GraphMath::dot))
        .isEqualTo(-24);
    assertThat(evaluate(precision, Shape.scalar(), new double[] {1.5}, new double[] {-2}, GraphMath::dot))
        .isEqualTo(-3);
    assertThat(evaluate(precision, Shape.of(2, 1, 2), new double[] {1, 2, 3, 4}, new double[] {1, 1, 1, 1},
        GraphMath::dot)).isEqualTo(10);
  }

  @Test
  void dotPropagatesNonFiniteValues() {
    double[] a = {1, 2, Double.POSITIVE_INFINITY};
    assertThat(evaluate(Precision.FLOAT32, Shape.of(3), a, new double[] {1, 1, 1}, GraphMath::dot)).isInfinite();
    assertThat(evaluate(Precision.FLOAT32, Shape.of(3), a, new double[] {1, 1, 0}, GraphMath::dot)).isNaN();
    assertThat(evaluate(Precision.FLOAT32, Shape.of(3), new double[] {1, Double.NaN, 0}, new double[] {1, 1, 1},
        GraphMath::dot)).isNaN();
  }

  @Test
  void dotRefusesOperandsOfDifferentShapes() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloating> a = Floats.floating(tf.zeros(tf.constant(new long[] {3, 2}), org.tensorflow.types.TFloat32.class));
      Operand<TFloating> b = Floats.floating(tf.zeros(tf.constant(new long[] {2, 3}), org.tensorflow.types.TFloat32.class));
      assertThatThrownBy(() -> GraphMath.dot(tf, a, b)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("[3, 2]").hasMessageContaining("[2, 3]");
    }
  }

  @ParameterizedTest
  @EnumSource(Precision.class)
  void squaredDistanceAndNormOfAKernelSizedPair(Precision precision) {
    double[] a = random(KERNEL, 3);
    double[] b = random(KERNEL, 4);
    double distance = 0;
    double norm = 0;
    for (int i = 0; i < a.length; i++) {
      double d = rounded(precision, a[i]) - rounded(precision, b[i]);
      distance += d * d;
      norm += rounded(precision, a[i]) * rounded(precision, a[i]);
    }
    assertThat(evaluate(precision, KERNEL, a, b, GraphMath::squaredDistance))
        .isCloseTo(distance, offset(tolerance(precision) * distance));
    assertThat(evaluate(precision, KERNEL, a, b, (tf, x, y) -> GraphMath.squaredNorm(tf, x)))
        .isCloseTo(norm, offset(tolerance(precision) * norm));
  }

  @Test
  void squaredDistanceOfIdenticalTensorsIsExactlyZero() {
    double[] a = random(KERNEL, 5);
    assertThat(evaluate(Precision.FLOAT32, KERNEL, a, a.clone(), GraphMath::squaredDistance)).isZero();
  }

  private interface Reduction {
    Operand<TFloating> apply(Ops tf, Operand<TFloating> a, Operand<TFloating> b);
  }

  private static double evaluate(Precision precision, Shape shape, double[] a, double[] b, Reduction reduction) {
    try (Graph g = new Graph(); Session s = new Session(g);
        Tensor ta = Tensors.of(precision, shape, a); Tensor tb = Tensors.of(precision, shape, b)) {
      Ops tf = Ops.create(g);
      Operand<TFloating> x = Floats.floating(tf.placeholder(precision.type(), org.tensorflow.op.core.Placeholder.shape(shape)));
      Operand<TFloating> y = Floats.floating(tf.placeholder(precision.type(), org.tensorflow.op.core.Placeholder.shape(shape)));
      Operand<TFloating> out = reduction.apply(tf, x, y);
      assertThat(out.shape()).isEqualTo(Shape.scalar());
      try (Result r = s.runner().feed(x, ta).feed(y, tb).fetch(out).run()) {
        return Tensors.toDoubles(r.get(0))[0];
      }
    }
  }

  private static double[] random(Shape shape, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[(int) shape.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextDouble(-1, 1);
    }
    return values;
  }

  private static double rounded(Precision precision, double x) {
    return precision == Precision.FLOAT32 ? (float) x : x;
  }

  private static double tolerance(Precision precision) {
    return precision == Precision.FLOAT32 ? 1e-5 : 1e-12;
  }
}

package dev.stride.optimizers;

import dev.stride.bridge.optim.StepContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The optimizers' numerical guards, documented once. Where ε sits matters: it changes the step
 * whenever the second-moment estimate is near ε² (ε outside the root) or ε (inside), so every
 * optimizer names its placement and the source it follows.
 */
public final class Guards {
  private Guards() {}

  /**
   * {@code x / (√a + ε)}: ε outside the root (Adam's Algorithm 1, PyTorch's Adam and RMSprop,
   * Keras 2's RMSprop and Adagrad). The denominator is at least ε, so a zero second moment with a
   * zero numerator gives 0, never 0/0.
   */
  public static Operand<TFloating> overRootPlusEpsilon(StepContext ctx, Operand<TFloating> x, Operand<TFloating> a,
      double epsilon) {
    Ops tf = ctx.tf();
    return tf.math.div(x, tf.math.add(tf.math.sqrt(a), ctx.constant(epsilon)));
  }

  /** Where an adaptive direction adds ε to its second moment {@code a} before dividing by its root. */
  public enum EpsilonPlacement {
    /** {@code x / (√a + ε)}, see {@link #overRootPlusEpsilon}. */
    OUTSIDE_ROOT,
    /** {@code x / √(a + ε)}, see {@link #rootWithEpsilon}. */
    INSIDE_ROOT
  }

  /** {@code x} over the root of {@code a}, with ε where {@code placement} puts it. */
  public static Operand<TFloating> overRoot(StepContext ctx, Operand<TFloating> x, Operand<TFloating> a,
      double epsilon, EpsilonPlacement placement) {
    return placement == EpsilonPlacement.OUTSIDE_ROOT
        ? overRootPlusEpsilon(ctx, x, a, epsilon)
        : ctx.tf().math.div(x, rootWithEpsilon(ctx, a, epsilon));
  }

  /**
   * Adam's {@code m̂ / (√v̂ + ε)} (or {@code m̂ / √(v̂ + ε)} with ε inside the root) for the bias
   * corrections {@code m̂ = m/c1}, {@code v̂ = v/c2}, with the corrections folded into scalars:
   * {@code m / (c1/√c2·√v + c1·ε)}, or {@code m / (c1/√c2·√(v + c2·ε))}. Equal in exact arithmetic and
   * with ε where Algorithm 1 puts it (not Keras' ε̂ = ε·√c2), it divides no tensor by c1 or c2, which
   * saves a pass over every parameter per step.
   */
  public static Operand<TFloating> overCorrectedRoot(StepContext ctx, Operand<TFloating> m, Operand<TFloating> c1,
      Operand<TFloating> v, Operand<TFloating> c2, double epsilon, EpsilonPlacement placement) {
    Ops tf = ctx.tf();
    Operand<TFloating> scale = tf.math.div(c1, tf.math.sqrt(c2));
    Operand<TFloating> denominator = placement == EpsilonPlacement.OUTSIDE_ROOT
        ? tf.math.add(tf.math.mul(scale, tf.math.sqrt(v)), tf.math.mul(c1, ctx.constant(epsilon)))
        : tf.math.mul(scale, tf.math.sqrt(tf.math.add(v, tf.math.mul(c2, ctx.constant(epsilon)))));
    return tf.math.div(m, denominator);
  }

  /** {@code √(a + ε)}: ε inside the root (AdaDelta; AdaLip's RMSLip and AdamLip); at least √ε. */
  public static Operand<TFloating> rootWithEpsilon(StepContext ctx, Operand<TFloating> a, double epsilon) {
    Ops tf = ctx.tf();
    return tf.math.sqrt(tf.math.add(a, ctx.constant(epsilon)));
  }

  /**
   * {@code max(x, 0)} for a difference that is ≥ 0 in exact arithmetic but can round below 0
   * (centered RMSProp's {@code E[g²] − E[g]²}), so that its root is never NaN.
   */
  public static Operand<TFloating> clampNonNegative(StepContext ctx, Operand<TFloating> x) {
    return ctx.tf().math.maximum(x, ctx.constant(0));
  }
}

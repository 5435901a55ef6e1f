package dev.stride.optimizers.core;

import dev.stride.bridge.Param;
import dev.stride.bridge.VariableInit;
import dev.stride.bridge.optim.Slot;
import dev.stride.bridge.optim.StepContext;
import dev.stride.bridge.optim.Updates;
import dev.stride.optimizers.Checks;
import dev.stride.optimizers.DirectionOptimizer;
import dev.stride.optimizers.GradientAverage;
import dev.stride.optimizers.Guards;
import dev.stride.optimizers.Guards.EpsilonPlacement;
import dev.stride.optimizers.Moments;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Adam (Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1).
 *
 * <pre>
 * t = step + 1
 * 1. m ← β1·m + (1 − β1)·g
 * 2. v ← β2·v + (1 − β2)·g²
 * 3. m̂ ← m / (1 − β1^t)
 * 4. v̂ ← v / (1 − β2^t)
 * 5. θ ← θ − lr · m̂ / (√v̂ + ε)
 * </pre>
 *
 * As a direction, {@code v = m̂ / (√v̂ + ε)}. Defaults are Keras': lr 1e-3, β1 0.9, β2 0.999,
 * ε 1e-7 (PyTorch's ε is 1e-8; the LipschitzLR and AdaLip baselines ran Keras). ε sits outside the
 * root of the bias-corrected v̂, as in Algorithm 1 and PyTorch. Keras adds it to √v before the bias
 * correction (the paper's "ε̂"), which is this rule with ε/√(1 − β2^t) in place of ε (31.6·ε at
 * t = 1): the two differ only while √v̂ is comparable to ε. First step: m̂ = g and v̂ = g², so the
 * step is lr·g/(|g| + ε) ≈ lr·sign(g). The builder's {@code epsilonPlacement(INSIDE_ROOT)} divides
 * by √(v̂ + ε) instead: the direction of the AdaLip family's AdamLip (ALGORITHMS.md §1.3).
 */
public final class Adam extends DirectionOptimizer implements GradientAverage {
  /** First-moment slot {@code m}. */
  public static final String FIRST_MOMENT = "m";
  /** Second-moment slot {@code v}. */
  public static final String SECOND_MOMENT = "v";

  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final EpsilonPlacement epsilonPlacement;

  /** Keras' defaults. */
  public Adam() {
    this(builder());
  }

  /** Keras' defaults with another learning rate. */
  public Adam(double learningRate) {
    this(builder().learningRate(learningRate));
  }

  private Adam(Builder b) {
    super(b.learningRate);
    this.beta1 = Checks.unitInterval(name(), "beta1", b.beta1);
    this.beta2 = Checks.unitInterval(name(), "beta2", b.beta2);
    this.epsilon = Checks.positive(name(), "epsilon", b.epsilon);
    this.epsilonPlacement = b.epsilonPlacement;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "adam";
  }

  @Override
  public Operand<TFloating> direction(StepContext ctx, Param p, Operand<TFloating> g, Updates updates) {
    Ops tf = ctx.tf();
    Slot m = ctx.slot(p, FIRST_MOMENT, VariableInit.fill(0));
    Slot v = ctx.slot(p, SECOND_MOMENT, VariableInit.fill(0));
    Operand<TFloating> mNew = Moments.ema(ctx, beta1, m.value(), g);
    Operand<TFloating> vNew = Moments.ema(ctx, beta2, v.value(), tf.math.square(g));
    updates.set(m, mNew).set(v, vNew);
    // Lines 3–5 with the bias corrections as scalars (see Guards.overCorrectedRoot).
    return Guards.overCorrectedRoot(ctx, mNew, Moments.biasCorrection(ctx, beta1), vNew,
        Moments.biasCorrection(ctx, beta2), epsilon, epsilonPlacement);
  }

  /** β1: the first moment {@code m} is the gradient average. */
  @Override
  public double averageDecay() {
    return beta1;
  }

  /** The new {@code m}, line 1. */
  @Override
  public Operand<TFloating> averageState(StepContext ctx, Param p, Updates updates) {
    return GradientAverage.newSlotValue(updates, p, FIRST_MOMENT);
  }

  /** {@code 1/(1 − β1^t)}: {@code m̂ = m/(1 − β1^t)}, line 3. */
  @Override
  public Operand<TFloating> averageScale(StepContext ctx) {
    return ctx.tf().math.reciprocal(Moments.biasCorrection(ctx, beta1));
  }

  public double beta1() {
    return beta1;
  }

  public double beta2() {
    return beta2;
  }

  public double epsilon() {
    return epsilon;
  }

  /** Where ε sits: outside the root unless set otherwise. */
  public EpsilonPlacement epsilonPlacement() {
    return epsilonPlacement;
  }

  @Override
  public String toString() {
    return name() + "(lr=" + learningRate() + ", beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon
        + (epsilonPlacement == EpsilonPlacement.INSIDE_ROOT ? " inside the root" : "") + ")";
  }

  /** Settings by name; unset ones keep Keras' defaults. */
  public static final class Builder {
    private double learningRate = 1e-3;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;
    private EpsilonPlacement epsilonPlacement = EpsilonPlacement.OUTSIDE_ROOT;

    private Builder() {}

    public Builder learningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    public Builder beta1(double beta1) {
      this.beta1 = beta1;
      return this;
    }

    public Builder beta2(double beta2) {
      this.beta2 = beta2;
      return this;
    }

    public Builder epsilon(double epsilon) {
      this.epsilon = epsilon;
      return this;
    }

    /** {@code INSIDE_ROOT} divides by √(a + ε) instead (the AdaLip family's RMSLip and AdamLip). */
    public Builder epsilonPlacement(EpsilonPlacement placement) {
      this.epsilonPlacement = Objects.requireNonNull(placement, "placement");
      return this;
    }

    public Adam build() {
      return new Adam(this);
    }
  }
}

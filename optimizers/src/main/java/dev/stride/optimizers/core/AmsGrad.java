package dev.stride.optimizers.core;

import dev.stride.bridge.Param;
import dev.stride.bridge.VariableInit;
import dev.stride.bridge.optim.Slot;
import dev.stride.bridge.optim.StepContext;
import dev.stride.bridge.optim.Updates;
import dev.stride.optimizers.Checks;
import dev.stride.optimizers.DirectionOptimizer;
import dev.stride.optimizers.Guards;
import dev.stride.optimizers.Moments;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * AMSGrad (Reddi, Kale &amp; Kumar, "On the Convergence of Adam and Beyond", ICLR 2018,
 * Algorithm 2), in the bias-corrected form of PyTorch ({@code Adam(amsgrad=True)}) and Keras.
 *
 * <pre>
 * t = step + 1
 * 1. m ← β1·m + (1 − β1)·g
 * 2. v ← β2·v + (1 − β2)·g²
 * 3. v_max ← max(v_max, v)
 * 4. θ ← θ − lr · (m / (1 − β1^t)) / (√(v_max / (1 − β2^t)) + ε)
 * </pre>
 *
 * Variant: the running maximum is taken over the raw v and bias-corrected afterwards with the
 * current t, as PyTorch and Keras do. The paper's Algorithm 2 has no bias correction; taking the
 * maximum of the corrected v̂ instead would keep the large early v̂ = g₁² forever. ε sits outside
 * the root, as in {@link Adam}, whose defaults (Keras') it shares.
 */
public final class AmsGrad extends DirectionOptimizer {
  /** First-moment slot {@code m}. */
  public static final String FIRST_MOMENT = "m";
  /** Second-moment slot {@code v}. */
  public static final String SECOND_MOMENT = "v";
  /** Running maximum of {@code v}. */
  public static final String MAX_SECOND_MOMENT = "v_max";

  private final double beta1;
  private final double beta2;
  private final double epsilon;

  /** Keras' Adam defaults. */
  public AmsGrad() {
    this(builder());
  }

  /** Keras' Adam defaults with another learning rate. */
  public AmsGrad(double learningRate) {
    this(builder().learningRate(learningRate));
  }

  private AmsGrad(Builder b) {
    super(b.learningRate);
    this.beta1 = Checks.unitInterval(name(), "beta1", b.beta1);
    this.beta2 = Checks.unitInterval(name(), "beta2", b.beta2);
    this.epsilon = Checks.positive(name(), "epsilon", b.epsilon);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "amsgrad";
  }

  @Override
  public Operand<TFloating> direction(StepContext ctx, Param p, Operand<TFloating> g, Updates updates) {
    Ops tf = ctx.tf();
    Slot m = ctx.slot(p, FIRST_MOMENT, VariableInit.fill(0));
    Slot v = ctx.slot(p, SECOND_MOMENT, VariableInit.fill(0));
    Slot vMax = ctx.slot(p, MAX_SECOND_MOMENT, VariableInit.fill(0));
    Operand<TFloating> mNew = Moments.ema(ctx, beta1, m.value(), g);
    Operand<TFloating> vNew = Moments.ema(ctx, beta2, v.value(), tf.math.square(g));
    Operand<TFloating> vMaxNew = tf.math.maximum(vMax.value(), vNew);
    updates.set(m, mNew).set(v, vNew).set(vMax, vMaxNew);
    return Guards.overCorrectedRoot(ctx, mNew, Moments.biasCorrection(ctx, beta1), vMaxNew,
        Moments.biasCorrection(ctx, beta2), epsilon, Guards.EpsilonPlacement.OUTSIDE_ROOT);
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

  @Override
  public String toString() {
    return name() + "(lr=" + learningRate() + ", beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon + ")";
  }

  /** Settings by name; unset ones keep Keras' defaults. */
  public static final class Builder {
    private double learningRate = 1e-3;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;

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

    public AmsGrad build() {
      return new AmsGrad(this);
    }
  }
}

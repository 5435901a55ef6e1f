package dev.stride.optimizers.papers;

import dev.stride.bridge.Param;
import dev.stride.bridge.VariableInit;
import dev.stride.bridge.optim.Slot;
import dev.stride.bridge.optim.StepContext;
import dev.stride.bridge.optim.Updates;
import dev.stride.optimizers.Checks;
import dev.stride.optimizers.ParameterScaled;
import dev.stride.optimizers.ScaledRule;
import dev.stride.optimizers.ScaledSpace;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.family.TFloating;

/**
 * SPS, the stochastic Polyak step size (Loizou, Vaswani, Laradji, Lacoste-Julien, "Stochastic
 * Polyak Step-size for SGD", AISTATS 2021), as the authors' {@code sps/sps.py} computes it
 * (ALGORITHMS.md §6.1). One global step size from the mini-batch loss f and the gradient norm over
 * every variable:
 *
 * <pre>
 * ‖g‖ = √(Σ_all ‖g‖²)
 * if ‖g‖ &lt; 1e-8 or f &lt; f*:  γ = 0
 * constant (SPS, SPS_max):   γ = min(γ_b, (f − f*) / (c·‖g‖² + ε))
 * smooth (the code's default, "smooth_iter"):
 *                            γ = min(τ^(1/n)·γ_prev, (f − f*) / (c·‖g‖² + ε))
 * x ← x − γ_k·γ·g ;  γ_prev ← γ if γ &gt; 0          γ_k: the learning-rate schedule's factor
 * </pre>
 *
 * Defaults are the code's: smooth, c = 0.5, τ = 2, γ_prev = 1 at the start, n = 500 batches per
 * epoch (pass the real number), ε = 1e-8, f* = 0, no cap γ_b. The code's deep-learning runs pass
 * ε = 0 and c = 0.2.
 *
 * <p>Two deliberate differences from the code, both where it would stop or ascend:
 * <ul>
 *   <li>The smoothing cap is not latched at 0. The code stores every step, including the 0 of a
 *       step with ‖g‖ &lt; 1e-8, and every later cap is then τ^(b/n)·0 = 0: SPS stops for good
 *       (ALGORITHMS.md §6.1). Here a zero step leaves γ_prev as it was.
 *   <li>The smooth variant also takes no step when f &lt; f* (the code's smooth branch has no such
 *       guard and would step uphill; with f* = 0 and a non-negative loss it never applies).
 * </ul>
 *
 * <p>Schedule: the step taken and reported is γ_k·γ; γ_prev keeps γ, so a schedule never feeds back into the cap.
 *
 * <p>As a {@link ScaledRule}, ‖g‖² and g are the scaled space's {@code ‖g'‖²} and descent direction,
 * so the same rule over Adam's scale is PS-SPS ({@link PsSps}). The step size actually taken,
 * γ_k·γ, is reported as {@code "lr"}.
 */
public final class Sps implements ScaledRule {
  /** Which of the code's step-size rules. */
  public enum Mode {
    /** {@code adapt_flag='constant'}: SPS, or SPS_max with a cap. */
    CONSTANT,
    /** {@code adapt_flag='smooth_iter'}: the Polyak step capped by τ^(1/n) times the previous step. */
    SMOOTH
  }

  /** The previous step size γ_prev of the smooth variant. */
  public static final String PREVIOUS_STEP = "sps/step_size";
  /** Below this gradient norm the code takes no step. */
  public static final double GRADIENT_NORM_FLOOR = 1e-8;

  private final Mode mode;
  private final double c;
  private final double fStar;
  private final double etaMax;
  private final double gamma;
  private final int batchesPerEpoch;
  private final double initialStepSize;
  private final double epsilon;

  private Sps(Builder b) {
    this.mode = b.mode;
    this.c = Checks.positive("sps", "c", b.c);
    if (!Double.isFinite(b.fStar)) {
      throw new IllegalArgumentException("sps: f* must be finite, got " + b.fStar);
    }
    this.fStar = b.fStar;
    if (!(b.etaMax > 0)) {
      throw new IllegalArgumentException("sps: eta max must be > 0 (infinity for no cap), got " + b.etaMax);
    }
    if (b.mode == Mode.SMOOTH && b.etaMax != Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("sps: eta max caps the constant variant only; the smooth variant got "
          + b.etaMax);
    }
    this.etaMax = b.etaMax;
    this.gamma = Checks.positive("sps", "gamma", b.gamma);
    if (b.batchesPerEpoch < 1) {
      throw new IllegalArgumentException("sps: batches per epoch must be >= 1, got " + b.batchesPerEpoch);
    }
    this.batchesPerEpoch = b.batchesPerEpoch;
    this.initialStepSize = Checks.positive("sps", "initial step size", b.initialStepSize);
    this.epsilon = Checks.nonNegative("sps", "epsilon", b.epsilon);
  }

  /** The code's defaults (smooth, c = 0.5, τ = 2, n = 500, γ_prev = 1, ε = 1e-8, f* = 0). */
  public static Builder builder() {
    return new Builder();
  }

  /** SPS as an optimizer, in the parameters' own coordinates. */
  public ParameterScaled optimizer() {
    return ParameterScaled.unscaled("sps", this);
  }

  @Override
  public String name() {
    return "sps";
  }

  public Mode mode() {
    return mode;
  }

  public double c() {
    return c;
  }

  public double fStar() {
    return fStar;
  }

  public double etaMax() {
    return etaMax;
  }

  public double gamma() {
    return gamma;
  }

  public int batchesPerEpoch() {
    return batchesPerEpoch;
  }

  public double initialStepSize() {
    return initialStepSize;
  }

  public double epsilon() {
    return epsilon;
  }

  @Override
  public Map<Param, Operand<TFloating>> step(StepContext ctx, ScaledSpace space, Updates updates) {
    Ops tf = ctx.tf();
    Operand<TFloating> loss = ctx.loss();
    Operand<TFloating> gradNorm = tf.math.sqrt(space.squaredNorm());
    // The code squares the norm it took the root of; so does this, for the same rounding.
    Operand<TFloating> polyak = tf.math.div(tf.math.sub(loss, ctx.constant(fStar)),
        tf.math.add(tf.math.mul(ctx.constant(c), tf.math.square(gradNorm)), ctx.constant(epsilon)));
    Slot previous = null;
    Operand<TFloating> step;
    if (mode == Mode.CONSTANT) {
      step = etaMax == Double.POSITIVE_INFINITY ? polyak : tf.math.minimum(ctx.constant(etaMax), polyak);
    } else {
      previous = ctx.state(PREVIOUS_STEP, Shape.scalar(), VariableInit.fill(initialStepSize));
      double coefficient = Math.pow(gamma, 1.0 / batchesPerEpoch);
      step = tf.math.minimum(tf.math.mul(ctx.constant(coefficient), previous.value()), polyak);
    }
    Operand<TBool> none = tf.math.logicalOr(tf.math.less(gradNorm, ctx.constant(GRADIENT_NORM_FLOOR)),
        tf.math.less(loss, ctx.constant(fStar)));
    Operand<TFloating> zero = ctx.constant(0);
    Operand<TFloating> eta = tf.select(none, zero, step);
    if (previous != null) {
      // The cap follows SPS's own steps: a schedule scales what is applied, not what is remembered.
      updates.set(previous, tf.select(tf.math.greater(eta, zero), eta, previous.value()));
    }
    Operand<TFloating> applied = tf.math.mul(ctx.learningRateFactor(), eta);
    ctx.report("lr", applied);
    Map<Param, Operand<TFloating>> next = new LinkedHashMap<>();
    for (Param p : ctx.params()) {
      next.put(p, tf.math.sub(ctx.variable(p).value(), tf.math.mul(applied, space.descent(p))));
    }
    return next;
  }

  @Override
  public String toString() {
    return "Sps(" + mode + ", c=" + c + ", f*=" + fStar
        + (mode == Mode.CONSTANT ? (etaMax == Double.POSITIVE_INFINITY ? "" : ", eta max=" + etaMax)
            : ", gamma=" + gamma + ", batches per epoch=" + batchesPerEpoch + ", initial=" + initialStepSize)
        + ", epsilon=" + epsilon + ")";
  }

  /** Settings by name; unset ones keep the code's defaults. */
  public static final class Builder {
    private Mode mode = Mode.SMOOTH;
    private double c = 0.5;
    private double fStar = 0;
    private double etaMax = Double.POSITIVE_INFINITY;
    private double gamma = 2;
    private int batchesPerEpoch = 500;
    private double initialStepSize = 1;
    private double epsilon = 1e-8;

    private Builder() {}

    public Builder mode(Mode mode) {
      this.mode = java.util.Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** The Polyak constant c (the theory's 1/2; the code's deep-learning runs use 0.2). */
    public Builder c(double c) {
      this.c = c;
      return this;
    }

    /** The optimal mini-batch loss f* (0 for classification). */
    public Builder fStar(double fStar) {
      this.fStar = fStar;
      return this;
    }

    /** SPS_max's cap γ_b, constant variant only; infinity (the default) for none. */
    public Builder etaMax(double etaMax) {
      this.etaMax = etaMax;
      return this;
    }

    /** The smoothing base τ: the cap grows by τ per epoch. */
    public Builder gamma(double gamma) {
      this.gamma = gamma;
      return this;
    }

    /** Batches per epoch n of the smoothing exponent τ^(1/n). */
    public Builder batchesPerEpoch(int batchesPerEpoch) {
      this.batchesPerEpoch = batchesPerEpoch;
      return this;
    }

    /** γ_prev before the first step (smooth variant). */
    public Builder initialStepSize(double initialStepSize) {
      this.initialStepSize = initialStepSize;
      return this;
    }

    /** Added to c·‖g‖² in the denominator. */
    public Builder epsilon(double epsilon) {
      this.epsilon = epsilon;
      return this;
    }

    public Sps build() {
      return new Sps(this);
    }
  }
}

package dev.stride.optimizers.papers;

import dev.stride.bridge.Param;
import dev.stride.bridge.VariableInit;
import dev.stride.bridge.optim.Hyper;
import dev.stride.bridge.optim.Optimizer;
import dev.stride.bridge.optim.Slot;
import dev.stride.bridge.optim.StepContext;
import dev.stride.bridge.optim.StepVariable;
import dev.stride.bridge.optim.Updates;
import dev.stride.optimizers.Checks;
import dev.stride.optimizers.DirectionOptimizer;
import dev.stride.optimizers.GraphMath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.family.TFloating;

/**
 * Prodigy (Mishchenko &amp; Defazio, "Prodigy: An Expeditiously Adaptive Parameter-Free Learner",
 * arXiv:2306.06101, ICML 2024) as the authors' {@code prodigyopt/prodigy.py} computes it
 * (ALGORITHMS.md §6.5): one global d, per-parameter Adam moments.
 *
 * <pre>
 * β3 = √β2 ;  bc = √(1 − β2^(k+1))/(1 − β1^(k+1)) with bias correction, else 1 ;  dlr = d·γ_k·bc
 * num ← β3·num
 * per variable:  num += (d/d₀)·dlr·⟨g, x₀ − x⟩          x₀ = x at the first step
 *                m ← β1·m + d·(1 − β1)·g ;  v ← β2·v + d²·(1 − β2)·g²
 *                s ← β3·s + (d/d₀)·dlr·g               (·d instead of ·dlr with safeguard warm-up)
 * if Σ‖s‖₁ = 0: no further update
 * if γ_k &gt; 0:  d̂ = d_coef·num/Σ‖s‖₁ ;  d ← max(d, d̂) if d = d₀ ;  d_max ← max(d_max, d̂) ;
 *              d ← min(d_max, d·growth)
 * x ← x − dlr·m ⊘ (√v + d·ε) ;  k ← k + 1              dlr with the old d, d·ε with the new one
 * </pre>
 *
 * Defaults are the code's: γ = 1 (the "learning_rate" hyperparameter, which a schedule multiplies),
 * β = (0.9, 0.999), β3 = √β2, ε = 1e-8, d₀ = 1e-6, d_coef = 1, no growth limit, no bias correction, no safeguard
 * warm-up. m, v and s are updated before the "no update" check, as the code updates them in place;
 * x, d, d_max, num and k are not. x₀ is a copy of the parameters taken when they are initialised,
 * and again when weights are written before the first update (the code copies them at its first
 * step). Weight decay is not built (the PS paper's runs use none).
 * Reports {@code "lr"} (dlr) and {@code "d"}.
 *
 * <p>Schedule: γ_k = learning_rate × factor is the code's {@code lr} everywhere, as when a PyTorch scheduler sets it.
 */
public final class Prodigy implements Optimizer {
  /** Per-parameter s. */
  public static final String S = "s";
  /** Per-parameter x₀. */
  public static final String X0 = "x0";
  /** Per-parameter first moment m (it carries a factor d). */
  public static final String FIRST_MOMENT = "m";
  /** Per-parameter second moment v (it carries a factor d²). */
  public static final String SECOND_MOMENT = "v";
  /** The distance estimate d. */
  public static final String D = "prodigy/d";
  /** The largest d̂ so far. */
  public static final String D_MAX = "prodigy/d_max";
  /** The numerator Σ β3-weighted (d/d₀)·dlr·⟨g, x₀ − x⟩. */
  public static final String NUMERATOR = "prodigy/numerator";
  /** Updates applied, k (float). */
  public static final String K = "prodigy/k";

  private final double learningRate;
  private final double beta1;
  private final double beta2;
  private final double beta3;
  private final double epsilon;
  private final double d0;
  private final double dCoef;
  private final double growthRate;
  private final boolean biasCorrection;
  private final boolean safeguardWarmup;

  private Prodigy(Builder b) {
    this.learningRate = Checks.positive("prodigy", "learning rate", b.learningRate);
    this.beta1 = Checks.unitInterval("prodigy", "beta1", b.beta1);
    this.beta2 = Checks.unitInterval("prodigy", "beta2", b.beta2);
    this.beta3 = Checks.unitInterval("prodigy", "beta3", b.beta3Set ? b.beta3 : Math.sqrt(b.beta2));
    this.epsilon = Checks.positive("prodigy", "epsilon", b.epsilon);
    this.d0 = Checks.positive("prodigy", "d0", b.d0);
    this.dCoef = Checks.positive("prodigy", "d_coef", b.dCoef);
    if (!(b.growthRate >= 1)) {
      throw new IllegalArgumentException("prodigy: growth rate must be >= 1 (infinity for no limit), got "
          + b.growthRate);
    }
    this.growthRate = b.growthRate;
    this.biasCorrection = b.biasCorrection;
    this.safeguardWarmup = b.safeguardWarmup;
  }

  /** The code's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The code's defaults. */
  public Prodigy() {
    this(builder());
  }

  @Override
  public String name() {
    return "prodigy";
  }

  public double learningRate() {
    return learningRate;
  }

  public double beta1() {
    return beta1;
  }

  public double beta2() {
    return beta2;
  }

  public double beta3() {
    return beta3;
  }

  public double epsilon() {
    return epsilon;
  }

  public double d0() {
    return d0;
  }

  public double dCoef() {
    return dCoef;
  }

  public double growthRate() {
    return growthRate;
  }

  public boolean biasCorrection() {
    return biasCorrection;
  }

  public boolean safeguardWarmup() {
    return safeguardWarmup;
  }

  @Override
  public Op build(StepContext ctx) {
    Ops tf = ctx.tf();
    Hyper learningRateHyper = ctx.hyper(DirectionOptimizer.LEARNING_RATE, learningRate);
    // γ_k: the code's lr as a scheduler leaves it, the hyperparameter times the schedule's factor.
    Operand<TFloating> gamma = tf.math.mul(learningRateHyper.value(), ctx.learningRateFactor());
    Slot k = ctx.state(K, Shape.scalar(), VariableInit.fill(0));
    Slot d = ctx.state(D, Shape.scalar(), VariableInit.fill(d0));
    Slot dMax = ctx.state(D_MAX, Shape.scalar(), VariableInit.fill(d0));
    Slot numerator = ctx.state(NUMERATOR, Shape.scalar(), VariableInit.fill(0));
    Operand<TFloating> zero = ctx.constant(0);
    Operand<TFloating> dk = d.value();
    Operand<TFloating> dlr = tf.math.mul(dk, gamma);
    if (biasCorrection) {
      Operand<TFloating> k1 = tf.math.add(k.value(), ctx.constant(1));
      dlr = tf.math.mul(dlr, tf.math.div(
          tf.math.sqrt(tf.math.sub(ctx.constant(1), tf.math.pow(ctx.constant(beta2), k1))),
          tf.math.sub(ctx.constant(1), tf.math.pow(ctx.constant(beta1), k1))));
    }
    Operand<TFloating> dOverD0 = tf.math.div(dk, ctx.constant(d0));
    Operand<TFloating> sRate = tf.math.mul(dOverD0, safeguardWarmup ? dk : dlr);
    Operand<TFloating> mRate = tf.math.mul(dk, ctx.constant(1 - beta1));
    Operand<TFloating> vRate = tf.math.mul(tf.math.mul(dk, dk), ctx.constant(1 - beta2));

    Updates updates = new Updates();
    List<Operand<TFloating>> products = new ArrayList<>();
    List<Operand<TFloating>> l1 = new ArrayList<>();
    Map<Param, Operand<TFloating>> mNew = new LinkedHashMap<>();
    Map<Param, Operand<TFloating>> vNew = new LinkedHashMap<>();
    for (Param p : ctx.params()) {
      StepVariable x = ctx.variable(p);
      Operand<TFloating> g = ctx.gradient(p);
      Slot s = ctx.slot(p, S, VariableInit.fill(0));
      Slot x0 = ctx.slot(p, X0, VariableInit.copyOf(p.variable()));
      Slot m = ctx.slot(p, FIRST_MOMENT, VariableInit.fill(0));
      Slot v = ctx.slot(p, SECOND_MOMENT, VariableInit.fill(0));
      products.add(GraphMath.dot(tf, g, tf.math.sub(x0.value(), x.value())));
      Operand<TFloating> mp = tf.math.add(tf.math.mul(ctx.constant(beta1), m.value()), tf.math.mul(mRate, g));
      Operand<TFloating> vp = tf.math.add(tf.math.mul(ctx.constant(beta2), v.value()),
          tf.math.mul(vRate, tf.math.square(g)));
      Operand<TFloating> sp = tf.math.add(tf.math.mul(ctx.constant(beta3), s.value()), tf.math.mul(sRate, g));
      l1.add(GraphMath.sum(tf, tf.math.abs(sp)));
      updates.set(m, mp).set(v, vp).set(s, sp);
      mNew.put(p, mp);
      vNew.put(p, vp);
    }
    Operand<TFloating> dDenom = GraphMath.total(tf, l1);
    Operand<TBool> applied = tf.math.greater(dDenom, zero);
    Operand<TFloating> numNew = tf.math.add(tf.math.mul(ctx.constant(beta3), numerator.value()),
        tf.math.mul(tf.math.mul(dOverD0, dlr), GraphMath.total(tf, products)));

    Operand<TFloating> dHat = tf.math.div(tf.math.mul(ctx.constant(dCoef), numNew), dDenom);
    Operand<TFloating> dRaised = tf.select(tf.math.equal(dk, ctx.constant(d0)), tf.math.maximum(dk, dHat), dk);
    Operand<TFloating> dMaxRaised = tf.math.maximum(dMax.value(), dHat);
    Operand<TFloating> dLimited = tf.math.minimum(dMaxRaised, tf.math.mul(dRaised, ctx.constant(growthRate)));
    Operand<TBool> adapting = tf.math.greater(gamma, zero);
    Operand<TFloating> dNew = tf.select(adapting, dLimited, dk);
    Operand<TFloating> dMaxNew = tf.select(adapting, dMaxRaised, dMax.value());

    Operand<TFloating> dNext = tf.select(applied, dNew, dk);
    updates.set(numerator, tf.select(applied, numNew, numerator.value()));
    updates.set(d, dNext);
    updates.set(dMax, tf.select(applied, dMaxNew, dMax.value()));
    updates.set(k, tf.select(applied, tf.math.add(k.value(), ctx.constant(1)), k.value()));
    Operand<TFloating> dEpsilon = tf.math.mul(dNext, ctx.constant(epsilon));
    // "No update" as a zero rate: the denominator is at least d·ε > 0, so x − 0·m/δ is exactly x.
    Operand<TFloating> rate = tf.select(applied, dlr, zero);
    for (Param p : ctx.params()) {
      StepVariable x = ctx.variable(p);
      Operand<TFloating> denom = tf.math.add(tf.math.sqrt(vNew.get(p)), dEpsilon);
      updates.set(x, tf.math.sub(x.value(), tf.math.mul(rate, tf.math.div(mNew.get(p), denom))));
    }
    ctx.report("lr", dlr);
    ctx.report("d", dk);
    return ctx.apply(updates);
  }

  @Override
  public String toString() {
    return "Prodigy(lr=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ", beta3=" + beta3 + ", epsilon="
        + epsilon + ", d0=" + d0 + ", d_coef=" + dCoef + ", growth rate=" + growthRate
        + (biasCorrection ? ", bias correction" : "") + (safeguardWarmup ? ", safeguard warm-up" : "") + ")";
  }

  /** Settings by name; unset ones keep the code's defaults. */
  public static final class Builder {
    private double learningRate = 1;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double beta3 = Double.NaN;
    private boolean beta3Set;
    private double epsilon = 1e-8;
    private double d0 = 1e-6;
    private double dCoef = 1;
    private double growthRate = Double.POSITIVE_INFINITY;
    private boolean biasCorrection;
    private boolean safeguardWarmup;

    private Builder() {}

    /** γ, the multiplier of the adapted rate. */
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

    /** β3 of the numerator and s; √β2 unless set. */
    public Builder beta3(double beta3) {
      this.beta3 = beta3;
      this.beta3Set = true;
      return this;
    }

    public Builder epsilon(double epsilon) {
      this.epsilon = epsilon;
      return this;
    }

    public Builder d0(double d0) {
      this.d0 = d0;
      return this;
    }

    /** The multiplier of d̂. */
    public Builder dCoef(double dCoef) {
      this.dCoef = dCoef;
      return this;
    }

    public Builder growthRate(double growthRate) {
      this.growthRate = growthRate;
      return this;
    }

    /** The code's {@code use_bias_correction}. */
    public Builder biasCorrection(boolean biasCorrection) {
      this.biasCorrection = biasCorrection;
      return this;
    }

    /** The code's {@code safeguard_warmup}: s grows with d instead of dlr. */
    public Builder safeguardWarmup(boolean safeguardWarmup) {
      this.safeguardWarmup = safeguardWarmup;
      return this;
    }

    public Prodigy build() {
      return new Prodigy(this);
    }
  }
}

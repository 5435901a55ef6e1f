package dev.stride.optimizers.papers;

import dev.stride.bridge.Param;
import dev.stride.bridge.VariableInit;
import dev.stride.bridge.optim.Hyper;
import dev.stride.bridge.optim.Slot;
import dev.stride.bridge.optim.StepContext;
import dev.stride.bridge.optim.StepVariable;
import dev.stride.bridge.optim.Updates;
import dev.stride.optimizers.Checks;
import dev.stride.optimizers.Conditional;
import dev.stride.optimizers.DirectionOptimizer;
import dev.stride.optimizers.GraphMath;
import dev.stride.optimizers.ParameterScaled;
import dev.stride.optimizers.ScaledRule;
import dev.stride.optimizers.ScaledSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.family.TFloating;

/**
 * D-Adapt SGD (Defazio &amp; Mishchenko, "Learning-Rate-Free Learning by D-Adaptation", ICML 2023),
 * as the authors' {@code dadaptation/dadapt_sgd.py} (v3.2) computes it (ALGORITHMS.md §6.3). One
 * global distance estimate d over every variable:
 *
 * <pre>
 * 1. if k = 0:  ‖g₀‖ = √(Σ_all ‖g‖²)                frozen afterwards
 * 2. λ = d·γ_k / ‖g₀‖                               γ_k: "learning_rate" times the schedule's factor
 * 3. num ← num + λ·Σ_all ⟨g, s⟩                     s before this step's addition
 *    s ← s + λ·g
 * 4. d̂ = 2·num / ‖s‖ ;  d ← max(d, min(d̂, d·growth))   only if γ_k &gt; 0; the new d acts from the next step
 * 5. if ‖s‖ = 0: no update
 * 6. z ← x₀ − s ;  x ← μ·x + (1 − μ)·z ;  k ← k + 1
 * </pre>
 *
 * Defaults are the code's: γ = 1, μ = 0 (the paper's experiments use 0.9), d₀ = 1e-6, no growth
 * limit. The first step moves x by (1 − μ)·d₀·γ. z is carried as {@code z ← z − λ·g} from x₀ (a
 * copy of the parameters taken when they are initialised, and again when weights are written
 * before the first update), which is x₀ − s in exact arithmetic (the code recomputes it from x₀
 * and s; the values differ by rounding only) and stays right when the coordinates change between
 * steps.
 *
 * <p><b>‖g₀‖ = 0</b> (the code divides by zero): a step whose first gradient is all zero changes
 * nothing and does not count, exactly as the code's "no update" branch 5, so the first nonzero
 * gradient becomes g₀.
 *
 * <p>Schedule: γ_k = learning_rate × factor is the code's {@code lr} everywhere, as when a PyTorch scheduler sets it.
 *
 * <p><b>In scaled coordinates</b> ({@link PsDaSgd}, Suh &amp; Seo, arXiv:2401.03240, Algorithm 2)
 * the norms and inner products use g' = g ⊘ α, s accumulates λ·g', and z moves by λ·g ⊘ α². This
 * is the provisional form H1 of ALGORITHMS.md §3.3, <b>not the paper's verified algorithm</b>:
 * ‖g₀'‖ is frozen at step 0 ("scale g₀ by α₀ instead of α_k"), and from the second step on d, s
 * and num are shrunk by the maximum scale ratio r = min(1, maxᵢ αₖ,ᵢ/αₖ₋₁,ᵢ) (d ← r·d, s ← r·s,
 * num ← r²·num). One change to H1: d₀ is measured in the parameters' own units,
 * d ← d₀·‖g₀'‖/‖g₀ ⊘ α₀²‖ at step 0, so that the first step moves x by (1 − μ)·d₀·γ as in D-Adapt
 * SGD. Without it H1 is not invariant to α → c·α (d₀ would be a fixed length of the scaled space
 * and every step would scale as 1/c); with it the update is exactly invariant.
 *
 * <p>Reports {@code "lr"} (λ) and {@code "d"} (the d of this step).
 */
public final class DAdaptSgd implements ScaledRule {
  /** Per-parameter s, the λ-weighted sum of (scaled) gradients. */
  public static final String S = "s";
  /** Per-parameter z, the dual-averaging iterate. */
  public static final String Z = "z";
  /** The distance estimate d. */
  public static final String D = "dadapt/d";
  /** The weighted numerator Σ λ_i⟨g_i, s_i⟩. */
  public static final String NUMERATOR = "dadapt/numerator";
  /** The first gradient's norm ‖g₀‖. */
  public static final String G0_NORM = "dadapt/g0_norm";
  /** Updates applied, k (float). */
  public static final String K = "dadapt/k";

  private final double learningRate;
  private final double momentum;
  private final double d0;
  private final double growthRate;

  private DAdaptSgd(Builder b) {
    this.learningRate = Checks.positive("dadapt-sgd", "learning rate", b.learningRate);
    this.momentum = Checks.unitInterval("dadapt-sgd", "momentum", b.momentum);
    this.d0 = Checks.positive("dadapt-sgd", "d0", b.d0);
    if (!(b.growthRate >= 1)) {
      throw new IllegalArgumentException("dadapt-sgd: growth rate must be >= 1 (infinity for no limit), got "
          + b.growthRate);
    }
    this.growthRate = b.growthRate;
  }

  /** The code's defaults: γ = 1, μ = 0, d₀ = 1e-6, no growth limit. */
  public static Builder builder() {
    return new Builder();
  }

  /** D-Adapt SGD as an optimizer, in the parameters' own coordinates. */
  public ParameterScaled optimizer() {
    return ParameterScaled.unscaled("dadapt-sgd", this);
  }

  @Override
  public String name() {
    return "dadapt-sgd";
  }

  public double learningRate() {
    return learningRate;
  }

  public double momentum() {
    return momentum;
  }

  public double d0() {
    return d0;
  }

  public double growthRate() {
    return growthRate;
  }

  @Override
  public Map<Param, Operand<TFloating>> step(StepContext ctx, ScaledSpace space, Updates updates) {
    Ops tf = ctx.tf();
    Hyper learningRateHyper = ctx.hyper(DirectionOptimizer.LEARNING_RATE, learningRate);
    // γ_k: the code's lr as a scheduler leaves it, the hyperparameter times the schedule's factor.
    Operand<TFloating> gamma = tf.math.mul(learningRateHyper.value(), ctx.learningRateFactor());
    Slot k = ctx.state(K, Shape.scalar(), VariableInit.fill(0));
    Slot d = ctx.state(D, Shape.scalar(), VariableInit.fill(d0));
    Slot numerator = ctx.state(NUMERATOR, Shape.scalar(), VariableInit.fill(0));
    Slot g0Norm = ctx.state(G0_NORM, Shape.scalar(), VariableInit.fill(0));
    Operand<TFloating> zero = ctx.constant(0);
    Operand<TBool> first = tf.math.equal(k.value(), zero);

    // 1. ‖g₀‖ at k = 0, from the space in that step only: later steps skip its reductions. The code
    // stores it before its "no update" branch, so this write is not gated.
    ScaledSpace firstStep = space.onlyWhen(first);
    Operand<TFloating> firstNorm = tf.math.sqrt(firstStep.squaredNorm());
    Operand<TFloating> g0 = Conditional.orElse(tf, first, firstNorm, g0Norm.value());
    updates.set(g0Norm, g0);

    Operand<TFloating> dk = d.value();
    if (!space.isIdentity()) {
      // d₀ in the parameters' own units: the first step moves x by (1 − μ)·d₀·γ.
      // While g₀ = 0 (nothing is applied) the unit is 1, so that no 0/0 reaches d or the reports.
      Operand<TFloating> descentNorm = tf.math.sqrt(firstStep.descentSquaredNorm());
      Operand<TBool> defined = tf.math.greater(descentNorm, zero);
      Operand<TFloating> unit = tf.select(defined,
          tf.math.div(firstNorm, tf.select(defined, descentNorm, ctx.constant(1))), ctx.constant(1));
      dk = Conditional.orElse(tf, first, tf.math.mul(ctx.constant(d0), unit), dk);
    }
    Operand<TFloating> num = numerator.value();
    Optional<Operand<TFloating>> ratio = space.shrinkRatio();
    // r < 1 only in the steps where every scale shrank; s is rescaled in those steps only.
    Operand<TBool> shrinking = null;
    if (ratio.isPresent()) {
      Operand<TFloating> r = ratio.get();
      dk = tf.math.mul(r, dk);
      num = tf.math.mul(tf.math.square(r), num);
      shrinking = tf.math.less(r, ctx.constant(1));
    }

    // 2. λ; 0 while ‖g₀‖ = 0, so that such a step changes nothing (branch 5).
    Operand<TBool> started = tf.math.greater(g0, zero);
    Operand<TFloating> safeG0 = tf.select(started, g0, ctx.constant(1));
    Operand<TFloating> lambda = tf.select(started, tf.math.div(tf.math.mul(dk, gamma), safeG0), zero);

    // 3. num and s, over every variable.
    Map<Param, Operand<TFloating>> scaledSteps = new LinkedHashMap<>();
    List<Operand<TFloating>> products = new ArrayList<>();
    List<Operand<TFloating>> squares = new ArrayList<>();
    for (Param p : ctx.params()) {
      Slot s = ctx.slot(p, S, VariableInit.fill(0));
      Operand<TFloating> sOld = s.value();
      if (shrinking != null) {
        Operand<TFloating> shrunk = tf.math.mul(Conditional.onlyWhen(tf, shrinking, ratio.get()),
            Conditional.onlyWhen(tf, shrinking, s.value()));
        sOld = Conditional.orElse(tf, shrinking, shrunk, s.value());
      }
      Operand<TFloating> gp = space.gradient(p);
      products.add(GraphMath.dot(tf, gp, sOld));
      Operand<TFloating> scaledStep = tf.math.mul(lambda, gp);
      Operand<TFloating> sNew = tf.math.add(sOld, scaledStep);
      squares.add(GraphMath.squaredNorm(tf, sNew));
      // The code updates s in place before its "no update" branch: not gated.
      updates.set(s, sNew);
      scaledSteps.put(p, scaledStep);
    }
    Operand<TFloating> numNew = tf.math.add(num, tf.math.mul(lambda, GraphMath.total(tf, products)));
    Operand<TFloating> skSquared = GraphMath.total(tf, squares);
    Operand<TBool> applied = tf.math.greater(skSquared, zero);

    // 4. d̂ and d, only while γ_k > 0.
    Operand<TFloating> dHat = tf.math.div(tf.math.mul(ctx.constant(2), numNew), tf.math.sqrt(skSquared));
    Operand<TFloating> grown = tf.math.maximum(dk, tf.math.minimum(dHat, tf.math.mul(dk, ctx.constant(growthRate))));
    Operand<TFloating> dNew = tf.select(tf.math.greater(gamma, zero), grown, dk);

    // 5. Nothing below changes unless ‖s‖ > 0.
    updates.set(numerator, tf.select(applied, numNew, numerator.value()));
    updates.set(d, tf.select(applied, dNew, d.value()));
    updates.set(k, tf.select(applied, tf.math.add(k.value(), ctx.constant(1)), k.value()));

    // 6. z and x. With momentum, "no update" is μ = 1: x ← 1·x + 0·z is exactly x.
    Operand<TFloating> mu = tf.select(applied, ctx.constant(momentum), ctx.constant(1));
    Operand<TFloating> oneMinusMu = tf.select(applied, ctx.constant(1 - momentum), zero);
    Map<Param, Operand<TFloating>> next = new LinkedHashMap<>();
    for (Param p : ctx.params()) {
      StepVariable x = ctx.variable(p);
      Slot z = ctx.slot(p, Z, VariableInit.copyOf(p.variable()));
      Operand<TFloating> step = space.isIdentity() ? scaledSteps.get(p) : tf.math.mul(lambda, space.descent(p));
      Operand<TFloating> zNew = tf.math.sub(z.value(), step);
      updates.set(z, zNew);
      next.put(p, momentum == 0 ? Conditional.choose(tf, applied, zNew, x.value())
          : tf.math.add(tf.math.mul(mu, x.value()), tf.math.mul(oneMinusMu, zNew)));
    }
    ctx.report("lr", lambda);
    ctx.report("d", dk);
    return next;
  }

  @Override
  public String toString() {
    return "DAdaptSgd(lr=" + learningRate + ", momentum=" + momentum + ", d0=" + d0 + ", growth rate=" + growthRate
        + ")";
  }

  /** Settings by name; unset ones keep the code's defaults. */
  public static final class Builder {
    private double learningRate = 1;
    private double momentum = 0;
    private double d0 = 1e-6;
    private double growthRate = Double.POSITIVE_INFINITY;

    private Builder() {}

    /** γ, the multiplier of the adapted rate (leave at 1 unless unstable). */
    public Builder learningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    /** μ of x ← μ·x + (1 − μ)·z. */
    public Builder momentum(double momentum) {
      this.momentum = momentum;
      return this;
    }

    /** The initial distance estimate d₀. */
    public Builder d0(double d0) {
      this.d0 = d0;
      return this;
    }

    /** The largest factor by which d may grow per step. */
    public Builder growthRate(double growthRate) {
      this.growthRate = growthRate;
      return this;
    }

    public DAdaptSgd build() {
      return new DAdaptSgd(this);
    }
  }
}

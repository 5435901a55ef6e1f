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
import dev.stride.optimizers.Conditional;
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
 * D-Adapt Adam (Defazio &amp; Mishchenko, "Learning-Rate-Free Learning by D-Adaptation", ICML 2023)
 * as the authors' code computes it (ALGORITHMS.md §6.4): one global d, per-parameter Adam moments.
 * Two forms:
 *
 * <p><b>v3</b> (default; {@code dadaptation/dadapt_adam.py}, the form {@code pip install dadaptation}
 * gave from May 2023):
 * <pre>
 * bc = √(1 − β2^(k+1))/(1 − β1^(k+1)) with bias correction, else 1 ;  dlr = d·γ_k·bc
 * per variable:  num_acc += dlr·⟨g, s ⊘ (√v + ε)⟩      v and s before this step
 *                m ← β1·m + dlr·(1 − β1)·g ;  v ← β2·v + (1 − β2)·g² ;  s ← √β2·s + dlr·(1 − √β2)·g
 * if Σ‖s‖₁ = 0: no further update
 * num ← √β2·num + (1 − √β2)·num_acc
 * d̂ = num/((1 − √β2)·Σ‖s‖₁) ;  d ← max(d, min(d̂, d·growth))    only if γ_k &gt; 0
 * x ← x − m ⊘ (√v + ε) ;  k ← k + 1
 * </pre>
 *
 * <p><b>preprint</b> ({@code dadaptation/experimental/dadapt_adam_preprint.py}, the ICML paper's
 * algorithm):
 * <pre>
 * dlr = d·γ_k ;  m ← β1·m + dlr·(1 − β1)·g ;  v ← β2·v + (1 − β2)·g² ;  δ = √v + ε   (new v)
 * s ← β2·s + dlr·(1 − β2)·g ;  Σg²⊘δ, Σs²⊘δ and Σ‖s‖₁ over every variable
 * gsq ← β2·gsq + (1 − β2)·dlr²·Σg²⊘δ
 * d̂ = (Σs²⊘δ/(1 − β2) − gsq)/Σ‖s‖₁ ;  d ← max(d, min(d̂, d·growth)) ;  x ← x − m ⊘ δ
 * </pre>
 *
 * Defaults are the code's: γ = 1 (the "learning_rate" hyperparameter, which a schedule multiplies),
 * β = (0.9, 0.999), ε = 1e-8, d₀ = 1e-6, no growth limit, no bias correction. m, v and s are updated before
 * the "no update" check, as the code updates them in place; x, d, num and k are not. The preprint
 * code has no such check (it divides by Σ‖s‖₁ = 0); here it takes the v3 policy. Weight decay is
 * not built (the PS paper's runs use none). The code's per-group "lr = 0 freezes the group" has no
 * counterpart: γ_k is global, and γ_k = 0 stops new gradients from entering m and s (and, in v3,
 * d from growing), while x still moves by the decaying m, as in the code. Reports {@code "lr"}
 * (dlr) and {@code "d"}.
 *
 * <p>Schedule: γ_k = learning_rate × factor is the code's {@code lr} everywhere, as when a PyTorch scheduler sets it.
 */
public final class DAdaptAdam implements Optimizer {
  /** Which of the authors' algorithms. */
  public enum Form { V3, PREPRINT }

  /** Per-parameter s. */
  public static final String S = "s";
  /** Per-parameter first moment m (it carries the dlr factors). */
  public static final String FIRST_MOMENT = "m";
  /** Per-parameter second moment v. */
  public static final String SECOND_MOMENT = "v";
  /** The distance estimate d. */
  public static final String D = "dadapt_adam/d";
  /** v3: the weighted numerator. */
  public static final String NUMERATOR = "dadapt_adam/numerator";
  /** Preprint: the weighted Σg²⊘δ. */
  public static final String GSQ_WEIGHTED = "dadapt_adam/gsq_weighted";
  /** v3: updates applied, k (float). */
  public static final String K = "dadapt_adam/k";

  private final Form form;
  private final double learningRate;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double d0;
  private final double growthRate;
  private final boolean biasCorrection;

  private DAdaptAdam(Builder b) {
    this.form = b.form;
    this.learningRate = Checks.positive("dadapt-adam", "learning rate", b.learningRate);
    this.beta1 = Checks.unitInterval("dadapt-adam", "beta1", b.beta1);
    this.beta2 = Checks.unitInterval("dadapt-adam", "beta2", b.beta2);
    this.epsilon = Checks.positive("dadapt-adam", "epsilon", b.epsilon);
    this.d0 = Checks.positive("dadapt-adam", "d0", b.d0);
    if (!(b.growthRate >= 1)) {
      throw new IllegalArgumentException("dadapt-adam: growth rate must be >= 1 (infinity for no limit), got "
          + b.growthRate);
    }
    this.growthRate = b.growthRate;
    if (b.biasCorrection && b.form == Form.PREPRINT) {
      throw new IllegalArgumentException("dadapt-adam: bias correction exists in the v3 form only, got form "
          + b.form);
    }
    this.biasCorrection = b.biasCorrection;
  }

  /** The code's defaults, v3 form. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "dadapt-adam";
  }

  public Form form() {
    return form;
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

  public double epsilon() {
    return epsilon;
  }

  public double d0() {
    return d0;
  }

  public double growthRate() {
    return growthRate;
  }

  public boolean biasCorrection() {
    return biasCorrection;
  }

  @Override
  public Op build(StepContext ctx) {
    Hyper learningRateHyper = ctx.hyper(DirectionOptimizer.LEARNING_RATE, learningRate);
    // γ_k: the code's lr as a scheduler leaves it, the hyperparameter times the schedule's factor.
    Operand<TFloating> gamma = ctx.tf().math.mul(learningRateHyper.value(), ctx.learningRateFactor());
    Slot d = ctx.state(D, Shape.scalar(), VariableInit.fill(d0));
    Updates updates = new Updates();
    if (form == Form.V3) {
      buildV3(ctx, gamma, d, updates);
    } else {
      buildPreprint(ctx, gamma, d, updates);
    }
    return ctx.apply(updates);
  }

  private void buildV3(StepContext ctx, Operand<TFloating> gamma, Slot d, Updates updates) {
    Ops tf = ctx.tf();
    Slot k = ctx.state(K, Shape.scalar(), VariableInit.fill(0));
    Slot numerator = ctx.state(NUMERATOR, Shape.scalar(), VariableInit.fill(0));
    double sqrtBeta2 = Math.sqrt(beta2);
    Operand<TFloating> dlr = tf.math.mul(d.value(), gamma);
    if (biasCorrection) {
      Operand<TFloating> k1 = tf.math.add(k.value(), ctx.constant(1));
      dlr = tf.math.mul(dlr, tf.math.div(
          tf.math.sqrt(tf.math.sub(ctx.constant(1), tf.math.pow(ctx.constant(beta2), k1))),
          tf.math.sub(ctx.constant(1), tf.math.pow(ctx.constant(beta1), k1))));
    }
    List<Operand<TFloating>> products = new ArrayList<>();
    List<Operand<TFloating>> l1 = new ArrayList<>();
    Map<Param, Operand<TFloating>> steps = new LinkedHashMap<>();
    for (Param p : ctx.params()) {
      Operand<TFloating> g = ctx.gradient(p);
      Slot s = ctx.slot(p, S, VariableInit.fill(0));
      Slot m = ctx.slot(p, FIRST_MOMENT, VariableInit.fill(0));
      Slot v = ctx.slot(p, SECOND_MOMENT, VariableInit.fill(0));
      Operand<TFloating> denomOld = tf.math.add(tf.math.sqrt(v.value()), ctx.constant(epsilon));
      products.add(GraphMath.dot(tf, g, tf.math.div(s.value(), denomOld)));
      Operand<TFloating> mNew = tf.math.add(tf.math.mul(ctx.constant(beta1), m.value()),
          tf.math.mul(tf.math.mul(dlr, ctx.constant(1 - beta1)), g));
      Operand<TFloating> vNew = tf.math.add(tf.math.mul(ctx.constant(beta2), v.value()),
          tf.math.mul(ctx.constant(1 - beta2), tf.math.square(g)));
      Operand<TFloating> sNew = tf.math.add(tf.math.mul(ctx.constant(sqrtBeta2), s.value()),
          tf.math.mul(tf.math.mul(dlr, ctx.constant(1 - sqrtBeta2)), g));
      l1.add(GraphMath.sum(tf, tf.math.abs(sNew)));
      updates.set(m, mNew).set(v, vNew).set(s, sNew);
      steps.put(p, tf.math.div(mNew, tf.math.add(tf.math.sqrt(vNew), ctx.constant(epsilon))));
    }
    Operand<TFloating> skL1 = GraphMath.total(tf, l1);
    Operand<TBool> applied = tf.math.greater(skL1, ctx.constant(0));
    Operand<TFloating> numNew = tf.math.add(tf.math.mul(ctx.constant(sqrtBeta2), numerator.value()),
        tf.math.mul(ctx.constant(1 - sqrtBeta2), tf.math.mul(dlr, GraphMath.total(tf, products))));
    Operand<TFloating> dHat = tf.math.div(numNew, tf.math.mul(ctx.constant(1 - sqrtBeta2), skL1));
    Operand<TFloating> dNew = tf.select(tf.math.greater(gamma, ctx.constant(0)), grown(ctx, d.value(), dHat),
        d.value());
    updates.set(numerator, tf.select(applied, numNew, numerator.value()));
    updates.set(d, tf.select(applied, dNew, d.value()));
    updates.set(k, tf.select(applied, tf.math.add(k.value(), ctx.constant(1)), k.value()));
    for (Param p : ctx.params()) {
      StepVariable x = ctx.variable(p);
      updates.set(x, Conditional.choose(tf, applied, tf.math.sub(x.value(), steps.get(p)), x.value()));
    }
    ctx.report("lr", dlr);
    ctx.report("d", d.value());
  }

  private void buildPreprint(StepContext ctx, Operand<TFloating> gamma, Slot d, Updates updates) {
    Ops tf = ctx.tf();
    Slot gsqWeighted = ctx.state(GSQ_WEIGHTED, Shape.scalar(), VariableInit.fill(0));
    Operand<TFloating> dlr = tf.math.mul(d.value(), gamma);
    List<Operand<TFloating>> gSquared = new ArrayList<>();
    List<Operand<TFloating>> sSquared = new ArrayList<>();
    List<Operand<TFloating>> l1 = new ArrayList<>();
    Map<Param, Operand<TFloating>> steps = new LinkedHashMap<>();
    for (Param p : ctx.params()) {
      Operand<TFloating> g = ctx.gradient(p);
      Slot s = ctx.slot(p, S, VariableInit.fill(0));
      Slot m = ctx.slot(p, FIRST_MOMENT, VariableInit.fill(0));
      Slot v = ctx.slot(p, SECOND_MOMENT, VariableInit.fill(0));
      Operand<TFloating> mNew = tf.math.add(tf.math.mul(ctx.constant(beta1), m.value()),
          tf.math.mul(tf.math.mul(dlr, ctx.constant(1 - beta1)), g));
      Operand<TFloating> vNew = tf.math.add(tf.math.mul(ctx.constant(beta2), v.value()),
          tf.math.mul(ctx.constant(1 - beta2), tf.math.square(g)));
      Operand<TFloating> denom = tf.math.add(tf.math.sqrt(vNew), ctx.constant(epsilon));
      gSquared.add(GraphMath.sum(tf, tf.math.div(tf.math.square(g), denom)));
      Operand<TFloating> sNew = tf.math.add(tf.math.mul(ctx.constant(beta2), s.value()),
          tf.math.mul(tf.math.mul(dlr, ctx.constant(1 - beta2)), g));
      sSquared.add(GraphMath.sum(tf, tf.math.div(tf.math.square(sNew), denom)));
      l1.add(GraphMath.sum(tf, tf.math.abs(sNew)));
      updates.set(m, mNew).set(v, vNew).set(s, sNew);
      steps.put(p, tf.math.div(mNew, denom));
    }
    Operand<TFloating> skL1 = GraphMath.total(tf, l1);
    Operand<TBool> applied = tf.math.greater(skL1, ctx.constant(0));
    Operand<TFloating> gsqNew = tf.math.add(tf.math.mul(ctx.constant(beta2), gsqWeighted.value()),
        tf.math.mul(tf.math.mul(GraphMath.total(tf, gSquared), tf.math.square(dlr)), ctx.constant(1 - beta2)));
    Operand<TFloating> dHat = tf.math.div(tf.math.sub(
        tf.math.div(GraphMath.total(tf, sSquared), ctx.constant(1 - beta2)), gsqNew), skL1);
    updates.set(gsqWeighted, tf.select(applied, gsqNew, gsqWeighted.value()));
    updates.set(d, tf.select(applied, grown(ctx, d.value(), dHat), d.value()));
    for (Param p : ctx.params()) {
      StepVariable x = ctx.variable(p);
      updates.set(x, Conditional.choose(tf, applied, tf.math.sub(x.value(), steps.get(p)), x.value()));
    }
    ctx.report("lr", dlr);
    ctx.report("d", d.value());
  }

  /** max(d, min(d̂, d·growth)). */
  private Operand<TFloating> grown(StepContext ctx, Operand<TFloating> d, Operand<TFloating> dHat) {
    Ops tf = ctx.tf();
    return tf.math.maximum(d, tf.math.minimum(dHat, tf.math.mul(d, ctx.constant(growthRate))));
  }

  @Override
  public String toString() {
    return "DAdaptAdam(" + form + ", lr=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon="
        + epsilon + ", d0=" + d0 + ", growth rate=" + growthRate + (biasCorrection ? ", bias correction" : "") + ")";
  }

  /** Settings by name; unset ones keep the code's defaults. */
  public static final class Builder {
    private Form form = Form.V3;
    private double learningRate = 1;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-8;
    private double d0 = 1e-6;
    private double growthRate = Double.POSITIVE_INFINITY;
    private boolean biasCorrection;

    private Builder() {}

    public Builder form(Form form) {
      this.form = java.util.Objects.requireNonNull(form, "form");
      return this;
    }

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

    public Builder epsilon(double epsilon) {
      this.epsilon = epsilon;
      return this;
    }

    public Builder d0(double d0) {
      this.d0 = d0;
      return this;
    }

    public Builder growthRate(double growthRate) {
      this.growthRate = growthRate;
      return this;
    }

    /** v3's {@code use_bias_correction}. */
    public Builder biasCorrection(boolean biasCorrection) {
      this.biasCorrection = biasCorrection;
      return this;
    }

    public DAdaptAdam build() {
      return new DAdaptAdam(this);
    }
  }
}

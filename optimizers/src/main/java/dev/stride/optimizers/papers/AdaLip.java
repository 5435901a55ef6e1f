package dev.stride.optimizers.papers;

import dev.stride.bridge.Param;
import dev.stride.bridge.VariableInit;
import dev.stride.bridge.optim.Slot;
import dev.stride.bridge.optim.StepContext;
import dev.stride.bridge.optim.StepVariable;
import dev.stride.bridge.optim.Updates;
import dev.stride.optimizers.Checks;
import dev.stride.optimizers.RuledOptimizer;
import dev.stride.optimizers.core.Sgd;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * AdaLip over SGD (Ioannou, Tagaris &amp; Stafylopatis, "AdaLip: An Adaptive Learning Rate Method
 * per Layer for Stochastic Optimization", Neural Processing Letters 2023, §3.3 Eqs. 6–9; AdaLip-U:
 * Appendix C; ALGORITHMS.md §1.1 and §1.4, from the authors' {@code AdaLip} and {@code AdaLip_U}):
 * the {@link Lipschitz} rate A per layer, stepped along the gradient with optional momentum μ.
 *
 * <pre>
 * t = step + 1
 * 1. r = ‖p‖ / (‖g − p‖ + c);   S ← γ·S + (1 − γ)·r        -U: p and g replaced by the updates
 * 2. A = α if t &lt; 2, else α·S                                  u_prev = b and u = μ·b + α·g
 * 3. b ← μ·b + γ_k·A·g                                          γ_k: the schedule's factor
 * 4. θ ← θ − b
 * 5. p ← g                                                      -U: p ← μ·b + A·g (b if γ_k = 1)
 * </pre>
 *
 * The code keeps m = −b ({@code m ← μ·m − A·g}, {@code V ← V + m}): the TF1 form, with the rate
 * inside the buffer, so a changing A weighs each gradient by the rate of its own step. With μ = 0
 * (the default, and the paper's experiments) there is no buffer and A·g is the whole step. Defaults
 * are the code's: α 0.01, γ 0.8, c 1e-8, μ 0.
 *
 * <p>Schedule: γ_k scales A inside the buffer, where TF1 keeps the rate; S and p see A, as in {@link RuledOptimizer}.
 */
public final class AdaLip extends RuledOptimizer {
  /** The momentum buffer {@code b} (μ &gt; 0 only). */
  public static final String MOMENTUM = "lipschitz_momentum";

  private final double momentum;

  /** The code's defaults. */
  public AdaLip() {
    this(builder());
  }

  /** The code's defaults with another base rate α. */
  public AdaLip(double learningRate) {
    this(builder().learningRate(learningRate));
  }

  private AdaLip(Builder b) {
    super(b.name("adalip"), b.rule(b.name("adalip")), new Sgd(b.learningRate()));
    this.momentum = Checks.unitInterval(name(), "momentum", b.momentum);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The rate rule. */
  public Lipschitz lipschitz() {
    return (Lipschitz) rule();
  }

  public double momentum() {
    return momentum;
  }

  @Override
  public Op build(StepContext ctx) {
    if (momentum == 0) {
      return super.build(ctx);
    }
    Ops tf = ctx.tf();
    Operand<TFloating> factor = ctx.learningRateFactor();
    Updates updates = new Updates();
    Map<Param, Operand<TFloating>> gradients = new LinkedHashMap<>();
    Map<Param, Operand<TFloating>> carried = new LinkedHashMap<>();
    Map<Param, Slot> buffers = new LinkedHashMap<>();
    for (Param p : ctx.params()) {
      Slot b = ctx.slot(p, MOMENTUM, VariableInit.fill(0));
      buffers.put(p, b);
      gradients.put(p, direction().direction(ctx, p, ctx.gradient(p), updates));
      carried.put(p, tf.math.mul(ctx.constant(momentum), b.value()));
    }
    Map<Param, Operand<TFloating>> rates = lipschitz().stepSizes(scaledRates(ctx, factor), gradients, carried,
        updates);
    for (Param p : ctx.params()) {
      Operand<TFloating> step = tf.math.add(tf.math.mul(tf.math.mul(factor, rates.get(p)), gradients.get(p)),
          carried.get(p));
      StepVariable theta = ctx.variable(p);
      updates.set(buffers.get(p), step);
      updates.set(theta, tf.math.sub(theta.value(), step));
    }
    return ctx.apply(updates);
  }

  @Override
  public String toString() {
    return name() + "(" + lipschitz() + (momentum == 0 ? "" : ", momentum=" + momentum) + ")";
  }

  /** Settings by name; unset ones keep the code's defaults. */
  public static final class Builder extends LipschitzSettings<Builder> {
    private double momentum;

    private Builder() {
      super(0.01);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** μ of the TF1 momentum buffer (the rate inside it); 0 for none. */
    public Builder momentum(double momentum) {
      this.momentum = momentum;
      return this;
    }

    @Override
    public AdaLip build() {
      return new AdaLip(this);
    }
  }
}

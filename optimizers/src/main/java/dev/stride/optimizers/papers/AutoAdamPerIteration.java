package dev.stride.optimizers.papers;

import dev.stride.bridge.Param;
import dev.stride.bridge.VariableInit;
import dev.stride.bridge.optim.Optimizer;
import dev.stride.bridge.optim.Slot;
import dev.stride.bridge.optim.StepContext;
import dev.stride.bridge.optim.StepVariable;
import dev.stride.bridge.optim.Updates;
import dev.stride.optimizers.Checks;
import dev.stride.optimizers.DirectionOptimizer;
import dev.stride.optimizers.Guards;
import dev.stride.optimizers.Moments;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Auto-Adam in the per-iteration form of the paper's Algorithm 3 (Yedida &amp; Saha, "LipschitzLR",
 * §6.3; ALGORITHMS.md §2.5). The authors' code runs it per epoch ({@link AutoAdam}); here the
 * paper's "max‖∇L‖" and "max‖(∇L)²‖" are the closed-form bounds of each step's batch:
 *
 * <pre>
 * 1. L_t = c·‖A_t‖_F + λ·Wmax_t;   Q_t = c²·‖A_t‖_F² + 2λ·c·‖A_t‖_F·Wmax_t     c = (k−1)/(k·m)
 * 2. V ← β1·V + (1 − β1)·g;        S ← β2·S + (1 − β2)·g²
 * 3. K1 ← β1·K1 + (1 − β1)·L_t;    K2 ← β2·K2 + (1 − β2)·Q_t                   all start at 0
 * 4. θ ← θ − γ_k·(√K2 + ε)/K1 · V/√(S + ε)             no step while K1 = 0; γ_k: the schedule's factor
 * </pre>
 *
 * Q_t is §6.3's estimate with the λ²·Wmax² term removed, as the paper does. §6.4's bias
 * correction divides V and K1 by the same 1 − β1^t and S and K2 by the same 1 − β2^t, so it
 * cancels in the step except through ε, and is left out. The rate γ_k·(√K2 + ε)/K1 is reported as
 * {@code "lr"}, L_t as {@value LipschitzSchedule#LIPSCHITZ}. Defaults β1 = 0.9, β2 = 0.999, ε = 1e-7.
 *
 * <p>Schedule: γ_k scales the rate (√K2 + ε)/K1 taken and reported, like a learning rate; K1, K2 and L_t are unscaled.
 */
public final class AutoAdamPerIteration implements Optimizer {
  /** The running bound K1. */
  public static final String K1 = "auto-adam/K1";
  /** The running squared bound K2. */
  public static final String K2 = "auto-adam/K2";
  /** The gradient average {@code V}. */
  public static final String VELOCITY = "velocity";
  /** The squared-gradient average {@code S}. */
  public static final String MEAN_SQUARE = "mean_square";

  private final LossBound bound;
  private final double lambda;
  private final double beta1;
  private final double beta2;
  private final double epsilon;

  /** 10 classes, no λ, β1 = 0.9, β2 = 0.999, ε = 1e-7. */
  public AutoAdamPerIteration() {
    this(LossBound.softmaxCrossEntropy(10), 0, 0.9, 0.999, 1e-7);
  }

  public AutoAdamPerIteration(LossBound bound, double lambda, double beta1, double beta2, double epsilon) {
    this.bound = Objects.requireNonNull(bound, "bound");
    this.lambda = Checks.nonNegative(name(), "lambda", lambda);
    this.beta1 = Checks.unitInterval(name(), "beta1", beta1);
    this.beta2 = Checks.unitInterval(name(), "beta2", beta2);
    this.epsilon = Checks.positive(name(), "epsilon", epsilon);
  }

  @Override
  public String name() {
    return "auto-adam-iteration";
  }

  @Override
  public Op build(StepContext ctx) {
    Ops tf = ctx.tf();
    NetworkTerms.Bounds bounds = new NetworkTerms(ctx).perIterationBounds(bound, lambda);
    Operand<TFloating> l = bounds.lipschitz();
    Slot k1 = ctx.state(K1, Shape.scalar(), VariableInit.fill(0));
    Slot k2 = ctx.state(K2, Shape.scalar(), VariableInit.fill(0));
    Operand<TFloating> k1New = Moments.ema(ctx, beta1, k1.value(), l);
    Operand<TFloating> k2New = Moments.ema(ctx, beta2, k2.value(), bounds.squared());
    Operand<TFloating> lr = tf.math.mul(
        tf.math.divNoNan(tf.math.add(tf.math.sqrt(k2New), ctx.constant(epsilon)), k1New), ctx.learningRateFactor());
    Updates updates = new Updates().set(k1, k1New).set(k2, k2New);
    for (Param p : ctx.params()) {
      StepVariable theta = ctx.variable(p);
      Operand<TFloating> g = ctx.gradient(p);
      Slot v = ctx.slot(p, VELOCITY, VariableInit.fill(0));
      Slot s = ctx.slot(p, MEAN_SQUARE, VariableInit.fill(0));
      Operand<TFloating> vNew = Moments.ema(ctx, beta1, v.value(), g);
      Operand<TFloating> sNew = Moments.ema(ctx, beta2, s.value(), tf.math.square(g));
      updates.set(v, vNew).set(s, sNew);
      Operand<TFloating> d = tf.math.div(vNew, Guards.rootWithEpsilon(ctx, sNew, epsilon));
      updates.set(theta, tf.math.sub(theta.value(), tf.math.mul(lr, d)));
    }
    ctx.report(DirectionOptimizer.LR_REPORT, lr);
    ctx.report(LipschitzSchedule.LIPSCHITZ, l);
    return ctx.apply(updates);
  }

  public LossBound bound() {
    return bound;
  }

  public double lambda() {
    return lambda;
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
    return name() + "(" + bound.name() + ", lambda=" + lambda + ", beta1=" + beta1 + ", beta2=" + beta2
        + ", epsilon=" + epsilon + ")";
  }
}

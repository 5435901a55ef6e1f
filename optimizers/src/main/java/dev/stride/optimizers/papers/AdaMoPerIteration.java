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
import dev.stride.optimizers.Moments;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * AdaMo in the per-iteration form of the paper's Algorithm 1 (Yedida &amp; Saha, "LipschitzLR";
 * ALGORITHMS.md §2.3). The authors' code runs AdaMo per epoch ({@link AdaMo}); the paper's
 * "max‖∇_W L‖" has no implementation there, so it is taken here as the closed-form bound of each
 * step's batch, the same bound the per-epoch form maximises over an epoch:
 *
 * <pre>
 * 1. L_t = (k−1)/(k·m)·‖A_t‖_F + λ·max_W ‖W_t‖_F      A_t = the batch's penultimate activations
 * 2. V ← β·V + (1 − β)·g
 * 3. K ← β·K + (1 − β)·L_t                             K = 0 initially
 * 4. θ ← θ − γ_k·V/K                                   no step while K = 0; γ_k: the schedule's factor
 * </pre>
 *
 * V and K start at 0 without bias correction, as in the paper; their ratio needs none, since both
 * lack the same factor 1 − β^t. While K = 0 (an all-zero penultimate layer with λ = 0) the step is 0
 * rather than 0/0. The rate γ_k/K is reported as {@code "lr"}, L_t as {@value LipschitzSchedule#LIPSCHITZ}.
 *
 * <p>Schedule: γ_k scales the rate 1/K taken and reported, like a learning rate; K and L_t are unscaled.
 */
public final class AdaMoPerIteration implements Optimizer {
  /** The running bound K. */
  public static final String K = "adamo/K";

  private final LossBound bound;
  private final double lambda;
  private final double beta;

  /** 10 classes, no λ, β = 0.9. */
  public AdaMoPerIteration() {
    this(LossBound.softmaxCrossEntropy(10), 0, 0.9);
  }

  public AdaMoPerIteration(LossBound bound, double lambda, double beta) {
    this.bound = Objects.requireNonNull(bound, "bound");
    this.lambda = Checks.nonNegative(name(), "lambda", lambda);
    this.beta = Checks.unitInterval(name(), "beta", beta);
  }

  @Override
  public String name() {
    return "adamo-iteration";
  }

  @Override
  public Op build(StepContext ctx) {
    Ops tf = ctx.tf();
    Operand<TFloating> l = new NetworkTerms(ctx).perIterationBounds(bound, lambda).lipschitz();
    Slot k = ctx.state(K, Shape.scalar(), VariableInit.fill(0));
    Operand<TFloating> kNew = Moments.ema(ctx, beta, k.value(), l);
    Operand<TFloating> lr = tf.math.mul(tf.math.divNoNan(ctx.constant(1), kNew), ctx.learningRateFactor());
    Updates updates = new Updates().set(k, kNew);
    EmaDirection velocity = new EmaDirection(beta);
    for (Param p : ctx.params()) {
      StepVariable theta = ctx.variable(p);
      Operand<TFloating> v = velocity.direction(ctx, p, ctx.gradient(p), updates);
      updates.set(theta, tf.math.sub(theta.value(), tf.math.mul(lr, v)));
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

  public double beta() {
    return beta;
  }

  @Override
  public String toString() {
    return name() + "(" + bound.name() + ", lambda=" + lambda + ", beta=" + beta + ")";
  }
}

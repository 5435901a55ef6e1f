package dev.stride.optimizers.papers;

import dev.stride.bridge.Param;
import dev.stride.bridge.VariableInit;
import dev.stride.bridge.optim.Optimizer;
import dev.stride.bridge.optim.Slot;
import dev.stride.bridge.optim.StepContext;
import dev.stride.bridge.optim.StepVariable;
import dev.stride.bridge.optim.Updates;
import dev.stride.optimizers.Checks;
import dev.stride.optimizers.GraphMath;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.family.TFloating;

/**
 * COCOB-Backprop (Orabona &amp; Tommasi, "Training Deep Networks without Learning Rates Through Coin
 * Betting", NeurIPS 2017, Algorithm 2) as the authors' code computes it ({@code bremen79/cocob} for
 * TensorFlow and {@code bremen79/parameterfree} {@code cocob.py}, identical in math; ALGORITHMS.md
 * §6.6). Per element, betting on each coordinate's displacement from x₁:
 *
 * <pre>
 * x₁ = x at the first step ;  L = ε, G = 0, θ = 0, R = 0 at the start
 * L ← max(L, |g|)                    the largest gradient seen
 * θ ← θ − g                          the sum of negative gradients
 * G ← G + |g|
 * R ← max(R − g ⊙ (x − x₁), 0)       the reward, with x before this step
 * x_c = x₁ + θ ⊙ (L + R) ⊘ (L ⊙ max(G + L, α·L))   COCOB's point
 * x ← x + γ_k·(x_c − x)              γ_k: the learning-rate schedule's factor (1: x ← x_c)
 * </pre>
 *
 * Defaults are the code's: α = 100, ε = 1e-8 (the initial L, which keeps the denominator at least
 * L² &gt; 0). x₁ is a copy of the parameters taken when they are initialised, and again when
 * weights are written before the first update. The first step is about −sign(g)/α: the deliberate
 * "α warm-up". There is no learning rate to multiply (scaling every gradient by a constant leaves
 * the update unchanged but for ε), so COCOB takes no "learning_rate" hyperparameter; nor weight
 * decay (the PS paper's runs use none).
 * Reports as {@code "lr"} the effective rate ‖Δx‖/‖g‖ over every variable (the SGD rate that moves
 * the parameters as far; 0 when the gradient is 0).
 *
 * <p>Schedule (ours, not the paper's): the move taken is γ_k·(x_c − x), so γ_k → 0 freezes x as a vanishing rate would.
 *
 * <p>COCOB has no rate a schedule could multiply, so where γ_k enters is Stride's choice. The
 * alternatives fail: scaling the gradients leaves the bet unchanged (see above), and scaling the bet
 * x_c − x₁ would pull x back to x₁ as γ_k → 0. Taking a fraction of the move keeps the betting
 * state honest: R accumulates −g·(x − x₁) at the point actually played, so the wealth COCOB bets
 * from is the wealth it won. x is computed as x_c − (1 − γ_k)·(x_c − x), which is x_c exactly when
 * γ_k = 1 (and x up to rounding when γ_k = 0).
 */
public final class Cocob implements Optimizer {
  /** Per-element L, the largest |g| so far. */
  public static final String SCALE = "l";
  /** Per-element G, the sum of |g|. */
  public static final String ABS_SUM = "abs_gradient_sum";
  /** Per-element θ, the sum of negative gradients. */
  public static final String NEGATIVE_SUM = "negative_gradient_sum";
  /** Per-element reward R. */
  public static final String REWARD = "reward";
  /** Per-element x₁, the parameters at the first step. */
  public static final String X1 = "x1";

  private final double alpha;
  private final double epsilon;

  /** The code's defaults: α = 100, ε = 1e-8. */
  public Cocob() {
    this(100, 1e-8);
  }

  /**
   * @param alpha the warm-up constant α (roughly the number of warm-up rounds)
   * @param epsilon the initial L
   */
  public Cocob(double alpha, double epsilon) {
    this.alpha = Checks.positive("cocob", "alpha", alpha);
    this.epsilon = Checks.positive("cocob", "epsilon", epsilon);
  }

  @Override
  public String name() {
    return "cocob";
  }

  public double alpha() {
    return alpha;
  }

  public double epsilon() {
    return epsilon;
  }

  @Override
  public Op build(StepContext ctx) {
    Ops tf = ctx.tf();
    // Without a schedule γ_k ≡ 1 and x ← x_c: the blend below would cost three passes for nothing.
    Operand<TFloating> lag = ctx.scheduled() ? tf.math.sub(ctx.constant(1), ctx.learningRateFactor()) : null;
    Updates updates = new Updates();
    List<Operand<TFloating>> moved = new ArrayList<>();
    List<Operand<TFloating>> gradients = new ArrayList<>();
    for (Param p : ctx.params()) {
      StepVariable x = ctx.variable(p);
      Operand<TFloating> g = ctx.gradient(p);
      Slot l = ctx.slot(p, SCALE, VariableInit.fill(epsilon));
      Slot absSum = ctx.slot(p, ABS_SUM, VariableInit.fill(0));
      Slot negativeSum = ctx.slot(p, NEGATIVE_SUM, VariableInit.fill(0));
      Slot reward = ctx.slot(p, REWARD, VariableInit.fill(0));
      Operand<TFloating> x1 = ctx.slot(p, X1, VariableInit.copyOf(p.variable())).value();
      Operand<TFloating> absG = tf.math.abs(g);
      Operand<TFloating> lNew = tf.math.maximum(l.value(), absG);
      Operand<TFloating> theta = tf.math.sub(negativeSum.value(), g);
      Operand<TFloating> gSum = tf.math.add(absSum.value(), absG);
      Operand<TFloating> rNew = tf.math.maximum(
          tf.math.sub(reward.value(), tf.math.mul(g, tf.math.sub(x.value(), x1))), ctx.constant(0));
      Operand<TFloating> denominator = tf.math.mul(
          tf.math.maximum(tf.math.add(gSum, lNew), tf.math.mul(lNew, ctx.constant(alpha))), lNew);
      Operand<TFloating> point = tf.math.add(tf.math.div(tf.math.mul(tf.math.add(rNew, lNew), theta), denominator), x1);
      // x + γ_k·(x_c − x), written so that γ_k = 1 gives COCOB's point bit for bit.
      Operand<TFloating> xNew = lag == null ? point
          : tf.math.sub(point, tf.math.mul(lag, tf.math.sub(point, x.value())));
      updates.set(l, lNew).set(negativeSum, theta).set(absSum, gSum).set(reward, rNew);
      updates.set(x, xNew);
      moved.add(GraphMath.squaredNorm(tf, tf.math.sub(xNew, x.value())));
      gradients.add(ctx.gradientSquaredNorm(p));
    }
    Operand<TFloating> gradientNorm = tf.math.sqrt(GraphMath.total(tf, gradients));
    Operand<TBool> moving = tf.math.greater(gradientNorm, ctx.constant(0));
    ctx.report("lr", tf.select(moving, tf.math.div(tf.math.sqrt(GraphMath.total(tf, moved)),
        tf.select(moving, gradientNorm, ctx.constant(1))), ctx.constant(0)));
    return ctx.apply(updates);
  }

  @Override
  public String toString() {
    return "Cocob(alpha=" + alpha + ", epsilon=" + epsilon + ")";
  }
}

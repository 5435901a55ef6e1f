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
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.family.TFloating;

/**
 * The DoG step size (Ivgi, Hinder, Carmon, "DoG is SGD's Best Friend: A Parameter-Free Dynamic Step
 * Size Schedule", ICML 2023) as the authors' {@code formll/dog} {@code dog.py} computes it
 * (ALGORITHMS.md §6.2), over a block: every variable at once ({@link Dog}) or each variable on its
 * own ({@link LDog}).
 *
 * <pre>
 * first step:  x₀ = x ;  r̄ = r_ε·(1 + ‖x₀‖) ;  G = ‖g‖² + ε
 * later:       r̄ ← max(r̄, ‖x − x₀‖) ;  G ← G + ‖g‖²     (x before this step's update)
 * η = γ·γ_k·r̄/√G ;  x ← x − η·g                     γ_k: the learning-rate schedule's factor
 * </pre>
 *
 * Defaults are the code's: r_ε = 1e-6 (its README suggests 1e-4 for models with BatchNorm), γ = 1
 * (the paper's c; the "learning_rate" hyperparameter, which a schedule multiplies), ε = 1e-8 added
 * once, inside G. A norm over several variables is the norm of the block flattened into one vector
 * (the code takes the norm of the per-variable norms: the same in exact arithmetic). x₀ is a copy
 * of the parameters taken when they are initialised, and again when weights are written before
 * the first update ({@code TrainingGraph.setWeights}): the parameters of the first step. Not built: weight decay
 * (the PS paper's runs use none) and {@code init_eta}.
 *
 * <p>Optional {@link IterateAverage polynomial iterate averaging} keeps an averaged copy of the
 * parameters for evaluation.
 *
 * <p>Schedule: γ_k multiplies the code's {@code lr}, as a PyTorch scheduler would; r̄, G and x₀ are unchanged.
 */
public abstract class DistanceOverGradients implements Optimizer {
  /** Per-parameter x₀, the parameters at the first step. */
  public static final String X0 = "x0";
  /** The block's r̄, the largest distance from x₀ so far. */
  public static final String RBAR = "rbar";
  /** The block's G, ε plus the sum of squared gradient norms so far. */
  public static final String G_SUM = "g_sum";

  private final double repsRel;
  private final double learningRate;
  private final double epsilon;
  private final IterateAverage average;

  DistanceOverGradients(double repsRel, double learningRate, double epsilon, IterateAverage average) {
    this.repsRel = Checks.positive(name(), "reps_rel", repsRel);
    this.learningRate = Checks.positive(name(), "learning rate", learningRate);
    this.epsilon = Checks.positive(name(), "epsilon", epsilon);
    this.average = average;
  }

  public double repsRel() {
    return repsRel;
  }

  public double learningRate() {
    return learningRate;
  }

  public double epsilon() {
    return epsilon;
  }

  /** The iterate averaging, if on. */
  public Optional<IterateAverage> average() {
    return Optional.ofNullable(average);
  }

  /** The blocks that share one step size: every parameter at once, or each on its own. */
  abstract List<List<Param>> blocks(StepContext ctx);

  /** A scalar state variable of {@code block} ("rbar", "g_sum"). */
  abstract Slot blockState(StepContext ctx, List<Param> block, String name, double initial);

  /** Reports {@code "lr"}, and per-block rates where there are several blocks. */
  abstract void reportRates(StepContext ctx, Map<List<Param>, Operand<TFloating>> eta, Operand<TFloating> stepLength,
      Operand<TFloating> gradientNorm);

  @Override
  public final Op build(StepContext ctx) {
    Ops tf = ctx.tf();
    Hyper gamma = ctx.hyper(DirectionOptimizer.LEARNING_RATE, learningRate);
    // The code's lr as a scheduler leaves it: the hyperparameter times the schedule's factor.
    Operand<TFloating> lr = tf.math.mul(gamma.value(), ctx.learningRateFactor());
    Operand<TBool> first = tf.math.equal(ctx.step(), tf.constant(0L));
    Updates updates = new Updates();
    Map<Param, Operand<TFloating>> xSquared = new LinkedHashMap<>();
    Map<Param, Operand<TFloating>> distanceSquared = new LinkedHashMap<>();
    Map<Param, Operand<TFloating>> gradSquared = new LinkedHashMap<>();
    for (Param p : ctx.params()) {
      StepVariable x = ctx.variable(p);
      Slot x0 = ctx.slot(p, X0, VariableInit.copyOf(p.variable()));
      // ‖x‖ enters the first step only: later steps skip its pass over every parameter.
      xSquared.put(p, GraphMath.squaredNorm(tf, Conditional.onlyWhen(tf, first, x.value())));
      distanceSquared.put(p, GraphMath.squaredNorm(tf, tf.math.sub(x.value(), x0.value())));
      gradSquared.put(p, ctx.gradientSquaredNorm(p));
    }

    Map<List<Param>, Operand<TFloating>> etas = new LinkedHashMap<>();
    for (List<Param> block : blocks(ctx)) {
      Slot rbar = blockState(ctx, block, RBAR, 0);
      // G starts at ε, so the first step's G is ‖g‖² + ε, as in the code.
      Slot gSum = blockState(ctx, block, G_SUM, epsilon);
      Operand<TFloating> xNorm = tf.math.sqrt(sum(tf, block, xSquared));
      Operand<TFloating> distance = tf.math.sqrt(sum(tf, block, distanceSquared));
      Operand<TFloating> r = Conditional.orElse(tf, first,
          tf.math.mul(ctx.constant(repsRel), tf.math.add(ctx.constant(1), xNorm)),
          tf.math.maximum(rbar.value(), distance));
      Operand<TFloating> g = tf.math.add(gSum.value(), sum(tf, block, gradSquared));
      updates.set(rbar, r);
      updates.set(gSum, g);
      etas.put(block, tf.math.div(tf.math.mul(lr, r), tf.math.sqrt(g)));
    }

    List<Operand<TFloating>> moved = new ArrayList<>();
    for (Map.Entry<List<Param>, Operand<TFloating>> e : etas.entrySet()) {
      for (Param p : e.getKey()) {
        StepVariable x = ctx.variable(p);
        Operand<TFloating> step = tf.math.mul(e.getValue(), ctx.gradient(p));
        Operand<TFloating> xNew = tf.math.sub(x.value(), step);
        updates.set(x, xNew);
        if (average != null) {
          average.update(ctx, p, xNew, updates);
        }
        moved.add(GraphMath.squaredNorm(tf, step));
      }
    }
    reportRates(ctx, etas, tf.math.sqrt(GraphMath.total(tf, moved)),
        tf.math.sqrt(GraphMath.total(tf, new ArrayList<>(gradSquared.values()))));
    return ctx.apply(updates);
  }

  private static Operand<TFloating> sum(Ops tf, List<Param> block, Map<Param, Operand<TFloating>> parts) {
    List<Operand<TFloating>> terms = new ArrayList<>();
    block.forEach(p -> terms.add(parts.get(p)));
    return GraphMath.total(tf, terms);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(reps_rel=" + repsRel + ", lr=" + learningRate + ", epsilon=" + epsilon
        + (average == null ? "" : ", " + average) + ")";
  }
}

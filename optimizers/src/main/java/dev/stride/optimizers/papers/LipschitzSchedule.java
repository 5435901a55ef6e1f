package dev.stride.optimizers.papers;

import dev.stride.bridge.Param;
import dev.stride.bridge.optim.EpochAccumulator;
import dev.stride.bridge.optim.EpochHost;
import dev.stride.bridge.optim.Hyper;
import dev.stride.bridge.optim.Optimizer;
import dev.stride.bridge.optim.Reduction;
import dev.stride.bridge.optim.StepContext;
import dev.stride.bridge.optim.StepVariable;
import dev.stride.bridge.optim.Updates;
import dev.stride.optimizers.Checks;
import dev.stride.optimizers.Direction;
import dev.stride.optimizers.DirectionOptimizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * LipschitzLR's per-epoch learning-rate schedules for networks (Yedida &amp; Saha, "LipschitzLR:
 * Using theoretically computed adaptive learning rates for fast convergence", §5–§7; ALGORITHMS.md
 * §2.2–§2.5, as the authors' {@code adaptive-lr-dnn} code runs them). Once per epoch a closed-form
 * Lipschitz bound of the loss is measured and turned into the learning rate of the next epoch; a
 * base direction (SGD, momentum, RMSprop, Adam) steps along it every iteration:
 *
 * <pre>
 * at the boundary before epoch e:
 *   K_z = max_b ‖A_b‖_F,  S = max_b ‖A_b∘A_b‖_F   over the training batches (A = a^{L−1})
 *   Wmax = max_W ‖W‖_F,   m = the batch size,     c = (k−1)/(k·m)   (see {@link LossBound})
 *   K_ = c·K_z + λ·Wmax;  S_ = c²·S + 2λ·Wmax·c·K_z
 *   lr_e = the schedule's rate from K_, S_, K_z and its running estimates      (subclass)
 * every step t (t = updates so far):
 *   θ ← θ − γ_k·lr_e/(1 + decay·t) · v,    v = the base direction, γ_k = the schedule's factor
 * </pre>
 *
 * <p><b>Measuring.</b> By default ({@link Measure#ACCUMULATED}) the fused step folds each batch's
 * ‖A‖², ‖A∘A‖², m and max‖W‖² into epoch accumulators (squared, so that the roots are taken once per
 * epoch on the host; max‖W‖ only when λ > 0, since the rate does not depend on it otherwise), and
 * the rate of epoch e + 1 comes from what
 * epoch e measured. That is one epoch behind the authors, who scan the training set in inference
 * mode at the start of every epoch with the weights it starts from: here the values are maxima over
 * the epoch's iterates, in training mode (dropout active, batch statistics), and epoch 0 runs at the
 * initial rate. {@link LipschitzPass} as a trainer callback gives epoch 0 the authors' estimate by a
 * pass at the start, or, with {@link Measure#SEPARATE_PASS}, runs the authors' pass before every
 * epoch instead of the accumulators (no per-step cost, one inference pass per epoch). Wmax of the
 * accumulators covers the parameters; the pass, like Keras' {@code model.weights}, also the layer
 * state (BatchNorm moving statistics).
 *
 * <p>Schedule: γ_k scales the step taken and reported, as a learning rate; lr_e, K_z, L and the estimates stay.
 *
 * <p><b>Policies</b> (paper Table 3): {@link Policy#ADAPTIVE} recomputes at every boundary; {@link
 * Policy#FIXED} computes once, at the boundary after the first epoch, and keeps that rate.
 *
 * <p><b>decay</b> is the inverse-time decay the authors' CIFAR scripts pass to Keras as {@code
 * decay=} (the "WD" column of their Table 3, not weight decay): the step is {@code lr_e/(1 +
 * decay·t)} with t counted from the start of training. Those scripts use the same number as λ; the
 * MNIST notebooks use neither.
 *
 * <p>A boundary whose measurement gives no finite positive rate (an all-zero penultimate layer with
 * λ = 0, so L = 0; an epoch whose every step was skipped) changes nothing. Telemetry: {@code "lr"}
 * (the step size taken), and the runtime hyperparameters the current rate came from, {@value #K_Z},
 * {@value #W_MAX} (when λ > 0), {@value #LIPSCHITZ} (0 until the first measurement) and the
 * schedule's running estimates. All of them are hyperparameters, so a checkpoint keeps them and the host sets them
 * between epochs without rebuilding the graph.
 */
public abstract class LipschitzSchedule implements Optimizer {
  /** {@code K_z} of the current rate (hyperparameter and report). */
  public static final String K_Z = "lipschitz/K_z";
  /** {@code Wmax} of the current rate (hyperparameter and report, when λ > 0). */
  public static final String W_MAX = "lipschitz/w_max";
  /** The bound {@code K_} of the current rate (hyperparameter and report). */
  public static final String LIPSCHITZ = "lipschitz/L";
  /** Epoch accumulator of {@code S²}. */
  public static final String SQUARE_NORM = "lipschitz/S";
  /** Epoch accumulator of the batch size {@code m}. */
  public static final String ROWS = "lipschitz/m";

  /** When the rate is recomputed. */
  public enum Policy {
    /** At every epoch boundary. */
    ADAPTIVE,
    /** Once, after the first epoch. */
    FIXED
  }

  /** Where the measurement comes from. */
  public enum Measure {
    /** Epoch accumulators of the fused step (one epoch behind the authors). */
    ACCUMULATED,
    /** The authors' inference pass before every epoch, run by a {@link LipschitzPass} callback. */
    SEPARATE_PASS
  }

  private final LossBound bound;
  private final double lambda;
  private final double decay;
  private final double initialRate;
  private final Policy policy;
  private final Measure measure;
  private final Direction direction;

  // Handles of the graph this optimizer was built into.
  private Hyper rate;
  private Hyper kz;
  private Hyper wMax;
  private Hyper lipschitz;
  private final Map<String, Hyper> estimates = new LinkedHashMap<>();
  private EpochAccumulator kzSquared;
  private EpochAccumulator squareSquared;
  private EpochAccumulator wMaxSquared;
  private EpochAccumulator rowsMax;
  private long passedEpoch = -1;

  protected LipschitzSchedule(Builder<?> b, Direction direction) {
    this.bound = Objects.requireNonNull(b.bound, "bound");
    this.lambda = Checks.nonNegative(name(), "lambda", b.lambda);
    this.decay = Checks.nonNegative(name(), "decay", b.decay);
    this.initialRate = Checks.positive(name(), "initial learning rate", b.initialRate);
    this.policy = Objects.requireNonNull(b.policy, "policy");
    this.measure = Objects.requireNonNull(b.measure, "measure");
    this.direction = Objects.requireNonNull(direction, "direction");
  }

  /**
   * The rate of epoch {@code epoch} from a measurement of the weights it starts from; NaN keeps
   * the current rate. {@code estimates} holds the running estimates' current values by name and
   * takes their new ones.
   */
  protected abstract double rate(long epoch, LipschitzMeasurement m, Map<String, Double> estimates);

  /** The schedule's running estimates (hyperparameter names) and their initial values, in a fixed order. */
  protected Map<String, Double> initialEstimates() {
    return Map.of();
  }

  /** Whether the schedule uses {@code S = max ‖A∘A‖_F}. */
  protected boolean usesSquares() {
    return false;
  }

  @Override
  public Op build(StepContext ctx) {
    Ops tf = ctx.tf();
    rate = ctx.hyper(DirectionOptimizer.LEARNING_RATE, initialRate);
    kz = ctx.hyper(K_Z, 0);
    wMax = lambda > 0 ? ctx.hyper(W_MAX, 0) : null;
    lipschitz = ctx.hyper(LIPSCHITZ, 0);
    estimates.clear();
    initialEstimates().forEach((name, value) -> estimates.put(name, ctx.hyper(name, value)));
    if (measure == Measure.ACCUMULATED) {
      // Squared norms: the epoch's maximum of them is the square of the maximum norm.
      NetworkTerms terms = new NetworkTerms(ctx);
      kzSquared = ctx.epochAccumulator(K_Z, Reduction.MAX, terms.penultimateSquaredNorm);
      squareSquared = usesSquares()
          ? ctx.epochAccumulator(SQUARE_NORM, Reduction.MAX, terms.penultimateSquareSquaredNorm) : null;
      wMaxSquared = lambda > 0 ? ctx.epochAccumulator(W_MAX, Reduction.MAX, terms.maxSquaredWeightNorm()) : null;
      rowsMax = ctx.epochAccumulator(ROWS, Reduction.MAX, terms.rows);
    }
    Operand<TFloating> step = rate.value();
    if (decay > 0) {
      Operand<TFloating> t = ctx.graph().cast(ctx.step());
      step = tf.math.div(step, tf.math.add(ctx.constant(1), tf.math.mul(ctx.constant(decay), t)));
    }
    step = tf.math.mul(step, ctx.learningRateFactor());
    Updates updates = new Updates();
    for (Param p : ctx.params()) {
      StepVariable theta = ctx.variable(p);
      Operand<TFloating> v = direction.direction(ctx, p, ctx.gradient(p), updates);
      updates.set(theta, tf.math.sub(theta.value(), tf.math.mul(step, v)));
    }
    ctx.report(DirectionOptimizer.LR_REPORT, step);
    for (Hyper h : wMax == null ? new Hyper[] {kz, lipschitz} : new Hyper[] {kz, wMax, lipschitz}) {
      ctx.report(h.name(), h.value());
    }
    estimates.values().forEach(h -> ctx.report(h.name(), h.value()));
    return ctx.apply(updates);
  }

  @Override
  public void onEpochEnd(EpochHost host) {
    if (measure == Measure.SEPARATE_PASS) {
      if (passedEpoch != host.epoch()) {
        throw new IllegalStateException(name() + " measures by a separate pass, but none ran before epoch "
            + host.epoch() + ": add new LipschitzPass(optimizer) to the trainer's callbacks");
      }
      return;
    }
    LipschitzMeasurement m = new LipschitzMeasurement(Math.sqrt(host.read(kzSquared)),
        squareSquared == null ? 0 : Math.sqrt(host.read(squareSquared)),
        wMaxSquared == null ? 0 : Math.sqrt(host.read(wMaxSquared)), host.read(rowsMax));
    update(host.epoch() + 1, m, host);
  }

  /** Applies a measurement of the weights epoch {@code epoch} starts from (see the class comment). */
  void update(long epoch, LipschitzMeasurement m, EpochHost host) {
    passedEpoch = epoch;
    if ((policy == Policy.FIXED && epoch != 1) || !m.complete()) {
      return;
    }
    Map<String, Double> next = new LinkedHashMap<>();
    estimates.forEach((name, h) -> next.put(name, host.get(h)));
    double lr = rate(epoch, m, next);
    if (!(lr > 0) || Double.isInfinite(lr)) {
      return;
    }
    host.set(rate, lr);
    host.set(kz, m.penultimateNorm());
    if (wMax != null) {
      host.set(wMax, m.maxWeightNorm());
    }
    host.set(lipschitz, m.lipschitz(bound, lambda));
    estimates.forEach((name, h) -> host.set(h, next.get(name)));
  }

  public LossBound bound() {
    return bound;
  }

  /** λ of the {@code λ·Wmax} term. */
  public double lambda() {
    return lambda;
  }

  /** The inverse-time decay of the step. */
  public double decay() {
    return decay;
  }

  /** The rate before the first measurement. */
  public double initialRate() {
    return initialRate;
  }

  public Policy policy() {
    return policy;
  }

  public Measure measure() {
    return measure;
  }

  @Override
  public String toString() {
    return name() + "(" + bound.name() + ", lambda=" + lambda + ", decay=" + decay + ", initial lr=" + initialRate
        + ", " + policy + ", " + measure + ")";
  }

  /** Settings every schedule shares, by name; unset ones keep the defaults. */
  public abstract static class Builder<B extends Builder<B>> {
    private LossBound bound = LossBound.softmaxCrossEntropy(10);
    private double lambda;
    private double decay;
    private double initialRate;
    private Policy policy = Policy.ADAPTIVE;
    private Measure measure = Measure.ACCUMULATED;

    protected Builder(double initialRate) {
      this.initialRate = initialRate;
    }

    protected abstract B self();

    /** The loss the bound is for (default: softmax cross-entropy over 10 classes). */
    public B bound(LossBound bound) {
      this.bound = bound;
      return self();
    }

    /** λ of the {@code λ·Wmax} term, the L2 coefficient of the loss (default 0). */
    public B lambda(double lambda) {
      this.lambda = lambda;
      return self();
    }

    /** Keras' inverse-time {@code decay=} of the step (default 0). */
    public B decay(double decay) {
      this.decay = decay;
      return self();
    }

    /** The rate before the first measurement. */
    public B initialRate(double initialRate) {
      this.initialRate = initialRate;
      return self();
    }

    public B policy(Policy policy) {
      this.policy = policy;
      return self();
    }

    public B measure(Measure measure) {
      this.measure = measure;
      return self();
    }
  }
}

package dev.stride.bridge.optim;

import dev.stride.bridge.Param;
import dev.stride.bridge.ParamGroup;
import dev.stride.bridge.StrideGraph;
import dev.stride.bridge.VariableInit;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * What an optimizer sees while it builds its part of the fused training step: parameters with their
 * values and gradients, the batch loss, counters, look-ahead evaluation, penultimate activations,
 * state, runtime hyperparameters, epoch accumulators and telemetry.
 *
 * <p>Everything returned here belongs to one step of one graph. Reads of old state are created before
 * any assign, and {@link #apply} assigns every new value after all of them: optimizers need no
 * control dependencies of their own.
 */
public interface StepContext {

  /** The graph (precision, constants). */
  StrideGraph graph();

  /** The op factory. */
  Ops tf();

  /** Parameter groups (one per layer), each with its parameters. */
  List<ParamGroup> groups();

  /** Every parameter. */
  List<Param> params();

  /** The parameter as a step variable: its value at the start of the step. */
  StepVariable variable(Param p);

  /** The gradient of the step's loss with respect to {@code p}, at the start of the step. */
  Operand<TFloating> gradient(Param p);

  /**
   * ‖g‖², the squared Euclidean norm of {@link #gradient}{@code (p)} over all its elements, built once
   * per step. The step's finiteness check reads the same op, so an optimizer that needs the gradient's
   * norm (DoG, SPS, D-Adaptation, AdaLip's next ‖g_{t−1}‖) gets it without another pass over the
   * gradient.
   */
  default Operand<TFloating> gradientSquaredNorm(Param p) {
    return perStep("gradient_squared_norm/" + p.name(), () -> {
      Operand<TFloating> half = tf().nn.l2Loss(gradient(p));
      return tf().math.add(half, half);
    });
  }

  /** The mini-batch loss at the start of the step (including any L2 term). */
  Operand<TFloating> loss();

  /** Updates applied so far (0 in the first step). Skipped steps do not count. */
  Operand<TInt64> step();

  /** The current epoch, counted from 0. */
  Operand<TInt64> epoch();

  /**
   * γ_k, the learning-rate schedule's multiplier at this step ({@code TrainingConfig.Builder.schedule});
   * 1 when no schedule is set. Every optimizer must multiply its step size by it: a direction
   * optimizer steps with {@code lr·γ_k}, a step-size rule (L4, a learning-rate-free method) scales
   * its own η, and the effective rates it {@linkplain #report reports} include the factor. The
   * generic optimizer tests check this for every registered optimizer.
   *
   * <p>The default (a constant 1) serves contexts without schedules, such as test doubles.
   */
  default Operand<TFloating> learningRateFactor() {
    return constant(1);
  }

  /**
   * Whether a learning-rate schedule is configured. Without one, {@link #learningRateFactor()} is the
   * constant 1, and an optimizer may leave out per-element arithmetic that only applies γ_k (COCOB's
   * move x + γ_k·(x_c − x) costs three passes over the parameters).
   */
  default boolean scheduled() {
    return false;
  }

  /**
   * Loss and gradients of this step's batch at shifted parameter values ({@code θ̃}); parameters
   * missing from {@code shifted} keep their current value. Built into this step's graph.
   */
  Lookahead lookahead(Map<Param, Operand<TFloating>> shifted);

  /** The penultimate activations {@code a^{L−1}} of this step's batch. */
  Operand<TFloating> penultimate();

  /** Per-parameter state of the parameter's shape, declared once; its value is read at step start. */
  default Slot slot(Param p, String name, VariableInit init) {
    return slot(p, name, p.variable().shape(), init);
  }

  /** Per-parameter state of any shape (a scalar per variable, for example). */
  Slot slot(Param p, String name, Shape shape, VariableInit init);

  /** Optimizer-wide state. */
  Slot state(String name, Shape shape, VariableInit init);

  /** A runtime hyperparameter with its starting value. */
  Hyper hyper(String name, double initial);

  /** Declares an epoch accumulator and folds this step's {@code contribution} into it. */
  EpochAccumulator epochAccumulator(String name, Reduction reduction, Operand<TFloating> contribution);

  /**
   * Telemetry: a scalar the trainer fetches at its logging interval ("lr", "lr/dense_1"). It is
   * computed only in the steps that fetch it, so a report may cost full passes over the parameters
   * (COCOB's ‖Δx‖/‖g‖) without slowing the other steps. It sees the step's values all the same: it is
   * built from reads of the old state, which run before any assign, and from this step's new values.
   */
  void report(String name, Operand<TFloating> value);

  /**
   * A value computed once per step and shared by every parameter (the step number t, bias
   * corrections 1 − β^t): the first call with {@code key} computes it, later calls return the same
   * operand, so a per-parameter direction does not add the same scalar ops once per parameter.
   */
  default <T> T perStep(String key, java.util.function.Supplier<T> compute) {
    return compute.get();
  }

  /** A scalar constant of the graph's precision. */
  default Operand<TFloating> constant(double value) {
    return graph().constant(value);
  }

  /**
   * Applies {@code updates}: every assign runs after every new value has been computed (and so after
   * every read of old state). Under {@link NonFinitePolicy#SKIP} a step with a non-finite loss or
   * gradient keeps the old values. Call once, at the end of {@link Optimizer#build}.
   */
  Op apply(Updates updates);
}

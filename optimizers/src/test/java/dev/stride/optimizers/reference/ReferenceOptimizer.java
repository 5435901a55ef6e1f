package dev.stride.optimizers.reference;

import java.util.Map;

/**
 * A plain-Java, double-precision implementation of an optimizer, written from its paper or its
 * source library's documented algorithm (not from Stride's graph code), run side by side with the
 * graph on the same gradients.
 */
public interface ReferenceOptimizer {

  /**
   * One step without a learning-rate schedule (γ_k = 1): updates {@code params} in place.
   *
   * @param params every parameter, row-major, in model order
   * @param grads the gradient of each parameter
   * @param loss the mini-batch loss at {@code params}
   */
  default void step(double[][] params, double[][] grads, double loss) {
    step(params, grads, loss, 1);
  }

  /**
   * One step under a learning-rate schedule whose factor at this step is {@code factor} (γ_k), which
   * enters where the optimizer's documentation puts it (a learning rate's multiplier, the step
   * actually taken, ...); the rates of {@link #learningRates} include it.
   */
  void step(double[][] params, double[][] grads, double loss, double factor);

  /**
   * The direction {@code v} of the last step, per parameter: the step was {@code θ ← θ − lr·v}, with
   * the rate of the report that covers the parameter (see {@link #learningRates}).
   */
  double[][] direction();

  /**
   * The learning rates of the last step by report name: {@code "lr"} for one global rate, or one
   * {@code "lr/<layer>"} (or {@code "lr/<layer>/<param>"}) per layer (or variable) it covers.
   */
  Map<String, Double> learningRates();

  /**
   * For optimizers with a rate per element (DSA's forms): the step size of every element in the last
   * step, per parameter, so that the step was {@code θ ← θ − s ⊙ v} with {@code v} the {@link
   * #direction()}. The others have one {@link #learningRate()}.
   */
  default double[][] stepSizes() {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has one learning rate: see learningRate()");
  }

  /**
   * Per-parameter state after the last step, by the slot name the optimizer declares: the graph
   * holds it as {@code opt/<param>/<slot>}.
   */
  Map<String, double[][]> slots();

  /** Optimizer-wide state after the last step, by name: the graph holds it as {@code opt/<name>}. */
  default Map<String, double[]> globals() {
    return Map.of();
  }

  /**
   * The end of an epoch, where per-epoch schedules (LipschitzLR) update their rate; the suite ends
   * one where the optimizer's spec asks for epochs. Default: nothing happens.
   */
  default void endEpoch() {}

  /**
   * Runtime hyperparameters the optimizer sets itself between epochs, by name, after the last step
   * or epoch end: the graph holds them as {@code hyper/<name>}. Default: none.
   */
  default Map<String, Double> hypers() {
    return Map.of();
  }
}

package dev.stride.optimizers.reference;

import dev.stride.optimizers.DirectionOptimizer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape shared by learning-rate optimizers: {@code t ← t + 1}, then for every parameter a
 * direction {@code v} from its gradient and state, then {@code θ ← θ − lr·v}. Subclasses hold their
 * state as one {@code double[][]} per slot (one row per parameter), created on the first step.
 */
abstract class LearningRateReference implements ReferenceOptimizer {
  private final double learningRate;
  private final Map<String, double[][]> slots = new LinkedHashMap<>();
  private double[][] direction;
  private double rate;
  /** Number of the current update, 1 on the first step. */
  protected int t;

  LearningRateReference(double learningRate) {
    this.learningRate = learningRate;
  }

  /** The direction for parameter {@code i}, updating that parameter's state. */
  protected abstract double[] direction(int i, double[] theta, double[] g);

  /** The slots this optimizer keeps, with their initial value. */
  protected abstract Map<String, Double> slotInitialValues();

  /** The state row of slot {@code name} for parameter {@code i}. */
  protected final double[] slot(String name, int i) {
    return slots.get(name)[i];
  }

  @Override
  public final void step(double[][] params, double[][] grads, double loss, double factor) {
    if (slots.isEmpty()) {
      slotInitialValues().forEach((name, value) -> {
        double[][] rows = new double[params.length][];
        for (int i = 0; i < params.length; i++) {
          rows[i] = new double[params[i].length];
          java.util.Arrays.fill(rows[i], value);
        }
        slots.put(name, rows);
      });
    }
    t++;
    // A schedule multiplies the learning rate: θ ← θ − lr·γ_k·v.
    rate = learningRate * factor;
    direction = new double[params.length][];
    for (int i = 0; i < params.length; i++) {
      direction[i] = direction(i, params[i].clone(), grads[i]);
      for (int j = 0; j < params[i].length; j++) {
        params[i][j] -= rate * direction[i][j];
      }
    }
  }

  @Override
  public final double[][] direction() {
    return direction;
  }

  @Override
  public final Map<String, Double> learningRates() {
    return Map.of(DirectionOptimizer.LR_REPORT, t == 0 ? learningRate : rate);
  }

  @Override
  public final Map<String, double[][]> slots() {
    return slots;
  }
}

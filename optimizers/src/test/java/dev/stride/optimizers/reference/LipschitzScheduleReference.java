package dev.stride.optimizers.reference;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LipschitzLR's per-epoch network schedules as ALGORITHMS.md §2.2–§2.5 write them: a base
 * direction (a plain reference run at rate 1, so that its direction and state are those of the base
 * optimizer) stepped at {@code γ_k·lr/(1 + decay·t)} (γ_k: a learning-rate schedule's factor, 1
 * without one, which changes nothing else), and at every epoch end a new rate from the epoch's
 * measurement:
 *
 * <pre>
 * K_ = c·K_z + λ·Wmax,  S_ = c²·S + 2λ·Wmax·c·K_z,  c = factor/m
 * SGD:       lr = 1/K_
 * AdaMo:     K1 ← β1·K1 + (1 − β1)·K_,  lr = 1/K1            (K1 starts at the initial rate)
 * RMSprop:   K2 ← β1·K2 + (1 − β1)·S_,  lr = (√K2 + ε)/K_z
 * Auto-Adam: K1 ← β1·K1 + (1 − β1)·K_,  K2 ← β2·K2 + (1 − β2)·S_,  lr = (√K2 + ε)/K1
 * </pre>
 *
 * A FIXED schedule updates at the end of the first epoch only; a measurement giving no finite
 * positive rate changes nothing. {@link #endEpoch()} measures what the suite's fed-gradient model
 * gives: its penultimate activation is the single zero output of its first layer (K_z = S = 0,
 * m = 1), and Wmax is the largest parameter norm at the start of the epoch's applied steps.
 */
public final class LipschitzScheduleReference implements ReferenceOptimizer {
  /** Which schedule. */
  public enum Kind { SGD, ADAMO, RMSPROP, AUTO_ADAM }

  private final Kind kind;
  private final ReferenceOptimizer base;
  private final double factor;
  private final double lambda;
  private final double decay;
  private final boolean fixed;
  private final double beta1;
  private final double beta2;
  private final double epsilon;

  private double rate;
  private double kz;
  private double wMax;
  private double lipschitz;
  private double k1;
  private double k2;
  private double effectiveRate;
  private int applied;
  private int epochs;
  private double epochWMax = Double.NEGATIVE_INFINITY;
  private double[][] direction;

  /**
   * @param base the base direction's reference at learning rate 1
   * @param factor the loss bound's factor, (k − 1)/k for softmax
   */
  public LipschitzScheduleReference(Kind kind, ReferenceOptimizer base, double factor, double lambda, double decay,
      double initialRate, boolean fixed, double beta1, double beta2, double epsilon) {
    this.kind = kind;
    this.base = base;
    this.factor = factor;
    this.lambda = lambda;
    this.decay = decay;
    this.fixed = fixed;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.rate = initialRate;
    this.k1 = kind == Kind.ADAMO ? initialRate : 0;
  }

  @Override
  public void step(double[][] params, double[][] grads, double loss, double factor) {
    epochWMax = Math.max(epochWMax, maxNorm(params));
    double[][] copy = new double[params.length][];
    for (int i = 0; i < params.length; i++) {
      copy[i] = params[i].clone();
    }
    base.step(copy, grads, loss);
    direction = base.direction();
    effectiveRate = rate / (1 + decay * applied) * factor;
    for (int i = 0; i < params.length; i++) {
      for (int j = 0; j < params[i].length; j++) {
        params[i][j] -= effectiveRate * direction[i][j];
      }
    }
    applied++;
  }

  @Override
  public void endEpoch() {
    endEpoch(0, 0, epochWMax, 1);
    epochWMax = Double.NEGATIVE_INFINITY;
  }

  /** The end of an epoch that measured {@code K_z}, {@code S}, {@code Wmax} and the batch size. */
  public void endEpoch(double penultimateNorm, double squareNorm, double maxWeightNorm, double rows) {
    epochs++;
    if ((fixed && epochs != 1) || !Double.isFinite(maxWeightNorm)) {
      return;
    }
    double c = factor / rows;
    double bound = c * penultimateNorm + lambda * maxWeightNorm;
    double squared = c * c * squareNorm + 2 * lambda * maxWeightNorm * c * penultimateNorm;
    double newK1 = k1;
    double newK2 = k2;
    double newRate;
    switch (kind) {
      case SGD -> newRate = 1 / bound;
      case ADAMO -> {
        newK1 = beta1 * k1 + (1 - beta1) * bound;
        newRate = 1 / newK1;
      }
      case RMSPROP -> {
        newK2 = beta1 * k2 + (1 - beta1) * squared;
        newRate = (Math.sqrt(newK2) + epsilon) / penultimateNorm;
      }
      default -> {
        newK1 = beta1 * k1 + (1 - beta1) * bound;
        newK2 = beta2 * k2 + (1 - beta2) * squared;
        newRate = (Math.sqrt(newK2) + epsilon) / newK1;
      }
    }
    if (!(newRate > 0) || Double.isInfinite(newRate)) {
      return;
    }
    rate = newRate;
    k1 = newK1;
    k2 = newK2;
    kz = penultimateNorm;
    wMax = maxWeightNorm;
    lipschitz = bound;
  }

  private static double maxNorm(double[][] params) {
    double max = 0;
    for (double[] p : params) {
      double sum = 0;
      for (double x : p) {
        sum += x * x;
      }
      max = Math.max(max, Math.sqrt(sum));
    }
    return max;
  }

  @Override
  public double[][] direction() {
    return direction;
  }

  @Override
  public Map<String, Double> learningRates() {
    return Map.of("lr", effectiveRate);
  }

  @Override
  public Map<String, double[][]> slots() {
    return base.slots();
  }

  @Override
  public Map<String, Double> hypers() {
    Map<String, Double> h = new LinkedHashMap<>();
    h.put("learning_rate", rate);
    h.put("lipschitz/K_z", kz);
    if (lambda > 0) {
      h.put("lipschitz/w_max", wMax);
    }
    h.put("lipschitz/L", lipschitz);
    if (kind == Kind.ADAMO || kind == Kind.AUTO_ADAM) {
      h.put("lipschitz/K1", k1);
    }
    if (kind == Kind.RMSPROP || kind == Kind.AUTO_ADAM) {
      h.put("lipschitz/K2", k2);
    }
    return h;
  }
}

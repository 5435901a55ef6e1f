package dev.stride.optimizers.reference;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The paper's per-iteration AdaMo (Algorithm 1) and Auto-Adam (Algorithm 3), ALGORITHMS.md §2.3
 * and §2.5, with the per-batch closed-form bound L_t = c·‖A_t‖ + λ·max‖W_t‖ and Q_t = (c·‖A_t‖)² +
 * 2λ·c·‖A_t‖·max‖W_t‖ on the suite's fed-gradient model, whose penultimate activation is 0
 * (so L_t = λ·max‖W_t‖ and Q_t = 0):
 *
 * <pre>
 * AdaMo:     V ← β1·V + (1 − β1)·g;  K ← β1·K + (1 − β1)·L_t;  θ ← θ − V/K  (no step while K = 0)
 * Auto-Adam: V ← β1·V + (1 − β1)·g;  S ← β2·S + (1 − β2)·g²;
 *            K1 ← β1·K1 + (1 − β1)·L_t;  K2 ← β2·K2 + (1 − β2)·Q_t;
 *            θ ← θ − (√K2 + ε)/K1 · V/√(S + ε)                     (no step while K1 = 0)
 * </pre>
 *
 * Under a learning-rate schedule the rate (1/K, (√K2 + ε)/K1) is multiplied by its factor γ_k in
 * the step and the report; K, K1, K2, V and S are not.
 */
public final class LipschitzPerIterationReference implements ReferenceOptimizer {
  private final boolean adam;
  private final double lambda;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final Map<String, double[][]> slots = new LinkedHashMap<>();
  private double k1;
  private double k2;
  private double rate;
  private double[][] direction;

  private LipschitzPerIterationReference(boolean adam, double lambda, double beta1, double beta2, double epsilon) {
    this.adam = adam;
    this.lambda = lambda;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  public static LipschitzPerIterationReference adaMo(double lambda, double beta) {
    return new LipschitzPerIterationReference(false, lambda, beta, 0, 0);
  }

  public static LipschitzPerIterationReference autoAdam(double lambda, double beta1, double beta2, double epsilon) {
    return new LipschitzPerIterationReference(true, lambda, beta1, beta2, epsilon);
  }

  @Override
  public void step(double[][] params, double[][] grads, double loss, double factor) {
    if (slots.isEmpty()) {
      slots.put("velocity", zerosLike(params));
      if (adam) {
        slots.put("mean_square", zerosLike(params));
      }
    }
    double maxNorm = 0;
    for (double[] p : params) {
      double sum = 0;
      for (double x : p) {
        sum += x * x;
      }
      maxNorm = Math.max(maxNorm, Math.sqrt(sum));
    }
    k1 = beta1 * k1 + (1 - beta1) * lambda * maxNorm;
    k2 = beta2 * k2;
    rate = k1 == 0 ? 0 : (adam ? (Math.sqrt(k2) + epsilon) / k1 : 1 / k1) * factor;
    direction = new double[params.length][];
    for (int i = 0; i < params.length; i++) {
      double[] v = slots.get("velocity")[i];
      direction[i] = new double[v.length];
      for (int j = 0; j < v.length; j++) {
        v[j] = beta1 * v[j] + (1 - beta1) * grads[i][j];
        direction[i][j] = v[j];
        if (adam) {
          double[] s = slots.get("mean_square")[i];
          s[j] = beta2 * s[j] + (1 - beta2) * grads[i][j] * grads[i][j];
          direction[i][j] = v[j] / Math.sqrt(s[j] + epsilon);
        }
        params[i][j] -= rate * direction[i][j];
      }
    }
  }

  private static double[][] zerosLike(double[][] params) {
    double[][] z = new double[params.length][];
    for (int i = 0; i < params.length; i++) {
      z[i] = new double[params[i].length];
    }
    return z;
  }

  @Override
  public double[][] direction() {
    return direction;
  }

  @Override
  public Map<String, Double> learningRates() {
    return Map.of("lr", rate);
  }

  @Override
  public Map<String, double[][]> slots() {
    return slots;
  }

  @Override
  public Map<String, double[]> globals() {
    return adam ? Map.of("auto-adam/K1", new double[] {k1}, "auto-adam/K2", new double[] {k2})
        : Map.of("adamo/K", new double[] {k1});
  }
}

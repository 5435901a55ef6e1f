package dev.stride.optimizers.reference;

import dev.stride.optimizers.papers.AdamScale;

/**
 * PS-SPS as reconstructed in ALGORITHMS.md §3.2: {@code v ← β2·v + (1 − β2)·g²},
 * {@code v̂ = v/(1 − β2^k)}, {@code a = √v̂ + ε}, {@code q = Σ g²/a},
 * {@code η = (f − f*)/(c·q)} (0 when √q &lt; 1e-8 or f &lt; f*), {@code x ← x − γ_k·η·g/a}, with γ_k
 * a learning-rate schedule's factor (1 without one); the reported rate is γ_k·η.
 */
public final class PsSpsReference extends StatefulReference {
  private final double c;
  private final double beta2;
  private final double epsilon;
  private int k;

  public PsSpsReference(double c, double beta2, double epsilon) {
    this.c = c;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  @Override
  public void step(double[][] params, double[][] grads, double loss, double factor) {
    double[][] before = copy(params);
    double[][] v = slot(AdamScale.SECOND_MOMENT, params, 0);
    k++;
    double[][] a = new double[params.length][];
    double q = 0;
    for (int i = 0; i < params.length; i++) {
      a[i] = new double[params[i].length];
      for (int j = 0; j < params[i].length; j++) {
        v[i][j] = beta2 * v[i][j] + (1 - beta2) * grads[i][j] * grads[i][j];
        a[i][j] = Math.sqrt(v[i][j] / (1 - Math.pow(beta2, k))) + epsilon;
        q += grads[i][j] * grads[i][j] / a[i][j];
      }
    }
    double eta = factor * (Math.sqrt(q) < 1e-8 || loss < 0 ? 0 : loss / (c * q));
    for (int i = 0; i < params.length; i++) {
      for (int j = 0; j < params[i].length; j++) {
        params[i][j] -= eta * grads[i][j] / a[i][j];
      }
    }
    taken(before, params, eta);
  }
}

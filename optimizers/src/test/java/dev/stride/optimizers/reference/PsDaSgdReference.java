package dev.stride.optimizers.reference;

import dev.stride.optimizers.ScaledSpace;
import dev.stride.optimizers.papers.AdamScale;
import dev.stride.optimizers.papers.DAdaptSgd;

/**
 * PS-DA-SGD in the provisional form H1 of ALGORITHMS.md §3.3, with the one documented change (d₀
 * measured in the parameters' units at step 0): Adam scaling {@code a = √v̂ + ε = α²},
 * {@code g' = g/α}; at k = 0 {@code N = ‖g'‖}, {@code d = d₀·N/‖g/a‖}; at k ≥ 1
 * {@code r = min(1, maxᵢ √(aᵢ/a_prev,ᵢ))}, {@code d ← r·d}, {@code s ← r·s}, {@code num ← r²·num};
 * {@code λ = d·γ/N}; {@code num += λ⟨g', s⟩}; {@code s += λ·g'}; {@code z ← z − λ·g/a} (z = x at
 * k = 0); {@code x ← μx + (1 − μ)z}; {@code d ← max(d, 2·num/‖s‖)}. γ is §3.3's γ_k: the
 * rule's lr times a learning-rate schedule's factor; d grows only while it is positive, as in
 * D-Adapt SGD.
 */
public final class PsDaSgdReference extends StatefulReference {
  private final double lr;
  private final double momentum;
  private final double d0;
  private final double growth;
  private final double beta2;
  private final double epsilon;
  private int t;

  public PsDaSgdReference(DAdaptSgd rule, AdamScale scale) {
    this.lr = rule.learningRate();
    this.momentum = rule.momentum();
    this.d0 = rule.d0();
    this.growth = rule.growthRate();
    this.beta2 = scale.beta2();
    this.epsilon = scale.epsilon();
  }

  @Override
  public void step(double[][] params, double[][] grads, double loss, double factor) {
    double[][] before = copy(params);
    double[][] v = slot(AdamScale.SECOND_MOMENT, params, 0);
    double[][] previous = slot(ScaledSpace.PREVIOUS_SCALE, params, 0);
    double[][] s = slot(DAdaptSgd.S, params, 0);
    double[][] z = slot(DAdaptSgd.Z, params, 0);
    double k = global(DAdaptSgd.K, 0);
    double d = global(DAdaptSgd.D, d0);
    double numerator = global(DAdaptSgd.NUMERATOR, 0);
    double n = global(DAdaptSgd.G0_NORM, 0);
    t++;
    double[][] a = new double[params.length][];
    double scaledSq = 0;
    double descentSq = 0;
    double largestRatio = 0;
    for (int i = 0; i < params.length; i++) {
      a[i] = new double[params[i].length];
      for (int j = 0; j < params[i].length; j++) {
        double g = grads[i][j];
        v[i][j] = beta2 * v[i][j] + (1 - beta2) * g * g;
        a[i][j] = Math.sqrt(v[i][j] / (1 - Math.pow(beta2, t))) + epsilon;
        scaledSq += g * g / a[i][j];
        descentSq += (g / a[i][j]) * (g / a[i][j]);
        largestRatio = Math.max(largestRatio, Math.sqrt(a[i][j] / previous[i][j]));
      }
    }
    if (k == 0) {
      n = Math.sqrt(scaledSq);
      d = d0 * n / Math.sqrt(descentSq);
      for (int i = 0; i < params.length; i++) {
        z[i] = params[i].clone();
      }
    } else {
      double r = Math.min(1, largestRatio);
      d *= r;
      numerator *= r * r;
      for (double[] row : s) {
        for (int j = 0; j < row.length; j++) {
          row[j] *= r;
        }
      }
    }
    double gamma = lr * factor;
    double lambda = d * gamma / n;
    double skSq = 0;
    for (int i = 0; i < params.length; i++) {
      for (int j = 0; j < params[i].length; j++) {
        double scaled = grads[i][j] / Math.sqrt(a[i][j]);
        numerator += lambda * scaled * s[i][j];
        s[i][j] += lambda * scaled;
        skSq += s[i][j] * s[i][j];
        z[i][j] -= lambda * grads[i][j] / a[i][j];
        params[i][j] = momentum * params[i][j] + (1 - momentum) * z[i][j];
        previous[i][j] = a[i][j];
      }
    }
    if (gamma > 0) {
      d = Math.max(d, Math.min(2 * numerator / Math.sqrt(skSq), d * growth));
    }
    setGlobal(DAdaptSgd.K, k + 1);
    setGlobal(DAdaptSgd.D, d);
    setGlobal(DAdaptSgd.NUMERATOR, numerator);
    setGlobal(DAdaptSgd.G0_NORM, n);
    taken(before, params, lambda);
  }
}

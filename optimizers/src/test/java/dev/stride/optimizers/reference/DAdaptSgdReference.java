package dev.stride.optimizers.reference;

import dev.stride.optimizers.papers.DAdaptSgd;

/**
 * D-Adapt SGD as ALGORITHMS.md §6.3 transcribes the authors' {@code dadapt_sgd.py}: at k = 0
 * {@code ‖g₀‖} over every parameter; {@code dlr = d·γ/‖g₀‖}; per parameter
 * {@code num += dlr⟨g, s⟩}, {@code s += dlr·g}; {@code d̂ = 2·num/‖s‖},
 * {@code d = max(d, min(d̂, d·growth))}; no update if ‖s‖ = 0; {@code z = x₀ − s},
 * {@code x = μx + (1 − μ)z}; {@code k += 1}. The graph's {@code z} slot is compared with x₀ − s.
 * Under a learning-rate schedule γ is the code's {@code lr} as the scheduler sets it, lr·γ_k,
 * everywhere the code uses it, including its "d only while lr &gt; 0" test.
 */
public final class DAdaptSgdReference extends StatefulReference {
  private final double lr;
  private final double momentum;
  private final double growth;
  private final double d0;
  private double[][] x0;

  public DAdaptSgdReference(DAdaptSgd rule) {
    this.lr = rule.learningRate();
    this.momentum = rule.momentum();
    this.growth = rule.growthRate();
    this.d0 = rule.d0();
  }

  @Override
  public void step(double[][] params, double[][] grads, double loss, double factor) {
    double[][] before = copy(params);
    double k = global(DAdaptSgd.K, 0);
    double d = global(DAdaptSgd.D, d0);
    double numerator = global(DAdaptSgd.NUMERATOR, 0);
    double g0 = global(DAdaptSgd.G0_NORM, 0);
    double[][] s = slot(DAdaptSgd.S, params, 0);
    double[][] z = slot(DAdaptSgd.Z, params, 0);
    if (k == 0) {
      g0 = Math.sqrt(squaredNorm(grads));
      setGlobal(DAdaptSgd.G0_NORM, g0);
      x0 = copy(params);
    }
    double gamma = lr * factor;
    double dlr = d * gamma / g0;
    double skSq = 0;
    for (int i = 0; i < params.length; i++) {
      numerator += dlr * dot(grads[i], s[i]);
      for (int j = 0; j < params[i].length; j++) {
        s[i][j] += dlr * grads[i][j];
      }
      skSq += dot(s[i], s[i]);
    }
    double dHat = 2 * numerator / Math.sqrt(skSq);
    if (gamma > 0) {
      d = Math.max(d, Math.min(dHat, d * growth));
    }
    setGlobal(DAdaptSgd.NUMERATOR, numerator);
    setGlobal(DAdaptSgd.D, d);
    for (int i = 0; i < params.length; i++) {
      for (int j = 0; j < params[i].length; j++) {
        z[i][j] = x0[i][j] - s[i][j];
        params[i][j] = momentum * params[i][j] + (1 - momentum) * z[i][j];
      }
    }
    setGlobal(DAdaptSgd.K, k + 1);
    taken(before, params, dlr);
  }
}

package dev.stride.optimizers.reference;

import dev.stride.optimizers.papers.Prodigy;

/**
 * Prodigy as ALGORITHMS.md §6.5 transcribes the authors' {@code prodigy.py}: {@code dlr = d·γ·bc};
 * {@code num = β3·num}; per parameter {@code num += (d/d₀)·dlr·⟨g, x₀ − x⟩},
 * {@code m = β1m + d(1 − β1)g}, {@code v = β2v + d²(1 − β2)g²}, {@code s = β3s + (d/d₀)·dlr·g}
 * ({@code ·d} with safeguard warm-up), {@code d_denom += ‖s‖₁}; if d_denom = 0 stop here;
 * {@code d̂ = d_coef·num/d_denom}; {@code if d = d₀: d = max(d, d̂)}; {@code d_max = max(d_max, d̂)};
 * {@code d = min(d_max, d·growth)}; {@code x −= dlr·m/(√v + d·ε)} with the new d; {@code k += 1}.
 * Under a learning-rate schedule γ is the code's {@code lr} as the scheduler sets it, lr·γ_k,
 * everywhere the code uses it; d and d_max change only while it is positive.
 */
public final class ProdigyReference extends StatefulReference {
  private final Prodigy o;

  public ProdigyReference(Prodigy optimizer) {
    this.o = optimizer;
  }

  @Override
  public void step(double[][] params, double[][] grads, double loss, double factor) {
    double[][] before = copy(params);
    double[][] s = slot(Prodigy.S, params, 0);
    double[][] x0 = slot(Prodigy.X0, params, 0);
    double[][] m = slot(Prodigy.FIRST_MOMENT, params, 0);
    double[][] v = slot(Prodigy.SECOND_MOMENT, params, 0);
    double k = global(Prodigy.K, 0);
    double d = global(Prodigy.D, o.d0());
    double dMax = global(Prodigy.D_MAX, o.d0());
    double numerator = global(Prodigy.NUMERATOR, 0);
    double b1 = o.beta1();
    double b2 = o.beta2();
    double b3 = o.beta3();
    double d0 = o.d0();
    if (k == 0) {
      for (int i = 0; i < params.length; i++) {
        x0[i] = params[i].clone();
      }
    }
    double bc = o.biasCorrection() ? Math.sqrt(1 - Math.pow(b2, k + 1)) / (1 - Math.pow(b1, k + 1)) : 1;
    double gamma = o.learningRate() * factor;
    double dlr = d * gamma * bc;
    numerator *= b3;
    double dDenom = 0;
    for (int i = 0; i < params.length; i++) {
      double product = 0;
      for (int j = 0; j < params[i].length; j++) {
        double g = grads[i][j];
        product += g * (x0[i][j] - params[i][j]);
        m[i][j] = b1 * m[i][j] + d * (1 - b1) * g;
        v[i][j] = b2 * v[i][j] + d * d * (1 - b2) * g * g;
        s[i][j] = b3 * s[i][j] + (d / d0) * (o.safeguardWarmup() ? d : dlr) * g;
        dDenom += Math.abs(s[i][j]);
      }
      numerator += (d / d0) * dlr * product;
    }
    if (dDenom == 0) {
      taken(before, params, dlr);
      return;
    }
    double dNew = d;
    if (gamma > 0) {
      double dHat = o.dCoef() * numerator / dDenom;
      if (d == d0) {
        dNew = Math.max(d, dHat);
      }
      dMax = Math.max(dMax, dHat);
      dNew = Math.min(dMax, dNew * o.growthRate());
    }
    for (int i = 0; i < params.length; i++) {
      for (int j = 0; j < params[i].length; j++) {
        params[i][j] -= dlr * m[i][j] / (Math.sqrt(v[i][j]) + dNew * o.epsilon());
      }
    }
    setGlobal(Prodigy.NUMERATOR, numerator);
    setGlobal(Prodigy.D, dNew);
    setGlobal(Prodigy.D_MAX, dMax);
    setGlobal(Prodigy.K, k + 1);
    taken(before, params, dlr);
  }
}

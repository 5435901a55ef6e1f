package dev.stride.optimizers.reference;

import dev.stride.optimizers.papers.DAdaptAdam;

/**
 * D-Adapt Adam as ALGORITHMS.md §6.4 transcribes the authors' code.
 *
 * <p>v3: {@code dlr = d·γ·bc}; per parameter, with v and s before the update,
 * {@code num_acc += dlr⟨g, s/(√v + ε)⟩}, {@code m = β1m + dlr(1 − β1)g}, {@code v = β2v + (1 − β2)g²},
 * {@code s = √β2·s + dlr(1 − √β2)g}, {@code sk_l1 += ‖s‖₁}; if sk_l1 = 0 stop here;
 * {@code num = √β2·num + (1 − √β2)num_acc}; {@code d̂ = num/((1 − √β2)sk_l1)};
 * {@code d = max(d, min(d̂, d·growth))}; {@code x −= m/(√v + ε)}; {@code k += 1}.
 *
 * <p>Preprint: {@code dlr = d·γ}; m, v as above; {@code δ = √v + ε} with the new v;
 * {@code g_sq += Σg²/δ}; {@code s = β2·s + dlr(1 − β2)g}; {@code sksq += Σs²/δ};
 * {@code sk_l1 += ‖s‖₁}; {@code gsq_w = β2·gsq_w + (1 − β2)dlr²·g_sq};
 * {@code d̂ = (sksq/(1 − β2) − gsq_w)/sk_l1}; {@code d = max(d, min(d̂, d·growth))}; {@code x −= m/δ}.
 *
 * <p>Under a learning-rate schedule γ is the code's {@code lr} as the scheduler sets it, lr·γ_k,
 * everywhere the code uses it, including v3's "d only while lr &gt; 0" test.
 */
public final class DAdaptAdamReference extends StatefulReference {
  private final DAdaptAdam o;

  public DAdaptAdamReference(DAdaptAdam optimizer) {
    this.o = optimizer;
  }

  @Override
  public void step(double[][] params, double[][] grads, double loss, double factor) {
    double[][] before = copy(params);
    double[][] s = slot(DAdaptAdam.S, params, 0);
    double[][] m = slot(DAdaptAdam.FIRST_MOMENT, params, 0);
    double[][] v = slot(DAdaptAdam.SECOND_MOMENT, params, 0);
    double d = global(DAdaptAdam.D, o.d0());
    double b1 = o.beta1();
    double b2 = o.beta2();
    double eps = o.epsilon();
    double gamma = o.learningRate() * factor;
    double dlr;
    if (o.form() == DAdaptAdam.Form.V3) {
      double k = global(DAdaptAdam.K, 0);
      double numerator = global(DAdaptAdam.NUMERATOR, 0);
      double bc = o.biasCorrection() ? Math.sqrt(1 - Math.pow(b2, k + 1)) / (1 - Math.pow(b1, k + 1)) : 1;
      dlr = d * gamma * bc;
      double sqrtB2 = Math.sqrt(b2);
      double numAcc = 0;
      double skL1 = 0;
      for (int i = 0; i < params.length; i++) {
        for (int j = 0; j < params[i].length; j++) {
          double g = grads[i][j];
          numAcc += dlr * g * s[i][j] / (Math.sqrt(v[i][j]) + eps);
          m[i][j] = b1 * m[i][j] + dlr * (1 - b1) * g;
          v[i][j] = b2 * v[i][j] + (1 - b2) * g * g;
          s[i][j] = sqrtB2 * s[i][j] + dlr * (1 - sqrtB2) * g;
          skL1 += Math.abs(s[i][j]);
        }
      }
      if (skL1 == 0) {
        taken(before, params, dlr);
        return;
      }
      numerator = sqrtB2 * numerator + (1 - sqrtB2) * numAcc;
      double dHat = numerator / ((1 - sqrtB2) * skL1);
      setGlobal(DAdaptAdam.NUMERATOR, numerator);
      if (gamma > 0) {
        setGlobal(DAdaptAdam.D, Math.max(d, Math.min(dHat, d * o.growthRate())));
      }
      setGlobal(DAdaptAdam.K, k + 1);
      for (int i = 0; i < params.length; i++) {
        for (int j = 0; j < params[i].length; j++) {
          params[i][j] -= m[i][j] / (Math.sqrt(v[i][j]) + eps);
        }
      }
    } else {
      double gsqWeighted = global(DAdaptAdam.GSQ_WEIGHTED, 0);
      dlr = d * gamma;
      double gSq = 0;
      double skSq = 0;
      double skL1 = 0;
      double[][] delta = new double[params.length][];
      for (int i = 0; i < params.length; i++) {
        delta[i] = new double[params[i].length];
        for (int j = 0; j < params[i].length; j++) {
          double g = grads[i][j];
          m[i][j] = b1 * m[i][j] + dlr * (1 - b1) * g;
          v[i][j] = b2 * v[i][j] + (1 - b2) * g * g;
          delta[i][j] = Math.sqrt(v[i][j]) + eps;
          gSq += g * g / delta[i][j];
          s[i][j] = b2 * s[i][j] + dlr * (1 - b2) * g;
          skSq += s[i][j] * s[i][j] / delta[i][j];
          skL1 += Math.abs(s[i][j]);
        }
      }
      gsqWeighted = b2 * gsqWeighted + (1 - b2) * dlr * dlr * gSq;
      double dHat = (skSq / (1 - b2) - gsqWeighted) / skL1;
      setGlobal(DAdaptAdam.GSQ_WEIGHTED, gsqWeighted);
      setGlobal(DAdaptAdam.D, Math.max(d, Math.min(dHat, d * o.growthRate())));
      for (int i = 0; i < params.length; i++) {
        for (int j = 0; j < params[i].length; j++) {
          params[i][j] -= m[i][j] / delta[i][j];
        }
      }
    }
    taken(before, params, dlr);
  }
}

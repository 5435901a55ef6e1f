package dev.stride.optimizers.reference;

import dev.stride.optimizers.papers.Dog;
import java.util.Map;
import dev.stride.optimizers.papers.DistanceOverGradients;
import dev.stride.optimizers.papers.IterateAverage;

/**
 * DoG and LDoG as ALGORITHMS.md §6.2 transcribes the authors' {@code dog.py}, per block (every
 * parameter at once for DoG, each parameter for LDoG): first step {@code x₀ = x},
 * {@code r̄ = r_ε(1 + ‖x₀‖)}, {@code G = ‖g‖² + ε}; later {@code r̄ = max(r̄, ‖x − x₀‖)},
 * {@code G += ‖g‖²}; {@code η = lr·r̄/√G}; {@code x ← x − η·g}. With averaging, the polynomial
 * average {@code x̄ = (1 − w)x̄ + w·x}, {@code w = (γ + 1)/(t + γ)}, of the parameters after each
 * step. The reported rate is η for DoG and ‖Δx‖/‖g‖ for LDoG. Under a learning-rate schedule its
 * factor γ_k multiplies lr, η = lr·γ_k·r̄/√G, and nothing else.
 */
public final class DogReference extends StatefulReference {
  private final boolean perTensor;
  private final double repsRel;
  private final double lr;
  private final double epsilon;
  private final double averageGamma;
  private int t;
  private double[] lastEta = new double[0];

  /** @param averageGamma the averaging power, or NaN for no averaging */
  public DogReference(boolean perTensor, double repsRel, double lr, double epsilon, double averageGamma) {
    this.perTensor = perTensor;
    this.repsRel = repsRel;
    this.lr = lr;
    this.epsilon = epsilon;
    this.averageGamma = averageGamma;
  }

  @Override
  public void step(double[][] params, double[][] grads, double loss, double factor) {
    double[][] before = copy(params);
    double[][] x0 = slot(DistanceOverGradients.X0, params, 0);
    t++;
    if (t == 1) {
      for (int i = 0; i < params.length; i++) {
        x0[i] = params[i].clone();
      }
    }
    int blocks = perTensor ? params.length : 1;
    double[] eta = new double[params.length];
    double[][] rbarRows = perTensor ? scalarSlot(DistanceOverGradients.RBAR, params.length, 0) : null;
    double[][] gRows = perTensor ? scalarSlot(DistanceOverGradients.G_SUM, params.length, 0) : null;
    for (int b = 0; b < blocks; b++) {
      int from = perTensor ? b : 0;
      int to = perTensor ? b + 1 : params.length;
      double xSq = 0;
      double distSq = 0;
      double gSq = 0;
      for (int i = from; i < to; i++) {
        for (int j = 0; j < params[i].length; j++) {
          xSq += params[i][j] * params[i][j];
          distSq += (params[i][j] - x0[i][j]) * (params[i][j] - x0[i][j]);
          gSq += grads[i][j] * grads[i][j];
        }
      }
      double rbar = perTensor ? rbarRows[b][0] : global(Dog.GLOBAL_RBAR, 0);
      double g = perTensor ? gRows[b][0] : global(Dog.GLOBAL_G_SUM, 0);
      if (t == 1) {
        rbar = repsRel * (1 + Math.sqrt(xSq));
        g = gSq + epsilon;
      } else {
        rbar = Math.max(rbar, Math.sqrt(distSq));
        g += gSq;
      }
      if (perTensor) {
        rbarRows[b][0] = rbar;
        gRows[b][0] = g;
      } else {
        setGlobal(Dog.GLOBAL_RBAR, rbar);
        setGlobal(Dog.GLOBAL_G_SUM, g);
      }
      for (int i = from; i < to; i++) {
        eta[i] = lr * factor * rbar / Math.sqrt(g);
      }
    }
    for (int i = 0; i < params.length; i++) {
      for (int j = 0; j < params[i].length; j++) {
        params[i][j] -= eta[i] * grads[i][j];
      }
    }
    if (!Double.isNaN(averageGamma)) {
      double[][] average = slot(IterateAverage.AVERAGE, params, 0);
      double w = (averageGamma + 1) / (t + averageGamma);
      for (int i = 0; i < params.length; i++) {
        for (int j = 0; j < params[i].length; j++) {
          average[i][j] = (1 - w) * average[i][j] + w * params[i][j];
        }
      }
    }
    double rate = perTensor ? distance(before, params) / Math.sqrt(squaredNorm(grads)) : eta[0];
    if (perTensor) {
      // Each variable moved along its gradient by its own η (reported per variable).
      takenAlong(grads, rate);
    } else {
      taken(before, params, rate);
    }
    lastEta = eta.clone();
  }

  /** LDoG drives each variable by its own η, reported as {@code "lr/<variable>"}. */
  @Override
  public Map<String, Double> learningRates() {
    if (!perTensor) {
      return super.learningRates();
    }
    Map<String, Double> rates = new java.util.LinkedHashMap<>();
    for (int i = 0; i < lastEta.length; i++) {
      rates.put("lr/" + dev.stride.bridge.testkit.FedGradientModel.PARAMS.get(i), lastEta[i]);
    }
    return rates;
  }
}

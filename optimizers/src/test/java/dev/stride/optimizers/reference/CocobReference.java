package dev.stride.optimizers.reference;

import dev.stride.optimizers.papers.Cocob;

/**
 * COCOB-Backprop as ALGORITHMS.md §6.6 transcribes the authors' code, per element: {@code x₁ = x}
 * at the first step; {@code L = max(L, |g|)} (L starts at ε); {@code θ = θ − g};
 * {@code G = G + |g|}; {@code R = max(R − g(x − x₁), 0)};
 * {@code x_c = x₁ + θ(L + R)/(L·max(G + L, αL))}; {@code x ← x + γ_k(x_c − x)} with γ_k a
 * learning-rate schedule's factor (Stride's extension; 1 without a schedule, so x ← x_c). The
 * reported rate is ‖Δx‖/‖g‖.
 */
public final class CocobReference extends StatefulReference {
  private final double alpha;
  private final double epsilon;
  private boolean started;

  public CocobReference(Cocob optimizer) {
    this.alpha = optimizer.alpha();
    this.epsilon = optimizer.epsilon();
  }

  @Override
  public void step(double[][] params, double[][] grads, double loss, double factor) {
    double[][] before = copy(params);
    double[][] l = slot(Cocob.SCALE, params, epsilon);
    double[][] absSum = slot(Cocob.ABS_SUM, params, 0);
    double[][] theta = slot(Cocob.NEGATIVE_SUM, params, 0);
    double[][] reward = slot(Cocob.REWARD, params, 0);
    double[][] x1 = slot(Cocob.X1, params, 0);
    if (!started) {
      for (int i = 0; i < params.length; i++) {
        x1[i] = params[i].clone();
      }
      started = true;
    }
    for (int i = 0; i < params.length; i++) {
      for (int j = 0; j < params[i].length; j++) {
        double g = grads[i][j];
        l[i][j] = Math.max(l[i][j], Math.abs(g));
        theta[i][j] -= g;
        absSum[i][j] += Math.abs(g);
        reward[i][j] = Math.max(reward[i][j] - g * (params[i][j] - x1[i][j]), 0);
        double point = x1[i][j]
            + theta[i][j] * (l[i][j] + reward[i][j]) / (l[i][j] * Math.max(absSum[i][j] + l[i][j], alpha * l[i][j]));
        params[i][j] += factor * (point - params[i][j]);
      }
    }
    taken(before, params, distance(before, params) / Math.sqrt(squaredNorm(grads)));
  }
}

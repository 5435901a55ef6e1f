package dev.stride.optimizers.reference;

import dev.stride.optimizers.papers.Sps;

/**
 * SPS as ALGORITHMS.md §6.1 transcribes the authors' {@code Sps.step}: ‖g‖ over every parameter;
 * no step below ‖g‖ = 1e-8 or for f &lt; f*; constant: {@code min(γ_b, (f − f*)/(c‖g‖² + ε))};
 * smooth: {@code min(τ^(1/n)·γ_prev, (f − f*)/(c‖g‖² + ε))}; {@code x ← x − γ·g}. With the
 * documented difference that a zero step leaves γ_prev alone (no latch at 0). Under a learning-rate
 * schedule the step taken and reported is γ_k·γ, while γ_prev remembers γ.
 */
public final class SpsReference extends StatefulReference {
  private final boolean smooth;
  private final double c;
  private final double fStar;
  private final double etaMax;
  private final double coefficient;
  private final double initial;
  private final double epsilon;

  public SpsReference(Sps s) {
    this.smooth = s.mode() == Sps.Mode.SMOOTH;
    this.c = s.c();
    this.fStar = s.fStar();
    this.etaMax = s.etaMax();
    this.coefficient = Math.pow(s.gamma(), 1.0 / s.batchesPerEpoch());
    this.initial = s.initialStepSize();
    this.epsilon = s.epsilon();
  }

  @Override
  public void step(double[][] params, double[][] grads, double loss, double factor) {
    double[][] before = copy(params);
    double gradNorm = Math.sqrt(squaredNorm(grads));
    double polyak = (loss - fStar) / (c * gradNorm * gradNorm + epsilon);
    double step;
    if (smooth) {
      double previous = global(Sps.PREVIOUS_STEP, initial);
      step = Math.min(coefficient * previous, polyak);
    } else {
      step = Math.min(etaMax, polyak);
    }
    if (gradNorm < 1e-8 || loss < fStar) {
      step = 0;
    }
    if (smooth && step > 0) {
      setGlobal(Sps.PREVIOUS_STEP, step);
    }
    double applied = factor * step;
    for (int i = 0; i < params.length; i++) {
      for (int j = 0; j < params[i].length; j++) {
        params[i][j] -= applied * grads[i][j];
      }
    }
    taken(before, params, applied);
  }
}

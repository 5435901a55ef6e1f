package dev.stride.optimizers.papers;

import dev.stride.optimizers.Checks;
import java.util.Map;

/**
 * AdaMo, LipschitzLR's adaptive momentum (Yedida &amp; Saha, Algorithm 1, §7.4 and Table 3
 * "Momentum"; ALGORITHMS.md §2.3), per epoch as the authors' code runs it ({@code Momentum.py} and
 * {@code lr_schedule}; {@link AdaMoPerIteration} is the paper's per-iteration form):
 *
 * <pre>
 * epoch 0:   K1 = x,  lr = x
 * epoch e≥1: K_ = (k−1)/(k·m)·K_z + λ·Wmax
 *            K1 ← β·K1 + (1 − β)·K_
 *            lr = 1/K1
 * every step: V ← β·V + (1 − β)·g;  θ ← θ − lr/(1 + decay·t)·V
 * </pre>
 *
 * As in the code, the average K1 starts from x, a learning-rate value (the paper: "sets K to 0.1
 * and uses this value as the learning rate"), and neither average is bias-corrected. x comes from a
 * 5-epoch trial among 0.1, 0.5 and 1 (paper §7.4); the MNIST notebook uses x = 0.1 and no λ, the
 * default here. β = 0.9.
 *
 * <p>Schedule: the step taken and reported is γ_k·lr/(1 + decay·t), as a learning rate; lr, K1, K_z and L stay.
 */
public final class AdaMo extends LipschitzSchedule {
  /** The running estimate K1 (hyperparameter and report). */
  public static final String K1 = "lipschitz/K1";

  private final double beta;

  /** The defaults. */
  public AdaMo() {
    this(builder());
  }

  private AdaMo(Builder b) {
    super(b, new EmaDirection(Checks.unitInterval("adamo", "beta", b.beta)));
    this.beta = b.beta;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "adamo";
  }

  @Override
  protected Map<String, Double> initialEstimates() {
    return Map.of(K1, initialRate());
  }

  @Override
  protected double rate(long epoch, LipschitzMeasurement m, Map<String, Double> estimates) {
    if (epoch == 0) {
      return Double.NaN;
    }
    double k1 = beta * estimates.get(K1) + (1 - beta) * m.lipschitz(bound(), lambda());
    estimates.put(K1, k1);
    return 1 / k1;
  }

  /** β of both moving averages. */
  public double beta() {
    return beta;
  }

  /** Settings by name. */
  public static final class Builder extends LipschitzSchedule.Builder<Builder> {
    private double beta = 0.9;

    private Builder() {
      super(0.1);
    }

    @Override
    protected Builder self() {
      return this;
    }

    public Builder beta(double beta) {
      this.beta = beta;
      return this;
    }

    public AdaMo build() {
      return new AdaMo(this);
    }
  }
}

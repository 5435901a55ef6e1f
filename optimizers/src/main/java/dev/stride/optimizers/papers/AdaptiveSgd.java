package dev.stride.optimizers.papers;

import dev.stride.optimizers.core.Sgd;
import java.util.Map;

/**
 * LipschitzLR's adaptive SGD (Yedida &amp; Saha, §5.2 and Table 3 "SGD / Adaptive" and "Fixed";
 * ALGORITHMS.md §2.2, the authors' {@code MNIST.ipynb} and CIFAR {@code lr_schedule}): plain SGD
 * whose learning rate is the inverse of the closed-form Lipschitz constant of the loss, recomputed
 * once per epoch (see {@link LipschitzSchedule} for how and when it is measured):
 *
 * <pre>
 * 1. K_ = (k−1)/(k·m)·K_z + λ·Wmax
 * 2. lr_e = 1/K_
 * 3. every step: θ ← θ − lr_e/(1 + decay·t)·g
 * </pre>
 *
 * The MNIST notebook: k = 10, m = 256, λ = 0, no decay, giving lr ≈ 2–3. Defaults: those, with an
 * initial rate of 0.01 (Keras' SGD default, the Table 3 baseline) for epoch 0.
 *
 * <p>Schedule: the step taken and reported is γ_k·lr_e/(1 + decay·t), as a learning rate; lr_e, K_z and L stay.
 */
public final class AdaptiveSgd extends LipschitzSchedule {

  /** The defaults. */
  public AdaptiveSgd() {
    this(builder());
  }

  private AdaptiveSgd(Builder b) {
    super(b, new Sgd(1));
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "lipschitz-sgd";
  }

  @Override
  protected double rate(long epoch, LipschitzMeasurement m, Map<String, Double> estimates) {
    return 1 / m.lipschitz(bound(), lambda());
  }

  /** Settings by name. */
  public static final class Builder extends LipschitzSchedule.Builder<Builder> {
    private Builder() {
      super(0.01);
    }

    @Override
    protected Builder self() {
      return this;
    }

    public AdaptiveSgd build() {
      return new AdaptiveSgd(this);
    }
  }
}

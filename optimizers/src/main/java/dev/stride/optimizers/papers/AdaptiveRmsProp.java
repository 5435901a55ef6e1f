package dev.stride.optimizers.papers;

import dev.stride.optimizers.Checks;
import dev.stride.optimizers.core.RmsProp;
import java.util.Map;

/**
 * LipschitzLR's adaptive RMSprop (Yedida &amp; Saha, Algorithm 2 and Table 3 "RMSprop"; the
 * paper gives no body for Algorithm 2, so this follows the authors' {@code
 * CIFAR10/RMSprop/ResNet/Adaptive/cifar.py}, ALGORITHMS.md §2.4), per epoch:
 *
 * <pre>
 * 1. S_ = ((k−1)/(k·m))²·S + 2λ·Wmax·(k−1)/(k·m)·K_z      S = max_b ‖A_b∘A_b‖_F
 * 2. K2 ← β·K2 + (1 − β)·S_                               K2 = 0 initially
 * 3. lr = (√K2 + ε)/K_z                                    the denominator is K_z, as in the code
 * every step: Keras' RMSprop, a ← ρ·a + (1 − ρ)·g², θ ← θ − lr/(1 + decay·t) · g/(√a + ε)
 * </pre>
 *
 * β = ρ = 0.9 and ε = 1e-7 (Keras' {@code K.epsilon()}), as in the code; the direction is {@link
 * RmsProp}. Defaults: 10 classes, no λ, no decay, and Keras' RMSprop rate 1e-3 for epoch 0.
 *
 * <p>Schedule: the step taken and reported is γ_k·lr/(1 + decay·t), as a learning rate; lr, K2, K_z and L stay.
 */
public final class AdaptiveRmsProp extends LipschitzSchedule {
  /** The running estimate K2 (hyperparameter and report). */
  public static final String K2 = "lipschitz/K2";

  private final double beta;
  private final double epsilon;

  /** The defaults. */
  public AdaptiveRmsProp() {
    this(builder());
  }

  private AdaptiveRmsProp(Builder b) {
    super(b, direction(b));
    this.beta = b.beta;
    this.epsilon = b.epsilon;
  }

  /** Keras' RMSprop with the schedule's β and ε, checked under this optimizer's name first. */
  private static RmsProp direction(Builder b) {
    Checks.unitInterval("lipschitz-rmsprop", "beta", b.beta);
    Checks.positive("lipschitz-rmsprop", "epsilon", b.epsilon);
    return RmsProp.builder().rho(b.beta).epsilon(b.epsilon).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "lipschitz-rmsprop";
  }

  @Override
  protected Map<String, Double> initialEstimates() {
    return Map.of(K2, 0.0);
  }

  @Override
  protected boolean usesSquares() {
    return true;
  }

  @Override
  protected double rate(long epoch, LipschitzMeasurement m, Map<String, Double> estimates) {
    double k2 = beta * estimates.get(K2) + (1 - beta) * m.squaredLipschitz(bound(), lambda());
    estimates.put(K2, k2);
    return (Math.sqrt(k2) + epsilon) / m.penultimateNorm();
  }

  /** β of K2's average and ρ of the RMSprop direction. */
  public double beta() {
    return beta;
  }

  public double epsilon() {
    return epsilon;
  }

  /** Settings by name. */
  public static final class Builder extends LipschitzSchedule.Builder<Builder> {
    private double beta = 0.9;
    private double epsilon = 1e-7;

    private Builder() {
      super(1e-3);
    }

    @Override
    protected Builder self() {
      return this;
    }

    public Builder beta(double beta) {
      this.beta = beta;
      return this;
    }

    public Builder epsilon(double epsilon) {
      this.epsilon = epsilon;
      return this;
    }

    public AdaptiveRmsProp build() {
      return new AdaptiveRmsProp(this);
    }
  }
}

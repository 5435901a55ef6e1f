package dev.stride.optimizers.papers;

import dev.stride.optimizers.Checks;
import dev.stride.optimizers.core.Adam;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Auto-Adam, LipschitzLR's Adam (Yedida &amp; Saha, Algorithm 3, §6.3 and Table 3 "Adam";
 * ALGORITHMS.md §2.5), per epoch as the authors' {@code CIFAR10/Adam/densenet-1e4/Adaptive/cif.py}
 * runs it ({@link AutoAdamPerIteration} is the paper's per-iteration form):
 *
 * <pre>
 * 1. K_ = c·K_z + λ·Wmax;   S_ = c²·S + 2λ·Wmax·c·K_z      c = (k−1)/(k·m), S = max_b ‖A_b∘A_b‖_F
 * 2. K1 ← β1·K1 + (1 − β1)·K_;   K2 ← β2·K2 + (1 − β2)·S_   K1 = K2 = 0 initially, no bias correction
 * 3. lr = (√K2 + ε)/K1
 * every step: Adam, θ ← θ − lr/(1 + decay·t) · m̂/(√v̂ + ε)
 * </pre>
 *
 * The code feeds the rate to Keras' Adam (ε = 1e-7 added to √v before the bias correction); the
 * direction here is {@link Adam}, with ε on √v̂, which differs only while √v̂ is near ε. §6.3's
 * λ²·Wmax² term is removed, as the paper and the code do. Because K1 and K2 start at 0 without bias
 * correction, the authors' epoch 0 already runs at (√(0.001·S_) + ε)/(0.1·K_); their ModifiedAdam
 * variant runs epoch 0 at 1e-3 instead, which is what the accumulated measurement does here by
 * default (initial rate 1e-3). β1 = 0.9, β2 = 0.999, ε = 1e-7.
 *
 * <p>Schedule: the step taken and reported is γ_k·lr/(1 + decay·t), as a learning rate; lr, K1, K2, K_z, L stay.
 */
public final class AutoAdam extends LipschitzSchedule {
  /** The running estimate K1 (hyperparameter and report). */
  public static final String K1 = "lipschitz/K1";
  /** The running estimate K2 (hyperparameter and report). */
  public static final String K2 = "lipschitz/K2";

  private final double beta1;
  private final double beta2;
  private final double epsilon;

  /** The defaults. */
  public AutoAdam() {
    this(builder());
  }

  private AutoAdam(Builder b) {
    super(b, direction(b));
    this.beta1 = b.beta1;
    this.beta2 = b.beta2;
    this.epsilon = b.epsilon;
  }

  /** Adam with the schedule's β1, β2 and ε, checked under this optimizer's name first. */
  private static Adam direction(Builder b) {
    Checks.unitInterval("auto-adam", "beta1", b.beta1);
    Checks.unitInterval("auto-adam", "beta2", b.beta2);
    Checks.positive("auto-adam", "epsilon", b.epsilon);
    return Adam.builder().beta1(b.beta1).beta2(b.beta2).epsilon(b.epsilon).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "auto-adam";
  }

  @Override
  protected Map<String, Double> initialEstimates() {
    // In this order in every run: Map.of's iteration order changes from one JVM to the next.
    Map<String, Double> estimates = new LinkedHashMap<>();
    estimates.put(K1, 0.0);
    estimates.put(K2, 0.0);
    return estimates;
  }

  @Override
  protected boolean usesSquares() {
    return true;
  }

  @Override
  protected double rate(long epoch, LipschitzMeasurement m, Map<String, Double> estimates) {
    double k1 = beta1 * estimates.get(K1) + (1 - beta1) * m.lipschitz(bound(), lambda());
    double k2 = beta2 * estimates.get(K2) + (1 - beta2) * m.squaredLipschitz(bound(), lambda());
    estimates.put(K1, k1);
    estimates.put(K2, k2);
    return (Math.sqrt(k2) + epsilon) / k1;
  }

  public double beta1() {
    return beta1;
  }

  public double beta2() {
    return beta2;
  }

  public double epsilon() {
    return epsilon;
  }

  /** Settings by name. */
  public static final class Builder extends LipschitzSchedule.Builder<Builder> {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;

    private Builder() {
      super(1e-3);
    }

    @Override
    protected Builder self() {
      return this;
    }

    public Builder beta1(double beta1) {
      this.beta1 = beta1;
      return this;
    }

    public Builder beta2(double beta2) {
      this.beta2 = beta2;
      return this;
    }

    public Builder epsilon(double epsilon) {
      this.epsilon = epsilon;
      return this;
    }

    public AutoAdam build() {
      return new AutoAdam(this);
    }
  }
}

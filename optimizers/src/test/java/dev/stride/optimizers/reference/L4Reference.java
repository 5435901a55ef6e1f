package dev.stride.optimizers.reference;

import dev.stride.optimizers.core.Adam;
import dev.stride.optimizers.core.Momentum;
import dev.stride.optimizers.papers.L4;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * L4Mom and L4Adam as ALGORITHMS.md §4.1 writes them (paper Eqs. 3, 5–7 and the authors' code), per
 * step with {@code t} updates done before it:
 *
 * <pre>
 * 1. L_min = γ0·L if t = 0, else min(L_min, L)
 * 2. m = (1−1/τm)·m + (1/τm)·∇L;   m̂ = m / (1 − (1−1/τm)^(t+1))
 *    s = (1−1/τs)·s + (1/τs)·∇L²;  ŝ = s / (1 − (1−1/τs)^(t+1))     (L4Adam)
 * 3. v = m̂ (L4Mom) or m̂ / (√ŝ + ε_a) (L4Adam);  g = m̂
 * 4. η = α·(L − γ·L_min) / (Σ_all ⟨g, v⟩ + ε)
 * 5. θ = θ − γ_k·η·v          γ_k: a learning-rate schedule's factor (1 without one)
 * 6. L_min = (1 + 1/τ)·L_min
 * 7. t = t + 1
 * </pre>
 *
 * Stride builds L4Mom as L4 over heavy-ball momentum {@code b ← μ·b + ∇L} (μ = 1 − 1/τm), not over
 * m̂. This reference moves θ along the paper's m̂ (line 5), so comparing parameters checks the claim
 * that the two take the same steps. It also keeps the heavy-ball buffer, which the composed
 * optimizer holds as state, and reports the step as that optimizer takes it: along
 * {@link #direction()} = b with η_b = α·(L − γ·L_min)/(Σ⟨g, b⟩ + ε), which is §4.1's general form
 * with v = b. The paper's {@code m} is the composed optimizers' state only through their
 * directions: L4Adam's Adam moment {@code m} is it (the authors' code keeps it twice, as two
 * identical EMAs), and L4Mom's buffer is {@code m/(1 − μ)}; {@link #gradientEma()} gives it.
 */
public final class L4Reference implements ReferenceOptimizer {
  private final boolean adam;
  private final double alpha;
  private final double gamma;
  private final double gamma0;
  private final double tau;
  private final double tauM;
  private final double tauS;
  private final double adamEpsilon;
  private final double epsilon;

  private final Map<String, double[][]> slots = new LinkedHashMap<>();
  private double[][] m;
  private double lMin;
  private int t;
  private double[][] direction;
  private double learningRate;

  private L4Reference(boolean adam, double alpha, double gamma, double gamma0, double tau, double tauM,
      double tauS, double adamEpsilon, double epsilon) {
    this.adam = adam;
    this.alpha = alpha;
    this.gamma = gamma;
    this.gamma0 = gamma0;
    this.tau = tau;
    this.tauM = tauM;
    this.tauS = tauS;
    this.adamEpsilon = adamEpsilon;
    this.epsilon = epsilon;
  }

  /** L4Mom, stepped along heavy-ball momentum with μ = 1 − 1/τm. */
  public static L4Reference mom(double alpha, double gamma, double gamma0, double tau, double tauM, double epsilon) {
    return new L4Reference(false, alpha, gamma, gamma0, tau, tauM, 0, 0, epsilon);
  }

  /** L4Adam with second-moment time τs and ε_a added after the root. */
  public static L4Reference adam(double alpha, double gamma, double gamma0, double tau, double tauM, double tauS,
      double adamEpsilon, double epsilon) {
    return new L4Reference(true, alpha, gamma, gamma0, tau, tauM, tauS, adamEpsilon, epsilon);
  }

  @Override
  public void step(double[][] params, double[][] grads, double loss, double factor) {
    if (m == null) {
      m = zeros(params);
      String[] names = adam ? new String[] {Adam.FIRST_MOMENT, Adam.SECOND_MOMENT} : new String[] {Momentum.MOMENTUM};
      for (String name : names) {
        slots.put(name, zeros(params));
      }
    }
    lMin = t == 0 ? gamma0 * loss : Math.min(lMin, loss);

    double betaM = 1 - 1 / tauM;
    double betaS = 1 - 1 / tauS;
    double[][] mHat = new double[params.length][];
    double[][] v = new double[params.length][];
    for (int i = 0; i < params.length; i++) {
      mHat[i] = new double[params[i].length];
      v[i] = new double[params[i].length];
      for (int j = 0; j < params[i].length; j++) {
        double g = grads[i][j];
        m[i][j] = betaM * m[i][j] + (1 / tauM) * g;
        mHat[i][j] = m[i][j] / (1 - Math.pow(betaM, t + 1));
        if (adam) {
          double[] first = slots.get(Adam.FIRST_MOMENT)[i];
          double[] second = slots.get(Adam.SECOND_MOMENT)[i];
          first[j] = m[i][j];
          second[j] = betaS * second[j] + (1 / tauS) * g * g;
          double sHat = second[j] / (1 - Math.pow(betaS, t + 1));
          v[i][j] = mHat[i][j] / (Math.sqrt(sHat) + adamEpsilon);
        } else {
          double[] b = slots.get(Momentum.MOMENTUM)[i];
          b[j] = betaM * b[j] + g;
          v[i][j] = mHat[i][j];
        }
      }
    }
    double numerator = alpha * (loss - gamma * lMin);
    double eta = numerator / (dot(mHat, v) + epsilon);
    for (int i = 0; i < params.length; i++) {
      for (int j = 0; j < params[i].length; j++) {
        params[i][j] -= factor * eta * v[i][j];
      }
    }
    if (adam) {
      direction = v;
      learningRate = factor * eta;
    } else {
      direction = slots.get(Momentum.MOMENTUM);
      learningRate = factor * numerator / (dot(mHat, direction) + epsilon);
    }
    lMin = (1 + 1 / tau) * lMin;
    t++;
  }

  private static double[][] zeros(double[][] shapes) {
    double[][] z = new double[shapes.length][];
    for (int i = 0; i < shapes.length; i++) {
      z[i] = new double[shapes[i].length];
    }
    return z;
  }

  /** The paper's EMA m of the gradient after the last step (not bias-corrected). */
  public double[][] gradientEma() {
    return m;
  }

  private static double dot(double[][] a, double[][] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        sum += a[i][j] * b[i][j];
      }
    }
    return sum;
  }

  @Override
  public double[][] direction() {
    double[][] copy = new double[direction.length][];
    for (int i = 0; i < direction.length; i++) {
      copy[i] = direction[i].clone();
    }
    return copy;
  }

  @Override
  public Map<String, Double> learningRates() {
    return Map.of("lr", learningRate);
  }

  @Override
  public Map<String, double[][]> slots() {
    return slots;
  }

  @Override
  public Map<String, double[]> globals() {
    return Map.of(L4.L_MIN, new double[] {lMin});
  }
}

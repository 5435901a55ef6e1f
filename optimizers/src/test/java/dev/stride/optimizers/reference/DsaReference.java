package dev.stride.optimizers.reference;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DSA in each of its four forms, as ALGORITHMS.md §5.1–§5.4 write them, in plain double arithmetic:
 *
 * <pre>
 * θ̃ = θ − γ_k·r(η) ⊙ d(g);   g̃ = ∇L(θ̃);   η ← clamp(η + Δ);   θ ← θ − γ_k·r(η) ⊙ d(g)
 * BASIC          r = η (one global), d = g,        Δ = β·Σ g̃·g          (§5.1)
 * PER_PARAMETER  r = η,              d = g,        Δ = β·g̃·g            (§5.2)
 * EXPONENTIAL    r = 2^η,            d = sign(g),  Δ = β·sign(g̃·g)      (§5.3, ε → exact sign)
 * FINAL          r = 2^η,            d = sign(g),  Δ = +β₂ if g̃·g > 0, −β₁ if g̃·g < 0, −(β₁−β₂)/2 if 0   (§5.4)
 * </pre>
 *
 * with γ_k a learning-rate schedule's factor (1 without one; it scales the look-ahead and the step
 * alike, η is unscaled), plus Stride's documented policies: η clamped to [ηmin, ηmax]; the sign of
 * p taken as sign(g̃)·sign(g); a NaN look-ahead counted as disagreement (p = −∞, sign −1). The look-ahead
 * gradient comes from {@code gradientAt}, which gets the shifted parameters and the step's gradient:
 * a closed-form gradient for a real loss, or the step's own gradient for the fed-gradient test
 * model, whose gradient does not depend on θ.
 */
public final class DsaReference implements ReferenceOptimizer {
  /** The form, with its rule for η. */
  public enum Form { BASIC, PER_PARAMETER, EXPONENTIAL, FINAL }

  /** The gradient at shifted parameters. */
  @FunctionalInterface
  public interface GradientAt {
    double[][] at(double[][] shifted, double[][] gradient);
  }

  private final Form form;
  private final double eta0;
  private final double beta1;
  private final double beta2;
  private final double etaMin;
  private final double etaMax;
  private final GradientAt gradientAt;
  private final String slotName;
  private double[][] eta;
  private double globalEta;
  private double[][] direction;
  private double[][] stepSizes;

  /**
   * @param beta1 β of the one-β forms; the decrease β₁ of the final form
   * @param beta2 the increase β₂ of the final form; ignored by the other forms
   * @param slotName the per-parameter state name the graph uses (null for the global form)
   */
  public DsaReference(Form form, double eta0, double beta1, double beta2, double etaMin, double etaMax,
      String slotName, GradientAt gradientAt) {
    this.form = form;
    this.eta0 = eta0;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.etaMin = etaMin;
    this.etaMax = etaMax;
    this.slotName = slotName;
    this.gradientAt = gradientAt;
    this.globalEta = eta0;
  }

  private boolean log2() {
    return form == Form.EXPONENTIAL || form == Form.FINAL;
  }

  private double rate(double e) {
    return log2() ? Math.pow(2, e) : e;
  }

  private double dir(double g) {
    return log2() ? Math.signum(g) : g;
  }

  private double clamp(double e) {
    return Math.max(etaMin, Math.min(etaMax, e));
  }

  @Override
  public void step(double[][] params, double[][] grads, double loss, double factor) {
    if (eta == null) {
      eta = new double[params.length][];
      for (int i = 0; i < params.length; i++) {
        eta[i] = new double[params[i].length];
        Arrays.fill(eta[i], eta0);
      }
    }
    double[][] ahead = new double[params.length][];
    for (int i = 0; i < params.length; i++) {
      ahead[i] = new double[params[i].length];
      for (int j = 0; j < params[i].length; j++) {
        double r = factor * (form == Form.BASIC ? rate(globalEta) : rate(eta[i][j]));
        ahead[i][j] = params[i][j] - r * dir(grads[i][j]);
      }
    }
    double[][] gAhead = gradientAt.at(ahead, grads);
    double total = 0;
    for (int i = 0; i < params.length; i++) {
      for (int j = 0; j < params[i].length; j++) {
        double p = gAhead[i][j] * grads[i][j];
        p = Double.isNaN(p) ? Double.NEGATIVE_INFINITY : p;
        // The log₂ forms need only the sign of p: sign(g̃)·sign(g), which no underflow can zero.
        double sign = Double.isNaN(gAhead[i][j]) ? -1 : Math.signum(gAhead[i][j]) * Math.signum(grads[i][j]);
        total += p;
        if (form != Form.BASIC) {
          eta[i][j] = clamp(eta[i][j] + change(p, sign));
        }
      }
    }
    if (form == Form.BASIC) {
      globalEta = clamp(globalEta + beta1 * total);
    }
    direction = new double[params.length][];
    stepSizes = new double[params.length][];
    for (int i = 0; i < params.length; i++) {
      direction[i] = new double[params[i].length];
      stepSizes[i] = new double[params[i].length];
      for (int j = 0; j < params[i].length; j++) {
        direction[i][j] = dir(grads[i][j]);
        stepSizes[i][j] = factor * (form == Form.BASIC ? rate(globalEta) : rate(eta[i][j]));
        params[i][j] -= stepSizes[i][j] * direction[i][j];
      }
    }
  }

  /** Δ of one element's η for its product p with that product's sign. */
  private double change(double p, double sign) {
    return switch (form) {
      case PER_PARAMETER -> beta1 * p;
      case EXPONENTIAL -> beta1 * sign;
      case FINAL -> sign > 0 ? beta2 : sign < 0 ? -beta1 : -(beta1 - beta2) / 2;
      case BASIC -> throw new IllegalStateException("the basic form has one global η");
    };
  }

  @Override
  public double[][] direction() {
    return direction;
  }

  /**
   * Unused: every DSA form reports per-layer mean/min/max of its per-element rates, which the suite
   * checks through {@link #stepSizes()}.
   */
  @Override
  public Map<String, Double> learningRates() {
    throw new UnsupportedOperationException(form + " DSA reports per-layer rate summaries; see stepSizes()");
  }

  @Override
  public double[][] stepSizes() {
    return stepSizes;
  }

  @Override
  public Map<String, double[][]> slots() {
    Map<String, double[][]> slots = new LinkedHashMap<>();
    if (form != Form.BASIC) {
      slots.put(slotName, eta);
    }
    return slots;
  }

  @Override
  public Map<String, double[]> globals() {
    return form == Form.BASIC ? Map.of("dsa/rate", new double[] {globalEta}) : Map.of();
  }
}

package dev.stride.optimizers.reference;

import dev.stride.optimizers.core.Adam;
import dev.stride.optimizers.core.RmsProp;
import dev.stride.optimizers.papers.AdaLip;
import dev.stride.optimizers.papers.Lipschitz;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AdaLip family as ALGORITHMS.md §1.1–1.4 writes the authors' code, line by line, with the
 * code's float counter t (1 at the first update, incremented after it), its momentum sign
 * ({@code m ← μ·m − A·g}, {@code V ← V + m}) and its previous-update sign (AdaLip-U stores m,
 * RMSLip-U and AdamLip-U store the positive update they subtract). The norms run over each unit: a
 * layer (the paper) or a variable (the code). Stride keeps θ ← θ − step, so {@link #slots} reports
 * the buffer and AdaLip-U's previous update negated.
 *
 * <p>Under a learning-rate schedule with factor γ_k the step taken uses γ_k·A (AdaLip's momentum
 * buffer {@code m ← μ·m − γ_k·A·g} included) and the reported rates are γ_k·A, while S and the
 * previous signal follow the unscheduled rule: the -U forms remember the update at rate A
 * ({@code μ·m − A·g}, {@code A·d}), as Stride's documentation of AdaLip and of rules composed with a
 * direction says.
 */
public final class LipschitzReference implements ReferenceOptimizer {
  /** The base optimizer. */
  public enum Base { SGD, RMS, ADAM }

  private final Base base;
  private final double alpha;
  private final double betaL;
  private final double c;
  private final double maxRatio;
  private final boolean updates;
  private final double momentum;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final List<String> units = new ArrayList<>();
  private final int[] unitOf;
  private final boolean perLayer;
  private double t = 1.0;
  private double[][] p;
  private double[][] m;
  private double[][] v;
  private double[] ls;
  private double[][] direction;
  private final Map<String, Double> rates = new LinkedHashMap<>();

  /**
   * @param rule the rule's settings (α, γ = betaL, c, scope, form, cap)
   * @param params the parameter names ({@code layer/param}), in model order
   * @param momentum AdaLip's μ (0 for the others); beta1, beta2, epsilon: the base's (unused ones ignored)
   */
  public LipschitzReference(Base base, Lipschitz rule, List<String> params, double momentum, double beta1,
      double beta2, double epsilon) {
    this.base = base;
    this.alpha = rule.alpha();
    this.betaL = rule.gamma();
    this.c = rule.c();
    this.maxRatio = rule.maxRatio();
    this.updates = rule.signal() == Lipschitz.Signal.UPDATE;
    this.perLayer = rule.scope() == Lipschitz.Scope.PER_LAYER;
    this.momentum = momentum;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.unitOf = new int[params.size()];
    for (int i = 0; i < params.size(); i++) {
      String unit = perLayer ? params.get(i).substring(0, params.get(i).indexOf('/')) : params.get(i);
      if (!units.contains(unit)) {
        units.add(unit);
      }
      unitOf[i] = units.indexOf(unit);
    }
  }

  @Override
  public void step(double[][] params, double[][] grads, double loss, double factor) {
    int n = params.length;
    if (p == null) {
      p = zeros(params);
      m = zeros(params);
      v = zeros(params);
      ls = new double[units.size()];
      Arrays.fill(ls, 1.0);
    }
    // The base's quantities: RMSLip's g/sqrt(v+eps), AdamLip's corrected m/sqrt(v+eps), AdaLip's g.
    double[][] d = new double[n][];
    for (int i = 0; i < n; i++) {
      d[i] = new double[params[i].length];
      for (int j = 0; j < d[i].length; j++) {
        double g = grads[i][j];
        switch (base) {
          case SGD -> d[i][j] = g;
          case RMS -> {
            v[i][j] = beta2 * v[i][j] + (1 - beta2) * g * g;
            d[i][j] = g / Math.sqrt(v[i][j] + epsilon);
          }
          case ADAM -> {
            m[i][j] = beta1 * m[i][j] + (1 - beta1) * g;
            v[i][j] = beta2 * v[i][j] + (1 - beta2) * g * g;
            double mHat = m[i][j] / (1 - Math.pow(beta1, t));
            double vHat = v[i][j] / (1 - Math.pow(beta2, t));
            d[i][j] = mHat / Math.sqrt(vHat + epsilon);
          }
        }
      }
    }
    // l = ||p|| / (||x - p|| + c) per unit, with x the gradient or the update at the base rate.
    double[] pSq = new double[units.size()];
    double[] dtSq = new double[units.size()];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d[i].length; j++) {
        double x = !updates ? grads[i][j]
            : base == Base.SGD ? momentum * m[i][j] - alpha * grads[i][j] : alpha * d[i][j];
        pSq[unitOf[i]] += p[i][j] * p[i][j];
        dtSq[unitOf[i]] += (x - p[i][j]) * (x - p[i][j]);
      }
    }
    double[] lr = new double[units.size()];
    rates.clear();
    for (int u = 0; u < units.size(); u++) {
      double l = Math.min(Math.sqrt(pSq[u]) / (Math.sqrt(dtSq[u]) + c), maxRatio);
      ls[u] = betaL * ls[u] + (1 - betaL) * l;
      lr[u] = t < 2 ? alpha : alpha * ls[u];
      rates.put(Lipschitz.REPORT_PREFIX + units.get(u), factor * lr[u]);
    }
    for (int i = 0; i < n; i++) {
      double a = lr[unitOf[i]];
      for (int j = 0; j < d[i].length; j++) {
        if (base == Base.SGD) {
          double unscheduled = momentum * m[i][j] - a * grads[i][j];
          m[i][j] = momentum * m[i][j] - factor * a * grads[i][j];
          params[i][j] += m[i][j];
          p[i][j] = updates ? unscheduled : grads[i][j];
        } else {
          double u = a * d[i][j];
          params[i][j] -= factor * u;
          p[i][j] = updates ? u : grads[i][j];
        }
      }
    }
    direction = d;
    t += 1;
  }

  private static double[][] zeros(double[][] like) {
    double[][] z = new double[like.length][];
    for (int i = 0; i < like.length; i++) {
      z[i] = new double[like[i].length];
    }
    return z;
  }

  private static double[][] negated(double[][] x) {
    double[][] y = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i].clone();
      for (int j = 0; j < y[i].length; j++) {
        y[i][j] = -y[i][j];
      }
    }
    return y;
  }

  /** The gradient for AdaLip (with μ = 0 the step is A·g), the base's direction for the others. */
  @Override
  public double[][] direction() {
    return direction;
  }

  @Override
  public Map<String, Double> learningRates() {
    return rates;
  }

  @Override
  public Map<String, double[][]> slots() {
    Map<String, double[][]> slots = new LinkedHashMap<>();
    slots.put(Lipschitz.PREVIOUS, updates && base == Base.SGD ? negated(p) : p);
    switch (base) {
      case SGD -> {
        if (momentum > 0) {
          slots.put(AdaLip.MOMENTUM, negated(m));
        }
      }
      case RMS -> slots.put(RmsProp.MEAN_SQUARE, v);
      case ADAM -> {
        slots.put(Adam.FIRST_MOMENT, m);
        slots.put(Adam.SECOND_MOMENT, v);
      }
    }
    return slots;
  }

  /** S and ‖p‖², one entry per unit (layer or variable) in model order. */
  @Override
  public Map<String, double[]> globals() {
    double[] pSq = new double[units.size()];
    for (int i = 0; i < p.length; i++) {
      for (double x : p[i]) {
        pSq[unitOf[i]] += x * x;
      }
    }
    return Map.of(Lipschitz.SCALE, ls.clone(), Lipschitz.PREVIOUS_SQUARED_NORM, pSq);
  }
}

package dev.stride.optimizers.papers;

import dev.stride.bridge.Param;
import dev.stride.bridge.VariableInit;
import dev.stride.bridge.optim.Hyper;
import dev.stride.bridge.optim.Slot;
import dev.stride.bridge.optim.StepContext;
import dev.stride.bridge.optim.Updates;
import dev.stride.optimizers.Checks;
import dev.stride.optimizers.DirectionOptimizer;
import dev.stride.optimizers.GraphMath;
import dev.stride.optimizers.Moments;
import dev.stride.optimizers.StepSizeRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * AdaLip's Lipschitz step size (Ioannou, Tagaris &amp; Stafylopatis, "AdaLip: An Adaptive Learning
 * Rate Method per Layer for Stochastic Optimization", Neural Processing Letters 2023, §3.3 Eqs. 6–9,
 * Appendix C Eqs. C4–C5; ALGORITHMS.md §1, from the authors' {@code adalip_opts.py} and
 * {@code adalip_u_opts.py}). One rate per layer, composed with any direction {@code v}:
 *
 * <pre>
 * t = step + 1
 * 1. x = g                                  gradient form (AdaLip, RMSLip, AdamLip)
 *    x = α·v + carried                      update form (-U): the step the base optimizer takes at α
 * 2. r = ‖x_prev‖ / (‖x − x_prev‖ + c)       norms over the layer, or the variable
 * 3. S ← γ·S + (1 − γ)·r                     S₀ = 1
 * 4. A = α if t &lt; 2, else α·S              S was still updated in line 3
 * 5. θ ← θ − (A·v + carried)
 * 6. x_prev ← g, or the step of line 5       update form: the update actually applied
 * </pre>
 *
 * {@code carried} is the part of a step that does not scale with this step's rate (the TF1
 * momentum {@code μ·b} of {@link AdaLip}); it is 0 for every other direction. x_prev starts at 0, so
 * r = 0 in the first step and S₁ = γ (0.8): the code's artefact; the paper starts its sum at g₀ = g₁.
 * Identical consecutive signals give r = ‖x‖/c, about 1e8·‖x‖ for c = 1e-8: neither paper nor
 * code guards it, and by default neither does this rule, but the rate is reported every step as
 * {@code "lr/<layer>"} so the jump is visible; {@code maxRatio} caps r (so A ≤ α·max(1, maxRatio)).
 * A ratio that overflows (‖x‖² above float32's range) is non-finite and the step is skipped.
 */
public final class Lipschitz implements StepSizeRule {
  /** Per layer (the paper) or per variable (the authors' code: kernel and bias apart). */
  public enum Scope { PER_LAYER, PER_VARIABLE }

  /** What the ratio compares: consecutive gradients, or consecutive updates (the -U variants). */
  public enum Signal { GRADIENT, UPDATE }

  /** The moving average S: state {@code opt/lipschitz_s}, one entry per layer (or variable) in model order. */
  public static final String SCALE = "lipschitz_s";
  /** The previous gradient, or the previous update applied, per parameter. */
  public static final String PREVIOUS = "lipschitz_previous";
  /**
   * ‖x_prev‖² per unit (layer or variable), in the order of {@link #SCALE}: kept beside x_prev so
   * that line 2 does not reread x_prev for its norm. In the gradient form it is the gradient's squared
   * norm, which the step computes anyway for its finiteness check.
   */
  public static final String PREVIOUS_SQUARED_NORM = "lipschitz_previous_squared_norm";
  /** Prefix of the per-layer (or per-variable) rate reports: {@code "lr/dense_1"}. */
  public static final String REPORT_PREFIX = DirectionOptimizer.LR_REPORT + "/";

  private final double alpha;
  private final double gamma;
  private final double c;
  private final Scope scope;
  private final Signal signal;
  private final double maxRatio;

  /**
   * @param optimizer the optimizer's name, for validation messages
   * @param alpha the base rate α, the runtime hyperparameter {@code learning_rate}
   * @param gamma γ, decay of S (the code's {@code betaL})
   * @param c added to the difference norm
   * @param maxRatio cap on r; {@code Double.POSITIVE_INFINITY} for none (paper and code)
   */
  public Lipschitz(String optimizer, double alpha, double gamma, double c, Scope scope, Signal signal,
      double maxRatio) {
    this.alpha = Checks.positive(optimizer, "learning rate", alpha);
    this.gamma = Checks.unitInterval(optimizer, "gamma", gamma);
    this.c = Checks.positive(optimizer, "c", c);
    this.scope = Objects.requireNonNull(scope, "scope");
    this.signal = Objects.requireNonNull(signal, "signal");
    if (!(maxRatio > 0)) {
      throw new IllegalArgumentException(optimizer + ": max ratio must be > 0 (infinity for none), got " + maxRatio);
    }
    this.maxRatio = maxRatio;
  }

  @Override
  public String name() {
    return "lipschitz";
  }

  @Override
  public Map<Param, Operand<TFloating>> stepSizes(StepContext ctx, Map<Param, Operand<TFloating>> directions,
      Updates updates) {
    return stepSizes(ctx, directions, Map.of(), updates);
  }

  /** The rates A when the step of {@code p} is {@code A·v + carried(p)} (0 where absent). */
  public Map<Param, Operand<TFloating>> stepSizes(StepContext ctx, Map<Param, Operand<TFloating>> directions,
      Map<Param, Operand<TFloating>> carried, Updates updates) {
    Ops tf = ctx.tf();
    Hyper rate = ctx.hyper(DirectionOptimizer.LEARNING_RATE, alpha);
    List<Param> params = ctx.params();
    List<String> units = new ArrayList<>();
    int[] unitOf = new int[params.size()];
    List<Slot> previous = new ArrayList<>();
    List<Operand<TFloating>> differenceSq = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      Param p = params.get(i);
      // The paper's layer; the code's PER_VARIABLE keeps a layer's kernel and bias apart.
      String unit = scope == Scope.PER_LAYER ? p.group() : p.name();
      if (!units.contains(unit)) {
        units.add(unit);
      }
      unitOf[i] = units.indexOf(unit);
      // Code: x_prev starts at 0, so r = 0 and S₁ = γ; the paper starts its sum with g₀ = g₁.
      Slot prev = ctx.slot(p, PREVIOUS, VariableInit.fill(0));
      previous.add(prev);
      differenceSq.add(GraphMath.squaredDistance(tf, signal(ctx, p, rate.value(), directions, carried), prev.value()));
    }
    // Every unit at once: the squared norms summed per layer (or variable), then vector arithmetic.
    Operand<TInt32> ids = tf.constant(unitOf);
    Operand<TInt32> count = tf.constant(units.size());
    Slot previousSquared = ctx.state(PREVIOUS_SQUARED_NORM, Shape.of(units.size()), VariableInit.fill(0));
    Operand<TFloating> difference = tf.math.unsortedSegmentSum(tf.stack(differenceSq), ids, count);
    // c is constant (§4.2 and the code), not Theorem 1's c_t; likewise α, not α₀/√t.
    Operand<TFloating> r = tf.math.div(tf.math.sqrt(previousSquared.value()),
        tf.math.add(tf.math.sqrt(difference), ctx.constant(c)));
    if (maxRatio != Double.POSITIVE_INFINITY) {
      r = tf.math.minimum(r, ctx.constant(maxRatio));
    }
    Slot s = ctx.state(SCALE, Shape.of(units.size()), VariableInit.fill(1));
    Operand<TFloating> sNew = Moments.ema(ctx, gamma, s.value(), r);
    updates.set(s, sNew);
    // Code: A = α while t < 2 although S was updated (the paper's Algorithm boxes are unavailable).
    Operand<TFloating> a = tf.select(tf.math.equal(ctx.step(), tf.constant(0L)), tf.math.mul(rate.value(),
        tf.onesLike(sNew)), tf.math.mul(rate.value(), sNew));
    List<Operand<TFloating>> perUnit = new ArrayList<>(tf.unstack(a, (long) units.size()).output());
    for (int u = 0; u < units.size(); u++) {
      ctx.report(REPORT_PREFIX + units.get(u), perUnit.get(u));
    }
    Map<Param, Operand<TFloating>> rates = new LinkedHashMap<>();
    List<Operand<TFloating>> squaredNorms = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      Param p = params.get(i);
      Operand<TFloating> rateOfP = perUnit.get(unitOf[i]);
      rates.put(p, rateOfP);
      Operand<TFloating> x = signal(ctx, p, rateOfP, directions, carried);
      updates.set(previous.get(i), x);
      squaredNorms.add(signal == Signal.GRADIENT ? ctx.gradientSquaredNorm(p) : GraphMath.squaredNorm(tf, x));
    }
    updates.set(previousSquared, tf.math.unsortedSegmentSum(tf.stack(squaredNorms), ids, count));
    return rates;
  }

  /** What the ratio compares: the gradient, or the step {@code η·v + carried} (update form). */
  private Operand<TFloating> signal(StepContext ctx, Param p, Operand<TFloating> eta,
      Map<Param, Operand<TFloating>> directions, Map<Param, Operand<TFloating>> carried) {
    if (signal == Signal.GRADIENT) {
      return ctx.gradient(p);
    }
    Operand<TFloating> scaled = ctx.tf().math.mul(eta, directions.get(p));
    return carried.containsKey(p) ? ctx.tf().math.add(scaled, carried.get(p)) : scaled;
  }

  public double alpha() {
    return alpha;
  }

  public double gamma() {
    return gamma;
  }

  public double c() {
    return c;
  }

  public Scope scope() {
    return scope;
  }

  public Signal signal() {
    return signal;
  }

  public double maxRatio() {
    return maxRatio;
  }

  @Override
  public String toString() {
    return "Lipschitz(alpha=" + alpha + ", gamma=" + gamma + ", c=" + c + ", " + scope + ", " + signal
        + (maxRatio == Double.POSITIVE_INFINITY ? "" : ", maxRatio=" + maxRatio) + ")";
  }
}

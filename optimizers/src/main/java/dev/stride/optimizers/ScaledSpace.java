package dev.stride.optimizers;

import dev.stride.bridge.Param;
import dev.stride.bridge.VariableInit;
import dev.stride.bridge.optim.Slot;
import dev.stride.bridge.optim.StepContext;
import dev.stride.bridge.optim.Updates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.family.TFloating;

/**
 * The coordinates a {@link ScaledRule} works in for one step: the scaled parameters
 * {@code x' = α ⊙ x} of Suh &amp; Seo's parameter-scaling view (arXiv:2401.03240, Eqs. 1–4, 7;
 * ALGORITHMS.md §3.1), or the parameters themselves (the identity space, where a rule is the
 * published steepest-descent method).
 *
 * <pre>
 * gradient(p)      g' = g ⊘ α               the gradient of the scaled problem
 * descent(p)       g ⊘ α²                  a scaled-space step u' = η·g' mapped back: u'/α
 * squaredNorm()    ‖g'‖² = Σ ⟨g, g ⊘ α²⟩    over every variable
 * shrinkRatio()    r = min(1, maxᵢ αₖ,ᵢ/αₖ₋₁,ᵢ)  the maximum scale ratio (PS-DA-SGD, §3.3 H1)
 * </pre>
 *
 * Everything is built on demand, once per step, from the values at the start of the step; the
 * identity space adds no ops (its gradient and descent are the gradient itself). {@link #onlyWhen}
 * gives a view whose values are computed only in the steps where a condition holds (a first step's
 * norms).
 */
public final class ScaledSpace {
  /** Per-parameter {@code α²} of the previous step, kept only when a rule asks for {@link #shrinkRatio()}. */
  public static final String PREVIOUS_SCALE = "previous_scale";

  private final StepContext ctx;
  private final Map<Param, Operand<TFloating>> squaredScales;
  private final Updates updates;
  /** Null, or the condition every value of this view is computed under (see {@link #onlyWhen}). */
  private final Operand<TBool> gate;
  private final Map<Param, Operand<TFloating>> sources = new HashMap<>();
  private final Map<Param, Operand<TFloating>> gradients = new HashMap<>();
  private final Map<Param, Operand<TFloating>> descents = new HashMap<>();
  private Operand<TFloating> squaredNorm;
  private Operand<TFloating> descentSquaredNorm;
  private Optional<Operand<TFloating>> shrinkRatio;

  private ScaledSpace(StepContext ctx, Map<Param, Operand<TFloating>> squaredScales, Updates updates,
      Operand<TBool> gate) {
    this.ctx = ctx;
    this.squaredScales = squaredScales;
    this.updates = updates;
    this.gate = gate;
  }

  /** The parameters' own coordinates: α = 1. */
  public static ScaledSpace identity(StepContext ctx, Updates updates) {
    return new ScaledSpace(ctx, null, updates, null);
  }

  /** Coordinates scaled by {@code α}, given {@code α²} for every parameter. */
  public static ScaledSpace scaled(StepContext ctx, Map<Param, Operand<TFloating>> squaredScales, Updates updates) {
    for (Param p : ctx.params()) {
      if (!squaredScales.containsKey(p)) {
        throw new IllegalArgumentException("no scale for parameter " + p.name());
      }
    }
    return new ScaledSpace(ctx, Map.copyOf(squaredScales), updates, null);
  }

  /**
   * This space in the steps where {@code when} holds: its values are computed in those steps only
   * and are dead in the others, so each must reach the step through
   * {@link Conditional#orElse}. For reductions a rule needs in one step only, such as D-Adaptation's
   * ‖g₀‖, which would otherwise cost a pass over every parameter in every step.
   */
  public ScaledSpace onlyWhen(Operand<TBool> when) {
    if (gate != null) {
      throw new IllegalStateException("this space is already conditional");
    }
    if (isIdentity()) {
      return new ScaledSpace(ctx, null, updates, when);
    }
    Map<Param, Operand<TFloating>> routed = new LinkedHashMap<>();
    squaredScales.forEach((p, a) -> routed.put(p, Conditional.onlyWhen(ctx.tf(), when, a)));
    return new ScaledSpace(ctx, routed, updates, when);
  }

  /** The gradient this view starts from: routed through the gate, if there is one. */
  private Operand<TFloating> source(Param p) {
    if (gate == null) {
      return ctx.gradient(p);
    }
    return sources.computeIfAbsent(p, q -> Conditional.onlyWhen(ctx.tf(), gate, ctx.gradient(q)));
  }

  /** Whether α = 1 (the published, unscaled method). */
  public boolean isIdentity() {
    return squaredScales == null;
  }

  /** {@code g' = g ⊘ α}: the gradient with respect to the scaled parameters. */
  public Operand<TFloating> gradient(Param p) {
    if (isIdentity()) {
      return source(p);
    }
    return gradients.computeIfAbsent(p, q ->
        ctx.tf().math.div(source(q), ctx.tf().math.sqrt(squaredScales.get(q))));
  }

  /** {@code g ⊘ α²}: the direction of a scaled-space gradient step, in the parameters' own coordinates. */
  public Operand<TFloating> descent(Param p) {
    if (isIdentity()) {
      return source(p);
    }
    return descents.computeIfAbsent(p, q -> ctx.tf().math.div(source(q), squaredScales.get(q)));
  }

  /** {@code ‖g'‖² = Σ ⟨g, g ⊘ α²⟩} over every variable (‖g‖² in the identity space). */
  public Operand<TFloating> squaredNorm() {
    if (squaredNorm == null) {
      Ops tf = ctx.tf();
      List<Operand<TFloating>> parts = new ArrayList<>();
      for (Param p : ctx.params()) {
        parts.add(isIdentity() ? identityNorm(p) : GraphMath.dot(tf, source(p), descent(p)));
      }
      squaredNorm = GraphMath.total(tf, parts);
    }
    return squaredNorm;
  }

  /** The step's shared ‖g‖² of {@code p}, routed through the gate if there is one. */
  private Operand<TFloating> identityNorm(Param p) {
    Operand<TFloating> shared = ctx.gradientSquaredNorm(p);
    return gate == null ? shared : Conditional.onlyWhen(ctx.tf(), gate, shared);
  }

  /** {@code ‖g ⊘ α²‖²} over every variable: the squared length of {@link #descent} (‖g‖² in the identity space). */
  public Operand<TFloating> descentSquaredNorm() {
    if (isIdentity()) {
      return squaredNorm();
    }
    if (descentSquaredNorm == null) {
      List<Operand<TFloating>> parts = new ArrayList<>();
      for (Param p : ctx.params()) {
        parts.add(GraphMath.squaredNorm(ctx.tf(), descent(p)));
      }
      descentSquaredNorm = GraphMath.total(ctx.tf(), parts);
    }
    return descentSquaredNorm;
  }

  /**
   * The maximum scale ratio {@code r = min(1, maxᵢ αₖ,ᵢ/αₖ₋₁,ᵢ)} over every element of every
   * variable: below 1 exactly when every scale shrank since the previous step. Empty in the identity
   * space. The previous {@code α²} is kept in a {@link #PREVIOUS_SCALE} slot that starts at 0, so the
   * first ratio is +∞ and {@code r = 1} (α² is strictly positive, so the ratio is never 0/0).
   */
  public Optional<Operand<TFloating>> shrinkRatio() {
    if (isIdentity()) {
      return Optional.empty();
    }
    if (gate != null) {
      throw new IllegalStateException("the shrink ratio updates state in every step; ask the space itself, not a "
          + "conditional view");
    }
    if (shrinkRatio == null) {
      Ops tf = ctx.tf();
      List<Operand<TFloating>> maxima = new ArrayList<>();
      for (Param p : ctx.params()) {
        Slot previous = ctx.slot(p, PREVIOUS_SCALE, VariableInit.fill(0));
        Operand<TFloating> a = squaredScales.get(p);
        updates.set(previous, a);
        Operand<TFloating> ratio = tf.math.div(a, previous.value());
        maxima.add(tf.max(ratio, GraphMath.allAxes(tf, ratio)));
      }
      Operand<TFloating> largest = maxima.size() == 1 ? maxima.get(0) : tf.max(tf.stack(maxima), tf.constant(0));
      // α = √(α²): the ratio of scales is the root of the ratio of squared scales.
      shrinkRatio = Optional.of(tf.math.minimum(ctx.constant(1), tf.math.sqrt(largest)));
    }
    return shrinkRatio;
  }
}

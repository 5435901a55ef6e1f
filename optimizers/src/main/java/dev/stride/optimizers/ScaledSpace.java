package dev.stride.optimizers;

import dev.stride.bridge.Param;
import dev.stride.bridge.VariableInit;
import dev.stride.bridge.optim.Slot;
import dev.stride.bridge.optim.StepContext;
import dev.stride.bridge.optim.Updates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
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
 * identity space adds no ops (its gradient and descent are the gradient itself).
 */
public final class ScaledSpace {
  /** Per-parameter {@code α²} of the previous step, kept only when a rule asks for {@link #shrinkRatio()}. */
  public static final String PREVIOUS_SCALE = "previous_scale";

  private final StepContext ctx;
  private final Map<Param, Operand<TFloating>> squaredScales;
  private final Updates updates;
  private final Map<Param, Operand<TFloating>> gradients = new HashMap<>();
  private final Map<Param, Operand<TFloating>> descents = new HashMap<>();
  private Operand<TFloating> squaredNorm;
  private Operand<TFloating> descentSquaredNorm;
  private Optional<Operand<TFloating>> shrinkRatio;

  private ScaledSpace(StepContext ctx, Map<Param, Operand<TFloating>> squaredScales, Updates updates) {
    this.ctx = ctx;
    this.squaredScales = squaredScales;
    this.updates = updates;
  }

  /** The parameters' own coordinates: α = 1. */
  public static ScaledSpace identity(StepContext ctx, Updates updates) {
    return new ScaledSpace(ctx, null, updates);
  }

  /** Coordinates scaled by {@code α}, given {@code α²} for every parameter. */
  public static ScaledSpace scaled(StepContext ctx, Map<Param, Operand<TFloating>> squaredScales, Updates updates) {
    for (Param p : ctx.params()) {
      if (!squaredScales.containsKey(p)) {
        throw new IllegalArgumentException("no scale for parameter " + p.name());
      }
    }
    return new ScaledSpace(ctx, Map.copyOf(squaredScales), updates);
  }

  /** Whether α = 1 (the published, unscaled method). */
  public boolean isIdentity() {
    return squaredScales == null;
  }

  /** {@code g' = g ⊘ α}: the gradient with respect to the scaled parameters. */
  public Operand<TFloating> gradient(Param p) {
    if (isIdentity()) {
      return ctx.gradient(p);
    }
    return gradients.computeIfAbsent(p, q ->
        ctx.tf().math.div(ctx.gradient(q), ctx.tf().math.sqrt(squaredScales.get(q))));
  }

  /** {@code g ⊘ α²}: the direction of a scaled-space gradient step, in the parameters' own coordinates. */
  public Operand<TFloating> descent(Param p) {
    if (isIdentity()) {
      return ctx.gradient(p);
    }
    return descents.computeIfAbsent(p, q -> ctx.tf().math.div(ctx.gradient(q), squaredScales.get(q)));
  }

  /** {@code ‖g'‖² = Σ ⟨g, g ⊘ α²⟩} over every variable (‖g‖² in the identity space). */
  public Operand<TFloating> squaredNorm() {
    if (squaredNorm == null) {
      Ops tf = ctx.tf();
      List<Operand<TFloating>> parts = new ArrayList<>();
      for (Param p : ctx.params()) {
        parts.add(isIdentity() ? ctx.gradientSquaredNorm(p)
            : GraphMath.dot(tf, ctx.gradient(p), descent(p)));
      }
      squaredNorm = GraphMath.total(tf, parts);
    }
    return squaredNorm;
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

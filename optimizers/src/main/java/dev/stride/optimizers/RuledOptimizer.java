package dev.stride.optimizers;

import dev.stride.bridge.Param;
import dev.stride.bridge.optim.Optimizer;
import dev.stride.bridge.optim.StepContext;
import dev.stride.bridge.optim.StepVariable;
import dev.stride.bridge.optim.Updates;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * A step-size rule composed with a direction: {@code θ ← θ − γ_k·η·v}. Phase one computes every
 * direction (and its state) from the values at the start of the step; phase two lets the rule
 * reduce over all of them; the context then applies every new value at once.
 *
 * <p>γ_k is the schedule's factor ({@link StepContext#learningRateFactor()}): for a rule without a
 * learning rate of its own (L4, the learning-rate-free methods) it is the γ_k multiplier of the
 * paper's step, so a rule never reads it itself. The rule's learning-rate reports ({@code "lr"} and
 * names under {@code "lr/"}) are multiplied by γ_k on their way to the trainer, so the reported rate
 * is the step actually taken; other reports pass unchanged.
 */
public class RuledOptimizer implements Optimizer {
  private final String name;
  private final StepSizeRule rule;
  private final Direction direction;

  public RuledOptimizer(String name, StepSizeRule rule, Direction direction) {
    this.name = Objects.requireNonNull(name, "name");
    this.rule = Objects.requireNonNull(rule, "rule");
    this.direction = Objects.requireNonNull(direction, "direction");
  }

  @Override
  public String name() {
    return name;
  }

  /** The step-size rule. */
  public StepSizeRule rule() {
    return rule;
  }

  /** The direction it steps along. */
  public Direction direction() {
    return direction;
  }

  @Override
  public Op build(StepContext ctx) {
    Ops tf = ctx.tf();
    Updates updates = new Updates();
    Map<Param, Operand<TFloating>> directions = new LinkedHashMap<>();
    for (Param p : ctx.params()) {
      directions.put(p, direction.direction(ctx, p, ctx.gradient(p), updates));
    }
    Operand<TFloating> factor = ctx.learningRateFactor();
    Map<Param, Operand<TFloating>> eta = rule.stepSizes(scaledRates(ctx, factor), directions, updates);
    for (Param p : ctx.params()) {
      StepVariable theta = ctx.variable(p);
      Operand<TFloating> step = tf.math.mul(tf.math.mul(factor, eta.get(p)), directions.get(p));
      updates.set(theta, tf.math.sub(theta.value(), step));
    }
    return ctx.apply(updates);
  }

  /**
   * The context a rule sees: its learning-rate reports ({@code "lr"}, {@code "lr/..."}) multiplied
   * by {@code factor}, everything else as it is. For subclasses that apply the rule's rates
   * themselves.
   */
  protected static StepContext scaledRates(StepContext ctx, Operand<TFloating> factor) {
    return new ScaledRates(ctx, factor);
  }

  /** The rule's context: learning-rate reports scaled by γ_k, everything else as it is. */
  private static final class ScaledRates extends ForwardingStepContext {
    private final Operand<TFloating> factor;

    ScaledRates(StepContext ctx, Operand<TFloating> factor) {
      super(ctx);
      this.factor = factor;
    }

    @Override
    public void report(String name, Operand<TFloating> value) {
      boolean rate = name.equals(DirectionOptimizer.LR_REPORT) || name.startsWith(DirectionOptimizer.LR_REPORT + "/");
      super.report(name, rate ? tf().math.mul(factor, value) : value);
    }
  }

  @Override
  public String toString() {
    return name + "(" + rule.name() + " × " + direction.name() + ")";
  }
}

package dev.stride.optimizers.papers;

import dev.stride.bridge.Param;
import dev.stride.bridge.VariableInit;
import dev.stride.bridge.optim.Slot;
import dev.stride.bridge.optim.StepContext;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * LDoG, layer-wise DoG (Ivgi, Hinder, Carmon, ICML 2023; ALGORITHMS.md §6.2): the DoG step size
 * computed for each variable on its own, as the authors' {@code LDoG} class treats each tensor of
 * the parameter list (a layer's kernel and bias are separate blocks).
 *
 * <pre>
 * per variable:  first step: x₀ = x ;  r̄ = r_ε·(1 + ‖x₀‖) ;  G = ‖g‖² + ε
 *                later:      r̄ ← max(r̄, ‖x − x₀‖) ;  G ← G + ‖g‖²
 *                η = γ·γ_k·r̄/√G ;  x ← x − η·g            γ_k: the schedule's factor
 * </pre>
 *
 * See {@link DistanceOverGradients} for defaults and details. Reports each variable's η as
 * {@code "lr/<variable>"}, and as {@code "lr"} the effective rate ‖Δx‖/‖g‖ over every variable
 * (the SGD rate that moves the parameters as far; 0 when the gradient is 0).
 *
 * <p>Schedule: γ_k multiplies the code's {@code lr}, as a PyTorch scheduler would; r̄, G and x₀ are unchanged.
 */
public final class LDog extends DistanceOverGradients {

  /** The code's defaults: r_ε = 1e-6, γ = 1, ε = 1e-8, no averaging. */
  public LDog() {
    this(1e-6, 1, 1e-8, null);
  }

  /** See {@link Dog#Dog(double, double, double, IterateAverage)}. */
  public LDog(double repsRel, double learningRate, double epsilon, IterateAverage average) {
    super(repsRel, learningRate, epsilon, average);
  }

  @Override
  public String name() {
    return "ldog";
  }

  @Override
  List<List<Param>> blocks(StepContext ctx) {
    return ctx.params().stream().map(List::of).toList();
  }

  @Override
  Slot blockState(StepContext ctx, List<Param> block, String name, double initial) {
    return ctx.slot(block.get(0), name, Shape.scalar(), VariableInit.fill(initial));
  }

  @Override
  void reportRates(StepContext ctx, Map<List<Param>, Operand<TFloating>> eta, Operand<TFloating> stepLength,
      Operand<TFloating> gradientNorm) {
    Ops tf = ctx.tf();
    eta.forEach((block, rate) -> ctx.report("lr/" + block.get(0).name(), rate));
    Operand<TFloating> zero = ctx.constant(0);
    var moving = tf.math.greater(gradientNorm, zero);
    Operand<TFloating> safeNorm = tf.select(moving, gradientNorm, ctx.constant(1));
    ctx.report("lr", tf.select(moving, tf.math.div(stepLength, safeNorm), zero));
  }
}

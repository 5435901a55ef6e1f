package dev.stride.optimizers.papers;

import dev.stride.bridge.Param;
import dev.stride.bridge.VariableInit;
import dev.stride.bridge.optim.Slot;
import dev.stride.bridge.optim.StepContext;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.family.TFloating;

/**
 * DoG, "distance over gradients" (Ivgi, Hinder, Carmon, ICML 2023; ALGORITHMS.md §6.2): one global
 * step size over every variable, all parameters treated as one vector as in the authors' {@code
 * DoG} class.
 *
 * <pre>
 * first step:  x₀ = x ;  r̄ = r_ε·(1 + ‖x₀‖) ;  G = ‖g‖² + ε
 * later:       r̄ ← max(r̄, ‖x − x₀‖) ;  G ← G + ‖g‖²
 * η = γ·γ_k·r̄/√G ;  x ← x − η·g            γ_k: the schedule's factor
 * </pre>
 *
 * See {@link DistanceOverGradients} for defaults and details. Reports η as {@code "lr"}.
 *
 * <p>Schedule: γ_k multiplies the code's {@code lr}, as a PyTorch scheduler would; r̄, G and x₀ are unchanged.
 */
public final class Dog extends DistanceOverGradients {
  /** The global r̄. */
  public static final String GLOBAL_RBAR = "dog/" + RBAR;
  /** The global G. */
  public static final String GLOBAL_G_SUM = "dog/" + G_SUM;

  /** The code's defaults: r_ε = 1e-6, γ = 1, ε = 1e-8, no averaging. */
  public Dog() {
    this(1e-6, 1, 1e-8, null);
  }

  /**
   * @param repsRel r_ε relative to 1 + ‖x₀‖ (1e-4 for models with BatchNorm, per the authors)
   * @param learningRate γ, the paper's c
   * @param epsilon added once to G
   * @param average polynomial iterate averaging, or null for none
   */
  public Dog(double repsRel, double learningRate, double epsilon, IterateAverage average) {
    super(repsRel, learningRate, epsilon, average);
  }

  @Override
  public String name() {
    return "dog";
  }

  @Override
  List<List<Param>> blocks(StepContext ctx) {
    return List.of(ctx.params());
  }

  @Override
  Slot blockState(StepContext ctx, List<Param> block, String name, double initial) {
    return ctx.state("dog/" + name, Shape.scalar(), VariableInit.fill(initial));
  }

  @Override
  void reportRates(StepContext ctx, Map<List<Param>, Operand<TFloating>> eta, Operand<TFloating> stepLength,
      Operand<TFloating> gradientNorm) {
    ctx.report("lr", eta.values().iterator().next());
  }
}

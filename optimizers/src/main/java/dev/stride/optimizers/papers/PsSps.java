package dev.stride.optimizers.papers;

import dev.stride.optimizers.ParameterScaled;

/**
 * PS-SPS, <b>as reconstructed</b> in ALGORITHMS.md §3.2 (Suh &amp; Seo, "Interpreting Adaptive Gradient
 * Methods by Parameter Scaling for Learning-Rate-Free Optimization", arXiv:2401.03240, Algorithm 1).
 * The paper's algorithm box could not be read and no code is public; this is SPS run in the
 * coordinates scaled by Adam's rule, which the paper's text and its invariance argument (Eqs. 8–11)
 * force:
 *
 * <pre>
 * 1. f = mini-batch loss at x ;  g = ∇f(x)
 * 2. v ← β2·v + (1 − β2)·g² ;  v̂ = v / (1 − β2^k)          Adam scaling (bias correction assumed)
 * 3. a = √v̂ + ε                                           a = α² per element
 * 4. q = Σ_all g² ⊘ a                                     = ‖α⁻¹ ⊙ g‖², global
 * 5. η = (f − f*) / (c·q)                                 0 if √q &lt; 1e-8 or f &lt; f*
 * 6. x ← x − γ_k·η·g ⊘ a                                 γ_k: the learning-rate schedule's factor
 * </pre>
 *
 * Multiplying α by a constant s divides q by s² and multiplies η by s², so the step η·g ⊘ a is
 * unchanged: the paper's design criterion. Settings: c = 0.5 (the SPS theory value the paper most
 * likely took from Loizou et al.), f* = 0, β2 = 0.999, ε = 1e-8 (PyTorch's Adam), no cap and no
 * smoothing (whether the paper used either is unknown). Line 5's guards are SPS's ({@link Sps}).
 *
 * <p>Schedule: as in {@link Sps}, γ_k scales the step taken and reported, γ_k·η, never the Polyak estimate η.
 */
public final class PsSps {
  private PsSps() {}

  /** The reconstruction with the settings above. */
  public static ParameterScaled reconstructed() {
    return reconstructed(Sps.builder().mode(Sps.Mode.CONSTANT).c(0.5).epsilon(0).build(), new AdamScale());
  }

  /** Any SPS variant (e.g. with SPS_max's cap) in the coordinates of {@code scale}. */
  public static ParameterScaled reconstructed(Sps sps, AdamScale scale) {
    return new ParameterScaled("ps-sps", scale, sps);
  }
}

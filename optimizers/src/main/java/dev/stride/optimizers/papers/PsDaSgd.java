package dev.stride.optimizers.papers;

import dev.stride.optimizers.ParameterScaled;

/**
 * PS-DA-SGD, <b>provisional</b> (Suh &amp; Seo, "Interpreting Adaptive Gradient Methods by Parameter
 * Scaling for Learning-Rate-Free Optimization", arXiv:2401.03240, Algorithm 2; ALGORITHMS.md §3.3,
 * form H1). The paper's lines 6–9 are not known; this is D-Adapt SGD ({@link DAdaptSgd}) in the
 * coordinates scaled by Adam's rule, with H1's guesses at those lines, so <b>its numbers are not a
 * reproduction of the paper's PS-DA-SGD</b>:
 *
 * <pre>
 * a = √v̂ + ε (Adam scaling, a = α²) ;  g' = g ⊘ α
 * k = 0:  N = ‖g₀'‖ (frozen) ;  d = d₀·‖g₀'‖/‖g₀ ⊘ a₀‖
 * k ≥ 1:  r = min(1, maxᵢ αₖ,ᵢ/αₖ₋₁,ᵢ) ;  d ← r·d ;  s ← r·s ;  num ← r²·num
 * λ = d·γ_k/N ;  num ← num + λ⟨g', s⟩ ;  s ← s + λ·g'
 * z ← z − λ·g ⊘ a ;  x ← β·x + (1 − β)·z
 * d ← max(d, 2·num/‖s‖)
 * </pre>
 *
 * Settings: momentum β = 0.9 (the paper's value is stripped; D-Adaptation's convention), d₀ = 1e-6,
 * γ = 1, Adam scaling β2 = 0.999, ε = 1e-8. Its design properties — multiplying α by a constant
 * leaves the update unchanged, and parameters whose scale collapses do not stop the others — are
 * executable tests ({@code PsDesignPropertiesTest}).
 *
 * <p>Schedule: γ_k of λ = d·γ_k/N (§3.3's optional schedule) is the learning_rate hyperparameter times the factor.
 */
public final class PsDaSgd {
  private PsDaSgd() {}

  /** H1 with the settings above. */
  public static ParameterScaled provisional() {
    return provisional(DAdaptSgd.builder().momentum(0.9).build(), new AdamScale());
  }

  /** H1 with other D-Adaptation settings or another Adam scale. */
  public static ParameterScaled provisional(DAdaptSgd dadapt, AdamScale scale) {
    return new ParameterScaled("ps-da-sgd", scale, dadapt);
  }
}

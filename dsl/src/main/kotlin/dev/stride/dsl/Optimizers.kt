package dev.stride.dsl

import dev.stride.bridge.optim.Optimizer
import dev.stride.optimizers.Direction
import dev.stride.optimizers.OptimizerRegistry
import dev.stride.optimizers.RuledOptimizer
import dev.stride.optimizers.core.AdaDelta
import dev.stride.optimizers.core.AdaGrad
import dev.stride.optimizers.core.Adam
import dev.stride.optimizers.core.AdamW
import dev.stride.optimizers.core.Adamax
import dev.stride.optimizers.core.AmsGrad
import dev.stride.optimizers.core.Momentum
import dev.stride.optimizers.core.RmsProp
import dev.stride.optimizers.core.Sgd
import dev.stride.optimizers.papers.Dsa
import dev.stride.optimizers.papers.L4
import dev.stride.optimizers.papers.L4Optimizers
import dev.stride.optimizers.papers.AdaLip
import dev.stride.optimizers.papers.AdamLip
import dev.stride.optimizers.papers.RmsLip
import dev.stride.optimizers.ParameterScaled
import dev.stride.optimizers.papers.AdaMo
import dev.stride.optimizers.papers.AdaptiveRmsProp
import dev.stride.optimizers.papers.AdaptiveSgd
import dev.stride.optimizers.papers.AutoAdam
import dev.stride.optimizers.papers.Cocob
import dev.stride.optimizers.papers.DAdaptAdam
import dev.stride.optimizers.papers.DAdaptSgd
import dev.stride.optimizers.papers.Dog
import dev.stride.optimizers.papers.LDog
import dev.stride.optimizers.papers.Prodigy
import dev.stride.optimizers.papers.PsDaSgd
import dev.stride.optimizers.papers.PsSps
import dev.stride.optimizers.papers.Sps

// Optimizer factories for `fit { optimizer = ... }`. Where an optimizer has a default learning
// rate, the no-argument form calls its no-argument constructor, so the DSL never holds a second
// copy of a hyperparameter default; anything beyond the learning rate goes through the Java builders.

/** Plain stochastic gradient descent, θ ← θ − lr·g. */
public fun sgd(learningRate: Double): Sgd = Sgd(learningRate)

/** Heavy-ball momentum (PyTorch form), or Nesterov momentum with [nesterov]. */
public fun momentum(learningRate: Double, momentum: Double, nesterov: Boolean = false): Momentum =
    Momentum.builder().learningRate(learningRate).momentum(momentum).nesterov(nesterov).build()

/** Adam with Keras' defaults (lr 1e-3, β 0.9/0.999, ε 1e-7). */
public fun adam(): Adam = Adam()

/** Adam with learning rate [learningRate] and Keras' other defaults. */
public fun adam(learningRate: Double): Adam = Adam(learningRate)

/** AdamW (decoupled weight decay 0.01 by default). */
public fun adamW(): AdamW = AdamW()

/** AdamW with the given learning rate and decoupled weight decay. */
public fun adamW(learningRate: Double, weightDecay: Double): AdamW = AdamW(learningRate, weightDecay)

/** AMSGrad with Adam's defaults. */
public fun amsGrad(): AmsGrad = AmsGrad()

/** AMSGrad with learning rate [learningRate]. */
public fun amsGrad(learningRate: Double): AmsGrad = AmsGrad(learningRate)

/** RMSProp with Keras' defaults (lr 1e-3, ρ 0.9, ε 1e-7). */
public fun rmsProp(): RmsProp = RmsProp()

/** RMSProp with learning rate [learningRate]. */
public fun rmsProp(learningRate: Double): RmsProp = RmsProp(learningRate)

/** Adamax with PyTorch's defaults (lr 2e-3). */
public fun adamax(): Adamax = Adamax()

/** Adamax with learning rate [learningRate]. */
public fun adamax(learningRate: Double): Adamax = Adamax(learningRate)

/** AdaGrad with Keras' defaults. */
public fun adaGrad(): AdaGrad = AdaGrad()

/** AdaGrad with learning rate [learningRate]. */
public fun adaGrad(learningRate: Double): AdaGrad = AdaGrad(learningRate)

/** AdaDelta with PyTorch's defaults (lr 1.0, ρ 0.9, ε 1e-6). */
public fun adaDelta(): AdaDelta = AdaDelta()

/** AdaDelta with learning rate [learningRate]. */
public fun adaDelta(learningRate: Double): AdaDelta = AdaDelta(learningRate)

/**
 * DSA, the differentiable self-adaptive learning rate, in the paper's final form with its defaults
 * (η₀ = −12, β₁ = 0.6, β₂ = 0.3): a learned log₂ rate per weight, from a look-ahead pass on the same
 * batch. Other settings and the paper's earlier forms: `Dsa(...)`, `optimizer("dsa-exp")`, ... The
 * paper trains with it full-batch, after mini-batch Adamax: see [fitTwoStage].
 */
public fun dsa(): Dsa = Dsa()
/** L4Mom: L4's loss-based step size over heavy-ball momentum (μ 0.9), the paper's defaults (α 0.15). */
public fun l4Mom(): RuledOptimizer = L4Optimizers.l4Mom()

/** L4Mom with fraction [alpha] (the paper's tuned "L4Mom*" uses 0.25) and the paper's other defaults. */
public fun l4Mom(alpha: Double): RuledOptimizer = L4Optimizers.l4Mom(L4().withAlpha(alpha))

/** L4Adam: L4's loss-based step size over Adam (β 0.9/0.999, ε 1e-4), the paper's defaults (α 0.15). */
public fun l4Adam(): RuledOptimizer = L4Optimizers.l4Adam()

/** L4Adam with fraction [alpha] (the paper's tuned "L4Adam*" uses 0.25) and the paper's other defaults. */
public fun l4Adam(alpha: Double): RuledOptimizer = L4Optimizers.l4Adam(L4().withAlpha(alpha))

/** L4's step size (the paper's defaults) over any [direction], e.g. `l4(rmsProp())`. */
public fun l4(direction: Direction): RuledOptimizer = L4Optimizers.l4(direction)
/** AdaLip: a per-layer Lipschitz rate over SGD, with the authors' defaults (α 0.01, γ 0.8, c 1e-8). */
public fun adaLip(): AdaLip = AdaLip()

/** AdaLip with base rate [learningRate]. */
public fun adaLip(learningRate: Double): AdaLip = AdaLip(learningRate)

/** AdaLip with base rate [learningRate] and TF1-style momentum [momentum] (the rate inside the buffer). */
public fun adaLip(learningRate: Double, momentum: Double): AdaLip =
    AdaLip.builder().learningRate(learningRate).momentum(momentum).build()

/** RMSLip: AdaLip over RMSProp (β 0.999, ε 1e-8 inside the root), α 0.01. */
public fun rmsLip(): RmsLip = RmsLip()

/** RMSLip with base rate [learningRate]. */
public fun rmsLip(learningRate: Double): RmsLip = RmsLip(learningRate)

/** AdamLip: AdaLip over Adam (ε 1e-8 inside the root), α 1e-3. */
public fun adamLip(): AdamLip = AdamLip()

/** AdamLip with base rate [learningRate]. */
public fun adamLip(learningRate: Double): AdamLip = AdamLip(learningRate)

/** AdaLip-U: the ratio compares consecutive updates instead of gradients, α 0.01. */
public fun adaLipU(): AdaLip = AdaLip.builder().updates(true).build()

/** AdaLip-U with base rate [learningRate]. */
public fun adaLipU(learningRate: Double): AdaLip = AdaLip.builder().updates(true).learningRate(learningRate).build()

/** RMSLip-U, α 0.01. */
public fun rmsLipU(): RmsLip = RmsLip.builder().updates(true).build()

/** RMSLip-U with base rate [learningRate]. */
public fun rmsLipU(learningRate: Double): RmsLip = RmsLip.builder().updates(true).learningRate(learningRate).build()

/** AdamLip-U, α 1e-3. */
public fun adamLipU(): AdamLip = AdamLip.builder().updates(true).build()

/** AdamLip-U with base rate [learningRate]. */
public fun adamLipU(learningRate: Double): AdamLip = AdamLip.builder().updates(true).learningRate(learningRate).build()

/**
 * LipschitzLR's adaptive SGD: plain SGD at lr = 1/L, recomputed at every epoch from the network's
 * penultimate activations (softmax bound); the registry's "lipschitz-sgd".
 */
public fun adaptiveSgd(): AdaptiveSgd = AdaptiveSgd()

/** LipschitzLR's AdaMo: momentum at the per-epoch Lipschitz rate (the registry's "adamo"). */
public fun adaMo(): AdaMo = AdaMo()

/** LipschitzLR's adaptive RMSprop: RMSprop at (√K2 + ε)/K_z per epoch ("lipschitz-rmsprop"). */
public fun adaptiveRmsProp(): AdaptiveRmsProp = AdaptiveRmsProp()

/** LipschitzLR's Auto-Adam: Adam at (√K2 + ε)/K1 per epoch ("auto-adam"). */
public fun autoAdam(): AutoAdam = AutoAdam()

/** SPS as its authors' code runs it: the smoothed stochastic Polyak step, c 0.5 (needs no learning rate). */
public fun sps(): ParameterScaled = Sps.builder().build().optimizer()

/** DoG: one distance-over-gradients step size for the whole model. */
public fun dog(): Dog = Dog()

/** LDoG: DoG with one step size per variable. */
public fun lDog(): LDog = LDog()

/** D-Adapt SGD (the authors' v3.2 code), d₀ 1e-6, no momentum. */
public fun dAdaptSgd(): ParameterScaled = DAdaptSgd.builder().build().optimizer()

/** D-Adapt Adam in its current (v3) form, d₀ 1e-6. */
public fun dAdaptAdam(): DAdaptAdam = DAdaptAdam.builder().build()

/** Prodigy, d₀ 1e-6, β 0.9/0.999. */
public fun prodigy(): Prodigy = Prodigy()

/** COCOB-Backprop, α 100: coin betting, no learning rate. */
public fun cocob(): Cocob = Cocob()

/** PS-SPS (a reconstruction of the parameter-scaling paper's Algorithm 1): SPS in Adam-scaled coordinates. */
public fun psSps(): ParameterScaled = PsSps.reconstructed()

/** PS-DA-SGD (the provisional form of the paper's Algorithm 2): D-Adapt SGD in Adam-scaled coordinates. */
public fun psDaSgd(): ParameterScaled = PsDaSgd.provisional()

/** Any registered optimizer by name, with its registered default configuration (`stride bench` lists them). */
public fun optimizer(name: String): Optimizer = OptimizerRegistry.create(name)

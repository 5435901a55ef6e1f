package dev.stride.samples.lipschitz

import dev.stride.bridge.Precision
import dev.stride.bridge.Sequential
import dev.stride.bridge.data.Dataset
import dev.stride.bridge.data.SmallTabular
import dev.stride.bridge.layers.Activation
import dev.stride.bridge.layers.Dense
import dev.stride.bridge.layers.Initializers
import dev.stride.bridge.losses.BinaryCrossEntropy
import dev.stride.bridge.losses.Loss
import dev.stride.bridge.losses.SoftmaxCrossEntropy
import dev.stride.bridge.train.TrainingConfig
import dev.stride.bridge.train.TrainingGraph
import dev.stride.optimizers.core.Sgd
import dev.stride.samples.report.CsvTable
import dev.stride.samples.report.LineChart
import dev.stride.optimizers.papers.LipschitzConstants

/**
 * A gradient-descent run: the loss before each update, in order.
 *
 * @property reached whether the loss fell below the threshold (else the iteration cap stopped it)
 */
class Descent(val rate: Double, val losses: List<Double>, val reached: Boolean) {
    /** Updates made. */
    val iterations: Int get() = losses.size

    /** One row per iteration (from 1): the loss before the update and the update's rate. */
    fun history(): CsvTable {
        val csv = CsvTable("iteration", "loss", "lr")
        losses.forEachIndexed { i, loss -> csv.row(i + 1, loss, rate) }
        return csv
    }
}

/** A line through (iteration, y) with iterations counted from 1. */
internal fun LineChart.perIteration(name: String, ys: List<Double>): LineChart =
    series(name, ys.indices.map { it + 1.0 }, ys)

/**
 * One of the LipschitzLR paper's classical models (§7, ALGORITHMS.md §2.1 and §7.2): a linear model
 * with no hidden layer and no separate bias on a design matrix prepared as the authors' notebooks
 * do, its loss, and its closed-form Lipschitz constant L. Training is full-batch gradient descent
 * from N(0, 1) weights (`np.random.randn`) in float64, numpy's precision.
 *
 * @property label the data set's name in tables
 * @property tag a file-safe name for `history-TAG-*.csv`
 * @property model the model's name in tables
 * @property train the design matrix and targets the model trains on (and L is computed from)
 * @property test the held-out split, or null when the paper reports training accuracy
 * @property hessianScale c in the loss's Hessian at w = 0, c·(XᵀX ⊗ C)/m with ‖C‖ = 1 (see [curvature])
 */
class ClassicalProblem(
    val label: String,
    val tag: String,
    val model: String,
    val train: Dataset,
    val test: Dataset?,
    private val outputs: Int,
    private val loss: () -> Loss,
    val lipschitz: Double,
    private val hessianScale: Double,
) {
    /** The learning rate |1/L|. */
    val rate: Double get() = LipschitzConstants.learningRate(lipschitz)

    /**
     * β, the largest eigenvalue of the loss's Hessian at w = 0: c·λmax(XᵀX)/m, with c = 1 for the
     * least-squares cost (1/2m)·Σ(xw − y)², whose Hessian is XᵀX/m everywhere; c = 1/4 for logistic
     * regression, σ'(0) = 1/4 being σ''s maximum; c = 1/k for softmax regression, whose Hessian there is
     * (XᵀX/m) ⊗ (I/k − 11ᵀ/k²) (uniform probabilities). The paper's L bounds the gradient instead and is
     * linear in X where β is quadratic, so the two can be far apart: see [stableRate].
     */
    val curvature: Double by lazy { hessianScale * largestEigenpair(gram(train)).first / train.size() }

    /**
     * 2/β: gradient descent near w = 0 overshoots and stops descending when its step is larger. For the
     * least squares and logistic regression β is the curvature's maximum over all w, so below 2/β the
     * loss falls monotonically; softmax regression's curvature elsewhere is at most (k/2)·β.
     */
    val stableRate: Double get() = 2 / curvature

    /**
     * Gradient descent at [rate] from the weights drawn from [seed], for at most [iterations] steps,
     * stopping after the first step whose loss (the loss before that step's update, as the notebooks
     * compute it) is below [threshold], so that [Descent.iterations] is the notebooks' count. Each
     * iteration is one fused step that also reports the full-batch loss. [after] sees the trained
     * graph before it is closed.
     */
    fun <T> descend(rate: Double, seed: Long, iterations: Int, threshold: Double = Double.NEGATIVE_INFINITY,
                    after: (TrainingGraph, Descent) -> T): T {
        val spec = Sequential(longArrayOf(train.featureSize().toLong()), listOf(
            Dense(outputs, Activation.LINEAR, false, Initializers.normal(0.0, 1.0), Initializers.zeros())))
        val config = TrainingConfig.builder(loss(), LossReporting(Sgd(rate))).batchSize(train.size()).seed(seed)
            .precision(Precision.FLOAT64).build()
        return TrainingGraph(spec, config, train).use { g ->
            g.initialize()
            g.startEpoch(0)
            val losses = ArrayList<Double>()
            while (losses.size < iterations && (losses.isEmpty() || losses.last() >= threshold)) {
                losses += g.runStep(0, true).getValue(LossReporting.LOSS)
            }
            after(g, Descent(rate, losses, losses.last() < threshold))
        }
    }

    /** Accuracy of the trained [graph] on the test split, or on the training set when there is none. */
    fun accuracy(graph: TrainingGraph): Double {
        val data = test ?: train
        return graph.evaluate(data, data.size()).accuracy()
    }

    companion object {
        /**
         * Boston housing, least squares: a bias column of ones, every column divided by its sum, and
         * K from the raw columns by the paper's estimate (§7.1).
         */
        fun boston(): ClassicalProblem {
            val raw = SmallTabular.boston()
            val design = raw.withBiasColumn().columnSumNormalized()
            val k = LipschitzConstants.leastSquaresWeightBound(raw)
            return ClassicalProblem("Boston housing", "boston", "linear LS", design, null, 1, ::HalfSquaredError,
                LipschitzConstants.leastSquares(design, k), 1.0)
        }

        /** Breast cancer, logistic regression: bias column, column sums 1, accuracy on the training set. */
        fun breastCancer(): ClassicalProblem {
            val design = SmallTabular.breastCancer().withBiasColumn().columnSumNormalized()
            return ClassicalProblem("Breast cancer", "breast-cancer", "logistic", design, null, 1, ::BinaryCrossEntropy,
                LipschitzConstants.logistic(design), 0.25)
        }

        /**
         * Softmax regression on raw features without a bias column, trained on a random 70 % split
         * ([seed]) and tested on the rest, as the authors' softmax notebook does.
         */
        fun softmax(label: String, tag: String, data: Dataset, seed: Long): ClassicalProblem {
            val split = data.split(0.7, seed)
            return ClassicalProblem(label, tag, "softmax", split.train(), split.test(), data.numClasses(),
                ::SoftmaxCrossEntropy, LipschitzConstants.softmax(split.train()), 1.0 / data.numClasses())
        }

        fun iris(seed: Long): ClassicalProblem = softmax("Iris", "iris", SmallTabular.iris(), seed)

        fun digits(seed: Long): ClassicalProblem = softmax("Digits", "digits", SmallTabular.digits(), seed)
    }
}

/** XᵀX of [data]'s features in float64. */
internal fun gram(data: Dataset): Array<DoubleArray> {
    val n = data.featureSize()
    val x = data.features()
    val g = Array(n) { DoubleArray(n) }
    for (row in 0 until data.size()) {
        val at = row * n
        for (i in 0 until n) {
            val xi = x[at + i].toDouble()
            if (xi == 0.0) continue
            for (j in i until n) g[i][j] += xi * x[at + j]
        }
    }
    for (i in 0 until n) for (j in 0 until i) g[i][j] = g[j][i]
    return g
}

/**
 * The largest eigenvalue of the symmetric positive semi-definite [matrix] and a unit eigenvector, by
 * power iteration from a fixed start until the Rayleigh quotient changes by less than 1e-13 of itself.
 */
internal fun largestEigenpair(matrix: Array<DoubleArray>): Pair<Double, DoubleArray> {
    val n = matrix.size
    var v = DoubleArray(n) { 1.0 + 0.01 * it }
    var lambda = 0.0
    repeat(100_000) {
        val next = DoubleArray(n) { i -> (0 until n).sumOf { j -> matrix[i][j] * v[j] } }
        val norm = kotlin.math.sqrt(next.sumOf { it * it })
        if (norm == 0.0) return 0.0 to v
        val rayleigh = (0 until n).sumOf { v[it] * next[it] } / v.sumOf { it * it }
        v = DoubleArray(n) { next[it] / norm }
        if (kotlin.math.abs(rayleigh - lambda) <= 1e-13 * rayleigh) return rayleigh to v
        lambda = rayleigh
    }
    return lambda to v
}

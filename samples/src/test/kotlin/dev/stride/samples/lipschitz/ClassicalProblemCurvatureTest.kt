package dev.stride.samples.lipschitz

import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.within
import org.assertj.core.data.Offset
import org.junit.jupiter.api.Test

/**
 * [ClassicalProblem.curvature] is the largest eigenvalue of the Hessian of the loss the model really
 * trains on (mean, not sum, over the examples), and it explains Table 1's Iris row: the paper's 1/L is
 * far past the stable step 2/β there, but not on Boston or breast cancer.
 */
class ClassicalProblemCurvatureTest {
    @Test
    fun powerIterationFindsTheLargestEigenvalue() {
        // Eigenvalues 6, 3, 1 (a rotation of diag(6, 3, 1) about the third axis, plus a coupling).
        val m = arrayOf(doubleArrayOf(4.5, 1.5, 0.0), doubleArrayOf(1.5, 4.5, 0.0), doubleArrayOf(0.0, 0.0, 1.0))
        val (lambda, v) = largestEigenpair(m)
        assertThat(lambda).isCloseTo(6.0, within(1e-12))
        assertThat(kotlin.math.abs(v[0])).isCloseTo(kotlin.math.sqrt(0.5), within(1e-6))
        assertThat(v[2]).isCloseTo(0.0, within(1e-6))
    }

    /**
     * The loss's second difference (f(εD) + f(−εD) − 2f(0))/ε² along the unit direction D = u ⊗ e, u the
     * top eigenvector of XᵀX and e the output direction of largest curvature, is β: it checks the Hessian
     * scale c of each model against its TensorFlow loss, including the 1/m normalisation.
     */
    @Test
    fun curvatureIsTheSecondDerivativeOfTheTrainedLossAtZero() {
        val iris = ClassicalProblem.iris(0)
        val softmaxOutput = doubleArrayOf(Math.sqrt(0.5), -Math.sqrt(0.5), 0.0)
        for ((problem, output) in listOf(ClassicalProblem.boston() to doubleArrayOf(1.0),
                ClassicalProblem.breastCancer() to doubleArrayOf(1.0), iris to softmaxOutput)) {
            val u = largestEigenpair(gram(problem.train)).second
            // Outputs move by at most 0.003 either way, so the fourth-order term is ~1e-5 of the second.
            val eps = 0.003 / largestProjection(problem, u)
            val direction = DoubleArray(u.size * output.size) { u[it / output.size] * output[it % output.size] }
            val second = problem.descend(1e-300, 0, 1) { g, _ ->
                val name = g.weights().keys.single()
                fun loss(scale: Double): Double {
                    g.setWeights(mapOf(name to DoubleArray(direction.size) { scale * direction[it] }))
                    return g.evaluate(problem.train, problem.train.size()).loss()
                }
                (loss(eps) + loss(-eps) - 2 * loss(0.0)) / (eps * eps)
            }
            assertThat(second).`as`(problem.label).isCloseTo(problem.curvature, Offset.offset(1e-4 * problem.curvature))
        }
        // ‖X‖₂²/(k·m) on the raw Iris features of the --seed 0 split.
        assertThat(iris.curvature).isCloseTo(19.815, within(0.001))
    }

    @Test
    fun theIrisRateIsFarPastTheStableStepButBostonAndBreastCancerAreBelowIt() {
        val boston = ClassicalProblem.boston()
        val cancer = ClassicalProblem.breastCancer()
        val iris = ClassicalProblem.iris(0)
        assertThat(boston.rate).isLessThan(boston.stableRate / 1000)
        assertThat(cancer.rate).isLessThan(cancer.stableRate / 10)
        assertThat(iris.stableRate).isBetween(0.1, 0.102)
        assertThat(iris.rate / iris.stableRate).isGreaterThan(19.0)
        // So GD at 0.1 descends on Iris at every step while at 1/L the loss keeps jumping up.
        fun rises(rate: Double) = iris.descend(rate, 0, 600, 0.2) { _, d -> d.losses.zipWithNext().count { (a, b) -> b > a } }
        assertThat(rises(0.1)).isZero()
        assertThat(rises(iris.rate)).isGreaterThan(50)
    }

    private fun largestProjection(problem: ClassicalProblem, u: DoubleArray): Double {
        val x = problem.train.features()
        return (0 until problem.train.size()).maxOf { row -> kotlin.math.abs(u.indices.sumOf { x[row * u.size + it] * u[it] }) }
    }
}

package dev.stride.samples.bench

import java.io.PrintWriter
import java.io.StringWriter
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.junit.jupiter.api.Test

/** The timing loop times applied steps only: a sample with a skipped step is retaken after a restart. */
class RoundRobinTimingTest {

    /** Skips every step from its [divergesAfter]-th step since the last restart on; counts what it did. */
    private class Diverging(override val optimizer: String, private val divergesAfter: Int) : TimedStep {
        override val batch = 8
        private var sinceRestart = 0
        private var skipped = 0L
        var steps = 0
        var restarts = 0
        var stepsWhenRestarted = mutableListOf<Int>()

        override fun step() {
            steps++
            sinceRestart++
            if (sinceRestart > divergesAfter) skipped++
        }

        override fun skippedSteps() = skipped

        override fun restart() {
            restarts++
            stepsWhenRestarted += sinceRestart
            sinceRestart = 0
        }

        override fun operationCount() = 0

        override fun close() {}
    }

    private val settings = BenchSettings(batches = listOf(8), warmup = 3, repeats = 4, steps = 5)

    @Test
    fun stableConfigurationsAreNeverRestarted() {
        val stable = Diverging("stable", Int.MAX_VALUE)
        val out = StringWriter()
        val timings = Benchmark.timeRoundRobin(listOf(stable), settings, PrintWriter(out))
        assertThat(timings.restarts).containsExactly(0)
        assertThat(stable.restarts).isZero()
        assertThat(stable.steps).isEqualTo(4 * 5)
        assertThat(timings.samples[0]).hasSize(4)
        assertThat(timings.samples[0].all { it > 0 }).isTrue()
        assertThat(out.toString()).doesNotContain("restarting")
    }

    @Test
    fun aSampleWithASkippedStepIsRetakenAfterARestartAndWarmUp() {
        // Skips from its 14th step since a restart on: the third sample (steps 11–15) skips, so it
        // restarts, warms up (steps 1–3) and samples again (steps 4–8); the fourth takes steps 9–13.
        val diverging = Diverging("l4", 13)
        val stable = Diverging("base", Int.MAX_VALUE)
        val out = StringWriter()
        val timings = Benchmark.timeRoundRobin(listOf(diverging, stable), settings, PrintWriter(out))
        assertThat(timings.restarts).containsExactly(1, 0)
        assertThat(diverging.stepsWhenRestarted).containsExactly(15)
        assertThat(diverging.steps).isEqualTo(4 * 5 + 5 + 3)
        assertThat(stable.steps).isEqualTo(4 * 5)
        assertThat(out.toString()).contains("l4, batch 8: a timed step was skipped").doesNotContain("base, batch 8")
    }

    @Test
    fun aConfigurationThatSkipsRightAfterARestartFailsNamingIt() {
        val hopeless = Diverging("exploding", 4)
        assertThatThrownBy { Benchmark.timeRoundRobin(listOf(hopeless), settings, PrintWriter(StringWriter())) }
            .isInstanceOf(IllegalStateException::class.java)
            .hasMessageContaining("exploding (batch 8) skips steps")
            .hasMessageContaining("even right after a restart")
    }

    @Test
    fun theTableNamesRestartedRows() {
        val rows = listOf(
            BenchRow("adam", 64, 2000.0, 1900.0, 2100.0, 1.0, 1.05),
            BenchRow("l4adam", 64, 2100.0, 2000.0, 2200.0, 1.05, 1.1, restarts = 2),
        )
        assertThat(BenchReport.table(rows).lines()).contains(
            "restarted from the initial weights after a skipped step (only applied steps are timed): l4adam batch 64 ×2",
        )
        assertThat(BenchReport.table(rows.take(1))).doesNotContain("restarted")
    }
}

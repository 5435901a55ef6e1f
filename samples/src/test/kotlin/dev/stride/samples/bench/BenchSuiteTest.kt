package dev.stride.samples.bench

import dev.stride.optimizers.core.Sgd
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.junit.jupiter.api.Test

class BenchSuiteTest {
    // "fast" and "slow" stand in for step-size rules over the "sgd" direction.
    private val suite = BenchSuite(
        listOf("sgd" to { Sgd(0.1) }, "fast" to { Sgd(0.2) }, "slow" to { Sgd(0.3) }),
        baseOf = { "sgd" },
    )

    @Test
    fun selectsEverythingByDefaultAndAddsBaseDirectionsToOnly() {
        assertThat(suite.select(emptyList()).map { it.first }).containsExactly("sgd", "fast", "slow")
        assertThat(suite.select(listOf("slow")).map { it.first }).containsExactly("sgd", "slow")
        assertThat(suite.select(listOf("slow", "fast")).map { it.first }).containsExactly("sgd", "fast", "slow")
    }

    @Test
    fun namesUnknownOptimizersAndMissingBases() {
        assertThatThrownBy { suite.select(listOf("adam", "fast")) }
            .hasMessage("unknown optimizer 'adam'; known: sgd, fast, slow")
        val orphan = BenchSuite(listOf("l4adam" to { Sgd(0.1) }), baseOf = { "adam" })
        assertThatThrownBy { orphan.select(emptyList()) }
            .hasMessageContaining("the base direction 'adam' of 'l4adam' is not a benchmarked optimizer")
    }

    @Test
    fun rejectsDuplicateAndReservedNames() {
        assertThatThrownBy { BenchSuite(listOf("sgd" to { Sgd(0.1) }, "sgd" to { Sgd(0.2) }), { it }) }
            .hasMessageContaining("unique")
        assertThatThrownBy { BenchSuite(listOf(BenchSuite.RAW_ADAM to { Sgd(0.1) }), { it }) }
            .hasMessageContaining("'raw-adam' names the hand-written TensorFlow graph")
    }

    @Test
    fun aRatioIsTheMedianOfTheRoundsPairedRatios() {
        // Round 2 hit the base alone (a burst of load): the ratio of medians would say 1.5 / 2.0 =
        // 0.75; the paired ratios are 1.5, 0.5, 1.5, so their median is 1.5.
        val samples = doubleArrayOf(1.5, 2.0, 3.0)
        val base = doubleArrayOf(1.0, 4.0, 2.0)
        assertThat(Benchmark.pairedRatio(samples, base)).isEqualTo(1.5)
        assertThatThrownBy { Benchmark.pairedRatio(samples, doubleArrayOf(1.0)) }
            .isInstanceOf(IllegalArgumentException::class.java).hasMessageContaining("3 samples against 1")
    }

    @Test
    fun medianOfOddAndEvenCounts() {
        assertThat(Benchmark.median(doubleArrayOf(5.0, 1.0, 3.0))).isEqualTo(3.0)
        assertThat(Benchmark.median(doubleArrayOf(4.0, 1.0, 3.0, 10.0))).isEqualTo(3.5)
    }

    @Test
    fun settingsRejectNonsense() {
        assertThatThrownBy { BenchSettings(listOf(64, 5000)) }.hasMessageContaining("batch sizes must be in [1, 4096]")
        assertThatThrownBy { BenchSettings(listOf(64, 64)) }.hasMessageContaining("distinct")
        assertThatThrownBy { BenchSettings(repeats = 0) }.hasMessageContaining("repeats must be >= 1, got 0")
        assertThatThrownBy { BenchSettings(steps = 0) }.hasMessageContaining("steps per repeat must be >= 1, got 0")
        assertThatThrownBy { BenchSettings(warmup = -1) }.hasMessageContaining("warm-up steps must be >= 0, got -1")
    }

    @Test
    fun csvHasTheDesignColumnsAndLocaleFreeNumbers() {
        val rows = listOf(
            BenchRow("sgd", 64, 1234.56, 1200.04, 1300.0, 1.0, 0.5),
            BenchRow(BenchSuite.RAW_ADAM, 64, 2469.12, 2400.0, 2500.0, 1.0, 1.0),
        )
        assertThat(BenchReport.csv(rows).lines()).containsExactly(
            "optimizer,batch,median_us,min_us,max_us,ratio_to_base,ratio_to_raw",
            "sgd,64,1234.6,1200.0,1300.0,1.000,0.500",
            "raw-adam,64,2469.1,2400.0,2500.0,1.000,1.000",
            "",
        )
    }
}

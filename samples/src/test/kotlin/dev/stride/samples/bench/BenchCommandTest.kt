package dev.stride.samples.bench

import dev.stride.optimizers.core.Sgd
import dev.stride.samples.stride
import java.nio.file.Files
import java.nio.file.Path
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** Smoke tests: `--check` runs every part of the benchmark in seconds; the times themselves are not checked. */
class BenchCommandTest {

    private fun csvRows(file: Path): List<List<String>> {
        val lines = Files.readAllLines(file)
        assertThat(lines.first()).isEqualTo("optimizer,batch,median_us,min_us,max_us,ratio_to_base,ratio_to_raw")
        return lines.drop(1).map { it.split(",") }
    }

    @Test
    fun checkRunWritesOneRowPerOptimizerAndBatchPlusTheRawGraph(@TempDir tmp: Path) {
        val csv = tmp.resolve("bench.csv")
        val r = stride("bench", "--check", "--only", "sgd", "--batches", "8", "--csv", csv.toString())
        assertThat(r.exitCode).`as`(r.err).isEqualTo(0)
        val rows = csvRows(csv)
        assertThat(rows.map { it[0] to it[1] }).containsExactly("sgd" to "8", "raw-adam" to "8")
        for (row in rows) {
            assertThat(row).hasSize(7)
            val (median, min, max) = row.subList(2, 5).map { it.toDouble() }
            assertThat(min).isPositive().isLessThanOrEqualTo(median)
            assertThat(median).isLessThanOrEqualTo(max)
        }
        // Each is its own base; raw-adam is its own reference.
        assertThat(rows.map { it[5] }).containsOnly("1.000")
        assertThat(rows[1][6]).isEqualTo("1.000")
        assertThat(rows[0][6].toDouble()).isPositive()
        assertThat(r.out).contains("CHECK RUN").contains("machine: ").contains("TensorFlow ")
        assertThat(r.out.lines().filter { it.startsWith("sgd ") || it.startsWith("raw-adam ") }).hasSize(2)
        assertThat(r.err).contains("wrote $csv")
    }

    @Test
    fun onlyTimesTheNamedOptimizersAndTheirBasesAtEveryBatchSize(@TempDir tmp: Path) {
        // "rule" stands in for a step-size rule whose base direction is sgd.
        val suite = BenchSuite(
            listOf("sgd" to { Sgd(0.01) }, "rule" to { Sgd(0.02) }, "other" to { Sgd(0.03) }),
            baseOf = { "sgd" },
        )
        val csv = tmp.resolve("bench.csv")
        val r = stride("bench", "--check", "--only", "rule", "--batches", "8,16", "--csv", csv.toString(), benchSuite = suite)
        assertThat(r.exitCode).`as`(r.err).isEqualTo(0)
        val rows = csvRows(csv)
        assertThat(rows.map { it[0] to it[1] }).containsExactly(
            "sgd" to "8", "rule" to "8", "raw-adam" to "8",
            "sgd" to "16", "rule" to "16", "raw-adam" to "16",
        )
        // ratio_to_base of "rule" is a ratio of its samples to sgd's at the same batch: within the
        // bounds their extremes allow (the paired median itself is checked in BenchSuiteTest).
        for (batch in listOf("8", "16")) {
            val byName = rows.filter { it[1] == batch }.associateBy { it[0] }
            assertRatioBetween(byName.getValue("rule"), byName.getValue("sgd"))
        }
    }

    @Test
    fun callbacksAddsTheTrainerRowsEachAgainstItsBase(@TempDir tmp: Path) {
        val csv = tmp.resolve("bench.csv")
        val r = stride("bench", "--check", "--only", "sgd", "--callbacks", "--batches", "8", "--csv", csv.toString())
        assertThat(r.exitCode).`as`(r.err).isEqualTo(0)
        val rows = csvRows(csv)
        assertThat(rows.map { it[0] }).containsExactly("sgd", "adam", "adam+trainer", "adam+defaults", "adam+monitored", "raw-adam")
        val byName = rows.associateBy { it[0] }
        for ((row, base) in listOf("adam+trainer" to "adam", "adam+defaults" to "adam+trainer", "adam+monitored" to "adam+trainer")) {
            assertRatioBetween(byName.getValue(row), byName.getValue(base))
        }
    }

    /** A ratio of [row]'s samples to [base]'s lies between min/max and max/min (3 printed decimals). */
    private fun assertRatioBetween(row: List<String>, base: List<String>) {
        val (min, max) = row[3].toDouble() to row[4].toDouble()
        val (baseMin, baseMax) = base[3].toDouble() to base[4].toDouble()
        assertThat(row[5].toDouble()).`as`(row[0]).isBetween(min / baseMax - 1e-3, max / baseMin + 1e-3)
    }
}

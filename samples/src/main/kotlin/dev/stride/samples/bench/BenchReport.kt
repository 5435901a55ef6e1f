package dev.stride.samples.bench

import java.util.Locale
import java.util.Properties
import org.tensorflow.TensorFlow

/** The text `stride bench` prints and the CSV it writes. */
object BenchReport {
    /** The CSV header, fixed by DESIGN.md; tools read the file by these names. */
    const val CSV_HEADER = "optimizer,batch,median_us,min_us,max_us,ratio_to_base,ratio_to_raw"

    /**
     * Lines that make a table comparable with another one: the machine, the software, and how it was
     * measured.
     */
    fun header(settings: BenchSettings, check: Boolean): String {
        val rt = Runtime.getRuntime()
        val os = "${System.getProperty("os.name")} ${System.getProperty("os.version")} ${System.getProperty("os.arch")}"
        val java = "Java ${System.getProperty("java.version")} (${System.getProperty("java.vm.name")})"
        val tf = "TensorFlow ${TensorFlow.version()} (TF Java ${tensorFlowJavaVersion()})"
        val model = "MLP ${Benchmark.FEATURES}-${Benchmark.HIDDEN.joinToString("-")}-${Benchmark.CLASSES} ReLU, " +
            "softmax cross-entropy, ${Benchmark.EXAMPLES} synthetic examples staged in the graph"
        val method = "interleaved round-robin: ${steps(settings.warmup)} of warm-up, then ${settings.repeats} × " +
            "${steps(settings.steps)} per configuration; default session threads; per-step times in µs; " +
            "ratios: median over rounds of same-round ratios"
        return buildString {
            if (check) appendLine("CHECK RUN (--check): a few steps to prove the benchmark runs; the times mean nothing")
            appendLine("machine: ${rt.availableProcessors()} cores, $os; $java; $tf")
            appendLine("model: $model")
            appendLine("method: $method")
        }
    }

    /** The table for the terminal. */
    fun table(rows: List<BenchRow>): String {
        val header = listOf("optimizer", "batch", "median µs", "min µs", "max µs", "× base", "× raw")
        val cells = rows.map {
            listOf(it.optimizer, it.batch.toString(), us(it.medianUs), us(it.minUs), us(it.maxUs), ratio(it.ratioToBase), ratio(it.ratioToRaw))
        }
        val widths = header.indices.map { c -> (cells.map { it[c] } + header[c]).maxOf { it.length } }
        fun line(values: List<String>) = values.mapIndexed { c, v -> if (c == 0) v.padEnd(widths[c]) else v.padStart(widths[c]) }
            .joinToString("  ").trimEnd()
        return buildString {
            appendLine(line(header))
            cells.forEach { appendLine(line(it)) }
            val restarted = rows.filter { it.restarts > 0 }
            if (restarted.isNotEmpty()) {
                appendLine(
                    "restarted from the initial weights after a skipped step (only applied steps are timed): " +
                        restarted.joinToString { "${it.optimizer} batch ${it.batch} ×${it.restarts}" },
                )
            }
        }
    }

    /**
     * The CSV of DESIGN.md: [CSV_HEADER], then one row per (optimizer, batch) in table order. The raw
     * graph has a row of its own per batch, named [BenchSuite.RAW_ADAM], so its absolute times are in
     * the file too; it is its own base and its own reference, so both of its ratios are 1.
     */
    fun csv(rows: List<BenchRow>): String = buildString {
        appendLine(CSV_HEADER)
        for (r in rows) {
            require(',' !in r.optimizer && '"' !in r.optimizer) { "optimizer name '${r.optimizer}' cannot be a CSV field" }
            appendLine(listOf(r.optimizer, r.batch.toString(), us(r.medianUs), us(r.minUs), us(r.maxUs), ratio(r.ratioToBase), ratio(r.ratioToRaw)).joinToString(","))
        }
    }

    private fun steps(n: Int) = if (n == 1) "1 step" else "$n steps"

    private fun us(value: Double) = String.format(Locale.ROOT, "%.1f", value)

    private fun ratio(value: Double) = String.format(Locale.ROOT, "%.3f", value)

    /** The TF Java version from the Maven metadata its jar carries (the shaded jar keeps it). */
    private fun tensorFlowJavaVersion(): String {
        val stream = TensorFlow::class.java.getResourceAsStream("/META-INF/maven/org.tensorflow/tensorflow-core-api/pom.properties")
            ?: return "unknown"
        return stream.use { Properties().apply { load(it) }.getProperty("version") ?: "unknown" }
    }
}

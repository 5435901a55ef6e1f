package dev.stride.samples.bench

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.Callable
import picocli.CommandLine.Command
import picocli.CommandLine.Model.CommandSpec
import picocli.CommandLine.Option
import picocli.CommandLine.ParameterException
import picocli.CommandLine.Spec

/**
 * `stride bench`: per-step time of every optimizer against its base direction and against the
 * hand-written TensorFlow graph, measured side by side in one process (see [Benchmark]). The table goes
 * to standard output, progress to standard error, so `stride bench > table.txt` keeps only the result.
 */
@Command(
    name = "bench",
    description = [
        "Times one training step of a 784-300-100-10 ReLU MLP for every optimizer and for a " +
            "hand-written raw TensorFlow Adam graph ('${BenchSuite.RAW_ADAM}'), interleaved in one process.",
        "Columns: median, min and max per-step µs over the repeats; × base: ratio to the optimizer's base " +
            "direction; × raw: ratio to ${BenchSuite.RAW_ADAM} at the same batch size. A ratio is the median over " +
            "repeats of the ratio of the two samples timed in the same round.",
        "Only applied steps are timed: a sample in which a step was skipped (non-finite loss or gradient, as " +
            "when L4 diverges on the synthetic data) is taken again after restarting that configuration from its " +
            "initial weights; the table names the restarted rows.",
    ],
)
class BenchCommand(private val suite: BenchSuite) : Callable<Int> {
    @Spec
    lateinit var spec: CommandSpec

    @Option(names = ["--csv"], paramLabel = "FILE", description = ["Also write the table as CSV: ${BenchReport.CSV_HEADER}."])
    var csv: Path? = null

    @Option(names = ["--only"], split = ",", paramLabel = "NAME", description = ["Optimizers to time (their base directions are timed too); default: all."])
    var only: List<String>? = null

    @Option(names = ["--batches"], split = ",", paramLabel = "B", description = ["Batch sizes (default: 64,256)."])
    var batches: List<Int>? = null

    @Option(names = ["--warmup"], paramLabel = "N", description = ["Untimed steps per configuration first (default: ${BenchSettings.DEFAULT_WARMUP})."])
    var warmup: Int = BenchSettings.DEFAULT_WARMUP

    @Option(names = ["--repeats"], paramLabel = "N", description = ["Timed samples per configuration (default: ${BenchSettings.DEFAULT_REPEATS})."])
    var repeats: Int = BenchSettings.DEFAULT_REPEATS

    @Option(names = ["--steps"], paramLabel = "K", description = ["Steps per timed sample (default: ${BenchSettings.DEFAULT_STEPS})."])
    var steps: Int = BenchSettings.DEFAULT_STEPS

    @Option(
        names = ["--callbacks"],
        description = ["Also time Adam stepped through the trainer's loop ('${TrainerStep.TRAINER}', base adam), through it with a fit's default progress bar and history ('${TrainerStep.DEFAULTS}', base ${TrainerStep.TRAINER}) and with TerminateOnNaN, EarlyStopping and a CSVLogger added ('${TrainerStep.MONITORED}', base ${TrainerStep.TRAINER}), all three on one graph: what a fit and its callbacks add to a step."],
    )
    var callbacks: Boolean = false

    @Option(
        names = ["--check"],
        description = ["Run a few steps only (overrides --warmup, --repeats, --steps) to check that everything works; the times mean nothing."],
    )
    var check: Boolean = false

    override fun call(): Int {
        val cl = spec.commandLine()
        val settings = try {
            val b = batches ?: listOf(64, 256)
            if (check) BenchSettings.check(b, callbacks = callbacks) else BenchSettings(b, warmup, repeats, steps, callbacks = callbacks)
        } catch (e: IllegalArgumentException) {
            throw ParameterException(cl, e.message)
        }
        try {
            suite.select(only.orEmpty())
        } catch (e: IllegalArgumentException) {
            throw ParameterException(cl, e.message)
        }
        val target = csv?.toAbsolutePath()?.normalize()
        if (target != null && target.parent != null && !Files.isDirectory(target.parent)) {
            throw ParameterException(cl, "cannot write $target: directory ${target.parent} does not exist")
        }

        val out = cl.out
        out.print(BenchReport.header(settings, check))
        out.flush()
        val rows = Benchmark(suite, settings).run(only.orEmpty(), cl.err)
        out.print(BenchReport.table(rows))
        out.flush()
        if (target != null) {
            Files.writeString(target, BenchReport.csv(rows))
            cl.err.println("wrote $target")
        }
        return 0
    }
}

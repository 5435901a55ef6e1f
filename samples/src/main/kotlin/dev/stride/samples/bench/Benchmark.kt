package dev.stride.samples.bench

import dev.stride.bridge.Sequential
import dev.stride.bridge.data.Dataset
import dev.stride.bridge.layers.Activation
import dev.stride.bridge.layers.Dense
import dev.stride.bridge.losses.SoftmaxCrossEntropy
import dev.stride.bridge.optim.Optimizer
import dev.stride.bridge.train.TrainingConfig
import dev.stride.bridge.train.TrainingGraph
import java.io.PrintWriter
import java.util.SplittableRandom

/**
 * How `stride bench` measures.
 *
 * @property batches batch sizes, each timed for every optimizer and for the raw graph
 * @property warmup untimed steps per configuration first: the first `Session.run` of a graph
 *   optimises it and allocates buffers, and the JIT warms up
 * @property repeats timed samples per configuration; the table reports their median, min and max
 * @property steps steps per sample; a sample is their mean time, which averages out the timer's
 *   resolution and per-step jitter
 * @property callbacks also time Adam stepped through the trainer, without and with the default
 *   callbacks (rows [TrainerStep.ROWS]): what a real fit adds to a step
 */
data class BenchSettings(
    val batches: List<Int> = listOf(64, 256),
    val warmup: Int = DEFAULT_WARMUP,
    val repeats: Int = DEFAULT_REPEATS,
    val steps: Int = DEFAULT_STEPS,
    val seed: Long = 0,
    val callbacks: Boolean = false,
) {
    init {
        require(batches.isNotEmpty()) { "give at least one batch size" }
        require(batches.all { it in 1..Benchmark.EXAMPLES }) { "batch sizes must be in [1, ${Benchmark.EXAMPLES}], got $batches" }
        require(batches.toSet().size == batches.size) { "batch sizes must be distinct, got $batches" }
        require(warmup >= 0) { "warm-up steps must be >= 0, got $warmup" }
        require(repeats >= 1) { "repeats must be >= 1, got $repeats" }
        require(steps >= 1) { "steps per repeat must be >= 1, got $steps" }
    }

    companion object {
        const val DEFAULT_WARMUP = 20
        const val DEFAULT_REPEATS = 15
        const val DEFAULT_STEPS = 50

        /** `--check`: proves the benchmark runs end to end in seconds; its numbers mean nothing. */
        fun check(batches: List<Int>, seed: Long = 0, callbacks: Boolean = false) =
            BenchSettings(batches, warmup = 1, repeats = 2, steps = 2, seed = seed, callbacks = callbacks)
    }
}

/** One line of the table and of the CSV; times are per step, in microseconds. */
data class BenchRow(
    val optimizer: String,
    val batch: Int,
    val medianUs: Double,
    val minUs: Double,
    val maxUs: Double,
    val ratioToBase: Double,
    val ratioToRaw: Double,
    /**
     * Times the configuration restarted from its initial weights because a timed step was skipped;
     * printed under the table, not in the CSV (whose columns DESIGN.md fixes).
     */
    val restarts: Int = 0,
)

/**
 * Times one training step of the 784-300-100-10 ReLU MLP with softmax cross-entropy, for every
 * optimizer of [suite] through Stride's fused step and for the hand-written [RawAdamMlp], at every
 * batch size, in one process.
 *
 * Every configuration trains on the same synthetic data (uniform pixels, uniform labels), staged in
 * its graph, so a step feeds only a batch index. Sessions use TensorFlow's default thread pools
 * (intra- and inter-op parallelism chosen by TensorFlow from the machine's cores), as a user's
 * training does; pin threads with `TF_NUM_INTEROP_THREADS`/`TF_NUM_INTRAOP_THREADS` if needed.
 *
 * Measurement: all graphs are built and warmed up first; then each repeat times [BenchSettings.steps]
 * steps of every configuration in turn (round-robin), so slow drift (thermal state, other processes,
 * the JIT, the GC) hits every configuration alike instead of biasing whichever ran last. A ratio is
 * the median over repeats of the ratio between the two configurations' samples of the same round
 * ([pairedRatio]), so it compares times measured side by side. Each graph's op count is checked after
 * timing: a graph that grew while stepping would have timed graph construction.
 */
class Benchmark(private val suite: BenchSuite, private val settings: BenchSettings) {

    /**
     * Runs the benchmark, printing progress to [progress].
     *
     * @param only optimizer names from `--only` (empty: all)
     * @return one row per (optimizer, batch), then the raw graph's row for that batch
     */
    fun run(only: Collection<String>, progress: PrintWriter): List<BenchRow> {
        val selected = suite.select(if (settings.callbacks && only.isNotEmpty()) only + TrainerStep.ADAM else only)
        val adam = selected.firstOrNull { it.first == TrainerStep.ADAM }?.second
        require(!settings.callbacks || adam != null) { "the ${TrainerStep.ROWS} rows need '${TrainerStep.ADAM}' in the bench suite" }
        val (features, labels) = syntheticData(settings.seed)
        val dataset = Dataset.classification("synthetic", longArrayOf(FEATURES.toLong()), features, labels, CLASSES)
        val configs = mutableListOf<TimedStep>()
        try {
            for (batch in settings.batches) {
                for ((name, factory) in selected) {
                    progress.println("building $name, batch $batch")
                    configs += StrideStep(name, batch, factory(), dataset, settings.seed)
                }
                if (settings.callbacks) {
                    progress.println("building ${TrainerStep.ROWS.joinToString()} (one graph), batch $batch")
                    configs += TrainerStep.rows(batch, checkNotNull(adam)(), dataset, settings.seed)
                }
                progress.println("building ${BenchSuite.RAW_ADAM}, batch $batch")
                configs += RawStep(RawAdamMlp(features, labels, FEATURES, CLASSES, HIDDEN, batch, settings.seed))
            }
            progress.println("warming up ${configs.size} configurations")
            progress.flush()
            for (c in configs) repeat(settings.warmup) { c.step() }
            val opsBefore = configs.map { it.operationCount() }
            val timings = timeRoundRobin(configs, settings, progress)
            for ((i, c) in configs.withIndex()) {
                val after = c.operationCount()
                check(after == opsBefore[i]) {
                    "the graph of ${c.optimizer} (batch ${c.batch}) grew from ${opsBefore[i]} to $after ops while " +
                        "stepping, so its timing includes graph construction"
                }
            }
            return rows(configs, timings)
        } finally {
            configs.forEach { it.close() }
        }
    }

    private fun rows(configs: List<TimedStep>, timings: Timings): List<BenchRow> {
        val samples = timings.samples
        val index = configs.indices.associateBy { configs[it].optimizer to configs[it].batch }
        return configs.mapIndexed { i, c ->
            val base = when (c.optimizer) {
                BenchSuite.RAW_ADAM -> c.optimizer
                in TrainerStep.ROWS -> TrainerStep.baseOf(c.optimizer)
                else -> suite.baseOf(c.optimizer)
            }
            BenchRow(
                optimizer = c.optimizer,
                batch = c.batch,
                medianUs = median(samples[i]),
                minUs = samples[i].min(),
                maxUs = samples[i].max(),
                ratioToBase = pairedRatio(samples[i], samples[index.getValue(base to c.batch)]),
                ratioToRaw = pairedRatio(samples[i], samples[index.getValue(BenchSuite.RAW_ADAM to c.batch)]),
                restarts = timings.restarts[i],
            )
        }
    }

    /** Per configuration: its [BenchSettings.repeats] samples (µs per step) and how often it was restarted. */
    internal class Timings(val samples: List<DoubleArray>, val restarts: IntArray)

    companion object {
        /** Inputs of the benchmarked 784-300-100-10 ReLU MLP (MNIST-sized). */
        const val FEATURES = 784

        /** Its hidden widths. */
        val HIDDEN = intArrayOf(300, 100)

        /** Its classes. */
        const val CLASSES = 10

        /** Synthetic examples staged in every graph: 16 full batches of 256. */
        const val EXAMPLES = 4096

        /** The benchmarked model, as Stride declares it. */
        fun mlp(): Sequential = Sequential(
            longArrayOf(FEATURES.toLong()),
            HIDDEN.map { Dense(it, Activation.RELU) } + Dense(CLASSES, Activation.LINEAR),
        )

        /**
         * Times [configs] round-robin: each repeat takes one sample of [BenchSettings.steps] steps of
         * every configuration in turn.
         *
         * Only applied steps are timed. A step skipped for a non-finite loss or gradient computes
         * everything but assigns nothing, so it is not the step being measured; and an optimizer that
         * diverges on the synthetic data (L4 does within a few hundred steps: random labels leave it
         * on a plateau where its step size has no bound) skips every step from then on. A sample in
         * which a step was skipped is therefore discarded: the configuration restarts from its initial
         * weights and optimizer state, runs its warm-up again and takes the sample again. If it skips a
         * step even then, the benchmark fails, naming it.
         */
        internal fun timeRoundRobin(configs: List<TimedStep>, settings: BenchSettings, progress: PrintWriter): Timings {
            val samples = List(configs.size) { DoubleArray(settings.repeats) }
            val restarts = IntArray(configs.size)
            for (r in 0 until settings.repeats) {
                for ((i, c) in configs.withIndex()) {
                    var sample = timeSample(c, settings.steps)
                    if (sample == null) {
                        progress.println("${c.optimizer}, batch ${c.batch}: a timed step was skipped (non-finite loss or " +
                            "gradient); restarting it from its initial weights and timing the sample again")
                        c.restart()
                        restarts[i]++
                        repeat(settings.warmup) { c.step() }
                        sample = checkNotNull(timeSample(c, settings.steps)) {
                            "${c.optimizer} (batch ${c.batch}) skips steps for a non-finite loss or gradient on the " +
                                "benchmark's synthetic data even right after a restart from its initial weights, so it " +
                                "has no applied step to time"
                        }
                    }
                    samples[i][r] = sample
                }
                progress.println("repeat ${r + 1}/${settings.repeats} done")
                progress.flush()
            }
            return Timings(samples, restarts)
        }

        /** µs per step over [steps] steps of [c]; null if any of them was skipped. */
        private fun timeSample(c: TimedStep, steps: Int): Double? {
            val skipped = c.skippedSteps()
            val start = System.nanoTime()
            repeat(steps) { c.step() }
            val us = (System.nanoTime() - start) / 1e3 / steps
            return if (c.skippedSteps() == skipped) us else null
        }

        /** [EXAMPLES] examples with pixels uniform in [0, 1) and uniform labels, from [seed]. */
        fun syntheticData(seed: Long): Pair<FloatArray, IntArray> {
            val random = SplittableRandom(seed)
            val features = FloatArray(EXAMPLES * FEATURES) { random.nextDouble().toFloat() }
            val labels = IntArray(EXAMPLES) { random.nextInt(CLASSES) }
            return features to labels
        }

        /**
         * The median over repeats of `samples[r] / base[r]`: each repeat's ratio is taken between two
         * samples timed in the same round, seconds apart, so a slow drift or a burst of load that
         * spans a round cancels in it, and the median drops the rounds a burst hit unevenly.
         */
        fun pairedRatio(samples: DoubleArray, base: DoubleArray): Double {
            require(samples.size == base.size) { "${samples.size} samples against ${base.size} of the base" }
            return median(DoubleArray(samples.size) { samples[it] / base[it] })
        }

        /** The median (mean of the middle two for an even count). */
        fun median(values: DoubleArray): Double {
            require(values.isNotEmpty()) { "no samples" }
            val sorted = values.sorted()
            val mid = sorted.size / 2
            return if (sorted.size % 2 == 1) sorted[mid] else (sorted[mid - 1] + sorted[mid]) / 2
        }
    }
}

/** A configuration being timed: one graph and session, stepping through its staged batches. */
internal interface TimedStep : AutoCloseable {
    val optimizer: String
    val batch: Int

    /** One training step on the next batch. */
    fun step()

    /** Steps skipped so far for a non-finite loss or gradient (0 where nothing guards the step). */
    fun skippedSteps(): Long

    /** Back to the initial weights, optimizer state and batch position, as when it was built. */
    fun restart()

    fun operationCount(): Int
}

/** Stride's fused training step, staged data, default session threads, no telemetry fetched. */
private class StrideStep(
    override val optimizer: String,
    override val batch: Int,
    opt: Optimizer,
    data: Dataset,
    seed: Long,
) : TimedStep {
    private val graph = TrainingGraph(
        Benchmark.mlp(),
        TrainingConfig.builder(SoftmaxCrossEntropy(), opt).batchSize(batch).seed(seed).build(),
        data,
    )
    private var next = 0

    init {
        try {
            restart()
        } catch (e: Throwable) {
            graph.close()
            throw e
        }
    }

    override fun step() {
        graph.runStep(next, false)
        next = (next + 1) % graph.batchesPerEpoch()
    }

    override fun skippedSteps(): Long = graph.skippedSteps()

    override fun restart() {
        graph.initialize()
        graph.startEpoch(0)
        next = 0
    }

    override fun operationCount(): Int = graph.graph().operationCount()

    override fun close() = graph.close()
}

/** The hand-written graph, stepped like [StrideStep]. */
private class RawStep(private val raw: RawAdamMlp) : TimedStep {
    override val optimizer = BenchSuite.RAW_ADAM
    override val batch = raw.batchSize
    private var next = 0

    init {
        try {
            raw.initialize()
        } catch (e: Throwable) {
            raw.close()
            throw e
        }
    }

    override fun step() {
        raw.step(next)
        next = (next + 1) % raw.batchesPerEpoch
    }

    /** The raw graph has no non-finite guard: it applies every step. */
    override fun skippedSteps(): Long = 0

    override fun restart() {
        raw.initialize()
        next = 0
    }

    override fun operationCount(): Int = raw.operationCount()

    override fun close() = raw.close()
}

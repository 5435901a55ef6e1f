package dev.stride.samples.bench

import dev.stride.bridge.data.Dataset
import dev.stride.bridge.losses.SoftmaxCrossEntropy
import dev.stride.bridge.optim.Optimizer
import dev.stride.bridge.train.Trainer
import dev.stride.bridge.train.TrainingConfig
import dev.stride.bridge.train.TrainingGraph
import dev.stride.bridge.train.TrainingLoop
import dev.stride.bridge.train.callbacks.CsvLogger
import dev.stride.bridge.train.callbacks.EarlyStopping
import dev.stride.bridge.train.callbacks.TerminateOnNaN
import java.io.OutputStream
import java.io.PrintStream
import java.nio.file.Files
import java.nio.file.Path

/**
 * Adam as a fit runs it: a [Trainer]'s loop advanced one step at a time, with its epoch
 * boundaries (a fresh permutation, epoch metrics, a history row). Three rows, made together by
 * [rows] and stepping **one shared graph**:
 *
 * - [TRAINER] (base `adam`): the loop alone, no progress bar. Besides the loop's own work it differs
 *   from `adam`, which steps `runStep` alone and never starts an epoch, in that its batches are
 *   gathered through a real shuffle rather than the initial all-zero permutation;
 * - [DEFAULTS] (base [TRAINER]): what a plain `fit` adds by default, as in Keras (History and the
 *   progress logger): the history every loop keeps, and the progress bar, printing to nowhere;
 * - [MONITORED] (base [TRAINER]): the defaults plus the callbacks of a monitored fit: [TerminateOnNaN]
 *   (loss and applied flag fetched with every step), [EarlyStopping] on the loss and a [CsvLogger].
 *   Checkpoints and TensorBoard are not among them: they write files once per epoch, a cost set by
 *   the disk and the epoch length rather than by the step.
 *
 * Why one graph: two graphs of the same model and optimizer differ by up to ±4 % in step time on
 * the 2-core reference machine (where their buffers land in memory), more than the 3 % the default
 * callbacks may add. The loops therefore advance the same graph, session and variables, interleaved
 * sample by sample; each keeps its own epoch and batch position, so each crosses its epoch
 * boundaries at its own pace (the epoch metrics they read mix the loops' steps, which costs the same).
 */
internal class TrainerStep private constructor(
    override val optimizer: String,
    override val batch: Int,
    private val graph: TrainingGraph,
    private val loop: TrainingLoop,
    /** Whether this row closes the shared graph (one row does). */
    private val owner: Boolean,
    /** The file of this row's CSV logger, deleted on close. */
    private val csv: Path?,
) : TimedStep {

    override fun step() {
        check(loop.advance()) { "the benchmark's fit ended: ${loop.stopReason().orElse("planned end")}" }
    }

    override fun skippedSteps(): Long = graph.skippedSteps()

    /** The three rows share one graph and their loops' positions: a restart cannot be undone for one of them. */
    override fun restart() {
        throw IllegalStateException("$optimizer skipped a step: the trainer rows share one graph and cannot be restarted")
    }

    override fun operationCount(): Int = graph.graph().operationCount()

    override fun close() {
        csv?.let(Files::deleteIfExists)
        if (owner) {
            graph.close()
        }
    }

    companion object {
        /** The loop without a progress bar or callbacks. */
        const val TRAINER = "adam+trainer"

        /** The loop with a fit's default progress bar. */
        const val DEFAULTS = "adam+defaults"

        /** The loop with the defaults and the callbacks of a monitored fit. */
        const val MONITORED = "adam+monitored"

        /** The optimizer the rows step with. */
        const val ADAM = "adam"

        /** The rows, in the order they are timed. */
        val ROWS = listOf(TRAINER, DEFAULTS, MONITORED)

        /** The base of each row. */
        fun baseOf(row: String): String = if (row == TRAINER) ADAM else TRAINER

        /** The [ROWS] at [batch], stepping one graph trained by [adam]. */
        fun rows(batch: Int, adam: Optimizer, data: Dataset, seed: Long): List<TimedStep> {
            val graph = TrainingGraph(
                Benchmark.mlp(),
                TrainingConfig.builder(SoftmaxCrossEntropy(), adam).batchSize(batch).seed(seed).build(),
                data,
            )
            try {
                fun trainer() = Trainer.builder().epochs(Int.MAX_VALUE / 2)
                val nowhere = PrintStream(OutputStream.nullOutputStream())
                val csv = Files.createTempFile("stride-bench-", ".csv")
                val monitored = trainer().progressStream(nowhere)
                    .callback(TerminateOnNaN.stop())
                    .callback(EarlyStopping.builder("loss").patience(Int.MAX_VALUE).build())
                    .callback(CsvLogger(csv))
                return listOf(
                    TrainerStep(TRAINER, batch, graph, trainer().verbose(false).build().start(graph), true, null),
                    TrainerStep(DEFAULTS, batch, graph, trainer().progressStream(nowhere).build().start(graph), false, null),
                    TrainerStep(MONITORED, batch, graph, monitored.build().start(graph), false, csv),
                )
            } catch (e: Throwable) {
                graph.close()
                throw e
            }
        }
    }
}

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
 * boundaries (a fresh permutation, epoch metrics, a history row). Two rows, made together by
 * [pair] and stepping **one shared graph**:
 *
 * - [TRAINER] (base `adam`): the loop alone, no callbacks, no progress bar. Besides the loop's own
 *   work it differs from `adam`, which steps `runStep` alone and never starts an epoch, in that its
 *   batches are gathered through a real shuffle rather than the initial all-zero permutation;
 * - [CALLBACKS] (base [TRAINER]): a second loop with a progress bar (printing to nowhere) and the
 *   default callbacks of a monitored fit: [TerminateOnNaN] (loss and applied flag fetched with every
 *   step), [EarlyStopping] on the loss and a [CsvLogger]. Its ratio to its base is what these
 *   callbacks add to a step. Checkpoints and TensorBoard are not among them: they write files once
 *   per epoch, a cost set by the disk and the epoch length rather than by the step.
 *
 * Why one graph: two graphs of the same model and optimizer differ by up to ±4 % in step time on
 * the 2-core reference machine (where their buffers land in memory), more than the 3 % the callbacks
 * may add. Both loops therefore advance the same graph, session and variables, interleaved sample by
 * sample; each keeps its own epoch and batch position, so each crosses its epoch boundaries at its
 * own pace (the epoch metrics they read mix both loops' steps, which costs the same).
 */
internal class TrainerStep private constructor(
    override val optimizer: String,
    override val batch: Int,
    private val graph: TrainingGraph,
    private val loop: TrainingLoop,
    /** The row that closes the shared graph, and the file of its CSV logger. */
    private val ownedCsv: Path?,
) : TimedStep {

    override fun step() {
        check(loop.advance()) { "the benchmark's fit ended: ${loop.stopReason().orElse("planned end")}" }
    }

    override fun operationCount(): Int = graph.graph().operationCount()

    /** The [CALLBACKS] row owns the shared graph and closes it; the [TRAINER] row closes nothing. */
    override fun close() {
        if (ownedCsv != null) {
            graph.close()
            Files.deleteIfExists(ownedCsv)
        }
    }

    companion object {
        /** The loop without callbacks. */
        const val TRAINER = "adam+trainer"

        /** The loop with the default callbacks. */
        const val CALLBACKS = "adam+callbacks"

        /** The optimizer both rows step with. */
        const val ADAM = "adam"

        /** The base of each row. */
        fun baseOf(row: String): String = if (row == CALLBACKS) TRAINER else ADAM

        /** The [TRAINER] and [CALLBACKS] rows at [batch], stepping one graph trained by [adam]. */
        fun pair(batch: Int, adam: Optimizer, data: Dataset, seed: Long): List<TimedStep> {
            val graph = TrainingGraph(
                Benchmark.mlp(),
                TrainingConfig.builder(SoftmaxCrossEntropy(), adam).batchSize(batch).seed(seed).build(),
                data,
            )
            try {
                val plain = Trainer.builder().epochs(Int.MAX_VALUE / 2).verbose(false).build().start(graph)
                val csv = Files.createTempFile("stride-bench-", ".csv")
                val monitored = Trainer.builder().epochs(Int.MAX_VALUE / 2)
                    .progressStream(PrintStream(OutputStream.nullOutputStream()))
                    .callback(TerminateOnNaN.stop())
                    .callback(EarlyStopping.builder("loss").patience(Int.MAX_VALUE).build())
                    .callback(CsvLogger(csv))
                    .build().start(graph)
                return listOf(
                    TrainerStep(TRAINER, batch, graph, plain, null),
                    TrainerStep(CALLBACKS, batch, graph, monitored, csv),
                )
            } catch (e: Throwable) {
                graph.close()
                throw e
            }
        }
    }
}

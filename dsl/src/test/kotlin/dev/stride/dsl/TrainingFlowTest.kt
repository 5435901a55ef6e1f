package dev.stride.dsl

import dev.stride.bridge.checkpoint.Checkpoints
import dev.stride.bridge.train.Callback
import dev.stride.bridge.train.GradientClipping
import dev.stride.bridge.train.TrainingConfig
import dev.stride.bridge.train.TrainingGraph
import dev.stride.bridge.train.callbacks.LambdaCallback
import dev.stride.bridge.train.schedules.Schedule
import dev.stride.dsl.TrainingEvent.BatchEnd
import dev.stride.dsl.TrainingEvent.CheckpointSaved
import dev.stride.dsl.TrainingEvent.EpochEnd
import dev.stride.dsl.TrainingEvent.Finished
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.flow.takeWhile
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.within
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import java.util.concurrent.ConcurrentHashMap

class TrainingFlowTest {
    private val train = blobs(300, seed = 1)

    private fun mlp() = sequential { dense(8, activation = relu); dense(3) }

    @Test
    fun `a flow emits batch ends, epoch ends with learning rates, checkpoints and the end, off the caller's thread`(
        @TempDir dir: Path,
    ) {
        val threads = ConcurrentHashMap.newKeySet<String>()
        val events = mlp().use { model ->
            runBlocking {
                model.fitFlow(train) {
                    optimizer = sgd(0.1); loss = softmaxCrossEntropy(); epochs = 2; batchSize = 50; logEvery = 3
                    verbose = false; deterministic = true
                    schedule = Schedule.step(6, 0.5)
                    callbacks(modelCheckpoint(dir))
                    onEpochEnd { threads += Thread.currentThread().name }
                }.toList()
            }
        }
        assertThat(threads).doesNotContain(Thread.currentThread().name)
        // 6 steps per epoch, logged after steps 3 and 6 of each.
        assertThat(events.map { it::class.simpleName }).containsExactly(
            "BatchEnd", "BatchEnd", "EpochEnd", "CheckpointSaved", "BatchEnd", "BatchEnd", "EpochEnd", "CheckpointSaved", "Finished")
        val ends = events.filterIsInstance<EpochEnd>()
        // The step schedule halves the rate after 6 steps: the last step of epoch 0 is step 5, of epoch 1 step 11.
        assertThat(ends[0].learningRates.getValue("lr")).isCloseTo(0.1, within(1e-7))
        assertThat(ends[1].learningRates.getValue("lr")).isCloseTo(0.05, within(1e-7))
        assertThat(events.filterIsInstance<BatchEnd>().map { it.epoch to it.batch }).containsExactly(0 to 2, 0 to 5, 1 to 2, 1 to 5)
        assertThat((events[3] as CheckpointSaved).path.fileName.toString()).isEqualTo("ckpt-6")
        assertThat((events.last() as Finished).history.size()).isEqualTo(2)
    }

    @Test
    fun `cancelling a flow stops at a step boundary and leaves the latest checkpoint consistent`(@TempDir dir: Path) {
        val weightsAtSave = ConcurrentHashMap<Long, Map<String, DoubleArray>>()
        val recorder = Callback.atEpochEnd { run, _ -> weightsAtSave[run.graph().step()] = run.graph().weights() }
        mlp().use { model ->
            val options = FitOptions.builder().optimizer(sgd(0.1)).loss(softmaxCrossEntropy()).epochs(50).batchSize(30)
                .logEvery(1).verbose(false).callback(recorder).callback(modelCheckpoint(dir)).build()
            val seen = runBlocking {
                model.fitFlow(train, options).takeWhile { !(it is BatchEnd && it.epoch == 2 && it.batch == 4) }.toList()
            }
            assertThat(seen.filterIsInstance<Finished>()).isEmpty()
            val latest = Checkpoints.latest(dir).orElseThrow()
            val step = latest.fileName.toString().removePrefix("ckpt-").toLong()
            assertThat(step % 10).isZero() // an epoch boundary
            val expected = weightsAtSave.getValue(step)
            val spec = checkNotNull(model.spec)
            TrainingGraph(spec, TrainingConfig.builder(softmaxCrossEntropy(), sgd(0.1)).batchSize(30).build(), train).use { fresh ->
                fresh.initialize()
                fresh.restore(dir)
                assertThat(fresh.step()).isEqualTo(step)
                expected.forEach { (name, values) -> assertThat(fresh.weights().getValue(name)).containsExactly(*values) }
            }
            // Training stopped: far fewer than the 50 planned epochs ran.
            assertThat(model.weights).isNotEmpty()
            assertThat(weightsAtSave.keys.max()).isLessThan(10L * 50)
        }
    }

    @Test
    fun `a cancelled flow ends the fit like a cancelled sweep trial, keeping its backup to resume from`(@TempDir dir: Path) {
        val ends = mutableListOf<String>()
        val watch = LambdaCallback.builder().onTrainEnd { run -> ends += "cancelled=${run.cancelled()} stop=${run.stopReason().orElse("")}" }.build()
        val expected = mlp().use { model ->
            model.fit(train) { optimizer = sgd(0.1); loss = softmaxCrossEntropy(); epochs = 4; batchSize = 30; deterministic = true; verbose = false }
            model.weights
        }
        mlp().use { model ->
            runBlocking {
                model.fitFlow(train) {
                    optimizer = sgd(0.1); loss = softmaxCrossEntropy(); epochs = 4; batchSize = 30; logEvery = 1
                    deterministic = true; verbose = false
                    callbacks(backupAndRestore(dir), watch)
                }.buffer(0).takeWhile { !(it is BatchEnd && it.epoch == 2 && it.batch == 4) }.toList()
            }
            // Without a buffer the training thread runs at most a step or two ahead of the collector.
            assertThat(ends).singleElement().asString().matches("cancelled=true stop=cancelled at epoch 2 after [5-8] of its 10 steps")
            assertThat(Checkpoints.latest(dir).orElseThrow().fileName.toString()).isEqualTo("ckpt-20")
            val resumed = model.fit(train) {
                optimizer = sgd(0.1); loss = softmaxCrossEntropy(); epochs = 4; batchSize = 30; deterministic = true; verbose = false
                callbacks(backupAndRestore(dir))
            }
            assertThat(resumed.get("epoch")).containsExactly(2.0, 3.0)
            expected.forEach { (name, values) -> assertThat(model.weights.getValue(name)).`as`(name).containsExactly(*values) }
        }
    }

    @Test
    fun `clipping and a schedule set in the fit block reach the training graph`() {
        mlp().use { model ->
            val history = model.fit(train) {
                optimizer = sgd(0.1); loss = softmaxCrossEntropy(); epochs = 2; verbose = false
                schedule = Schedule.constant(0.5)
                clipping = GradientClipping.byGlobalNorm(1.0)
            }
            assertThat(history.get("lr")).containsOnly(0.05.toFloat().toDouble())
            assertThat(history.get("loss").last()).isLessThan(history.get("loss").first())
        }
    }
}

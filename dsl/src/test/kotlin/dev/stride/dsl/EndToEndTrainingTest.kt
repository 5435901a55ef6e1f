package dev.stride.dsl

import dev.stride.bridge.Tensors
import dev.stride.bridge.checkpoint.Checkpoints
import dev.stride.bridge.export.SavedModelExport
import dev.stride.bridge.testkit.EventFiles
import dev.stride.bridge.train.History
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.within
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.tensorflow.SavedModelBundle
import org.tensorflow.ndarray.Shape
import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.listDirectoryEntries

/** EarlyStopping + ModelCheckpoint + CSVLogger + TensorBoard in one Kotlin fit, then an export that serves. */
class EndToEndTrainingTest {
    private val train = blobs(600, seed = 1)
    private val test = blobs(150, seed = 2)

    @Test
    fun `a model trained with the standard callbacks leaves a consistent log, checkpoint, event file and export`(
        @TempDir dir: Path,
    ) {
        sequential { dense(16, activation = relu); dense(3) }.use { model ->
            val history = model.fit(train) {
                optimizer = sgd(0.1); loss = softmaxCrossEntropy(); epochs = 40; metrics(accuracy)
                validation = test; verbose = false; deterministic = true
                callbacks(
                    earlyStopping("val_loss", patience = 2, minDelta = 1e-3, restoreBestWeights = true),
                    modelCheckpoint(dir.resolve("best"), monitor = "val_loss"),
                    csvLogger(dir.resolve("history.csv")),
                    tensorBoard(dir.resolve("tb")),
                )
            }
            // Early stopping ended the 40 planned epochs.
            assertThat(history.size()).isLessThan(40)
            assertThat(history.stopReason()).hasValueSatisfying { assertThat(it).startsWith("early stopping: val_loss") }

            val logged = History.readCsv(dir.resolve("history.csv"))
            assertThat(logged.get("val_loss")).containsExactly(*history.get("val_loss"))

            // The best checkpoint is the epoch of the lowest val_loss.
            val valLoss = history.get("val_loss")
            val lowest = valLoss.indices.minBy { valLoss[it] }
            val lowestStep = history.get("step")[lowest].toLong()
            assertThat(Checkpoints.latest(dir.resolve("best")).orElseThrow().fileName.toString()).isEqualTo("ckpt-$lowestStep")
            // Early stopping put back the weights of the last epoch that improved val_loss by more than 1e-3.
            var best = 0
            for (i in valLoss.indices) if (valLoss[i] < valLoss[best] - 1e-3) best = i
            assertThat(best).isLessThan(history.size() - 1)
            assertThat(model.evaluate(test).loss()).isCloseTo(valLoss[best], within(1e-6))

            // Keras' layout: val_loss is the "loss" of the validation run.
            val events = dir.resolve("tb/validation").listDirectoryEntries("events.out.tfevents.*").flatMap { EventFiles.read(it) }
            val tbValLoss = events.flatMap { e -> e.summary.valueList.filter { it.tag == "loss" }.map { e.step to it.simpleValue } }
            assertThat(tbValLoss.map { it.first }).containsExactlyElementsOf(history.get("epoch").map { it.toLong() })
            assertThat(tbValLoss.last().second.toDouble()).isCloseTo(valLoss.last(), within(1e-6))

            val export = dir.resolve("export")
            model.export(export)
            val expected = model.predict(test).flatMap { it.asList() }
            SavedModelBundle.load(export.toString(), "serve").use { bundle ->
                Tensors.ofFloats(Shape.of(150, 2), test.features()).use { x ->
                    bundle.function(SavedModelExport.SIGNATURE).call(mapOf(SavedModelExport.INPUT to x)).use { r ->
                        val served = Tensors.toDoubles(r.get(SavedModelExport.OUTPUT).orElseThrow()).map { it.toFloat() }
                        assertThat(served).containsExactlyElementsOf(expected)
                    }
                }
            }
            assertThat(Files.exists(export.resolve("saved_model.pb"))).isTrue()
        }
    }
}

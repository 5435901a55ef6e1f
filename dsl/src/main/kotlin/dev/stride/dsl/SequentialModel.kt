package dev.stride.dsl

import dev.stride.bridge.Precision
import dev.stride.bridge.Sequential
import dev.stride.bridge.export.SavedModelExport
import java.nio.file.Path
import dev.stride.bridge.data.Dataset
import dev.stride.bridge.layers.Layer
import dev.stride.bridge.metrics.Metrics
import dev.stride.bridge.train.History
import dev.stride.bridge.train.InferenceGraph
import dev.stride.bridge.train.TrainingGraph
import dev.stride.bridge.train.TrainingLoop
import dev.stride.bridge.train.Callback
import kotlinx.coroutines.flow.Flow
import java.util.concurrent.CompletableFuture

/**
 * A sequential model with its weights: declared by [sequential] (or `Models.sequential` from Java),
 * trained by [fit], used by [evaluate] and [predict].
 *
 * **Weights** are created once, when the model is first built: by the first [fit], drawn from that
 * fit's `seed`; by a [predict] or a [weights] read before any fit, drawn from seed 0 (the default
 * `seed` of a fit, so the two agree unless a fit names another seed). From then on the model owns
 * them: every later fit starts from the current weights, whatever its seed, which then only orders
 * the batches and seeds dropout.
 *
 * **Each fit** builds a new training graph for its loss, optimizer and data, so optimizer state
 * (momenta, step counter) starts afresh and epochs count from 0, as when a Keras model is compiled
 * again. To continue one optimizer's state, train one `TrainingGraph` with a `Trainer` instead.
 *
 * The model holds a TensorFlow graph and session: [close] it (`use { }`) when done.
 */
public class SequentialModel internal constructor(
    /** The declared layers, in order. */
    public val layers: List<Layer>,
    spec: Sequential?,
) : AutoCloseable {
    /** The model declaration with its input shape; null until the input shape is known. */
    public var spec: Sequential? = spec
        private set

    private var training: TrainingGraph? = null
    private var inference: InferenceGraph? = null
    private var closed = false

    /** Trains the model on [train] with the settings of [configure]; returns one history row per epoch. */
    public fun fit(train: Dataset, configure: FitBuilder.() -> Unit): History =
        fit(train, FitBuilder().apply(configure).build())

    /**
     * Trains the model on [train] with [options]; returns one history row per epoch. Run inside a
     * cancelled [sweep] trial, or on a thread that is interrupted, it stops at the next step
     * boundary and throws [dev.stride.bridge.train.TrainingCancelledException] (see
     * [dev.stride.bridge.train.Cancellation]).
     */
    public fun fit(train: Dataset, options: FitOptions): History {
        val loop = start(train, options, emptyList())
        while (loop.advance()) {
            // each step and its callbacks run inside advance()
        }
        return loop.history()
    }

    /**
     * Training as a cold [Flow] of [TrainingEvent]s: each collection runs one fit with the settings
     * of [configure] on a background thread, emitting batch ends (at the logging interval), epoch
     * ends, checkpoints and the end. Cancelling the collection stops training at the next step
     * boundary: finished epochs and written checkpoints stay whole, the callbacks' `onTrainEnd`
     * fires (seeing `run.cancelled()`, so a `backupAndRestore` backup is kept), and the model keeps
     * the weights of the last step run. Do not use the model elsewhere while its flow runs.
     */
    public fun fitFlow(train: Dataset, configure: FitBuilder.() -> Unit): Flow<TrainingEvent> =
        fitFlow(train, FitBuilder().apply(configure).build())

    /** As `fitFlow(train) { ... }`, with options built beforehand (or from Java, see [fitAsync]). */
    public fun fitFlow(train: Dataset, options: FitOptions): Flow<TrainingEvent> = trainingFlow(this, train, options)

    /**
     * The Java form of [fitFlow]: trains on a background thread, passes every event to [listener]
     * (on that thread), and completes with the history. Cancelling the future stops training at
     * the next step boundary, like cancelling the flow.
     */
    @JvmOverloads
    public fun fitAsync(
        train: Dataset,
        options: FitOptions,
        listener: TrainingListener = TrainingListener { },
    ): CompletableFuture<History> = trainingFuture(fitFlow(train, options), listener)

    /** A fit of a new training graph, started from the model's current weights, advanced by the caller. */
    internal fun start(train: Dataset, options: FitOptions, extra: List<Callback>): TrainingLoop {
        val previous = if (training != null || inference != null) weights else null
        val graph = TrainingGraph(specFor(train), options.config, train)
        try {
            graph.initialize()
            previous?.let(graph::setWeights)
        } catch (e: Throwable) {
            graph.close()
            throw e
        }
        releaseGraphs()
        training = graph
        return options.trainer.start(graph, extra)
    }

    /** Loss and metrics on [data] in inference mode, with the loss of the last fit. */
    @JvmOverloads
    public fun evaluate(data: Dataset, batchSize: Int = DEFAULT_INFERENCE_BATCH): Metrics {
        val graph = checkNotNull(open().training) {
            "evaluate needs the loss the model is trained with: fit the model first"
        }
        return graph.evaluate(data, batchSize)
    }

    /** The model's outputs for every example (logits for cross-entropy models), one row per example. */
    @JvmOverloads
    public fun predict(data: Dataset, batchSize: Int = DEFAULT_INFERENCE_BATCH): Array<FloatArray> {
        val flat = open().training?.predict(data, batchSize) ?: inferenceFor(data).predict(data, batchSize)
        val width = flat.size / data.size()
        return Array(data.size()) { flat.copyOfRange(it * width, (it + 1) * width) }
    }

    /**
     * The predicted class of every example: the arg-max output, or for a single-logit binary
     * classifier, 1 where the logit is positive (as accuracy counts it during training).
     */
    @JvmOverloads
    public fun predictClasses(data: Dataset, batchSize: Int = DEFAULT_INFERENCE_BATCH): IntArray =
        predict(data, batchSize).map { row ->
            if (row.size == 1) (if (row[0] > 0) 1 else 0) else row.indices.maxBy { row[it] }
        }.toIntArray()

    /**
     * Every parameter and layer state by name ("dense_1/kernel"), row-major. Reading it before the
     * first fit builds the model (see the class documentation), which needs a known input shape.
     */
    public val weights: Map<String, DoubleArray>
        get() {
            open().training?.let { return it.weights() }
            val spec = checkNotNull(spec) {
                "the model has no weights yet: its input shape is unknown until the first fit or predict; " +
                    "declare it with sequential(inputShape = ...) or input(...)"
            }
            return inferenceFor(spec).weights()
        }

    /**
     * Exports the current weights as a TensorFlow SavedModel for serving: signature
     * `serving_default`, input `x`, output `output`, tag `serve` (see [SavedModelExport]); the
     * trained values are constants of the exported graph. [directory] must not exist yet.
     */
    public fun export(directory: Path) {
        val spec = checkNotNull(open().spec) { "the model has no weights to export yet: fit it first" }
        SavedModelExport.export(spec, weights, training?.config()?.precision() ?: Precision.FLOAT32, directory)
    }

    /** One line per layer with output shapes and parameter counts, once the input shape is known. */
    public fun summary(): String =
        spec?.let { "Input shape ${it.inputShape().contentToString()}\n${it.summary()}" }
            ?: ("Input shape unknown until the first fit or predict\n" + layers.joinToString("\n", postfix = "\n"))

    /** Releases the model's graph and session; the model cannot be used afterwards. */
    override fun close() {
        releaseGraphs()
        closed = true
    }

    private fun open(): SequentialModel = apply { check(!closed) { "the model is closed" } }

    private fun specFor(data: Dataset): Sequential {
        open()
        return spec ?: Sequential(data.featureShape(), layers).also { spec = it }
    }

    private fun inferenceFor(data: Dataset): InferenceGraph = inferenceFor(specFor(data))

    private fun inferenceFor(spec: Sequential): InferenceGraph =
        inference ?: InferenceGraph(spec, FitBuilder.DEFAULT_SEED).also { inference = it }

    private fun releaseGraphs() {
        training?.close()
        inference?.close()
        training = null
        inference = null
    }

    private companion object {
        /** Examples per inference run; memory grows with it, inference needs no gradients, so it is larger than a training batch. */
        const val DEFAULT_INFERENCE_BATCH = 256
    }
}

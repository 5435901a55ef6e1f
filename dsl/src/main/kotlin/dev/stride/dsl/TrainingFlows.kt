package dev.stride.dsl

import dev.stride.bridge.data.Dataset
import dev.stride.bridge.train.Callback
import dev.stride.bridge.train.EpochLogs
import dev.stride.bridge.train.History
import dev.stride.bridge.train.StepLog
import dev.stride.bridge.train.TrainingLoop
import dev.stride.bridge.train.TrainingRun
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOn
import kotlinx.coroutines.future.future
import java.nio.file.Path
import java.util.concurrent.CompletableFuture

/**
 * One fit per collection, advanced step by step on [Dispatchers.IO]. The events a step's callbacks
 * produce are emitted after the step; `emit` is where cancellation is noticed, so a cancelled
 * collection stops between two steps, never inside one or inside a checkpoint write, and ends the
 * fit there with [TrainingLoop.cancel] (the same ending as a cancelled sweep trial's fit).
 */
internal fun trainingFlow(model: SequentialModel, train: Dataset, options: FitOptions): Flow<TrainingEvent> = flow {
    val pending = mutableListOf<TrainingEvent>()
    val relay = object : Callback {
        override fun onStepLogged(run: TrainingRun, log: StepLog) {
            pending += TrainingEvent.BatchEnd(log.epoch(), log.batch(), log.batches(), log.running().loss(), log.telemetry())
        }

        override fun onEpochEnd(run: TrainingRun, logs: EpochLogs) {
            pending += TrainingEvent.EpochEnd(logs)
        }

        override fun onCheckpointSaved(run: TrainingRun, checkpoint: Path) {
            pending += TrainingEvent.CheckpointSaved(checkpoint)
        }
    }
    val loop = model.start(train, options, listOf(relay))
    try {
        do {
            val more = loop.advance()
            pending.forEach { emit(it) }
            pending.clear()
            currentCoroutineContext().ensureActive()
        } while (more)
        emit(TrainingEvent.Finished(loop.history()))
    } catch (e: CancellationException) {
        loop.cancel()
        throw e
    }
}.flowOn(Dispatchers.IO)

/** Collects [events] on [Dispatchers.IO] into a future; cancelling the future cancels the collection. */
internal fun trainingFuture(events: Flow<TrainingEvent>, listener: TrainingListener): CompletableFuture<History> =
    CoroutineScope(Dispatchers.IO).future {
        var history: History? = null
        events.collect { event ->
            listener.onEvent(event)
            if (event is TrainingEvent.Finished) history = event.history
        }
        checkNotNull(history) { "the training flow ended without finishing" }
    }

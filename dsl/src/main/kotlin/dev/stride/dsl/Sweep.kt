package dev.stride.dsl

import dev.stride.bridge.SessionOptions
import dev.stride.bridge.train.Cancellation
import dev.stride.bridge.train.History
import dev.stride.bridge.train.TrainingCancelledException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.future.future
import kotlinx.coroutines.job
import java.util.concurrent.CompletableFuture

/**
 * A grid of configurations × seeds, each trial trained by [trial] in its own graph and session,
 * at most [parallelism] at a time, each with its share of the [threads] as intra-op threads (one
 * inter-op thread). Results come back in grid order whatever order the trials finish in.
 *
 * Kotlin builds one with [sweep] (suspending) or [sweepBlocking]; Java with [builder]. A trial that
 * throws fails the sweep, cancelling the others.
 *
 * **Cancellation.** Cancelling the sweep (its coroutine, or the future of [runAsync]), or a failing
 * trial, starts no further trial and stops the running ones at their next training step: every
 * fit a trial runs on its thread checks the sweep between two steps (never inside one), ends
 * there as cancelled (the epoch in progress abandoned, written checkpoints whole, callbacks'
 * `onTrainEnd` fired, a `backupAndRestore` backup kept for a later resume) and throws
 * [TrainingCancelledException], a `CancellationException`, through the trial, whose `use { }`
 * then closes its model. The trials' threads are not interrupted: an interrupt would also make a
 * checkpoint or log file being written at that moment fail (see [Cancellation]). So a trial's own
 * code outside its fits (loading data, say) is not stopped; a fit it starts after the
 * cancellation stops before its first step.
 */
public class Sweep internal constructor(
    /** The grid's axes in declaration order: name → values. */
    public val grid: Map<String, List<Any>>,
    /** The seeds every configuration is trained with. */
    public val seeds: List<Long>,
    /** Trials run at once. */
    public val parallelism: Int,
    /** Intra-op threads shared by the concurrent trials. */
    public val threads: Int,
    private val trial: TrialFunction,
) {
    /** Every configuration of the grid, the first axis varying slowest. */
    public val points: List<GridPoint>
        get() = grid.entries.fold(listOf(emptyMap<String, Any>())) { acc, (name, values) ->
            acc.flatMap { partial -> values.map { partial + (name to it) } }
        }.map(::GridPoint)

    /** The session options each trial gets: its share of [threads], one inter-op thread. */
    public val trialSessionOptions: SessionOptions
        get() = SessionOptions(maxOf(1, threads / parallelism), 1)

    /** Runs every trial, [parallelism] at a time, on [Dispatchers.IO]. */
    public suspend fun run(): SweepResults = coroutineScope {
        val limited = Dispatchers.IO.limitedParallelism(parallelism)
        val options = trialSessionOptions
        val trials = points.flatMap { point -> seeds.map { seed -> point to seed } }
        val rows = trials.mapIndexed { index, (point, seed) ->
            async(limited) {
                val job = coroutineContext.job
                val history = Cancellation.runCancellable({ !job.isActive }) {
                    trial.run(Trial(point, seed, options, index))
                }
                SweepRow(point, seed, history)
            }
        }.awaitAll()
        SweepResults(grid.keys.toList(), rows)
    }

    /** [run] from blocking code (a `main`, a reproduction). */
    public fun runBlocking(): SweepResults = kotlinx.coroutines.runBlocking { run() }

    /**
     * [run] for Java: completes with the results. Cancelling the future cancels the sweep: no
     * further trial starts, and the running ones stop at their next training step (the future
     * completes at once; their threads finish that step and close their models shortly after).
     */
    public fun runAsync(): CompletableFuture<SweepResults> = CoroutineScope(Dispatchers.Default).future { run() }

    public companion object {
        /** The Java form of the `sweep { }` block. */
        @JvmStatic
        public fun builder(): Builder = Builder()
    }

    /** Chainable settings for Java, checked like the `sweep { }` block's. */
    public class Builder internal constructor() {
        private val sweep = SweepBuilder()

        /** An axis of the grid: a name and its values. */
        public fun grid(name: String, vararg values: Any): Builder = apply { sweep.grid(name, *values) }

        public fun seeds(vararg seeds: Long): Builder = apply { sweep.seeds(*seeds) }

        public fun parallelism(parallelism: Int): Builder = apply { sweep.parallelism = parallelism }

        public fun threads(threads: Int): Builder = apply { sweep.threads = threads }

        public fun trial(trial: TrialFunction): Builder = apply { sweep.trial(trial) }

        public fun build(): Sweep = sweep.build()
    }
}

/**
 * The scope of [sweep]:
 *
 * ```
 * val results = sweep {
 *     grid("lr", 0.1, 0.03, 0.01)
 *     seeds(1, 2, 3)
 *     parallelism = 2
 *     trial { sequential { dense(10) }.use { m -> m.fit(train) { optimizer = sgd(double("lr")); seed = this@trial.seed; sessionOptions = this@trial.sessionOptions } } }
 * }
 * ```
 */
@StrideDsl
public class SweepBuilder internal constructor() {
    private val grid = linkedMapOf<String, List<Any>>()
    private val seeds = mutableListOf<Long>()
    private var trial: TrialFunction? = null

    /** Trials run at once (> 0, default 1). */
    public var parallelism: Int = 1
        set(value) {
            require(value > 0) { "parallelism must be > 0, got $value" }
            field = value
        }

    /** Intra-op threads shared by the concurrent trials (> 0, default: the available processors). */
    public var threads: Int = Runtime.getRuntime().availableProcessors()
        set(value) {
            require(value > 0) { "threads must be > 0, got $value" }
            field = value
        }

    /** An axis of the grid; axes combine as a Cartesian product. */
    public fun grid(name: String, vararg values: Any) {
        require(values.isNotEmpty()) { "grid axis '$name' needs at least one value" }
        require(name !in grid) { "grid axis '$name' is declared twice" }
        grid[name] = values.toList()
    }

    /** Seeds every configuration is trained with (default: the single seed 0). */
    public fun seeds(vararg seeds: Long) {
        require(seeds.toSet().size == seeds.size) { "seeds must be distinct, got ${seeds.toList()}" }
        this.seeds += seeds.toList()
    }

    /** Seeds given as ints. */
    public fun seeds(vararg seeds: Int) {
        seeds(*seeds.map(Int::toLong).toLongArray())
    }

    /** Trains one trial and returns its history; required. */
    public fun trial(block: TrialFunction) {
        trial = block
    }

    internal fun build(): Sweep {
        val t = checkNotNull(trial) { "a sweep needs a trial: trial { ... fit ... }" }
        return Sweep(LinkedHashMap(grid), seeds.ifEmpty { listOf(0L) }.toList(), parallelism, threads, t)
    }
}

/** Runs the sweep configured by [configure]; see [Sweep]. */
public suspend fun sweep(configure: SweepBuilder.() -> Unit): SweepResults = SweepBuilder().apply(configure).build().run()

/** [sweep] for blocking code. */
public fun sweepBlocking(configure: SweepBuilder.() -> Unit): SweepResults = SweepBuilder().apply(configure).build().runBlocking()

/** Trains one trial of a sweep. */
public fun interface TrialFunction {
    public fun Trial.run(): History
}

/** Runs [this] function for [trial] (the receiver form reads well in Kotlin; this serves callers). */
internal fun TrialFunction.run(trial: Trial): History = with(trial) { run() }

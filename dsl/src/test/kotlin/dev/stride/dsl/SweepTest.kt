package dev.stride.dsl

import dev.stride.bridge.train.TrainingCancelledException
import dev.stride.bridge.train.callbacks.LambdaCallback
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong

class SweepTest {
    private val train = blobs(300, seed = 1)

    @Test
    fun `a sweep trains every configuration with every seed, concurrently, in its own graph, and tables the results`(
        @TempDir dir: Path,
    ) {
        val running = AtomicInteger()
        val maxRunning = AtomicInteger()
        val threadShares = ConcurrentHashMap.newKeySet<Int>()
        val results = sweepBlocking {
            grid("lr", 0.3, 0.01)
            grid("hidden", 4, 8)
            seeds(1, 2)
            parallelism = 2
            threads = 4
            trial {
                maxRunning.accumulateAndGet(running.incrementAndGet(), ::maxOf)
                threadShares += sessionOptions.intraOpThreads()
                try {
                    sequential { dense(int("hidden"), activation = relu); dense(3) }.use { model ->
                        model.fit(train) {
                            optimizer = sgd(double("lr")); loss = softmaxCrossEntropy(); epochs = 2
                            seed = this@trial.seed; sessionOptions = this@trial.sessionOptions; verbose = false
                            metrics(accuracy)
                        }
                    }
                } finally {
                    running.decrementAndGet()
                }
            }
        }
        assertThat(results.rows).hasSize(8)
        assertThat(results.rows.map { "${it.point} seed ${it.seed}" }).startsWith(
            "lr=0.3, hidden=4 seed 1", "lr=0.3, hidden=4 seed 2", "lr=0.3, hidden=8 seed 1")
        assertThat(maxRunning.get()).isBetween(1, 2)
        assertThat(threadShares).containsExactly(2)
        // A learning rate of 0.3 trains faster in two epochs than 0.01.
        assertThat(results.best("loss").double("lr")).isEqualTo(0.3)
        assertThat(results.mean("accuracy")).hasSize(4)
        val csv = dir.resolve("sweep.csv")
        results.writeCsv(csv)
        val lines = Files.readAllLines(csv)
        assertThat(lines).hasSize(9)
        assertThat(lines[0]).startsWith("lr,hidden,seed,epoch,loss,accuracy,lr,")
        assertThat(lines[1]).startsWith("0.3,4,1,1.0,")
    }

    @Test
    fun `the same trial with the same seed gives the same result whatever runs beside it`() {
        fun once(parallelism: Int) = sweepBlocking {
            grid("lr", 0.1, 0.2)
            seeds(3)
            this.parallelism = parallelism
            trial {
                sequential { dense(3) }.use { m ->
                    m.fit(train) {
                        optimizer = sgd(double("lr")); loss = softmaxCrossEntropy(); seed = this@trial.seed
                        sessionOptions = this@trial.sessionOptions; deterministic = true; verbose = false
                    }
                }
            }
        }
        val serial = once(1)
        val parallel = once(2)
        assertThat(parallel.rows.map { it["loss"] }).containsExactlyElementsOf(serial.rows.map { it["loss"] })
    }

    /** What each started trial of a long sweep did, recorded from its own thread. */
    private class LongTrials(val planned: Int) {
        val small = blobs(60, seed = 4) // 3 steps an epoch at batch 20
        val started = ConcurrentHashMap<Int, Long>() // trial index → System.nanoTime() at its start
        val ended = ConcurrentHashMap<Int, String>()
        val epochs = ConcurrentHashMap<Int, Int>() // finished epochs, from the cancelled fit's history
        val steps = ConcurrentHashMap<Int, Long>() // the graph's step counter when onTrainEnd fired
        val closed = AtomicInteger()
        val warm = CountDownLatch(2) // two trials have each finished 3 epochs

        val trial = TrialFunction {
            started[index] = System.nanoTime()
            val me = index
            val watch = LambdaCallback.builder()
                .onEpochEnd { _, logs -> if (logs.epoch() == 2) warm.countDown() }
                .onTrainEnd { run -> steps[me] = run.graph().step(); ended[me] = "onTrainEnd cancelled=${run.cancelled()}" }
                .build()
            try {
                sequential { dense(4, activation = relu); dense(3) }.use { model ->
                    try {
                        model.fit(small) {
                            optimizer = sgd(double("lr")); loss = softmaxCrossEntropy(); epochs = planned; batchSize = 20
                            seed = this@TrialFunction.seed; sessionOptions = this@TrialFunction.sessionOptions
                            verbose = false; callbacks(watch)
                        }
                    } catch (e: TrainingCancelledException) {
                        epochs[me] = e.history().size()
                        throw e
                    }
                }
            } finally {
                closed.incrementAndGet()
            }
        }
    }

    @Test
    fun `cancelling a sweep stops its running trials at a step boundary and starts no other`() {
        // 100 000 epochs of 3 steps a trial, 6 trials two at a time: hours if nothing stopped them.
        val t = LongTrials(planned = 100_000)
        val sweep = Sweep.builder().grid("lr", 0.1, 0.2, 0.3).seeds(1, 2).parallelism(2).threads(2).trial(t.trial).build()
        val cancelledAt = AtomicLong()
        runBlocking {
            // Not a child of runBlocking: if the trials did not stop, the test fails at the timeout below
            // instead of waiting for them.
            val job = CoroutineScope(Dispatchers.Default).launch { sweep.run() }
            assertThat(withContext(Dispatchers.IO) { t.warm.await(60, TimeUnit.SECONDS) }).isTrue()
            cancelledAt.set(System.nanoTime())
            job.cancel()
            // The sweep's coroutine completes only once its running trials have returned.
            withTimeout(60_000) { job.join() }
            assertThat(job.isCancelled).isTrue()
        }
        assertThat(t.started.keys).containsExactlyInAnyOrder(0, 1)
        assertThat(t.started.values).allSatisfy { assertThat(it).isLessThan(cancelledAt.get()) }
        assertThat(t.ended).containsOnlyKeys(0, 1).allSatisfy { _, v -> assertThat(v).isEqualTo("onTrainEnd cancelled=true") }
        assertThat(t.epochs).containsOnlyKeys(0, 1).allSatisfy { _, e -> assertThat(e).isBetween(3, t.planned / 100) }
        // The last step was a whole one: no epoch was cut inside a step (3 steps an epoch, a partial one abandoned).
        t.steps.forEach { (i, step) -> assertThat(step).isBetween(3L * t.epochs.getValue(i), 3L * t.epochs.getValue(i) + 2) }
        assertThat(t.closed.get()).isEqualTo(2)
    }

    @Test
    fun `a failing trial stops the running ones at their next step and fails the sweep with its error`() {
        val t = LongTrials(planned = 100_000)
        val sweep = Sweep.builder().grid("lr", 0.1, 0.2, 0.3).parallelism(2).threads(2).trial(
            TrialFunction {
                if (index == 1) {
                    check(t.warm.await(60, TimeUnit.SECONDS))
                    error("trial 1 failed")
                }
                with(t.trial) { run() }
            },
        ).build()
        t.warm.countDown() // trial 1 only waits for trial 0's three epochs
        assertThatThrownBy { sweep.runBlocking() }.isInstanceOf(IllegalStateException::class.java).hasMessage("trial 1 failed")
        assertThat(t.started.keys).containsExactly(0)
        assertThat(t.ended.getValue(0)).isEqualTo("onTrainEnd cancelled=true")
        assertThat(t.epochs.getValue(0)).isBetween(3, t.planned / 100)
    }

    @Test
    fun `a sweep without a trial or with a bad setting fails clearly`() {
        assertThatThrownBy { sweepBlocking { grid("lr", 0.1) } }.hasMessage("a sweep needs a trial: trial { ... fit ... }")
        assertThatThrownBy { sweepBlocking { parallelism = 0 } }.hasMessage("parallelism must be > 0, got 0")
        assertThatThrownBy { sweepBlocking { grid("lr") } }.hasMessage("grid axis 'lr' needs at least one value")
    }
}

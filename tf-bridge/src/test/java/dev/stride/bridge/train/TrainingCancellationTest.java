package dev.stride.bridge.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stride.bridge.checkpoint.CheckpointException;
import dev.stride.bridge.checkpoint.Checkpoints;
import dev.stride.bridge.train.callbacks.BackupAndRestore;
import dev.stride.bridge.train.callbacks.LambdaCallback;
import dev.stride.bridge.train.callbacks.ModelCheckpoint;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fit stops at the step boundary after an interrupt or a {@link Cancellation}: the epoch in
 * progress is abandoned, {@code onTrainEnd} fires seeing the cancellation, checkpoints stay whole,
 * and a backup resumes it to the uninterrupted result.
 */
class TrainingCancellationTest {

  @AfterEach
  void clearInterruptFlag() {
    // Whatever a test left, the next one (and JUnit) must run on a thread that is not interrupted.
    Thread.interrupted();
  }

  private static Trainer.Builder quiet() {
    return Trainer.builder().verbose(false);
  }

  /** Records the events a test looks at, and whether the thread was interrupted when onTrainEnd ran. */
  private static final class Recorder {
    final List<String> events = new CopyOnWriteArrayList<>();

    Callback callback() {
      return LambdaCallback.builder()
          .onEpochEnd((run, logs) -> events.add("epochEnd " + logs.epoch()))
          .onTrainEnd(run -> events.add("trainEnd cancelled=" + run.cancelled()
              + " interrupted=" + Thread.currentThread().isInterrupted()))
          .build();
    }
  }

  @Test
  void anInterruptStopsTheFitBeforeTheNextStepAndTheKeptBackupResumesIt(@TempDir Path dir) {
    Map<String, double[]> expected;
    long expectedStep;
    try (TrainingGraph g = Blobs.graph(false)) {
      quiet().epochs(5).build().fit(g);
      expected = g.weights();
      expectedStep = g.step();
    }
    Path backups = dir.resolve("backup");
    Path checkpoints = dir.resolve("checkpoints");
    Recorder recorder = new Recorder();
    // The interrupt arrives while step 4 of epoch 2 runs (from the step's own callback here, so
    // the test knows which step): that step finishes, the next does not start.
    // A stop asked for at the epoch's end earlier in the epoch is not what ended the run.
    Callback interrupter = LambdaCallback.builder().onStepEnd((run, o) -> {
      if (o.epoch() == 2 && o.batch() == 1) {
        run.requestStop("a stop at the end of epoch 2");
      }
      if (o.epoch() == 2 && o.batch() == 3) {
        Thread.currentThread().interrupt();
      }
    }).build();
    try (TrainingGraph g = Blobs.graph(false)) {
      Trainer trainer = quiet().epochs(5).callback(interrupter).callback(ModelCheckpoint.last(checkpoints))
          .callback(new BackupAndRestore(backups)).callback(recorder.callback()).build();
      assertThatThrownBy(() -> trainer.fit(g)).isInstanceOfSatisfying(TrainingCancelledException.class, e -> {
        assertThat(e.getMessage()).isEqualTo("cancelled at epoch 2 after 4 of its 10 steps");
        assertThat(e.history().get(History.EPOCH)).containsExactly(0, 1);
        assertThat(e.history().stopReason()).contains(e.getMessage());
      });
      assertThat(Thread.interrupted()).as("the interrupt status is kept for the caller").isTrue();
      assertThat(g.step()).isEqualTo(24);
      assertThat(g.epoch()).isEqualTo(2);
    }
    // Callbacks ended the run with the flag cleared, so they could still write files.
    assertThat(recorder.events).containsExactly("epochEnd 0", "epochEnd 1", "trainEnd cancelled=true interrupted=false");
    assertThat(Checkpoints.latest(checkpoints).orElseThrow().getFileName()).hasToString("ckpt-20");
    assertThat(Checkpoints.latest(backups).orElseThrow().getFileName()).as("a cancelled fit keeps its backup")
        .hasToString("ckpt-20");

    BackupAndRestore backup = new BackupAndRestore(backups);
    try (TrainingGraph g = Blobs.graph(false)) {
      History resumed = quiet().epochs(5).callback(backup).build().fit(g);
      assertThat(backup.restored()).isTrue();
      assertThat(resumed.get(History.EPOCH)).containsExactly(2, 3, 4);
      assertThat(g.step()).isEqualTo(expectedStep);
      expected.forEach((name, values) -> assertThat(g.weights().get(name)).as(name).containsExactly(values));
    }
    assertThat(Checkpoints.latest(backups)).as("a finished fit deletes it").isEmpty();
  }

  @Test
  void aCancellationConditionStopsAFitOnAnotherThreadWithoutInterruptingIt() throws Exception {
    AtomicBoolean cancelled = new AtomicBoolean();
    CountDownLatch twoEpochs = new CountDownLatch(2);
    Recorder recorder = new Recorder();
    Callback progress = Callback.atEpochEnd((run, logs) -> twoEpochs.countDown());
    int planned = 100_000;
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (TrainingGraph g = Blobs.graph(false)) {
      Trainer trainer = quiet().epochs(planned).callback(progress).callback(recorder.callback()).build();
      Future<History> fit = pool.submit(() -> Cancellation.runCancellable(cancelled::get, () -> trainer.fit(g)));
      assertThat(twoEpochs.await(60, TimeUnit.SECONDS)).isTrue();
      cancelled.set(true);
      assertThatThrownBy(() -> fit.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOfSatisfying(TrainingCancelledException.class,
              e -> assertThat(e.history().size()).isBetween(2, planned / 100));
      assertThat(g.epoch()).isLessThan(planned / 100);
      assertThat(recorder.events).last().isEqualTo("trainEnd cancelled=true interrupted=false");
      // Outside the scope the condition no longer applies: the same thread trains on.
      Future<History> after = pool.submit(() -> quiet().epochs(1).build().fit(g));
      assertThat(after.get(60, TimeUnit.SECONDS).size()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFitCancelledBeforeItsFirstStepRunsNoCallbackAndNoStep() {
    Recorder recorder = new Recorder();
    try (TrainingGraph g = Blobs.graph(false)) {
      Trainer trainer = quiet().epochs(3).callback(recorder.callback()).build();
      assertThatThrownBy(() -> Cancellation.runCancellable(() -> true, () -> trainer.fit(g)))
          .isInstanceOf(TrainingCancelledException.class).hasMessage("cancelled before the first step");
      assertThat(g.step()).isZero();
    }
    assertThat(recorder.events).isEmpty();
  }

  @Test
  void anOwnerThatStopsAdvancingCancelsTheLoopItself() {
    Recorder recorder = new Recorder();
    try (TrainingGraph g = Blobs.graph(false)) {
      TrainingLoop loop = quiet().epochs(3).callback(recorder.callback()).build().start(g);
      for (int i = 0; i < 15; i++) {
        assertThat(loop.advance()).isTrue();
      }
      loop.cancel();
      assertThat(loop.finished()).isTrue();
      assertThat(loop.cancelled()).isTrue();
      assertThat(loop.advance()).isFalse();
      loop.cancel();
      assertThat(loop.history().stopReason()).contains("cancelled at epoch 1 after 5 of its 10 steps");
      assertThat(g.step()).isEqualTo(15);
    }
    assertThat(recorder.events).containsExactly("epochEnd 0", "trainEnd cancelled=true interrupted=false");
  }

  @Test
  void scopesNestAndEndWithTheirAction() {
    assertThat(Cancellation.requested()).isFalse();
    boolean inner = Cancellation.runCancellable(() -> true, () -> Cancellation.runCancellable(() -> false,
        Cancellation::requested));
    assertThat(inner).as("an outer condition holds inside an inner scope").isTrue();
    assertThat(Cancellation.requested()).isFalse();
  }

  /**
   * Why a sweep does not interrupt its trials' threads: TensorFlow ignores the flag (a step and a
   * close run normally), but a checkpoint written on an interrupted thread fails, because Java's
   * file channels close on interrupt. The previous checkpoint stays the latest.
   */
  @Test
  void onAnInterruptedThreadTensorFlowRunsAndClosesButAFileWriteFails(@TempDir Path dir) {
    TrainingGraph g = Blobs.graph(false);
    g.initialize();
    g.startEpoch(0);
    g.runStep(0, false);
    Path good = g.save(dir);
    Thread.currentThread().interrupt();
    g.runStep(1, false);
    assertThat(g.step()).isEqualTo(2);
    assertThatThrownBy(() -> g.save(dir)).isInstanceOf(CheckpointException.class)
        .rootCause().isInstanceOf(ClosedByInterruptException.class);
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
    assertThat(Checkpoints.latest(dir)).contains(good);
    g.close();
    assertThat(Thread.interrupted()).isTrue();
    // Closed for real (not left open by an interrupted wait): both refuse further use.
    assertThatThrownBy(() -> g.graph().graph().operations()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> g.session().raw().runner().run()).isInstanceOf(IllegalStateException.class);
  }
}

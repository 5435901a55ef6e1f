package dev.stride.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stride.bridge.checkpoint.Checkpoints;
import dev.stride.bridge.data.Dataset;
import dev.stride.bridge.layers.Activation;
import dev.stride.bridge.losses.SoftmaxCrossEntropy;
import dev.stride.bridge.train.GradientClipping;
import dev.stride.bridge.train.History;
import dev.stride.bridge.train.TrainingCancelledException;
import dev.stride.bridge.train.callbacks.EarlyStopping;
import dev.stride.bridge.train.callbacks.LambdaCallback;
import dev.stride.bridge.train.callbacks.ModelCheckpoint;
import dev.stride.bridge.train.schedules.Schedule;
import dev.stride.optimizers.core.Sgd;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training flows, sweeps, schedules, clipping and callbacks, reached from plain Java. */
class JavaTrainingApiTest {
  private final Dataset train = JavaApiTest.blobs(300, 1);

  private static SequentialModel mlp() {
    return Models.sequential(2).dense(8, Activation.RELU).dense(3).build();
  }

  private static FitOptions.Builder options() {
    return FitOptions.builder().optimizer(new Sgd(0.1)).loss(new SoftmaxCrossEntropy()).verbose(false);
  }

  @Test
  void fitAsyncPassesEveryEventToTheListenerAndCompletesWithTheHistory() throws Exception {
    List<TrainingEvent> events = new CopyOnWriteArrayList<>();
    try (SequentialModel model = mlp()) {
      History history = model.fitAsync(train, options().epochs(3).schedule(Schedule.exponential(0.5, 10, true))
          .clipping(GradientClipping.byNorm(5)).build(), events::add).get(60, TimeUnit.SECONDS);
      assertThat(history.size()).isEqualTo(3);
      assertThat(events).hasSize(3 + 3 + 1);
      assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(TrainingEvent.Finished.class,
          f -> assertThat(f.getHistory()).isSameAs(history));
      TrainingEvent.EpochEnd second = (TrainingEvent.EpochEnd) events.get(3);
      assertThat(second.getEpoch()).isEqualTo(1);
      // 10 steps per epoch; the last step of epoch 1 is step 19: 0.5^⌊19/10⌋ = 0.5; of epoch 2, step 29: 0.25.
      assertThat(second.getLearningRates().get("lr")).isCloseTo(0.05, org.assertj.core.api.Assertions.within(1e-7));
      assertThat(history.get("lr")[2]).isCloseTo(0.025, org.assertj.core.api.Assertions.within(1e-7));
    }
  }

  @Test
  void cancellingTheFutureStopsTrainingBetweenSteps(@TempDir Path dir) throws Exception {
    CountDownLatch firstEpoch = new CountDownLatch(1);
    try (SequentialModel model = mlp()) {
      CompletableFuture<History> f = model.fitAsync(train, options().epochs(10_000).callback(ModelCheckpoint.last(dir))
          .build(), e -> {
            if (e instanceof TrainingEvent.CheckpointSaved) {
              firstEpoch.countDown();
            }
          });
      assertThat(firstEpoch.await(60, TimeUnit.SECONDS)).isTrue();
      f.cancel(true);
      assertThatThrownBy(f::join).isInstanceOf(CancellationException.class);
      assertThat(Checkpoints.latest(dir)).isPresent();
    }
  }

  @Test
  void aSweepBuiltInJavaRunsAsynchronously() throws Exception {
    SweepResults results = Sweep.builder()
        .grid("lr", 0.3, 0.01)
        .seeds(1, 2)
        .parallelism(2)
        .trial(trial -> {
          try (SequentialModel m = mlp()) {
            return m.fit(train, options().optimizer(new Sgd(trial.doubleValue("lr"))).seed(trial.getSeed())
                .sessionOptions(trial.getSessionOptions()).epochs(2).build());
          }
        })
        .build()
        .runAsync()
        .get(120, TimeUnit.SECONDS);
    assertThat(results.getRows()).hasSize(4);
    assertThat(results.best("loss").doubleValue("lr")).isEqualTo(0.3);
  }

  @Test
  void cancellingASweepsFutureStopsItsRunningTrialsAtAStepBoundary() throws Exception {
    int planned = 100_000; // epochs of 3 steps per trial: hours if nothing stopped them
    Dataset small = JavaApiTest.blobs(60, 4);
    CountDownLatch warm = new CountDownLatch(2);
    CountDownLatch ended = new CountDownLatch(2);
    Set<Integer> started = ConcurrentHashMap.newKeySet();
    Map<Integer, Integer> epochs = new ConcurrentHashMap<>();
    Map<Integer, Boolean> sawCancellation = new ConcurrentHashMap<>();
    CompletableFuture<SweepResults> future = Sweep.builder()
        .grid("lr", 0.1, 0.2, 0.3)
        .seeds(1, 2)
        .parallelism(2)
        .threads(2)
        .trial(trial -> {
          int index = trial.getIndex();
          started.add(index);
          try (SequentialModel m = mlp()) {
            return m.fit(small, options().optimizer(new Sgd(trial.doubleValue("lr"))).seed(trial.getSeed())
                .sessionOptions(trial.getSessionOptions()).epochs(planned).batchSize(20)
                .callback(LambdaCallback.builder()
                    .onEpochEnd((run, logs) -> {
                      if (logs.epoch() == 2) {
                        warm.countDown();
                      }
                    })
                    .onTrainEnd(run -> sawCancellation.put(index, run.cancelled()))
                    .build())
                .build());
          } catch (TrainingCancelledException e) {
            epochs.put(index, e.history().size());
            throw e;
          } finally {
            ended.countDown();
          }
        })
        .build()
        .runAsync();
    assertThat(warm.await(60, TimeUnit.SECONDS)).isTrue();
    assertThat(future.cancel(true)).isTrue();
    assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
    // The future is done at once; the two running trials finish their step and return.
    assertThat(ended.await(60, TimeUnit.SECONDS)).as("the running trials stopped").isTrue();
    assertThat(sawCancellation).containsOnlyKeys(0, 1).containsValues(true).doesNotContainValue(false);
    assertThat(epochs).containsOnlyKeys(0, 1);
    assertThat(epochs.values()).allSatisfy(e -> assertThat(e).isBetween(3, planned / 100));
    // A slot is free now: a trial that was going to start would have started by now.
    Thread.sleep(300);
    assertThat(started).containsExactlyInAnyOrder(0, 1);
  }

  @Test
  void callbacksAreOrdinaryJavaObjects() {
    List<Integer> epochs = new CopyOnWriteArrayList<>();
    try (SequentialModel model = mlp()) {
      History h = model.fit(train, options().epochs(30)
          .callbacks(EarlyStopping.builder("loss").patience(1).minDelta(5).build(),
              LambdaCallback.builder().onEpochEnd((run, logs) -> epochs.add(logs.epoch())).build())
          .build());
      // No epoch after the first can lower the loss by 5.
      assertThat(h.size()).isEqualTo(2);
      assertThat(epochs).containsExactly(0, 1);
      assertThat(h.stopReason()).isPresent();
    }
  }
}

package dev.stride.bridge.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stride.bridge.checkpoint.Checkpoints;
import dev.stride.bridge.train.callbacks.BackupAndRestore;
import dev.stride.bridge.train.callbacks.EarlyStopping;
import dev.stride.bridge.train.callbacks.LambdaCallback;
import dev.stride.bridge.train.callbacks.ModelCheckpoint;
import dev.stride.bridge.train.callbacks.MonitorMode;
import dev.stride.bridge.train.callbacks.ReduceLROnPlateau;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state of early stopping, ReduceLROnPlateau and ModelCheckpoint(best) survives a backup: a fit
 * interrupted at epoch k and started again (with new callback objects, as in a new process) stops
 * at the same epoch, with the same learning rate in every epoch and the same weights, as a fit that
 * was never interrupted.
 *
 * <p>The settings are chosen (and the uninterrupted run checked) so that the counters matter: the
 * learning rate is halved at epochs 4, 6 and 7 (a cooldown in between), early stopping waits at
 * epochs 5 and 7 and stops at epoch 8 with the best weights of epoch 6. Starting those counters
 * afresh at a resumption gives other epochs (see {@link #freshCountersWouldDecideOtherwise}).
 */
class BackupAndRestoreStateTest {
  private static final int EPOCHS = 30;

  /** The callbacks of one fit, new objects every time (a resumed fit runs in a new process). */
  private static final class Setup {
    final EarlyStopping stopping = EarlyStopping.builder("loss").patience(2).minDelta(0.02).restoreBestWeights(true).build();
    final ReduceLROnPlateau plateau = ReduceLROnPlateau.builder("loss").factor(0.5).patience(1).minDelta(0.05)
        .cooldown(1).build();
    final ModelCheckpoint best;
    final List<EpochLogs> rows = new ArrayList<>();
    final Callback recorder = Callback.atEpochEnd((run, logs) -> rows.add(logs));

    Setup(Path checkpoints) {
      // "Higher is better" on a falling loss: only epoch 0 is ever best, so a resumed fit whose best
      // value started afresh would save its first epoch.
      best = ModelCheckpoint.best(checkpoints, "loss", MonitorMode.MAX);
    }

    Trainer.Builder trainer() {
      return Trainer.builder().verbose(false).epochs(EPOCHS).callback(recorder).callback(plateau).callback(stopping)
          .callback(best);
    }
  }

  /** What a fit ended with. */
  private record Outcome(List<Map<String, Double>> rows, Optional<String> stop, Map<String, double[]> weights, long step,
      Path bestCheckpoint) {}

  private static Map<String, Double> comparable(EpochLogs logs) {
    Map<String, Double> v = new LinkedHashMap<>(logs.values());
    v.remove(History.SECONDS);
    return v;
  }

  private static Outcome uninterrupted(Path dir) {
    Setup s = new Setup(dir.resolve("best-plain"));
    try (TrainingGraph g = Blobs.graph(false)) {
      History h = s.trainer().build().fit(g);
      return new Outcome(h.rows().stream().map(BackupAndRestoreStateTest::comparable).toList(), h.stopReason(),
          g.weights(), g.step(), Checkpoints.latest(dir.resolve("best-plain")).orElseThrow());
    }
  }

  private static Callback failAtEndOf(int epoch) {
    return Callback.atEpochEnd((run, logs) -> {
      if (logs.epoch() == epoch) {
        throw new IllegalStateException("interrupted at epoch " + epoch);
      }
    });
  }

  /**
   * Interrupts a fit at the end of epoch {@code k}, after the backup ({@code keepEpoch}: epoch k is
   * backed up) or before it (epoch k is redone), then fits again with new callbacks.
   */
  private static Outcome interruptedAndResumed(Path dir, int k, boolean keepEpoch) {
    Path backups = dir.resolve("backup");
    Path bestDir = dir.resolve("best");
    Setup first = new Setup(bestDir);
    Trainer.Builder t = first.trainer();
    if (keepEpoch) {
      t.callback(new BackupAndRestore(backups)).callback(failAtEndOf(k));
    } else {
      t.callback(failAtEndOf(k)).callback(new BackupAndRestore(backups));
    }
    try (TrainingGraph g = Blobs.graph(false)) {
      assertThatThrownBy(() -> t.build().fit(g)).hasMessage("interrupted at epoch " + k);
    }
    Setup second = new Setup(bestDir);
    BackupAndRestore backup = new BackupAndRestore(backups);
    try (TrainingGraph g = Blobs.graph(false)) {
      History resumed = second.trainer().callback(backup).build().fit(g);
      assertThat(backup.restored()).isTrue();
      int firstResumed = resumed.rows().get(0).epoch();
      assertThat(firstResumed).isEqualTo(keepEpoch ? k + 1 : k);
      List<Map<String, Double>> rows = new ArrayList<>();
      first.rows.stream().filter(r -> r.epoch() < firstResumed).map(BackupAndRestoreStateTest::comparable).forEach(rows::add);
      resumed.rows().stream().map(BackupAndRestoreStateTest::comparable).forEach(rows::add);
      return new Outcome(rows, resumed.stopReason(), g.weights(), g.step(), Checkpoints.latest(bestDir).orElseThrow());
    }
  }

  @Test
  void theUninterruptedFitExercisesEveryCounter(@TempDir Path dir) {
    Outcome plain = uninterrupted(dir);
    assertThat(plain.rows()).extracting(r -> r.get(History.EPOCH)).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0);
    assertThat(plain.rows()).extracting(r -> (float) (double) r.get("lr"))
        .containsExactly(0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.05f, 0.05f, 0.025f, 0.0125f);
    assertThat(plain.stop()).hasValueSatisfying(r -> assertThat(r).contains("best").endsWith("at epoch 6"));
    assertThat(plain.bestCheckpoint().getFileName()).hasToString("ckpt-10");
  }

  @Test
  void aFitInterruptedAtAnyEpochAndResumedEndsLikeTheUninterruptedOne(@TempDir Path dir) {
    Outcome plain = uninterrupted(dir);
    for (int k : new int[] {3, 4, 5, 6, 7}) {
      for (boolean keepEpoch : new boolean[] {true, false}) {
        Path run = dir.resolve("k" + k + "-" + keepEpoch);
        Outcome resumed = interruptedAndResumed(run, k, keepEpoch);
        String where = "interrupted at epoch " + k + (keepEpoch ? ", epoch kept" : ", epoch redone");
        assertThat(resumed.rows()).as(where).hasSameSizeAs(plain.rows());
        for (int i = 0; i < plain.rows().size(); i++) {
          assertThat(resumed.rows().get(i)).as(where + ", epoch " + i).isEqualTo(plain.rows().get(i));
        }
        assertThat(resumed.stop()).as(where).isEqualTo(plain.stop());
        assertThat(resumed.step()).as(where).isEqualTo(plain.step());
        assertThat(resumed.weights().keySet()).as(where).isEqualTo(plain.weights().keySet());
        plain.weights().forEach((name, values) ->
            assertThat(resumed.weights().get(name)).as(where + ": " + name).containsExactly(values));
        assertThat(resumed.bestCheckpoint().getFileName()).as(where).isEqualTo(plain.bestCheckpoint().getFileName());
      }
    }
  }

  @Test
  void theCountersAreRestoredFromTheBackupNotCountedAgain(@TempDir Path dir) {
    Path backups = dir.resolve("backup");
    // The state each callback had after epoch 5 (the interrupted fit's last backed-up epoch).
    Setup first = new Setup(dir.resolve("best"));
    Map<String, Map<String, double[]>> atEpoch5 = new LinkedHashMap<>();
    Callback snapshot = Callback.atEpochEnd((run, logs) -> {
      if (logs.epoch() == 5) {
        atEpoch5.put("stopping", first.stopping.state());
        atEpoch5.put("plateau", first.plateau.state());
        atEpoch5.put("best", first.best.state());
      }
    });
    try (TrainingGraph g = Blobs.graph(false)) {
      Trainer t = first.trainer().callback(new BackupAndRestore(backups)).callback(snapshot).callback(failAtEndOf(5)).build();
      assertThatThrownBy(() -> t.fit(g)).hasMessage("interrupted at epoch 5");
    }
    // Not the fresh state: early stopping had waited one epoch and holds epoch 4's weights.
    assertThat(atEpoch5.get("stopping").get("wait")).containsExactly(1);
    assertThat(atEpoch5.get("stopping").get("best_epoch")).containsExactly(4);
    assertThat(atEpoch5.get("stopping")).containsKey("best_weights/dense_1/kernel");

    Setup second = new Setup(dir.resolve("best"));
    Map<String, Map<String, double[]>> atResume = new LinkedHashMap<>();
    Callback probe = LambdaCallback.builder().onEpochBegin((run, epoch) -> {
      if (atResume.isEmpty()) {
        assertThat(epoch).isEqualTo(6);
        atResume.put("stopping", second.stopping.state());
        atResume.put("plateau", second.plateau.state());
        atResume.put("best", second.best.state());
      }
    }).build();
    try (TrainingGraph g = Blobs.graph(false)) {
      second.trainer().callback(new BackupAndRestore(backups)).callback(probe).build().fit(g);
    }
    assertThat(atResume.keySet()).isEqualTo(atEpoch5.keySet());
    atEpoch5.forEach((callback, state) -> {
      assertThat(atResume.get(callback).keySet()).as(callback).isEqualTo(state.keySet());
      state.forEach((name, values) -> assertThat(atResume.get(callback).get(name)).as(callback + " " + name)
          .containsExactly(values));
    });
    assertThat(second.stopping.waited()).as("counted on from the restored 1").isEqualTo(2);
  }

  /** The point of the state: with the counters started afresh, the resumed fit decides otherwise. */
  @Test
  void freshCountersWouldDecideOtherwise(@TempDir Path dir) {
    Outcome plain = uninterrupted(dir);
    // Resume from epoch 6's backup by hand, restoring only the graph: what BackupAndRestore did before.
    Path backups = dir.resolve("backup");
    Setup first = new Setup(dir.resolve("best"));
    try (TrainingGraph g = Blobs.graph(false)) {
      Trainer t = first.trainer().callback(new BackupAndRestore(backups)).callback(failAtEndOf(6)).build();
      assertThatThrownBy(() -> t.fit(g)).hasMessage("interrupted at epoch 6");
    }
    Setup second = new Setup(dir.resolve("best"));
    try (TrainingGraph g = Blobs.graph(false)) {
      g.initialize();
      g.restore(backups);
      History resumed = second.trainer().build().fit(g);
      List<Double> epochs = new ArrayList<>();
      first.rows.stream().filter(r -> r.epoch() <= 6).forEach(r -> epochs.add((double) r.epoch()));
      resumed.rows().forEach(r -> epochs.add((double) r.epoch()));
      List<Double> plainEpochs = plain.rows().stream().map(r -> r.get(History.EPOCH)).toList();
      List<Double> lrs = new ArrayList<>();
      first.rows.stream().filter(r -> r.epoch() <= 6).forEach(r -> lrs.add(r.get("lr")));
      resumed.rows().forEach(r -> lrs.add(r.get("lr")));
      List<Double> plainLrs = plain.rows().stream().map(r -> r.get("lr")).toList();
      assertThat(epochs.equals(plainEpochs) && lrs.equals(plainLrs))
          .as("fresh counters end at epochs %s with rates %s", epochs, lrs).isFalse();
    }
  }

  @Test
  void twoCallbacksOfOneClassKeepTheirOwnState(@TempDir Path dir) {
    Path backups = dir.resolve("backup");
    EarlyStopping[] first = {
        EarlyStopping.builder("loss").patience(20).minDelta(0.02).build(),
        EarlyStopping.builder("loss").patience(20).minDelta(0.3).build()};
    try (TrainingGraph g = Blobs.graph(false)) {
      Trainer t = Trainer.builder().verbose(false).epochs(10).callback(first[0]).callback(first[1])
          .callback(new BackupAndRestore(backups)).callback(failAtEndOf(6)).build();
      assertThatThrownBy(() -> t.fit(g)).hasMessage("interrupted at epoch 6");
    }
    // A small and a large minimum improvement: two different states under one key.
    assertThat(first[0].bestEpoch()).isNotEqualTo(first[1].bestEpoch());
    assertThat(first[0].waited()).isNotEqualTo(first[1].waited());
    assertThat(Checkpoints.readHostState(Checkpoints.latest(backups).orElseThrow()).keySet())
        .contains("early_stopping.loss/wait", "early_stopping.loss@2/wait");

    EarlyStopping[] second = {
        EarlyStopping.builder("loss").patience(20).minDelta(0.02).build(),
        EarlyStopping.builder("loss").patience(20).minDelta(0.3).build()};
    int[][] seen = new int[2][];
    Callback probe = LambdaCallback.builder().onEpochBegin((run, epoch) -> {
      if (seen[0] == null) {
        seen[0] = new int[] {second[0].bestEpoch(), second[0].waited()};
        seen[1] = new int[] {second[1].bestEpoch(), second[1].waited()};
      }
    }).build();
    try (TrainingGraph g = Blobs.graph(false)) {
      Trainer.builder().verbose(false).epochs(10).callback(second[0]).callback(second[1])
          .callback(new BackupAndRestore(backups)).callback(probe).build().fit(g);
    }
    assertThat(seen[0]).containsExactly(first[0].bestEpoch(), first[0].waited());
    assertThat(seen[1]).containsExactly(first[1].bestEpoch(), first[1].waited());
  }

  @Test
  void aStatefulCallbackAfterTheBackupIsRefusedBeforeTheFirstStep(@TempDir Path dir) {
    EarlyStopping stopping = EarlyStopping.builder("loss").patience(2).build();
    try (TrainingGraph g = Blobs.graph(false)) {
      Trainer t = Trainer.builder().verbose(false).epochs(3).callback(new BackupAndRestore(dir)).callback(stopping).build();
      assertThatThrownBy(() -> t.fit(g)).isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("BackupAndRestore must come after early_stopping.loss (EarlyStopping)");
      assertThat(g.step()).isZero();
    }
    // A ModelCheckpoint that saves every epoch has no state: it may come after the backup.
    try (TrainingGraph g = Blobs.graph(false)) {
      History h = Trainer.builder().verbose(false).epochs(2).callback(new BackupAndRestore(dir.resolve("b")))
          .callback(ModelCheckpoint.last(dir.resolve("last"))).build().fit(g);
      assertThat(h.size()).isEqualTo(2);
    }
  }

  @Test
  void aBackupWithoutCallbackStateStillRestoresAndTheCountersStartAfresh(@TempDir Path dir) throws Exception {
    Path backups = dir.resolve("backup");
    // A backup as BackupAndRestore wrote it before it saved callbacks' state: the graph only.
    try (TrainingGraph g = Blobs.graph(false)) {
      Trainer.builder().verbose(false).epochs(3).build().fit(g);
      g.save(backups);
    }
    assertThat(Checkpoints.readHostState(Checkpoints.latest(backups).orElseThrow())).isEmpty();
    EarlyStopping stopping = EarlyStopping.builder("loss").patience(2).build();
    BackupAndRestore backup = new BackupAndRestore(backups);
    int[] atResume = new int[2];
    Callback probe = LambdaCallback.builder().onEpochBegin((run, epoch) -> {
      if (epoch == 3) {
        atResume[0] = stopping.bestEpoch();
        atResume[1] = stopping.waited();
      }
    }).build();
    try (TrainingGraph g = Blobs.graph(false)) {
      History h = Trainer.builder().verbose(false).epochs(5).callback(stopping).callback(backup).callback(probe).build().fit(g);
      assertThat(backup.restored()).isTrue();
      assertThat(h.get(History.EPOCH)).containsExactly(3, 4);
      assertThat(g.step()).isEqualTo(50);
    }
    assertThat(atResume).containsExactly(-1, 0);
  }
}

package dev.stride.bridge.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stride.bridge.train.Callback;
import dev.stride.bridge.train.History;
import dev.stride.bridge.train.Trainer;
import dev.stride.bridge.train.TrainingGraph;
import dev.stride.bridge.train.callbacks.BackupAndRestore;
import dev.stride.bridge.train.callbacks.EarlyStopping;
import dev.stride.bridge.train.callbacks.LambdaCallback;
import dev.stride.bridge.train.callbacks.ReduceLROnPlateau;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The format-version-1 fixture, written before backups held callbacks' state, used as a backup:
 * the fit resumes from its epoch, and the callbacks start as a fresh fit would.
 */
class BackupAndRestoreFormatV1Test {

  @Test
  void aBackupWrittenBeforeCallbackStateExistedResumesWithFreshCounters(@TempDir Path dir) throws Exception {
    // A copy: the finished fit deletes its backup.
    Path fixture = Path.of(getClass().getResource("/checkpoints/v1").toURI());
    try (Stream<Path> files = Files.walk(fixture)) {
      for (Path p : files.toList()) {
        Path target = dir.resolve(fixture.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    EarlyStopping stopping = EarlyStopping.builder("loss").patience(3).build();
    ReduceLROnPlateau plateau = ReduceLROnPlateau.builder("loss").patience(3).build();
    BackupAndRestore backup = new BackupAndRestore(dir);
    double[] atResume = new double[4];
    Callback probe = LambdaCallback.builder().onEpochBegin((run, epoch) -> {
      if (epoch == 2) {
        atResume[0] = stopping.bestEpoch();
        atResume[1] = stopping.waited();
        atResume[2] = stopping.best();
        atResume[3] = plateau.state().get("wait")[0];
      }
    }).build();
    try (TrainingGraph g = FormatV1Fixture.graph(99)) {
      History h = Trainer.builder().verbose(false).epochs(4).callbacks(List.of(plateau, stopping, backup, probe))
          .build().fit(g);
      assertThat(backup.restored()).isTrue();
      assertThat(h.get(History.EPOCH)).containsExactly(2, 3);
      assertThat(g.step()).isEqualTo(8);
    }
    assertThat(atResume).containsExactly(-1, 0, Double.POSITIVE_INFINITY, 0);
    assertThat(Checkpoints.latest(dir)).isEmpty();
  }
}

package dev.stride.bridge.train.callbacks;

import dev.stride.bridge.train.EpochLogs;
import dev.stride.bridge.train.History;
import dev.stride.bridge.train.StatefulCallback;
import dev.stride.bridge.train.TrainingRun;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Saves a checkpoint at the end of epochs through {@link
 * dev.stride.bridge.train.TrainingGraph#save}: atomically, keeping the last few in the directory,
 * so its latest checkpoint is always a complete one. {@link #last} saves every epoch; {@link #best}
 * only epochs whose monitored column improved, so the directory's latest checkpoint is the best.
 *
 * <p>An epoch whose training loss is not finite is never saved: a diverged model does not replace
 * the last good checkpoint. Every save is announced to the run's callbacks.
 *
 * <p>{@link #best} mode's best value starts afresh with every fit, except that a fit resumed by a
 * {@link BackupAndRestore} placed after it gets back the one saved with the backup, so it does not
 * save a resumed epoch worse than one saved before the interruption.
 */
public final class ModelCheckpoint implements StatefulCallback {
  private final Path directory;
  private final Monitor monitor;
  private double best;

  private ModelCheckpoint(Path directory, Monitor monitor) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.monitor = monitor;
  }

  /** Saves after every epoch into {@code directory}. */
  public static ModelCheckpoint last(Path directory) {
    return new ModelCheckpoint(directory, null);
  }

  /** Saves after epochs that improve {@code monitor}, the direction chosen by {@link MonitorMode#AUTO}. */
  public static ModelCheckpoint best(Path directory, String monitor) {
    return best(directory, monitor, MonitorMode.AUTO);
  }

  /** Saves after epochs that improve {@code monitor} in the direction {@code mode}. */
  public static ModelCheckpoint best(Path directory, String monitor, MonitorMode mode) {
    return new ModelCheckpoint(directory, new Monitor(monitor, mode, 0));
  }

  @Override
  public void onTrainBegin(TrainingRun run) {
    best = monitor == null ? Double.NaN : monitor.worst();
  }

  @Override
  public void onEpochEnd(TrainingRun run, EpochLogs logs) {
    if (!Double.isFinite(logs.get(History.LOSS))) {
      return;
    }
    if (monitor != null) {
      double value = monitor.read(logs);
      if (!monitor.improves(value, best)) {
        return;
      }
      best = value;
    }
    run.checkpointSaved(run.graph().save(directory));
  }

  /** {@code model_checkpoint.} and the monitored column, or {@code model_checkpoint.every_epoch}. */
  @Override
  public String stateKey() {
    return "model_checkpoint." + (monitor == null ? "every_epoch" : monitor.column());
  }

  /** {@code best} in {@link #best} mode; nothing when it saves every epoch. */
  @Override
  public Map<String, double[]> state() {
    return monitor == null ? Map.of() : Map.of("best", new double[] {best});
  }

  @Override
  public void restoreState(Map<String, double[]> state) {
    if (monitor != null) {
      best = StatefulCallback.scalar(state, "best");
    }
  }

  /** The directory it saves into. */
  public Path directory() {
    return directory;
  }
}

package dev.stride.bridge.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One {@link Trainer#fit} call as its callbacks see it: the graph being trained, the epochs planned,
 * the history so far, and ways to stop, to drop a callback and to announce a checkpoint.
 */
public interface TrainingRun {

  /** The graph being trained: weights, counters, hyperparameters, evaluation. */
  TrainingGraph graph();

  /**
   * The first epoch this run trains: the graph's epoch counter after every {@code onTrainBegin}
   * (0 for a fresh graph; a restored backup's epoch). Before {@code onTrainBegin} has returned,
   * the counter as the run found it.
   */
  int firstEpoch();

  /** One past the last epoch this run plans to train: the epoch counter it found plus the epochs asked for. */
  int endEpoch();

  /** The rows written so far, the current epoch's included once its {@code onEpochEnd} fires. */
  History history();

  /**
   * Asks the trainer to stop: the current epoch finishes (its {@code onEpochEnd} callbacks all run),
   * then no further epoch starts and {@code onTrainEnd} fires. The first reason given is kept.
   */
  void requestStop(String reason);

  /**
   * Asks the trainer to stop at the end of the current step: the rest of the epoch is abandoned
   * (no {@code finishEpoch}, no history row, no {@code onEpochEnd}, so no checkpoint of it), then
   * {@code onTrainEnd} fires. For a run that must not reach its epoch end, such as one whose loss
   * became NaN. The graph's epoch counter stays at the abandoned epoch. The first reason is kept.
   */
  void stopNow(String reason);

  /**
   * Whether this run ends because its owner cancelled it ({@link TrainingLoop#cancel}, a {@link
   * Cancellation}, an interrupted thread) rather than as planned or by a stop request; true from
   * the moment the cancellation is noticed, so {@code onTrainEnd} can tell (a backup is then kept
   * for a later fit to resume from). The fit throws a {@link TrainingCancelledException} once
   * {@code onTrainEnd} has fired.
   */
  boolean cancelled();

  /** Whether a stop was requested, at the epoch's end or at once. */
  boolean stopRequested();

  /** The reason of the first stop request, if any. */
  Optional<String> stopReason();

  /**
   * The run's callbacks in firing order, without those removed: where {@link
   * dev.stride.bridge.train.callbacks.BackupAndRestore} finds the {@link StatefulCallback}s whose
   * state it backs up.
   */
  List<Callback> callbacks();

  /**
   * Removes {@code callback} from this run: it receives no event after the one being delivered.
   * Removing a callback that is not there does nothing.
   */
  void removeCallback(Callback callback);

  /** Tells every callback ({@link Callback#onCheckpointSaved}) that a checkpoint was written. */
  void checkpointSaved(Path checkpoint);
}

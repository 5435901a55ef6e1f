package dev.stride.bridge.train;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Code a {@link Trainer} runs at fixed points of training. Every method has an empty default, so a
 * callback overrides only what it needs; each receives the {@link TrainingRun}, through which it
 * can read the graph and the history, {@linkplain TrainingRun#requestStop stop} training, remove
 * itself or another callback, and announce checkpoints it wrote.
 *
 * <p>Firing order within one {@code fit}:
 *
 * <pre>
 * onTrainBegin        then the first epoch is read from the graph (a restored backup moves it)
 * for each epoch (until the planned last one, or a stop request):
 *   onEpochBegin
 *   for each step:
 *     onStepEnd       step callbacks ({@link StepCallback}) only, every step
 *     onStepLogged    at each step of the logging interval (by default once: the last batch)
 *   onEpochEnd        after the epoch's training metrics, validation and history row exist
 *     onCheckpointSaved   to every callback, whenever one of them saves in its onEpochEnd
 * onTrainEnd
 * </pre>
 *
 * Callbacks fire in the order they were added. A callback {@linkplain TrainingRun#removeCallback
 * removed} during an event receives no later event (the callbacks after it still receive the
 * current one). {@link TrainingRun#stopNow} abandons the current epoch after its step: no {@code
 * onEpochEnd}, then {@code onTrainEnd}. A cancellation ({@link TrainingLoop#cancel}), noticed before
 * a step, does the same, then {@code fit} throws. An exception from a callback propagates out of
 * {@code fit} at once: later callbacks and {@code onTrainEnd} do not run, and the graph keeps the
 * state it had (every finished epoch is complete, so training can resume from it).
 */
public interface Callback {

  /** Before the first epoch. */
  default void onTrainBegin(TrainingRun run) {}

  /** Before epoch {@code epoch} (counted from 0) starts. */
  default void onEpochBegin(TrainingRun run, int epoch) {}

  /** After a step of the logging interval, with what the trainer read there. */
  default void onStepLogged(TrainingRun run, StepLog log) {}

  /** After an epoch: {@code logs} is also the last row of {@link TrainingRun#history()}. */
  default void onEpochEnd(TrainingRun run, EpochLogs logs) {}

  /** After the last epoch (or the epoch during which a stop was requested). */
  default void onTrainEnd(TrainingRun run) {}

  /** After a callback wrote a checkpoint and announced it with {@link TrainingRun#checkpointSaved}. */
  default void onCheckpointSaved(TrainingRun run, Path checkpoint) {}

  /** A callback running {@code action} at the end of every epoch: the lambda-friendly form. */
  static Callback atEpochEnd(EpochEndAction action) {
    Objects.requireNonNull(action, "action");
    return new Callback() {
      @Override
      public void onEpochEnd(TrainingRun run, EpochLogs logs) {
        action.onEpochEnd(run, logs);
      }
    };
  }

  /** What {@link #atEpochEnd} runs. */
  @FunctionalInterface
  interface EpochEndAction {
    void onEpochEnd(TrainingRun run, EpochLogs logs);
  }
}

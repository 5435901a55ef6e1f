package dev.stride.bridge.train;

import java.util.concurrent.CancellationException;

/**
 * A fit stopped at a step boundary because it was cancelled ({@link Cancellation}, an interrupted
 * thread). A {@link CancellationException}, so a coroutine running the fit ends as cancelled, not
 * failed. It carries the history of the epochs that finished; the epoch in progress was abandoned
 * (no row, no checkpoint of it), as with {@link TrainingRun#stopNow}.
 */
public final class TrainingCancelledException extends CancellationException {
  private static final long serialVersionUID = 1L;

  private final transient History history;

  public TrainingCancelledException(String message, History history) {
    super(message);
    this.history = history;
  }

  /** The rows of the epochs finished before the cancellation, with the cancellation as stop reason. */
  public History history() {
    return history;
  }
}

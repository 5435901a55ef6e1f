package dev.stride.bridge.train;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Stops the fits running on a thread at their next step boundary, without interrupting the
 * thread: what a sweep uses to stop its running trials when it is cancelled.
 *
 * <p>Every fit ({@link Trainer#fit}, a {@link TrainingLoop} advanced by hand, the DSL's fits) asks
 * before each step whether it should stop: if its thread was interrupted, or if a condition given
 * to {@link #runCancellable} around it on that thread holds. It then ends as {@link
 * TrainingLoop#cancel} describes ({@code onTrainEnd} fires, seeing {@link TrainingRun#cancelled()})
 * and throws a {@link TrainingCancelledException}.
 *
 * <p>Why not only {@link Thread#interrupt}: TensorFlow Java ignores the interrupt flag in {@code
 * Session.run} (the step finishes), but Java's file channels do not: a checkpoint, a CSV line or a
 * TensorBoard event written while the flag is set fails with {@code ClosedByInterruptException},
 * and an interrupt can land in the middle of such a write. (Checkpoints stay consistent, since the
 * previous one stays the latest, but the fit then fails with that error instead of being
 * cancelled.) {@code Session.close} and {@code Graph.close} return without freeing the native
 * objects when interrupted while waiting for another thread's run. A condition polled at step
 * boundaries reaches none of these. A fit that finds its thread interrupted clears the flag while
 * its callbacks end the run, and sets it again before it throws.
 */
public final class Cancellation {
  /** The conditions in force on this thread, innermost first. */
  private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

  private record Scope(BooleanSupplier cancelled, Scope outer) {}

  private Cancellation() {}

  /**
   * Runs {@code action} on the calling thread; every fit it advances on this thread stops at its
   * next step boundary once {@code cancelled} returns true, throwing a {@link
   * TrainingCancelledException} (which {@code action} may let through or catch). Scopes nest: a
   * fit stops when any condition around it holds.
   *
   * @param cancelled polled before every step, from the training thread: must be cheap and
   *     thread-safe, e.g. {@code () -> !job.isActive()} or an {@code AtomicBoolean}'s {@code get}
   */
  public static <T> T runCancellable(BooleanSupplier cancelled, Supplier<T> action) {
    Objects.requireNonNull(cancelled, "cancelled");
    Objects.requireNonNull(action, "action");
    Scope outer = CURRENT.get();
    CURRENT.set(new Scope(cancelled, outer));
    try {
      return action.get();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /** Whether a condition in force on the calling thread holds (the interrupt flag is not looked at). */
  public static boolean requested() {
    for (Scope s = CURRENT.get(); s != null; s = s.outer()) {
      if (s.cancelled().getAsBoolean()) {
        return true;
      }
    }
    return false;
  }
}

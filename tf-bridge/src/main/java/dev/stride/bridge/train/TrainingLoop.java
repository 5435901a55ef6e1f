package dev.stride.bridge.train;

import dev.stride.bridge.metrics.Metrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One fit of a {@link Trainer}, advanced one step at a time by whoever holds it: {@link
 * Trainer#fit} advances it to the end; a coroutine flow, a future or a benchmark advances it
 * between its own checks.
 *
 * <p><b>Cancellation</b> happens at a step boundary, never inside a step or a callback: before each
 * step {@link #advance} checks whether its thread was interrupted or a {@link Cancellation}
 * condition holds, and if so ends the fit with {@link #cancel} and throws a {@link
 * TrainingCancelledException}; an owner that stops advancing for its own reasons (a cancelled
 * coroutine) calls {@link #cancel} itself. Either way the epoch in progress is abandoned, every
 * finished epoch and written checkpoint stays whole, {@code onTrainEnd} fires with {@link
 * TrainingRun#cancelled()} true (so a backup is kept and a later fit can resume), and the graph
 * stays open for its owner to close. Stopping to call {@link #advance} without {@link #cancel} is
 * an interruption like an exception: {@code onTrainEnd} does not fire.
 *
 * <p>Not thread-safe: one thread advances a loop at a time.
 */
public final class TrainingLoop implements TrainingRun {
  private final Trainer trainer;
  private final TrainingGraph graph;
  private final ProgressBar bar;
  private final List<Callback> callbacks;
  private final boolean stepChecks;
  private final History history;
  private final int endEpoch;
  private int firstEpoch;
  private String stopReason;
  private boolean stopNow;
  private boolean cancelled;

  private boolean begun;
  private boolean finished;
  private boolean failed;
  private int epoch;
  private int batch = -1;
  private int batches;
  private long stepCounter;
  private long epochStart;
  private Map<String, Double> telemetry = Map.of();

  TrainingLoop(Trainer trainer, TrainingGraph graph, List<Callback> callbacks) {
    this.trainer = trainer;
    this.graph = graph;
    this.callbacks = new ArrayList<>(callbacks);
    this.stepChecks = callbacks.stream().anyMatch(c -> c instanceof StepCallback);
    this.bar = trainer.verbose() ? new ProgressBar(trainer.progressStream()) : null;
    if (!graph.initialized()) {
      graph.initialize();
    }
    this.firstEpoch = Math.toIntExact(graph.epoch());
    this.endEpoch = firstEpoch + trainer.epochs();
    this.history = new History(trainer.columns(graph));
  }

  /**
   * Runs the next step, with whatever callbacks fire before and after it (training begin, epoch
   * begin and end, training end).
   *
   * @return whether there is a further step to run; false once training ended ({@code onTrainEnd}
   *     has fired), by plan or by a stop request
   * @throws TrainingCancelledException if, before the step, the thread was found interrupted or a
   *     {@link Cancellation} condition held: the fit then ended as {@link #cancel} describes, and
   *     the interrupt flag, cleared while the callbacks ran, is set again
   * @throws IllegalStateException if an earlier call failed with an exception
   */
  public boolean advance() {
    if (failed) {
      throw new IllegalStateException("this fit failed earlier; start a new one to resume");
    }
    if (finished) {
      return false;
    }
    // Cleared, so that the callbacks ending the run can still write files (an interruptible
    // channel closes at once on an interrupted thread).
    boolean interrupted = Thread.interrupted();
    if (interrupted || Cancellation.requested()) {
      try {
        cancel();
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
      throw new TrainingCancelledException(stopReason().orElse("cancelled"), history);
    }
    boolean ok = false;
    try {
      boolean more = step();
      ok = true;
      return more;
    } finally {
      failed = !ok;
      if (failed && bar != null) {
        bar.endLine();
      }
    }
  }

  private boolean step() {
    if (!begun) {
      begun = true;
      fire(c -> c.onTrainBegin(this));
      firstEpoch = Math.toIntExact(graph.epoch());
      epoch = firstEpoch;
    }
    if (batch < 0) {
      if (stopRequested() || epoch >= endEpoch) {
        return end();
      }
      beginEpoch();
    }
    runStep();
    if (stopNow) {
      batch = -1;
      return end();
    }
    if (batch == batches - 1) {
      finishEpoch();
      batch = -1;
      epoch++;
      if (stopRequested() || epoch >= endEpoch) {
        return end();
      }
    }
    return true;
  }

  private void beginEpoch() {
    fire(c -> c.onEpochBegin(this, epoch));
    epochStart = System.nanoTime();
    graph.startEpoch(epoch);
    batches = graph.batchesPerEpoch();
    stepCounter = stepChecks ? graph.step() : -1;
    telemetry = Map.of();
    if (bar != null) {
      bar.startEpoch(epoch, endEpoch, batches);
    }
  }

  private void runStep() {
    int b = ++batch;
    boolean logged = b == batches - 1 || (trainer.logEvery() > 0 && (b + 1) % trainer.logEvery() == 0);
    StepResult result = graph.runStep(b, logged, stepChecks);
    if (stepChecks) {
      StepOutcome outcome = new StepOutcome(epoch, b, stepCounter, result.loss(), result.applied());
      stepCounter += result.applied() ? 1 : 0;
      fire(c -> {
        if (c instanceof StepCallback s) {
          s.onStepEnd(this, outcome);
        }
      });
    }
    if (logged && !stopNow) {
      telemetry = result.telemetry();
      StepLog log = new StepLog(epoch, b, batches, telemetry, graph.runningMetrics());
      if (bar != null) {
        bar.logged(log.running().loss());
      }
      fire(c -> c.onStepLogged(this, log));
    }
    if (bar != null) {
      bar.step(b + 1);
    }
  }

  private void finishEpoch() {
    Metrics train = graph.finishEpoch();
    Metrics val = trainer.validation() == null ? null
        : graph.evaluate(trainer.validation(), trainer.validationBatchSize());
    double seconds = (System.nanoTime() - epochStart) / 1e9;
    EpochLogs logs = new EpochLogs(trainer.row(graph, epoch, train, val, telemetry, seconds));
    history.add(logs);
    if (bar != null) {
      bar.endEpoch(logs);
    }
    fire(c -> c.onEpochEnd(this, logs));
  }

  private boolean end() {
    finished = true;
    if (bar != null) {
      bar.endLine();
    }
    stopReason().ifPresent(history::stoppedBecause);
    fire(c -> c.onTrainEnd(this));
    return false;
  }

  /**
   * Ends this fit at the current step boundary because its owner cancelled it: the epoch in
   * progress is abandoned (no {@code finishEpoch}, no history row, no {@code onEpochEnd}, so no
   * checkpoint of it; the epoch counter stays at it), the history's stop reason says where, and
   * {@code onTrainEnd} fires with {@link TrainingRun#cancelled()} true. Before the first step
   * nothing has begun and no callback fires. Does nothing if the fit already ended or failed.
   * Call it from the thread that advances the loop, between two calls of {@link #advance}.
   */
  public void cancel() {
    if (finished || failed) {
      return;
    }
    cancelled = true;
    // The reason the run ends, even if a callback asked for a stop at this epoch's end before.
    if (!begun) {
      finished = true;
      stopReason = "cancelled before the first step";
      history.stoppedBecause(stopReason);
      return;
    }
    stopReason = batch < 0
        ? "cancelled before epoch " + epoch
        : "cancelled at epoch " + epoch + " after " + (batch + 1) + " of its " + batches + " steps";
    batch = -1;
    boolean ok = false;
    try {
      end();
      ok = true;
    } finally {
      failed = !ok;
    }
  }

  /** Delivers an event to a snapshot of the callbacks, skipping those removed meanwhile. */
  private void fire(Consumer<Callback> event) {
    for (Callback c : List.copyOf(callbacks)) {
      if (callbacks.contains(c)) {
        event.accept(c);
      }
    }
  }

  /** Whether training ended ({@code onTrainEnd} fired). */
  public boolean finished() {
    return finished;
  }

  // ---- TrainingRun ----

  @Override
  public TrainingGraph graph() {
    return graph;
  }

  @Override
  public int firstEpoch() {
    return firstEpoch;
  }

  @Override
  public int endEpoch() {
    return endEpoch;
  }

  @Override
  public History history() {
    return history;
  }

  @Override
  public void requestStop(String reason) {
    Objects.requireNonNull(reason, "reason");
    if (stopReason == null) {
      stopReason = reason;
    }
  }

  @Override
  public void stopNow(String reason) {
    requestStop(reason);
    stopNow = true;
  }

  @Override
  public boolean cancelled() {
    return cancelled;
  }

  @Override
  public boolean stopRequested() {
    return stopReason != null;
  }

  @Override
  public Optional<String> stopReason() {
    return Optional.ofNullable(stopReason);
  }

  @Override
  public List<Callback> callbacks() {
    return List.copyOf(callbacks);
  }

  @Override
  public void removeCallback(Callback callback) {
    callbacks.remove(callback);
  }

  @Override
  public void checkpointSaved(Path checkpoint) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    fire(c -> c.onCheckpointSaved(this, checkpoint));
  }
}

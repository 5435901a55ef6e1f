package dev.stride.bridge.train;

import dev.stride.bridge.data.Dataset;
import dev.stride.bridge.metrics.Metrics;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs epochs over a {@link TrainingGraph}. Per epoch: {@code startEpoch}, one {@code runStep} per
 * batch (telemetry and running metrics fetched only at the logging interval; the step's loss and
 * applied flag, in the same run, only when a {@link StepCallback} wants them), {@code
 * finishEpoch}, the optional validation pass, a {@link History} row, the progress line, then the
 * callbacks' {@code onEpochEnd}. See {@link Callback} for the firing order and {@link
 * TrainingLoop} for fits advanced step by step.
 *
 * <p>A trainer holds settings only, so one trainer can fit several graphs. {@link #fit} initialises
 * a graph that was never initialised and continues one that was trained before, from its epoch
 * counter, weights and optimizer state.
 */
public final class Trainer {
  private final int epochs;
  private final Dataset validation;
  private final int validationBatchSize;
  private final int logEvery;
  private final Set<Metric> metrics;
  private final boolean verbose;
  private final PrintStream progressStream;
  private final List<Callback> callbacks;

  private Trainer(Builder b) {
    this.epochs = b.epochs;
    this.validation = b.validation;
    this.validationBatchSize = b.validationBatchSize;
    this.logEvery = b.logEvery;
    this.metrics = b.metrics.isEmpty() ? Set.of() : EnumSet.copyOf(b.metrics);
    this.verbose = b.verbose;
    this.progressStream = b.progressStream;
    this.callbacks = List.copyOf(b.callbacks);
  }

  /** A builder; defaults: 1 epoch, no validation, telemetry once per epoch, verbose on System.err. */
  public static Builder builder() {
    return new Builder();
  }

  /** Epochs each {@link #fit} trains. */
  public int epochs() {
    return epochs;
  }

  /** The metrics written besides the loss. */
  public Set<Metric> metrics() {
    return metrics.isEmpty() ? Set.of() : EnumSet.copyOf(metrics);
  }

  /** The callbacks, in firing order. */
  public List<Callback> callbacks() {
    return callbacks;
  }

  /**
   * Trains {@code graph} for {@link #epochs()} more epochs, fewer if a callback requests a stop.
   *
   * @return one row per epoch trained
   * @throws IllegalArgumentException before any step if a chosen metric does not fit the graph
   * @throws TrainingCancelledException if the thread was interrupted, or a {@link Cancellation}
   *     condition held, at a step boundary: the fit ended there ({@link TrainingLoop#cancel})
   */
  public History fit(TrainingGraph graph) {
    TrainingLoop loop = start(graph);
    while (loop.advance()) {
      // every step, with its callbacks, happens inside advance()
    }
    return loop.history();
  }

  /**
   * A fit of {@code graph} that the caller advances one step at a time ({@link
   * TrainingLoop#advance}): what a cancellable flow, a future or a benchmark needs. It initialises
   * a graph that was never initialised; no callback fires before the first {@code advance}.
   *
   * @throws IllegalArgumentException if a chosen metric does not fit the graph
   */
  public TrainingLoop start(TrainingGraph graph) {
    return start(graph, List.of());
  }

  /**
   * As {@link #start(TrainingGraph)}, with {@code extra} callbacks for this fit only, fired before
   * the trainer's own: an observer (a flow's event relay) sees an epoch's end before the checkpoint
   * another callback writes in response to it.
   */
  public TrainingLoop start(TrainingGraph graph, List<? extends Callback> extra) {
    Objects.requireNonNull(graph, "graph");
    checkMetrics(graph.config());
    List<Callback> all = new ArrayList<>();
    extra.forEach(c -> all.add(Objects.requireNonNull(c, "callback")));
    all.addAll(callbacks);
    return new TrainingLoop(this, graph, all);
  }

  boolean verbose() {
    return verbose;
  }

  PrintStream progressStream() {
    return progressStream;
  }

  int logEvery() {
    return logEvery;
  }

  Dataset validation() {
    return validation;
  }

  int validationBatchSize() {
    return validationBatchSize;
  }

  private void checkMetrics(TrainingConfig config) {
    for (Metric m : metrics) {
      if (!config.loss().classification()) {
        throw new IllegalArgumentException("metric " + m.column() + " needs a classification loss, but "
            + config.loss().name() + " is a regression loss");
      }
      if (m.macro() && !config.macroMetrics()) {
        throw new IllegalArgumentException("metric " + m.column()
            + " needs the confusion matrix: build the TrainingConfig with macroMetrics(true)");
      }
    }
  }

  List<String> columns(TrainingGraph graph) {
    List<String> c = new ArrayList<>();
    c.add(History.EPOCH);
    metricColumns(c, "");
    if (validation != null) {
      metricColumns(c, History.VAL);
    }
    c.addAll(graph.reportNames());
    c.addAll(List.of(History.STEP, History.SKIPPED_STEPS, History.SECONDS));
    return c;
  }

  private void metricColumns(List<String> c, String prefix) {
    c.add(prefix + History.LOSS);
    metrics.forEach(m -> c.add(prefix + m.column()));
  }

  Map<String, Double> row(TrainingGraph graph, int epoch, Metrics train, Metrics val,
      Map<String, Double> telemetry, double seconds) {
    Map<String, Double> r = new LinkedHashMap<>();
    r.put(History.EPOCH, (double) epoch);
    metricValues(r, "", train);
    if (val != null) {
      metricValues(r, History.VAL, val);
    }
    for (String name : graph.reportNames()) {
      r.put(name, telemetry.get(name));
    }
    r.put(History.STEP, (double) graph.step());
    r.put(History.SKIPPED_STEPS, (double) graph.skippedSteps());
    r.put(History.SECONDS, seconds);
    return r;
  }

  private void metricValues(Map<String, Double> r, String prefix, Metrics m) {
    r.put(prefix + History.LOSS, m.loss());
    metrics.forEach(metric -> r.put(prefix + metric.column(), metric.of(m)));
  }

  /** Trainer settings, each named. */
  public static final class Builder {
    private int epochs = 1;
    private Dataset validation;
    private int validationBatchSize = 256;
    private int logEvery;
    private final Set<Metric> metrics = EnumSet.noneOf(Metric.class);
    private boolean verbose = true;
    private PrintStream progressStream = System.err;
    private final List<Callback> callbacks = new ArrayList<>();

    private Builder() {}

    /** Epochs per {@link Trainer#fit} (more than 0). */
    public Builder epochs(int epochs) {
      if (epochs <= 0) {
        throw new IllegalArgumentException("epochs must be > 0, got " + epochs);
      }
      this.epochs = epochs;
      return this;
    }

    /** Data evaluated (inference mode) after every epoch, giving the {@code val_} columns. */
    public Builder validation(Dataset validation) {
      this.validation = Objects.requireNonNull(validation, "validation");
      return this;
    }

    /** Examples per validation batch (default 256; inference only, so larger than training is fine). */
    public Builder validationBatchSize(int batchSize) {
      if (batchSize <= 0) {
        throw new IllegalArgumentException("validation batch size must be > 0, got " + batchSize);
      }
      this.validationBatchSize = batchSize;
      return this;
    }

    /**
     * Fetch telemetry and the running loss every {@code steps} steps of an epoch and at its last
     * batch; 0 (the default) fetches only at the last batch. Each fetch costs a few small session
     * runs, so a dense interval slows training down.
     */
    public Builder logEvery(int steps) {
      if (steps < 0) {
        throw new IllegalArgumentException("logging interval must be >= 0 steps, got " + steps);
      }
      this.logEvery = steps;
      return this;
    }

    /** Metrics written besides the loss (adds to those given before). */
    public Builder metrics(Metric... metrics) {
      for (Metric m : metrics) {
        this.metrics.add(Objects.requireNonNull(m, "metric"));
      }
      return this;
    }

    /** Whether to show a {@link ProgressBar} (default true). */
    public Builder verbose(boolean verbose) {
      this.verbose = verbose;
      return this;
    }

    /** Where the progress bar prints (default System.err). */
    public Builder progressStream(PrintStream out) {
      this.progressStream = Objects.requireNonNull(out, "out");
      return this;
    }

    /** Adds a callback; callbacks fire in the order they were added. */
    public Builder callback(Callback callback) {
      this.callbacks.add(Objects.requireNonNull(callback, "callback"));
      return this;
    }

    /** Adds callbacks in order. */
    public Builder callbacks(List<? extends Callback> callbacks) {
      callbacks.forEach(this::callback);
      return this;
    }

    public Trainer build() {
      return new Trainer(this);
    }
  }
}

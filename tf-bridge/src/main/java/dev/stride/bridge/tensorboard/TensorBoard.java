package dev.stride.bridge.tensorboard;

import dev.stride.bridge.train.Callback;
import dev.stride.bridge.train.EpochLogs;
import dev.stride.bridge.train.History;
import dev.stride.bridge.train.StepLog;
import dev.stride.bridge.train.TrainingGraph;
import dev.stride.bridge.train.TrainingRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes TensorBoard event files with TensorFlow's own summary ops ({@code CreateSummaryFileWriter},
 * {@code WriteScalarSummary}, {@code WriteHistogramSummary}), so TensorBoard reads them as it reads
 * TensorFlow's.
 *
 * <p>As Keras does, the log directory holds two runs, {@code train/} and {@code validation/}, so
 * TensorBoard draws the training and validation curves of a metric in one chart:
 *
 * <ul>
 *   <li>every epoch: each history column (loss, metrics, the optimizer's learning rates {@code lr}
 *       and per layer {@code lr/<layer>}, step counts, seconds) as a scalar at step = epoch in the
 *       train run, and each {@code val_} column in the validation run under the same tag as its
 *       training column ({@code val_loss} as {@code loss});
 *   <li>at every logged step, in the train run: {@code batch/loss} (the epoch's running loss) and {@code batch/<report>}
 *       for each telemetry report, at step = the step counter;
 *   <li>optionally, in the train run, every epoch, a histogram of each parameter ({@code weights/<name>}), and at
 *       every logged step, of each gradient ({@code gradients/<name>}), computed in the step's own
 *       run.
 * </ul>
 *
 * All summary ops are built at the start of the first fit of a graph, before its first step, and
 * reused by later fits of the same graph: writing never grows the training graph while it trains.
 * The scalar tags are therefore those of the first fit's history (a later fit's column that the
 * first lacked is not written; one it lacks is written as NaN). Each fit opens a new event file in
 * each run's directory and closes it at the end.
 */
public final class TensorBoard implements Callback {
  private final Path logDir;
  private final boolean weightHistograms;
  private final boolean gradientHistograms;
  private SummaryOps ops;

  private TensorBoard(Builder b) {
    this.logDir = b.logDir;
    this.weightHistograms = b.weightHistograms;
    this.gradientHistograms = b.gradientHistograms;
  }

  /** Scalars only. */
  public TensorBoard(Path logDir) {
    this(builder(logDir));
  }

  public static Builder builder(Path logDir) {
    return new Builder(logDir);
  }

  @Override
  public void onTrainBegin(TrainingRun run) {
    TrainingGraph g = run.graph();
    if (ops == null || ops.graph() != g) {
      List<String> epochColumns = new ArrayList<>(run.history().columns());
      epochColumns.remove(History.EPOCH);
      List<String> batchTags = new ArrayList<>();
      batchTags.add("batch/" + History.LOSS);
      g.reportNames().forEach(r -> batchTags.add("batch/" + r));
      ops = new SummaryOps(g, logDir.toAbsolutePath(), epochColumns, batchTags, weightHistograms, gradientHistograms);
    }
    ops.open();
  }

  @Override
  public void onStepLogged(TrainingRun run, StepLog log) {
    List<Double> values = new ArrayList<>();
    values.add(log.running().loss());
    for (String r : run.graph().reportNames()) {
      values.add(log.telemetry().getOrDefault(r, Double.NaN));
    }
    ops.writeBatch(run.graph().step(), values);
  }

  @Override
  public void onEpochEnd(TrainingRun run, EpochLogs logs) {
    List<Double> values = new ArrayList<>();
    for (String column : ops.epochColumns()) {
      values.add(logs.has(column) ? logs.get(column) : Double.NaN);
    }
    ops.writeEpoch(logs.epoch(), values);
  }

  @Override
  public void onTrainEnd(TrainingRun run) {
    ops.close();
  }

  /** The log directory. */
  public Path logDir() {
    return logDir;
  }

  /** Settings by name. */
  public static final class Builder {
    private final Path logDir;
    private boolean weightHistograms;
    private boolean gradientHistograms;

    private Builder(Path logDir) {
      this.logDir = Objects.requireNonNull(logDir, "logDir");
    }

    /** A histogram of every parameter at every epoch's end (default off). */
    public Builder weightHistograms(boolean on) {
      this.weightHistograms = on;
      return this;
    }

    /** A histogram of every gradient at every logged step (default off). */
    public Builder gradientHistograms(boolean on) {
      this.gradientHistograms = on;
      return this;
    }

    public TensorBoard build() {
      return new TensorBoard(this);
    }
  }
}

package dev.stride.bridge.train.callbacks;

import dev.stride.bridge.train.EpochLogs;
import dev.stride.bridge.train.StatefulCallback;
import dev.stride.bridge.train.TrainingRun;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stops training when a monitored column has not improved by more than {@code minDelta} for
 * {@code patience} epochs in a row (Keras' EarlyStopping). With {@code restoreBestWeights}, the
 * parameters of the best epoch are put back at the end of training if a later epoch was the last
 * one trained; optimizer state and counters stay those of the last epoch.
 *
 * <p>Its state (best value and epoch, epochs without improvement, the best weights if it keeps
 * them) starts afresh with every fit, except that a fit resumed by a {@link BackupAndRestore} placed
 * after it gets back the state saved with the backup.
 */
public final class EarlyStopping implements StatefulCallback {
  private static final String BEST_WEIGHTS = "best_weights/";

  private final Monitor monitor;
  private final int patience;
  private final boolean restoreBestWeights;
  private double best;
  private int bestEpoch;
  private int wait;
  private Map<String, double[]> bestWeights;

  private EarlyStopping(Builder b) {
    this.monitor = new Monitor(b.monitor, b.mode, b.minDelta);
    this.patience = b.patience;
    this.restoreBestWeights = b.restoreBestWeights;
  }

  /** Early stopping on {@code monitor} ("val_loss", "val_accuracy", ...); defaults: patience 0, min delta 0. */
  public static Builder builder(String monitor) {
    return new Builder(monitor);
  }

  @Override
  public void onTrainBegin(TrainingRun run) {
    best = monitor.worst();
    bestEpoch = -1;
    wait = 0;
    bestWeights = null;
  }

  @Override
  public void onEpochEnd(TrainingRun run, EpochLogs logs) {
    double value = monitor.read(logs);
    if (monitor.improves(value, best)) {
      best = value;
      bestEpoch = logs.epoch();
      wait = 0;
      if (restoreBestWeights) {
        bestWeights = run.graph().weights();
      }
      return;
    }
    wait++;
    if (wait >= patience) {
      run.requestStop("early stopping: " + monitor.column() + " did not improve for " + wait + " epoch(s)"
          + (bestEpoch >= 0 ? "; best " + best + " at epoch " + bestEpoch : ""));
    }
  }

  @Override
  public void onTrainEnd(TrainingRun run) {
    if (bestWeights != null && run.history().size() > 0 && run.history().last().epoch() != bestEpoch) {
      run.graph().setWeights(bestWeights);
    }
  }

  /** {@code early_stopping.} and the monitored column. */
  @Override
  public String stateKey() {
    return "early_stopping." + monitor.column();
  }

  /** {@code best}, {@code best_epoch}, {@code wait}, and {@code best_weights/<parameter>} while it holds them. */
  @Override
  public Map<String, double[]> state() {
    Map<String, double[]> s = new LinkedHashMap<>();
    s.put("best", new double[] {best});
    s.put("best_epoch", new double[] {bestEpoch});
    s.put("wait", new double[] {wait});
    if (bestWeights != null) {
      bestWeights.forEach((name, values) -> s.put(BEST_WEIGHTS + name, values.clone()));
    }
    return s;
  }

  @Override
  public void restoreState(Map<String, double[]> state) {
    double b = StatefulCallback.scalar(state, "best");
    int e = (int) StatefulCallback.scalar(state, "best_epoch");
    int w = (int) StatefulCallback.scalar(state, "wait");
    Map<String, double[]> weights = new LinkedHashMap<>();
    state.forEach((name, values) -> {
      if (name.startsWith(BEST_WEIGHTS)) {
        weights.put(name.substring(BEST_WEIGHTS.length()), values.clone());
      }
    });
    best = b;
    bestEpoch = e;
    wait = w;
    bestWeights = restoreBestWeights && !weights.isEmpty() ? weights : null;
  }

  /** The best monitored value of the current (or last) fit; the monitor's worst value before one. */
  public double best() {
    return best;
  }

  /** The epoch of {@link #best()}, or −1. */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** Epochs since the last improvement, as counted at the last epoch end. */
  public int waited() {
    return wait;
  }

  /** Settings by name. */
  public static final class Builder {
    private final String monitor;
    private MonitorMode mode = MonitorMode.AUTO;
    private int patience;
    private double minDelta;
    private boolean restoreBestWeights;

    private Builder(String monitor) {
      this.monitor = java.util.Objects.requireNonNull(monitor, "monitor");
    }

    /** Epochs without improvement tolerated before stopping (default 0: stop at the first). */
    public Builder patience(int patience) {
      if (patience < 0) {
        throw new IllegalArgumentException("patience must be >= 0 epochs, got " + patience);
      }
      this.patience = patience;
      return this;
    }

    /** The smallest change that counts as an improvement (default 0). */
    public Builder minDelta(double minDelta) {
      this.minDelta = minDelta;
      return this;
    }

    /** Whether lower or higher is better (default {@link MonitorMode#AUTO}). */
    public Builder mode(MonitorMode mode) {
      this.mode = java.util.Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Put the best epoch's parameters back at the end of training (default false). */
    public Builder restoreBestWeights(boolean restore) {
      this.restoreBestWeights = restore;
      return this;
    }

    public EarlyStopping build() {
      return new EarlyStopping(this);
    }
  }
}

package dev.stride.bridge.train.callbacks;

import dev.stride.bridge.train.EpochLogs;
import dev.stride.bridge.train.StatefulCallback;
import dev.stride.bridge.train.TrainingRun;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Multiplies the learning rate by {@code factor} when a monitored column has not improved by more
 * than {@code minDelta} for {@code patience} epochs, then waits {@code cooldown} epochs before
 * counting again, never going below {@code minRate} (Keras' ReduceLROnPlateau).
 *
 * <p>The reduced rate lives in the graph's hyperparameter, so a checkpoint holds it. The counters
 * (best value, epochs without improvement, cooldown epochs left) start afresh with every fit,
 * except that a fit resumed by a {@link BackupAndRestore} placed after it gets back those saved
 * with the backup.
 */
public final class ReduceLROnPlateau implements StatefulCallback {
  private final Monitor monitor;
  private final String hyper;
  private final double factor;
  private final int patience;
  private final int cooldown;
  private final double minRate;
  private double best;
  private int wait;
  private int cooling;

  private ReduceLROnPlateau(Builder b) {
    this.monitor = new Monitor(b.monitor, b.mode, b.minDelta);
    this.hyper = b.hyper;
    this.factor = b.factor;
    this.patience = b.patience;
    this.cooldown = b.cooldown;
    this.minRate = b.minRate;
  }

  /** Watches {@code monitor}; defaults: factor 0.1, patience 10, min delta 1e-4, no cooldown, min rate 0. */
  public static Builder builder(String monitor) {
    return new Builder(monitor);
  }

  @Override
  public void onTrainBegin(TrainingRun run) {
    best = monitor.worst();
    wait = 0;
    cooling = 0;
  }

  @Override
  public void onEpochEnd(TrainingRun run, EpochLogs logs) {
    double value = monitor.read(logs);
    if (cooling > 0) {
      cooling--;
      wait = 0;
    }
    if (monitor.improves(value, best)) {
      best = value;
      wait = 0;
    } else if (cooling == 0 && ++wait >= patience) {
      double old = run.graph().hyper(hyper);
      if (old > minRate) {
        run.graph().setHyper(hyper, Math.max(old * factor, minRate));
        cooling = cooldown;
      }
      wait = 0;
    }
  }

  /** {@code reduce_lr_on_plateau.}, the hyperparameter, {@code .} and the monitored column. */
  @Override
  public String stateKey() {
    return "reduce_lr_on_plateau." + hyper + "." + monitor.column();
  }

  /** {@code best}, {@code wait} and {@code cooldown_left}. */
  @Override
  public Map<String, double[]> state() {
    Map<String, double[]> s = new LinkedHashMap<>();
    s.put("best", new double[] {best});
    s.put("wait", new double[] {wait});
    s.put("cooldown_left", new double[] {cooling});
    return s;
  }

  @Override
  public void restoreState(Map<String, double[]> state) {
    double b = StatefulCallback.scalar(state, "best");
    int w = (int) StatefulCallback.scalar(state, "wait");
    int c = (int) StatefulCallback.scalar(state, "cooldown_left");
    best = b;
    wait = w;
    cooling = c;
  }

  /** Settings by name. */
  public static final class Builder {
    private final String monitor;
    private MonitorMode mode = MonitorMode.AUTO;
    private String hyper = LearningRateScheduler.LEARNING_RATE;
    private double factor = 0.1;
    private int patience = 10;
    private double minDelta = 1e-4;
    private int cooldown;
    private double minRate;

    private Builder(String monitor) {
      this.monitor = Objects.requireNonNull(monitor, "monitor");
    }

    /** The multiplier applied at a plateau, in (0, 1). */
    public Builder factor(double factor) {
      if (!(factor > 0 && factor < 1)) {
        throw new IllegalArgumentException("factor must be in (0, 1), got " + factor);
      }
      this.factor = factor;
      return this;
    }

    public Builder patience(int patience) {
      if (patience < 0) {
        throw new IllegalArgumentException("patience must be >= 0 epochs, got " + patience);
      }
      this.patience = patience;
      return this;
    }

    public Builder minDelta(double minDelta) {
      this.minDelta = minDelta;
      return this;
    }

    /** Epochs to wait after a reduction before counting epochs without improvement again. */
    public Builder cooldown(int cooldown) {
      if (cooldown < 0) {
        throw new IllegalArgumentException("cooldown must be >= 0 epochs, got " + cooldown);
      }
      this.cooldown = cooldown;
      return this;
    }

    public Builder minRate(double minRate) {
      if (!(minRate >= 0)) {
        throw new IllegalArgumentException("minimum rate must be >= 0, got " + minRate);
      }
      this.minRate = minRate;
      return this;
    }

    public Builder mode(MonitorMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** The hyperparameter to reduce (default {@value LearningRateScheduler#LEARNING_RATE}). */
    public Builder hyper(String hyper) {
      this.hyper = Objects.requireNonNull(hyper, "hyper");
      return this;
    }

    public ReduceLROnPlateau build() {
      return new ReduceLROnPlateau(this);
    }
  }
}

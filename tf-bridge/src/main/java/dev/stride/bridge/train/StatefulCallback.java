package dev.stride.bridge.train;

import java.util.Map;

/**
 * A callback whose decisions depend on what it saw in earlier epochs: early stopping's best value
 * and count of epochs without improvement, ReduceLROnPlateau's cooldown. A fit resumed from a
 * backup must give that state back, or it stops or reduces the learning rate at other epochs than
 * an uninterrupted fit. {@link dev.stride.bridge.train.callbacks.BackupAndRestore} saves {@link
 * #state()} inside every backup (published by the same atomic rename as the weights) and hands it
 * to {@link #restoreState} when a fit resumes from that backup; a backup without it (written
 * before callbacks' state was saved) leaves the state as {@code onTrainBegin} set it.
 *
 * <p>The state is named arrays of numbers (a scalar is a one-element array, a weight matrix a
 * row-major array); names match {@code [A-Za-z0-9_][A-Za-z0-9_./@-]*}.
 */
public interface StatefulCallback extends Callback {

  /**
   * Names this callback's state within a backup, e.g. {@code early_stopping.val_loss}. Callbacks of
   * one fit may share a key: BackupAndRestore numbers the later ones in firing order (the second
   * gets the suffix {@code @2}), so a resumed fit needs its callbacks in the same order, as it
   * needs the same settings. Characters outside {@code [A-Za-z0-9_.-]} are replaced by {@code _}.
   */
  String stateKey();

  /**
   * The state as it is now: after an epoch's {@code onEpochEnd}, what the next epoch's decisions
   * depend on. Callable at any time; a callback with nothing to save returns an empty map.
   */
  Map<String, double[]> state();

  /**
   * Puts back a state {@link #state()} returned. Called after this callback's {@code onTrainBegin}
   * and before the first epoch of the resumed fit.
   *
   * @throws IllegalArgumentException if an entry is missing or has the wrong size
   */
  void restoreState(Map<String, double[]> state);

  /** The one value of entry {@code name} of {@code state}, or an exception naming the entry. */
  static double scalar(Map<String, double[]> state, String name) {
    double[] v = state.get(name);
    if (v == null || v.length != 1) {
      throw new IllegalArgumentException("callback state entry '" + name + "' "
          + (v == null ? "is missing; the state has " + state.keySet() : "has " + v.length + " values, expected 1"));
    }
    return v[0];
  }
}

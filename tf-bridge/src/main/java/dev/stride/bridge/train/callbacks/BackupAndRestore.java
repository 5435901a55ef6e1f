package dev.stride.bridge.train.callbacks;

import dev.stride.bridge.checkpoint.Checkpoints;
import dev.stride.bridge.train.Callback;
import dev.stride.bridge.train.EpochLogs;
import dev.stride.bridge.train.StatefulCallback;
import dev.stride.bridge.train.TrainingGraph;
import dev.stride.bridge.train.TrainingRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Makes an interrupted fit resumable (Keras' BackupAndRestore). After every epoch it saves a
 * backup checkpoint into its directory; at the start of a fit, if a backup is there, it restores
 * it: parameters, optimizer state, hyperparameters, the epoch and step counters, and the state of
 * the {@link StatefulCallback}s that fire before it (early stopping's patience count,
 * ReduceLROnPlateau's cooldown, ModelCheckpoint's best value). The fit then continues from the
 * backup's epoch up to the end it planned, so an interrupted run (an exception, a killed process, a
 * cancelled flow) that is simply started again with the same settings and callbacks stops at the
 * same epoch, changes the learning rate at the same epochs, and ends with the same weights and
 * counters as one that was never interrupted (bit for bit with a deterministic session). When a
 * fit ends as planned or by a stop request the backup is deleted, so the next fit starts fresh; a
 * cancelled fit ({@link TrainingRun#cancelled()}) keeps it, so starting it again resumes.
 *
 * <p>The callbacks' state is written into the backup checkpoint before it is published ({@link
 * TrainingGraph#save(Path, Map)}), so it is always that of the backup's epoch. A backup written
 * without it (by a version of Stride that did not save it) still restores; the callbacks' state then
 * starts as their {@code onTrainBegin} sets it.
 *
 * <p>Order: a stateful callback must fire before it, so that its state in the backup includes the
 * backed-up epoch; a fit with one after it fails before its first step, naming it. Put it after
 * callbacks that may throw in {@code onEpochEnd} if their epoch should be redone, or before them
 * if it should be kept.
 */
public final class BackupAndRestore implements Callback {
  private static final Pattern CHECKPOINT_DIR = Pattern.compile("ckpt-[0-9]+(-[0-9]+)?");
  private static final String POINTER = "checkpoint";

  private final Path directory;
  private boolean restored;

  public BackupAndRestore(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  @Override
  public void onTrainBegin(TrainingRun run) {
    Map<String, StatefulCallback> stateful = statefulBefore(run);
    Optional<Path> latest = run.graph().latestCheckpoint(directory);
    restored = latest.isPresent();
    if (restored) {
      // Read (and check) the callbacks' state before the graph changes: a corrupt file fails the
      // fit with the graph untouched.
      Map<String, double[]> saved = Checkpoints.readHostState(latest.get());
      run.graph().restore(latest.get());
      stateful.forEach((key, callback) -> {
        Map<String, double[]> state = entriesOf(saved, key);
        if (!state.isEmpty()) {
          callback.restoreState(state);
        }
      });
    }
  }

  @Override
  public void onEpochEnd(TrainingRun run, EpochLogs logs) {
    Map<String, double[]> state = new LinkedHashMap<>();
    statefulBefore(run).forEach((key, callback) ->
        callback.state().forEach((name, values) -> state.put(key + "/" + name, values)));
    run.checkpointSaved(run.graph().save(directory, state));
  }

  @Override
  public void onTrainEnd(TrainingRun run) {
    if (!run.cancelled()) {
      delete();
    }
  }

  /** Whether the last fit started from a backup. */
  public boolean restored() {
    return restored;
  }

  /** The backup directory. */
  public Path directory() {
    return directory;
  }

  /**
   * The stateful callbacks firing before this one, by their key in the backup: the callback's
   * {@link StatefulCallback#stateKey()} with unsafe characters replaced, {@code @2}, {@code @3}
   * appended to later ones with the same key.
   *
   * @throws IllegalStateException if a stateful callback with state fires after this one
   */
  private Map<String, StatefulCallback> statefulBefore(TrainingRun run) {
    List<Callback> callbacks = run.callbacks();
    int self = callbacks.indexOf(this);
    for (Callback c : callbacks.subList(self + 1, callbacks.size())) {
      if (c instanceof StatefulCallback s && !s.state().isEmpty()) {
        throw new IllegalStateException("BackupAndRestore must come after " + s.stateKey() + " ("
            + c.getClass().getSimpleName() + ") among the callbacks: it backs up the state of the callbacks "
            + "before it, and that one would change its state after the backup");
      }
    }
    Map<String, StatefulCallback> keyed = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Callback c : callbacks.subList(0, Math.max(self, 0))) {
      if (c instanceof StatefulCallback s) {
        String key = safe(s.stateKey());
        int n = seen.merge(key, 1, Integer::sum);
        keyed.put(n == 1 ? key : key + "@" + n, s);
      }
    }
    return keyed;
  }

  private static String safe(String key) {
    String k = key.replaceAll("[^A-Za-z0-9_.-]", "_");
    return k.isEmpty() || k.charAt(0) == '.' || k.charAt(0) == '-' ? "_" + k : k;
  }

  /** The entries {@code key/...} of {@code saved}, without that prefix. */
  private static Map<String, double[]> entriesOf(Map<String, double[]> saved, String key) {
    String prefix = key + "/";
    Map<String, double[]> state = new LinkedHashMap<>();
    saved.forEach((name, values) -> {
      if (name.startsWith(prefix)) {
        state.put(name.substring(prefix.length()), values);
      }
    });
    return state;
  }

  /**
   * Removes the backup: first the pointer (from then on no backup is found), then the checkpoint
   * directories; other files in the directory are left alone.
   */
  private void delete() {
    try {
      Files.deleteIfExists(directory.resolve(POINTER));
      if (!Files.isDirectory(directory)) {
        return;
      }
      List<Path> checkpoints;
      try (Stream<Path> s = Files.list(directory)) {
        checkpoints = s.filter(p -> CHECKPOINT_DIR.matcher(p.getFileName().toString()).matches()).toList();
      }
      for (Path c : checkpoints) {
        try (Stream<Path> files = Files.walk(c)) {
          for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(f);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the backup in " + directory, e);
    }
  }
}

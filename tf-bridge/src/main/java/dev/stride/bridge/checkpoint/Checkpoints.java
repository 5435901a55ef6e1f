package dev.stride.bridge.checkpoint;

import dev.stride.bridge.StrideSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Saves and restores checkpoints in a directory that holds the last few of them.
 *
 * <pre>
 * dir/checkpoint                              pointer: the latest and the kept ones ({@link Pointer})
 * dir/ckpt-120/manifest.properties            what was saved ({@link Manifest})
 * dir/ckpt-120/variables.index                TensorFlow checkpoint (SaveV2)
 * dir/ckpt-120/variables.data-00000-of-00001
 * dir/ckpt-120/host-state.properties          only if the saver passed host state
 * </pre>
 *
 * <p><b>Atomic writes.</b> A save writes everything into a fresh {@code ckpt.tmp-*} subdirectory,
 * syncs it, renames it to {@code ckpt-<step>}, then atomically replaces the pointer. The pointer is
 * the commit point: a crash at any moment leaves the previous pointer naming a complete previous
 * checkpoint (at worst, an unreferenced {@code ckpt.tmp-*} or {@code ckpt-*} directory is left,
 * which restore never reads). Old checkpoints are deleted only after the pointer moved, and stale
 * temporary directories of crashed saves are removed by the next successful save. One writer per
 * directory.
 *
 * <p><b>Checked restores.</b> Before any native code reads the checkpoint, its manifest is compared
 * with the graph: the same variable names, shapes and dtypes, or a {@link CheckpointException}
 * naming the first mismatch (a model of another shape, another optimizer's slots). There is no
 * partial restore.
 *
 * <p><b>What is saved.</b> Every checkpointed variable: parameters, layer state, optimizer slots and
 * state ("opt/..."), runtime hyperparameters ("hyper/..."), epoch accumulators ("epoch/..."),
 * epoch metrics ("metrics/...") and the counters ("counters/step", "counters/epoch",
 * "counters/skipped_steps"). The counters are also the RNG state: dropout masks are derived from
 * (seed, step) and the shuffle of each epoch from (seed, epoch), so a restored run draws the same
 * masks and batch orders as one that never stopped. Beside the variables, a saver may pass host
 * state: named arrays of numbers kept outside the graph (a callback's counters), written into the
 * same temporary directory and so published by the same rename ({@link #readHostState}).
 */
public final class Checkpoints {
  /** Checkpoints kept by {@link #save(StrideSession, CheckpointOps, Path)}. */
  public static final int DEFAULT_KEEP = 3;
  /** The TensorFlow file prefix inside a checkpoint subdirectory. */
  public static final String PREFIX = "variables";
  /** The manifest's file name inside a checkpoint subdirectory. */
  public static final String MANIFEST = "manifest.properties";
  static final String TEMP_PREFIX = "ckpt.tmp-";

  private Checkpoints() {}

  /** A point inside {@link #save} where a test can simulate a crash. */
  @FunctionalInterface
  interface Phase {
    void reached() throws IOException;
  }

  /** Saves into {@code directory}, keeping the last {@value #DEFAULT_KEEP}; returns the new checkpoint. */
  public static Path save(StrideSession session, CheckpointOps ops, Path directory) {
    return save(session, ops, directory, DEFAULT_KEEP);
  }

  /**
   * Saves into {@code directory} (created if needed), keeping the last {@code keep}.
   *
   * @return the new checkpoint's directory, {@code directory/ckpt-<step>}
   * @throws CheckpointException if it cannot be written (the previous checkpoint stays the latest),
   *     or if it was written but old checkpoints could not be removed (the message says which)
   */
  public static Path save(StrideSession session, CheckpointOps ops, Path directory, int keep) {
    return save(session, ops, directory, keep, Map.of(), () -> {});
  }

  /**
   * As {@link #save(StrideSession, CheckpointOps, Path, int)}, with {@code hostState} written into
   * the checkpoint before it is published: the checkpoint is found with this state or not at all.
   *
   * @param hostState named arrays of numbers, names matching {@code [A-Za-z0-9_][A-Za-z0-9_./@-]*};
   *     an empty map writes no host-state file
   * @throws IllegalArgumentException before anything is written, if a name is not allowed
   */
  public static Path save(StrideSession session, CheckpointOps ops, Path directory, int keep,
      Map<String, double[]> hostState) {
    return save(session, ops, directory, keep, hostState, () -> {});
  }

  /** {@link #save}, calling {@code beforePublish} after the data is synced and before the rename. */
  static Path save(StrideSession session, CheckpointOps ops, Path directory, int keep, Phase beforePublish) {
    return save(session, ops, directory, keep, Map.of(), beforePublish);
  }

  static Path save(StrideSession session, CheckpointOps ops, Path directory, int keep, Map<String, double[]> hostState,
      Phase beforePublish) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be >= 1, got " + keep);
    }
    Map<String, double[]> host = HostState.checked(hostState);
    ops.requireUsable(session);
    Path written = null;
    try {
      Files.createDirectories(directory);
      // Read the old pointer first: a corrupt one stops the save before anything is written.
      List<String> kept = new ArrayList<>(Pointer.read(directory).map(Pointer::kept).orElse(List.of()));
      written = FileSync.createUnique(directory, TEMP_PREFIX, true);
      long[] counters = ops.save(session, written.resolve(PREFIX));
      Manifest manifest = new Manifest(Manifest.VERSION, counters[0], counters[1], Instant.now(), ops.variables());
      Files.writeString(written.resolve(MANIFEST), manifest.text());
      if (!host.isEmpty()) {
        HostState.write(written, host);
      }
      FileSync.tree(written);
      beforePublish.reached();

      Path target = directory.resolve(freeName(directory, counters[0]));
      Files.move(written, target, StandardCopyOption.ATOMIC_MOVE);
      written = target;
      FileSync.directory(directory);
      String name = target.getFileName().toString();
      kept.remove(name);
      kept.add(name);
      List<String> dropped = new ArrayList<>(kept.subList(0, Math.max(0, kept.size() - keep)));
      kept.removeAll(dropped);
      new Pointer(name, kept).write(directory);
      written = null;
      FileSync.directory(directory);
      removeOld(directory, target, dropped);
      return target;
    } catch (IOException e) {
      throw new CheckpointException("cannot write a checkpoint in " + directory + ": " + e, e);
    } finally {
      if (written != null) {
        deleteQuietly(written);
      }
    }
  }

  /** Deletes checkpoints no longer kept and leftovers of crashed saves, once the new pointer is live. */
  private static void removeOld(Path directory, Path saved, List<String> dropped) {
    try {
      for (String old : dropped) {
        FileSync.deleteTree(directory.resolve(old));
      }
      deleteStaleTemporaries(directory);
    } catch (IOException e) {
      // Not silent: old checkpoints piling up would fill the disk. The new one is complete and live.
      throw new CheckpointException("checkpoint " + saved + " was saved, but removing old checkpoints in "
          + directory + " failed: " + e, e);
    }
  }

  /**
   * Restores {@code path} into the session's graph: a checkpoint directory ({@code dir/ckpt-120}),
   * or a directory with a pointer file, whose latest checkpoint is restored.
   *
   * @return the restored checkpoint's manifest (step, epoch, variables)
   * @throws CheckpointException if nothing is found, a file is missing or corrupt, or the checkpoint
   *     does not match the graph; the graph's variables are then unchanged
   */
  public static Manifest restore(StrideSession session, CheckpointOps ops, Path path) {
    ops.requireUsable(session);
    Path checkpoint = resolve(path);
    Manifest manifest = readManifest(checkpoint);
    Compatibility.require(checkpoint, manifest.variables(), ops.variables());
    ops.restore(session, checkpoint.resolve(PREFIX));
    return manifest;
  }

  /**
   * The host state saved with the checkpoint directory {@code checkpoint} ({@code dir/ckpt-120}),
   * in the order it was given; empty if it was saved without (as every checkpoint written before
   * host state existed).
   *
   * @throws CheckpointException if the host-state file exists but cannot be read or is corrupt
   */
  public static Map<String, double[]> readHostState(Path checkpoint) {
    return HostState.read(checkpoint);
  }

  /** The checkpoint the pointer of {@code directory} names, or empty if there is no pointer. */
  public static Optional<Path> latest(Path directory) {
    Optional<Pointer> pointer = Pointer.read(directory);
    if (pointer.isEmpty()) {
      return Optional.empty();
    }
    Path checkpoint = directory.resolve(pointer.get().latest());
    if (!Files.isDirectory(checkpoint)) {
      throw new CheckpointException("checkpoint pointer " + directory.resolve(Pointer.FILE) + " names "
          + pointer.get().latest() + ", which does not exist");
    }
    return Optional.of(checkpoint);
  }

  /** The manifest of a checkpoint directory, after checking that its TensorFlow files exist. */
  public static Manifest readManifest(Path checkpoint) {
    Manifest manifest = Manifest.read(checkpoint.resolve(MANIFEST));
    for (String suffix : List.of(".index", ".data-00000-of-00001")) {
      Path file = checkpoint.resolve(PREFIX + suffix);
      if (!Files.isRegularFile(file)) {
        throw new CheckpointException("checkpoint " + checkpoint + " is incomplete: " + file + " does not exist");
      }
    }
    return manifest;
  }

  private static Path resolve(Path path) {
    if (Files.isRegularFile(path.resolve(MANIFEST))) {
      return path;
    }
    if (!Files.isDirectory(path)) {
      throw new CheckpointException("checkpoint directory " + path + " does not exist or is not a directory");
    }
    return latest(path).orElseThrow(() -> new CheckpointException("no checkpoint in " + path
        + ": it has neither a '" + Pointer.FILE + "' pointer nor a " + MANIFEST));
  }

  /** {@code ckpt-<step>}, or {@code ckpt-<step>-<n>} if a restored, older run already used that name. */
  private static String freeName(Path directory, long step) {
    String name = "ckpt-" + step;
    for (int n = 1; Files.exists(directory.resolve(name)); n++) {
      name = "ckpt-" + step + "-" + n;
    }
    return name;
  }

  private static void deleteStaleTemporaries(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      for (Path p : entries.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(TEMP_PREFIX) || name.startsWith(Pointer.TEMP_PREFIX)) {
          FileSync.deleteTree(p);
        }
      }
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      FileSync.deleteTree(path);
    } catch (IOException e) {
      // The save already failed with a more useful error; the leftover is removed by the next save.
    }
  }
}

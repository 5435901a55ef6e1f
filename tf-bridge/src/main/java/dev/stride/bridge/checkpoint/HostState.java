package dev.stride.bridge.checkpoint;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Numbers kept on the host beside a checkpoint's variables, such as the counters of a callback
 * (early stopping's epochs without improvement) or the best weights it holds. They are written as
 * {@code host-state.properties} into the checkpoint's temporary directory before it is synced and
 * renamed, so the rename that publishes the checkpoint publishes them too: a reader sees both or
 * neither. A checkpoint saved without host state (every checkpoint of format version 1 written
 * before host state existed) simply has no such file and reads as empty.
 *
 * <p>Entries keep their order; each is a name and an array of doubles, written with {@link
 * Double#toString} (exact round trip, NaN and infinities included):
 *
 * <pre>
 * format=stride-host-state
 * version=1
 * entries=2
 * entry.0.name=early_stopping.loss/wait
 * entry.0.values=1.0
 * entry.1.name=early_stopping.loss/weights/dense_1/bias
 * entry.1.values=0.25,-0.5
 * </pre>
 */
final class HostState {
  static final String FILE = "host-state.properties";
  static final String FORMAT = "stride-host-state";
  static final int VERSION = 1;
  /** Names need no escaping in a properties file and cannot start a comment. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./@-]*");

  private HostState() {}

  /** Checks every name before anything is written, so a bad name fails the save, not a later restore. */
  static Map<String, double[]> checked(Map<String, double[]> state) {
    Map<String, double[]> copy = new LinkedHashMap<>();
    state.forEach((name, values) -> {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("host state name '" + name + "' must match " + NAME.pattern());
      }
      if (values == null) {
        throw new IllegalArgumentException("host state '" + name + "' has no values (null)");
      }
      copy.put(name, values.clone());
    });
    return copy;
  }

  /** Writes {@code state} (checked by {@link #checked}) into the checkpoint directory {@code dir}. */
  static void write(Path dir, Map<String, double[]> state) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("# Stride host state: numbers kept beside the graph, restored with this checkpoint.\n");
    sb.append("format=").append(FORMAT).append('\n');
    sb.append("version=").append(VERSION).append('\n');
    sb.append("entries=").append(state.size()).append('\n');
    int i = 0;
    for (Map.Entry<String, double[]> e : state.entrySet()) {
      sb.append("entry.").append(i).append(".name=").append(e.getKey()).append('\n');
      sb.append("entry.").append(i).append(".values=");
      double[] v = e.getValue();
      for (int j = 0; j < v.length; j++) {
        sb.append(j == 0 ? "" : ",").append(v[j]);
      }
      sb.append('\n');
      i++;
    }
    Files.writeString(dir.resolve(FILE), sb, StandardCharsets.UTF_8);
  }

  /** The host state of the checkpoint directory {@code checkpoint}; empty if it was saved without. */
  static Map<String, double[]> read(Path checkpoint) {
    Path file = checkpoint.resolve(FILE);
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException | IllegalArgumentException e) {
      throw new CheckpointException("cannot read host state " + file + ": " + e.getMessage(), e);
    }
    if (!FORMAT.equals(value(file, p, "format"))) {
      throw corrupt(file, "format is '" + p.getProperty("format") + "', expected '" + FORMAT + "'");
    }
    int version = count(file, p, "version");
    if (version < 1 || version > VERSION) {
      throw new CheckpointException("host state " + file + " has format version " + version
          + "; this version of Stride reads versions 1 to " + VERSION);
    }
    int entries = count(file, p, "entries");
    Map<String, double[]> state = new LinkedHashMap<>();
    for (int i = 0; i < entries; i++) {
      String name = value(file, p, "entry." + i + ".name");
      if (!NAME.matcher(name).matches()) {
        throw corrupt(file, "'entry." + i + ".name' is not a valid name: '" + name + "'");
      }
      if (state.containsKey(name)) {
        throw corrupt(file, "'" + name + "' is listed twice");
      }
      state.put(name, doubles(file, "entry." + i + ".values", value(file, p, "entry." + i + ".values")));
    }
    return state;
  }

  private static String value(Path file, Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null) {
      throw corrupt(file, "missing key '" + key + "'");
    }
    return v.trim();
  }

  private static int count(Path file, Properties p, String key) {
    String v = value(file, p, key);
    try {
      int n = Integer.parseInt(v);
      if (n < 0) {
        throw corrupt(file, "'" + key + "' must be >= 0, got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw corrupt(file, "'" + key + "' is not a number: '" + v + "'");
    }
  }

  private static double[] doubles(Path file, String key, String v) {
    if (v.isEmpty()) {
      return new double[0];
    }
    String[] parts = v.split(",", -1);
    double[] d = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        d[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw corrupt(file, "'" + key + "' is not a list of numbers: item " + i + " is '" + parts[i] + "'");
      }
    }
    return d;
  }

  private static CheckpointException corrupt(Path file, String what) {
    return new CheckpointException("corrupt host state " + file + ": " + what);
  }
}

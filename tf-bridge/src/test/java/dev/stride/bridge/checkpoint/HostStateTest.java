package dev.stride.bridge.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host state saved inside a checkpoint: exact, ordered, atomic with it, absent from older ones. */
class HostStateTest {
  @TempDir Path dir;

  private static Map<String, double[]> sample() {
    Map<String, double[]> s = new LinkedHashMap<>();
    s.put("early_stopping.val_loss/wait", new double[] {2});
    s.put("early_stopping.val_loss/best", new double[] {0.1 + 0.2});
    s.put("odd@2/values", new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
        Double.MIN_VALUE, Double.MAX_VALUE, 1e-300, -123456.789});
    s.put("early_stopping.val_loss/best_weights/dense_1/kernel", new double[] {0.25f, -0.5f, 1.0f / 3});
    s.put("empty", new double[0]);
    return s;
  }

  @Test
  void roundTripsEveryValueExactlyAndInOrder() {
    try (TinyGraph g = new TinyGraph()) {
      Path saved = Checkpoints.save(g.session, g.ops, dir, 3, sample());
      assertThat(saved.resolve(HostState.FILE)).isRegularFile();
      Map<String, double[]> read = Checkpoints.readHostState(saved);
      assertThat(read.keySet()).containsExactlyElementsOf(sample().keySet());
      sample().forEach((name, values) -> {
        double[] got = read.get(name);
        assertThat(got).as(name).hasSameSizeAs(values);
        for (int i = 0; i < values.length; i++) {
          assertThat(Double.doubleToRawLongBits(got[i])).as(name + "[" + i + "]")
              .isEqualTo(Double.doubleToRawLongBits(values[i]));
        }
      });
    }
  }

  @Test
  void aCheckpointSavedWithoutHostStateHasNone() throws Exception {
    try (TinyGraph g = new TinyGraph()) {
      Path saved = Checkpoints.save(g.session, g.ops, dir);
      assertThat(saved.resolve(HostState.FILE)).doesNotExist();
      assertThat(Checkpoints.readHostState(saved)).isEmpty();
      assertThat(Checkpoints.readHostState(Checkpoints.save(g.session, g.ops, dir, 3, Map.of()))).isEmpty();
    }
    Path v1 = Path.of(getClass().getResource("/checkpoints/v1/ckpt-4").toURI());
    assertThat(Checkpoints.readHostState(v1)).isEmpty();
  }

  @Test
  void aNameThatCouldNotBeReadBackFailsTheSaveBeforeAnythingIsWritten() throws Exception {
    try (TinyGraph g = new TinyGraph()) {
      for (String bad : new String[] {"has space", "a=b", "#comment", "é", "", "-lead"}) {
        assertThatThrownBy(() -> Checkpoints.save(g.session, g.ops, dir, 3, Map.of(bad, new double[] {1})))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("host state name '" + bad + "'");
      }
      assertThat(Checkpoints.latest(dir)).isEmpty();
    }
  }

  @Test
  void aCorruptFileIsReportedNamingIt() throws Exception {
    try (TinyGraph g = new TinyGraph()) {
      Path saved = Checkpoints.save(g.session, g.ops, dir, 3, Map.of("a/b", new double[] {1, 2}));
      Path file = saved.resolve(HostState.FILE);
      String good = Files.readString(file);
      Files.writeString(file, good.replace("1.0,2.0", "1.0,two"));
      assertThatThrownBy(() -> Checkpoints.readHostState(saved)).isInstanceOf(CheckpointException.class)
          .hasMessage("corrupt host state " + file + ": 'entry.0.values' is not a list of numbers: item 1 is 'two'");
      Files.writeString(file, good.replace("entries=1", "entries=2"));
      assertThatThrownBy(() -> Checkpoints.readHostState(saved)).isInstanceOf(CheckpointException.class)
          .hasMessage("corrupt host state " + file + ": missing key 'entry.1.name'");
      Files.writeString(file, good.replace("version=1", "version=9"));
      assertThatThrownBy(() -> Checkpoints.readHostState(saved)).isInstanceOf(CheckpointException.class)
          .hasMessageContaining("has format version 9");
    }
  }

  @Test
  void itIsPublishedByTheSameRenameAsTheVariables() throws Exception {
    try (TinyGraph g = new TinyGraph()) {
      g.session.write(g.step, new double[] {10});
      Checkpoints.save(g.session, g.ops, dir, 3, Map.of("counter/wait", new double[] {1}));
      g.session.write(g.step, new double[] {20});
      assertThatThrownBy(() -> Checkpoints.save(g.session, g.ops, dir, 3, Map.of("counter/wait", new double[] {2}), () -> {
        // Written and synced inside the temporary directory, not yet visible.
        try (var entries = Files.list(dir)) {
          Path temporary = entries.filter(p -> p.getFileName().toString().startsWith(Checkpoints.TEMP_PREFIX))
              .findFirst().orElseThrow();
          assertThat(Checkpoints.readHostState(temporary).get("counter/wait")).containsExactly(2);
        }
        throw new IOException("simulated crash");
      })).isInstanceOf(CheckpointException.class).hasMessageContaining("simulated crash");
      // The latest checkpoint is still the previous one, with its own state.
      Path latest = Checkpoints.latest(dir).orElseThrow();
      assertThat(latest.getFileName()).hasToString("ckpt-10");
      assertThat(Checkpoints.readHostState(latest).get("counter/wait")).containsExactly(1);
    }
  }
}

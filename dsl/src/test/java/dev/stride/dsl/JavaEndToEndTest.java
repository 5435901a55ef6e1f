package dev.stride.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stride.bridge.checkpoint.Checkpoints;
import dev.stride.bridge.data.Dataset;
import dev.stride.bridge.layers.Activation;
import dev.stride.bridge.losses.SoftmaxCrossEntropy;
import dev.stride.bridge.testkit.EventFiles;
import dev.stride.bridge.tensorboard.TensorBoard;
import dev.stride.bridge.train.History;
import dev.stride.bridge.train.Metric;
import dev.stride.bridge.train.callbacks.CsvLogger;
import dev.stride.bridge.train.callbacks.EarlyStopping;
import dev.stride.bridge.train.callbacks.ModelCheckpoint;
import dev.stride.optimizers.core.Adam;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.proto.Event;

/** The same end-to-end fit as the Kotlin one, written in Java against the Java classes. */
class JavaEndToEndTest {

  @Test
  void earlyStoppingCheckpointCsvAndTensorBoardFromJava(@TempDir Path dir) throws Exception {
    Dataset train = JavaApiTest.blobs(600, 1);
    Dataset test = JavaApiTest.blobs(150, 2);
    try (SequentialModel model = Models.sequential(2).dense(16, Activation.RELU).dense(3).build()) {
      History history = model.fit(train, FitOptions.builder()
          .optimizer(new Adam(0.01))
          .loss(new SoftmaxCrossEntropy())
          .epochs(40)
          .metrics(Metric.ACCURACY)
          .validation(test)
          .verbose(false)
          .deterministic(true)
          .callbacks(
              EarlyStopping.builder("val_accuracy").patience(2).restoreBestWeights(true).build(),
              ModelCheckpoint.last(dir.resolve("last")),
              new CsvLogger(dir.resolve("history.csv")),
              TensorBoard.builder(dir.resolve("tb")).weightHistograms(true).build())
          .build());

      assertThat(history.size()).isBetween(3, 39);
      assertThat(history.stopReason()).isPresent();
      assertThat(History.readCsv(dir.resolve("history.csv")).size()).isEqualTo(history.size());
      long lastStep = (long) history.get("step")[history.size() - 1];
      assertThat(Checkpoints.latest(dir.resolve("last")).orElseThrow().getFileName().toString())
          .isEqualTo("ckpt-" + lastStep);
      // Keras' layout: a train run and a validation run, the same tags in both.
      List<String> trainTags = tags(dir.resolve("tb/train"));
      assertThat(trainTags).contains("accuracy", "loss", "lr", "weights/dense_1/kernel").doesNotContain("val_accuracy");
      assertThat(tags(dir.resolve("tb/validation"))).contains("accuracy", "loss").doesNotContain("lr", "val_accuracy");
      assertThat(history.last().get("val_accuracy")).isGreaterThan(0.9);

      model.export(dir.resolve("export"));
      try (SavedModelBundle bundle = SavedModelBundle.load(dir.resolve("export").toString(), "serve")) {
        assertThat(bundle.signatures()).extracting(s -> s.key()).contains("serving_default");
      }
    }
  }

  private static List<String> tags(Path run) throws Exception {
    List<Path> eventFiles;
    try (Stream<Path> s = Files.list(run)) {
      eventFiles = s.toList();
    }
    assertThat(eventFiles).as("event files in %s", run).hasSize(1);
    List<Event> events = EventFiles.read(eventFiles.get(0));
    return events.stream().flatMap(e -> e.getSummary().getValueList().stream()).map(v -> v.getTag()).toList();
  }
}

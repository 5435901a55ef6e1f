package dev.stride.bridge.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.stride.bridge.tensorboard.TensorBoard;
import dev.stride.bridge.testkit.EventFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

class TensorBoardTest {

  private record Point(String tag, long step, Summary.Value value) {}

  private static List<Point> points(Path dir) throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).sorted().toList();
    }
    List<Point> points = new ArrayList<>();
    for (Path f : files) {
      List<Event> events = EventFiles.read(f);
      assertThat(events.get(0).getFileVersion()).isEqualTo("brain.Event:2");
      for (Event e : events) {
        for (Summary.Value v : e.getSummary().getValueList()) {
          points.add(new Point(v.getTag(), e.getStep(), v));
        }
      }
    }
    return points;
  }

  @Test
  void eventFilesHoldEveryEpochScalarBatchScalarsAndHistogramsAndTheGraphDoesNotGrow(@TempDir Path dir)
      throws Exception {
    int[] opsAfterFirstEpoch = {-1};
    Callback opCount = Callback.atEpochEnd((run, logs) -> {
      if (logs.epoch() == 0) {
        opsAfterFirstEpoch[0] = run.graph().graph().operationCount();
      }
    });
    History h;
    int opsAtEnd;
    try (TrainingGraph g = Blobs.graph(false)) {
      TensorBoard tb = TensorBoard.builder(dir).weightHistograms(true).gradientHistograms(true).build();
      h = Trainer.builder().verbose(false).epochs(3).logEvery(5).metrics(Metric.ACCURACY)
          .validation(Blobs.blobs(60, 3)).callback(tb).callback(opCount).build().fit(g);
      opsAtEnd = g.graph().operationCount();
    }
    assertThat(opsAtEnd).isEqualTo(opsAfterFirstEpoch[0]);

    List<Point> points = points(dir.resolve("train"));
    List<Point> validation = points(dir.resolve("validation"));
    for (String column : List.of("loss", "accuracy", "val_loss", "val_accuracy", "lr", "lr/dense_1", "lr/dense_2")) {
      // Keras' layout: val_X is tag X of the validation run, so both curves share one chart.
      boolean val = column.startsWith(History.VAL);
      String tag = val ? column.substring(History.VAL.length()) : column;
      List<Point> series = (val ? validation : points).stream().filter(p -> p.tag().equals(tag)).toList();
      assertThat(series).as(column).extracting(Point::step).containsExactly(0L, 1L, 2L);
      for (int epoch = 0; epoch < 3; epoch++) {
        assertThat(series.get(epoch).value().getSimpleValue()).as("%s at epoch %d", column, epoch)
            .isCloseTo((float) h.get(column)[epoch], within(1e-6f));
      }
    }
    assertThat(points).extracting(Point::tag).doesNotContain("val_loss", "val_accuracy");
    assertThat(validation).extracting(Point::tag).containsOnly("loss", "accuracy");
    // Logged after batches 4 and 9 of each 10-step epoch: step counters 5, 10, 15, ...
    assertThat(points.stream().filter(p -> p.tag().equals("batch/loss")).map(Point::step).toList())
        .containsExactly(5L, 10L, 15L, 20L, 25L, 30L);
    assertThat(points.stream().filter(p -> p.tag().equals("batch/lr")).map(p -> p.value().getSimpleValue()).toList())
        .hasSize(6).allSatisfy(v -> assertThat(v).isCloseTo(0.1f, within(1e-7f)));
    Point kernel = points.stream().filter(p -> p.tag().equals("weights/dense_1/kernel")).findFirst().orElseThrow();
    assertThat(kernel.value().getHisto().getNum()).isEqualTo(2 * 8);
    // Gradient histograms come from the logged steps' own runs (step counter before the update: 4, 9, ...).
    assertThat(points.stream().filter(p -> p.tag().equals("gradients/dense_2/bias")).map(Point::step).toList())
        .containsExactly(4L, 9L, 14L, 19L, 24L, 29L);
  }

  @Test
  void aSecondFitOfTheSameGraphWritesANewFileWithoutNewOps(@TempDir Path dir) throws Exception {
    try (TrainingGraph g = Blobs.graph(false)) {
      TensorBoard tb = new TensorBoard(dir);
      Trainer trainer = Trainer.builder().verbose(false).epochs(1).callback(tb).build();
      trainer.fit(g);
      int ops = g.graph().operationCount();
      trainer.fit(g);
      assertThat(g.graph().operationCount()).isEqualTo(ops);
    }
    assertThat(dir.resolve("validation")).as("no validation data, no validation run").doesNotExist();
    assertThat(points(dir.resolve("train")).stream().filter(p -> p.tag().equals("loss")).map(Point::step).toList()).containsExactly(0L, 1L);
  }
}

package dev.stride.bridge.tensorboard;

import dev.stride.bridge.Param;
import dev.stride.bridge.train.History;
import dev.stride.bridge.train.TrainingGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The summary ops of one training graph, built once. As Keras lays them out, there are two runs, each
 * a subdirectory of the log directory with its own writer resource: {@code train} (training columns,
 * learning rates, batch scalars, histograms) and {@code validation} (the {@code val_} columns under
 * the training column's tag, so TensorBoard draws {@code loss} of both runs in one chart). Each
 * scalar is written through a placeholder; flush and close cover every writer.
 */
final class SummaryOps {
  /** The run of the training columns. */
  static final String TRAIN = "train";
  /** The run of the {@code val_} columns, present only when the history has any. */
  static final String VALIDATION = "validation";

  private static final AtomicInteger WRITERS = new AtomicInteger();

  private final TrainingGraph graph;
  private final Path logDir;
  private final List<String> runs = new ArrayList<>();
  private final List<Op> creates = new ArrayList<>();
  private final List<Op> flushes = new ArrayList<>();
  private final List<Op> closes = new ArrayList<>();
  private final Op epochFlush;
  private final Op batchFlush;
  private final List<String> epochColumns;
  private final Placeholder<TInt64> epochStep;
  private final List<Placeholder<TFloat32>> epochValues = new ArrayList<>();
  private final Placeholder<TInt64> batchStep;
  private final List<Placeholder<TFloat32>> batchValues = new ArrayList<>();

  /**
   * @param epochColumns history columns written every epoch; a {@code val_} column goes to the
   *     validation run under its name without the prefix
   * @param batchTags tags written at logged steps, in the train run
   */
  SummaryOps(TrainingGraph graph, Path logDir, List<String> epochColumns, List<String> batchTags,
      boolean weightHistograms, boolean gradientHistograms) {
    this.graph = graph;
    this.logDir = logDir;
    this.epochColumns = List.copyOf(epochColumns);
    int id = WRITERS.incrementAndGet();
    Ops tf = graph.graph().tf().withSubScope("tensorboard_" + id);
    Operand<?> train = writer(tf, id, TRAIN);
    Operand<?> validation = epochColumns.stream().anyMatch(c -> c.startsWith(History.VAL))
        ? writer(tf, id, VALIDATION) : null;
    List<Op> epochWrites = new ArrayList<>();
    List<Op> batchWrites = new ArrayList<>();
    this.epochStep = tf.withName("epoch_step").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    for (String column : epochColumns) {
      Placeholder<TFloat32> v = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      epochValues.add(v);
      boolean val = column.startsWith(History.VAL);
      String tag = val ? column.substring(History.VAL.length()) : column;
      epochWrites.add(tf.summary.writeScalarSummary(val ? validation : train, epochStep, tf.constant(tag), v));
    }
    if (weightHistograms) {
      for (Param p : graph.model().params()) {
        epochWrites.add(tf.summary.writeHistogramSummary(train, epochStep, tf.constant("weights/" + p.name()),
            p.variable().read(tf)));
      }
    }
    this.batchStep = tf.withName("batch_step").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    for (String tag : batchTags) {
      Placeholder<TFloat32> v = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      batchValues.add(v);
      batchWrites.add(tf.summary.writeScalarSummary(train, batchStep, tf.constant(tag), v));
    }
    if (gradientHistograms) {
      graph.gradients().forEach((p, g) -> graph.runWithLoggedSteps(tf.summary.writeHistogramSummary(train,
          graph.stepCounterValue(), tf.constant("gradients/" + p.name()), g)));
    }
    // Ops of one Session.run have no order of their own: each flush waits for its writes.
    this.epochFlush = flushAfter(tf, epochWrites, train, validation);
    this.batchFlush = flushAfter(tf, batchWrites, train, null);
  }

  /** A writer resource for {@code run}, with its create, flush and close ops. */
  private Operand<?> writer(Ops tf, int id, String run) {
    Operand<?> writer = tf.summary.summaryWriter(SummaryWriter.sharedName("stride_tensorboard_" + id + "_" + run));
    runs.add(run);
    creates.add(tf.summary.createSummaryFileWriter(writer, tf.constant(logDir.resolve(run).toString()),
        tf.constant(100), tf.constant(60_000), tf.constant(".stride")));
    flushes.add(tf.summary.flushSummaryWriter(writer));
    closes.add(tf.summary.closeSummaryWriter(writer));
    return writer;
  }

  private static Op flushAfter(Ops tf, List<Op> writes, Operand<?> train, Operand<?> validation) {
    Ops after = tf.withControlDependencies(writes);
    List<Op> flushed = new ArrayList<>();
    flushed.add(after.summary.flushSummaryWriter(train));
    if (validation != null) {
      flushed.add(after.summary.flushSummaryWriter(validation));
    }
    return tf.withControlDependencies(flushed).noOp();
  }

  TrainingGraph graph() {
    return graph;
  }

  /** The history columns written each epoch, in the order {@link #writeEpoch} takes their values. */
  List<String> epochColumns() {
    return epochColumns;
  }

  /** Creates each run's directory and a new event file in it. */
  void open() {
    for (String run : runs) {
      Path dir = logDir.resolve(run);
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the TensorBoard log directory " + dir, e);
      }
    }
    Session.Runner r = session().runner();
    creates.forEach(r::addTarget);
    r.run().close();
  }

  void writeEpoch(int epoch, List<Double> values) {
    write(epochStep, epoch, epochValues, values, epochFlush);
  }

  void writeBatch(long step, List<Double> values) {
    write(batchStep, step, batchValues, values, batchFlush);
  }

  void close() {
    Session.Runner flush = session().runner();
    flushes.forEach(flush::addTarget);
    flush.run().close();
    Session.Runner close = session().runner();
    closes.forEach(close::addTarget);
    close.run().close();
  }
  /** One run: every scalar of the event fed, then the flush that runs after all of its writes. */
  private void write(Placeholder<TInt64> step, long stepValue, List<Placeholder<TFloat32>> placeholders,
      List<Double> values, Op flushAfterWrites) {
    List<Tensor> fed = new ArrayList<>();
    try {
      Session.Runner r = session().runner();
      TInt64 s = TInt64.scalarOf(stepValue);
      fed.add(s);
      r.feed(step, s);
      for (int i = 0; i < placeholders.size(); i++) {
        TFloat32 v = TFloat32.scalarOf(values.get(i).floatValue());
        fed.add(v);
        r.feed(placeholders.get(i), v);
      }
      r.addTarget(flushAfterWrites);
      r.run().close();
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  private Session session() {
    return graph.session().raw();
  }
}

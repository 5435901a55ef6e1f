package dev.stride.bridge.train;

import dev.stride.bridge.Floats;
import dev.stride.bridge.Forward;
import dev.stride.bridge.Model;
import dev.stride.bridge.Param;
import dev.stride.bridge.Precision;
import dev.stride.bridge.ResourceVariable;
import dev.stride.bridge.Sequential;
import dev.stride.bridge.StrideGraph;
import dev.stride.bridge.StrideSession;
import dev.stride.bridge.Tensors;
import dev.stride.bridge.VariableInit;
import dev.stride.bridge.checkpoint.CheckpointOps;
import dev.stride.bridge.checkpoint.Checkpoints;
import dev.stride.bridge.checkpoint.Manifest;
import dev.stride.bridge.data.Dataset;
import dev.stride.bridge.layers.Mode;
import dev.stride.bridge.losses.Loss;
import dev.stride.bridge.metrics.Metrics;
import dev.stride.bridge.optim.EpochAccumulator;
import dev.stride.bridge.optim.EpochHost;
import dev.stride.bridge.optim.Hyper;
import dev.stride.bridge.optim.Optimizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TType;

/**
 * A model, a loss, an optimizer and a training set in one graph and session: one {@link #runStep}
 * is one {@code Session.run} doing forward, loss, gradients, the update, counters, epoch metrics and
 * telemetry.
 *
 * <p>Staged data (the default) lives in variables; a step feeds only its batch index and gathers
 * the rows of the epoch's permutation in the graph. Streaming data is fed per step. Every op is
 * created in the constructor, so the graph never grows while training.
 */
public final class TrainingGraph implements AutoCloseable {
  private final TrainingConfig config;
  private final StrideGraph graph;
  private final Model model;
  private final Dataset train;
  private final StrideSession session;
  private final StepBuilder step;
  private final Op stepOp;
  private final ResourceVariable stepVar;
  private final ResourceVariable epochVar;
  private final ResourceVariable skippedVar;

  // Data: staged (variables + batch index) or streaming (placeholders).
  private final ResourceVariable dataX;
  private final ResourceVariable dataY;
  private final ResourceVariable permutation;
  private final Placeholder<TInt64> batchIndex;
  private final Placeholder<TFloating> feedX;
  private final Placeholder<? extends TType> feedY;
  private int[] epochOrder;
  private boolean initialized;

  // Epoch metrics, folded in by every step.
  private final ResourceVariable lossSum;
  private final ResourceVariable correct;
  private final ResourceVariable examples;
  private final ResourceVariable confusion;
  private final List<Op> epochResets = new ArrayList<>();

  private final List<Op> loggedStepTargets = new ArrayList<>();
  private final Evaluator evaluator;
  private final CheckpointOps checkpointOps;

  public TrainingGraph(Sequential spec, TrainingConfig config, Dataset train) {
    this.config = config;
    this.train = train;
    Loss loss = config.loss();
    checkData(spec, loss, train);
    this.graph = new StrideGraph(config.precision());
    boolean ok = false;
    try {
      Ops tf = graph.tf();
      this.model = spec.build(graph, config.seed());
      this.stepVar = graph.counter("counters/step");
      this.epochVar = graph.counter("counters/epoch");
      this.skippedVar = graph.counter("counters/skipped_steps");

      Operand<TFloating> x;
      Operand<? extends TType> y;
      Ops data = tf.withSubScope("data");
      long[] feature = train.featureShape();
      Class<? extends TType> yType = train.isClassification() ? TInt32.class : config.precision().type();
      long[] yShape = train.isClassification() ? new long[] {-1} : new long[] {-1, train.targetWidth()};
      if (config.staged()) {
        int n = train.size();
        this.dataX = graph.variable("data/x", Shape.of(prepend(n, feature)), config.precision().type(),
            VariableInit.fill(0), false);
        this.dataY = graph.variable("data/y", Shape.of(prepend(n, Arrays.copyOfRange(yShape, 1, yShape.length))),
            yType, VariableInit.fill(0), false);
        this.permutation = graph.variable("data/permutation", Shape.of(n), TInt32.class, VariableInit.fill(0), false);
        this.batchIndex = data.withName("batch_index").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
        Operand<TInt64> start = data.math.mul(batchIndex, data.constant((long) config.batchSize()));
        Operand<TInt64> size = data.math.minimum(data.constant((long) config.batchSize()),
            data.math.sub(data.constant((long) n), start));
        Operand<TInt32> rows = data.slice(permutation.<TInt32>read(data),
            data.reshape(data.dtypes.cast(start, TInt32.class), data.constant(new long[] {1})),
            data.reshape(data.dtypes.cast(size, TInt32.class), data.constant(new long[] {1})));
        x = Floats.floating(data.gather(dataX.read(data), rows, data.constant(0)));
        y = data.gather(dataY.read(data), rows, data.constant(0));
        this.feedX = null;
        this.feedY = null;
      } else {
        this.dataX = null;
        this.dataY = null;
        this.permutation = null;
        this.batchIndex = null;
        this.feedX = data.withName("x").placeholder(config.precision().type(),
            Placeholder.shape(Shape.of(prepend(-1, feature))));
        this.feedY = data.withName("y").placeholder(yType, Placeholder.shape(Shape.of(yShape)));
        x = feedX;
        y = feedY;
      }

      this.step = new StepBuilder(graph, model, config, x, y, stepVar, epochVar, skippedVar);
      Ops m = step.tf();
      Operand<TFloating> batch = graph.cast(m.reshape(m.shape.size(x, m.constant(0)), m.constant(new long[0])));
      this.lossSum = graph.floatVariable("metrics/loss_sum", Shape.scalar(), VariableInit.fill(0));
      this.examples = graph.floatVariable("metrics/examples", Shape.scalar(), VariableInit.fill(0));
      step.accumulate(lossSum, m.math.mul(step.dataLoss(), batch));
      step.accumulate(examples, batch);
      if (loss.classification()) {
        this.correct = graph.floatVariable("metrics/correct", Shape.scalar(), VariableInit.fill(0));
        ClassificationOps c = new ClassificationOps(graph, m, train.numClasses());
        step.accumulate(correct, c.correct(step.output(), y));
        if (config.macroMetrics()) {
          int k = train.numClasses();
          this.confusion = graph.floatVariable("metrics/confusion", Shape.of(k, k), VariableInit.fill(0));
          step.accumulate(confusion, c.confusion(step.output(), y));
        } else {
          this.confusion = null;
        }
      } else {
        this.correct = null;
        this.confusion = null;
      }

      Optimizer optimizer = config.optimizer();
      optimizer.build(step);
      if (config.schedule() != null && !step.scheduleFactorRead()) {
        // A schedule the optimizer never multiplies in would be silently ignored.
        throw new IllegalArgumentException("optimizer " + optimizer.name()
            + " does not apply learning-rate schedules (it never reads StepContext.learningRateFactor());"
            + " train it without a schedule");
      }
      this.stepOp = step.appliedOp();

      Ops reset = tf.withSubScope("epoch_reset");
      for (ResourceVariable v : List.of(lossSum, examples)) {
        epochResets.add(v.assign(reset, reset.zerosLike(v.read(reset))));
      }
      if (correct != null) {
        epochResets.add(correct.assign(reset, reset.zerosLike(correct.read(reset))));
      }
      if (confusion != null) {
        epochResets.add(confusion.assign(reset, reset.zerosLike(confusion.read(reset))));
      }
      for (EpochAccumulator a : step.accumulators()) {
        epochResets.add(a.variable().assign(reset, graph.constant(reset, a.reduction().identity())));
      }
      this.evaluator = new Evaluator(graph, model, loss, train.featureShape(), yType, yShape,
          loss.classification() ? train.numClasses() : 0);
      // Last, so they cover every variable; before the session, so saving never grows the graph.
      this.checkpointOps = CheckpointOps.build(graph, stepVar, epochVar);
      this.session = new StrideSession(graph, config.sessionOptions());
      ok = true;
    } finally {
      if (!ok) {
        graph.close();
      }
    }
  }

  private static void checkData(Sequential spec, Loss loss, Dataset train) {
    long[] expected = spec.inputShape();
    if (!Arrays.equals(expected, train.featureShape())) {
      throw new IllegalArgumentException("the model expects inputs of shape " + Arrays.toString(expected)
          + " but data set '" + train.name() + "' has examples of shape " + Arrays.toString(train.featureShape()));
    }
    if (train.size() == 0) {
      throw new IllegalArgumentException("data set '" + train.name() + "' is empty");
    }
    long[] out = spec.outputShape();
    if (out.length != 1) {
      throw new IllegalArgumentException("the model's output must be flat [width], got " + Arrays.toString(out));
    }
    loss.check(out[0], train.isClassification(),
        train.isClassification() ? train.numClasses() : train.targetWidth());
  }

  private static long[] prepend(long first, long[] rest) {
    long[] s = new long[rest.length + 1];
    s[0] = first;
    System.arraycopy(rest, 0, s, 1, rest.length);
    return s;
  }

  /** Initialises every variable (parameters from the seed) and stages the training data. */
  public void initialize() {
    session.initialize();
    if (config.staged()) {
      try (Tensor xs = featureTensor(train, dataX.shape())) {
        session.write(dataX, xs);
      }
      try (Tensor ys = targetsTensor(train, dataY.shape())) {
        session.write(dataY, ys);
      }
    }
    initialized = true;
  }

  /** Whether {@link #initialize} has run: a trainer initialises a fresh graph, never a trained one. */
  public boolean initialized() {
    return initialized;
  }

  /** Features of {@code d} as a tensor of the graph's precision; float32 skips the double copy. */
  private Tensor featureTensor(Dataset d, Shape shape) {
    return config.precision() == Precision.FLOAT32
        ? Tensors.ofFloats(shape, d.features())
        : Tensors.of(config.precision(), shape, toDoubles(d.features()));
  }

  private Tensor targetsTensor(Dataset d, Shape shape) {
    if (d.isClassification()) {
      return Tensors.ofInts(shape, d.labels());
    }
    return Tensors.of(config.precision(), shape, toDoubles(d.targets()));
  }

  static double[] toDoubles(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  /** Steps in one epoch (the last batch may be partial). */
  public int batchesPerEpoch() {
    return (train.size() + config.batchSize() - 1) / config.batchSize();
  }

  /**
   * Prepares epoch {@code epoch}: sets the epoch counter, resets epoch metrics and accumulators, and
   * shuffles with a permutation derived from (seed, epoch), so a resumed run sees the same order.
   */
  public void startEpoch(long epoch) {
    session.write(epochVar, new double[] {epoch});
    Session.Runner r = session.raw().runner();
    epochResets.forEach(r::addTarget);
    r.run().close();
    int[] order = Dataset.permutation(train.size(), config.seed() * 1_000_003L + epoch);
    if (config.staged()) {
      try (Tensor t = Tensors.ofInts(permutation.shape(), order)) {
        session.write(permutation, t);
      }
    } else {
      this.epochOrder = order;
    }
  }

  /**
   * Runs training step {@code batch} of the current epoch.
   *
   * @param fetchReports whether to fetch the optimizer's telemetry (at the logging interval only)
   * @return the telemetry, or an empty map
   */
  public Map<String, Double> runStep(int batch, boolean fetchReports) {
    return runStep(batch, fetchReports, false).telemetry();
  }

  /**
   * Runs training step {@code batch} of the current epoch, optionally fetching with it (in the same
   * {@code Session.run}, from one two-element tensor) the step's loss and whether it was applied
   * or skipped for a non-finite value.
   *
   * @param fetchReports whether to fetch the optimizer's telemetry (at the logging interval only)
   * @param fetchOutcome whether to fetch the loss and the applied flag; without it the result's
   *     loss is NaN and its applied flag true
   */
  public StepResult runStep(int batch, boolean fetchReports, boolean fetchOutcome) {
    if (batch < 0 || batch >= batchesPerEpoch()) {
      throw new IllegalArgumentException("batch index " + batch + " outside [0, " + batchesPerEpoch() + ")");
    }
    Session.Runner r = session.raw().runner().addTarget(stepOp);
    if (fetchReports) {
      loggedStepTargets.forEach(r::addTarget);
    }
    List<Tensor> fed = new ArrayList<>();
    try {
      if (config.staged()) {
        Tensor t = Tensors.scalar(batch);
        fed.add(t);
        r.feed(batchIndex, t);
      } else {
        if (epochOrder == null) {
          throw new IllegalStateException("call startEpoch before runStep");
        }
        int from = batch * config.batchSize();
        int to = Math.min(train.size(), from + config.batchSize());
        Dataset b = train.subset(Arrays.copyOfRange(epochOrder, from, to));
        Tensor xs = featureTensor(b, Shape.of(prepend(b.size(), b.featureShape())));
        fed.add(xs);
        Tensor ys = targetsTensor(b, b.isClassification() ? Shape.of(b.size()) : Shape.of(b.size(), b.targetWidth()));
        fed.add(ys);
        r.feed(feedX, xs).feed(feedY, ys);
      }
      List<String> names = new ArrayList<>();
      if (fetchReports) {
        for (Map.Entry<String, Operand<TFloating>> e : step.reports().entrySet()) {
          names.add(e.getKey());
          r.fetch(e.getValue());
        }
      }
      if (fetchOutcome) {
        r.fetch(step.outcome());
      }
      try (Result result = r.run()) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
          out.put(names.get(i), Tensors.scalarValue(result.get(i)));
        }
        if (!fetchOutcome) {
          return new StepResult(out, Double.NaN, true);
        }
        double[] o = Tensors.toDoubles(result.get(names.size()));
        return new StepResult(out, o[0], o[1] != 0);
      }
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  /**
   * Ends the current epoch: reads its training metrics, then lets the optimizer read its epoch
   * accumulators and set hyperparameters, and advances the epoch counter.
   */
  public Metrics finishEpoch() {
    Metrics m = runningMetrics();
    long epoch = epoch();
    config.optimizer().onEpochEnd(new EpochHost() {
      @Override
      public long epoch() {
        return epoch;
      }

      @Override
      public double read(EpochAccumulator accumulator) {
        return TrainingGraph.this.read(accumulator.variable());
      }

      @Override
      public double get(Hyper hyper) {
        return TrainingGraph.this.read(hyper.variable());
      }

      @Override
      public void set(Hyper hyper, double value) {
        setHyper(hyper.name(), value);
      }
    });
    session.write(epochVar, new double[] {epoch + 1});
    return m;
  }

  /**
   * The current epoch's training metrics over the steps run so far, read in one small {@code
   * Session.run}: a trainer reads them at its logging interval, not every step.
   */
  public Metrics runningMetrics() {
    // One run for all of them: a trainer reads these at every logged step and every epoch end.
    Session.Runner r = session.raw().runner().fetch(lossSum.hostRead()).fetch(examples.hostRead());
    if (correct != null) {
      r.fetch(correct.hostRead());
    }
    if (confusion != null) {
      r.fetch(confusion.hostRead());
    }
    try (Result res = r.run()) {
      double hits = correct == null ? Double.NaN : Tensors.scalarValue(res.get(2));
      double[] counts = confusion == null ? null : Tensors.toDoubles(res.get(3));
      return Metrics.of(Tensors.scalarValue(res.get(0)), hits, counts, (long) Tensors.scalarValue(res.get(1)));
    }
  }

  private double read(ResourceVariable v) {
    return session.read(v)[0];
  }

  /** Loss and metrics of the current weights on {@code data}, in inference mode. */
  public Metrics evaluate(Dataset data, int batchSize) {
    return evaluator.evaluate(session, data, batchSize, config.precision());
  }

  /**
   * The norms of the penultimate activations of {@code data} in inference mode, in order, {@code
   * batchSize} examples per chunk, at the current weights: LipschitzLR's separate {@code K_z} pass.
   */
  public PenultimateNorms penultimateNorms(Dataset data, int batchSize) {
    return evaluator.penultimateNorms(session, data, batchSize, config.precision());
  }

  /** The model's outputs (logits for cross-entropy models) for every example, row-major. */
  public float[] predict(Dataset data, int batchSize) {
    return evaluator.predict(session, data, batchSize, config.precision());
  }

  /** Updates applied so far. */
  public long step() {
    return (long) read(stepVar);
  }

  /** The current epoch counter. */
  public long epoch() {
    return (long) read(epochVar);
  }

  /** Steps skipped for a non-finite loss or gradient. */
  public long skippedSteps() {
    return (long) read(skippedVar);
  }

  /** The optimizer's runtime hyperparameters by name. */
  public Map<String, Hyper> hypers() {
    return step.hypers();
  }

  /** Sets a runtime hyperparameter; the next step uses it. */
  public void setHyper(String name, double value) {
    Hyper h = hyperNamed(name);
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("hyperparameter '" + name + "' must be finite, got " + value);
    }
    session.write(h.variable(), new double[] {value});
  }

  /** Current value of a runtime hyperparameter. */
  public double hyper(String name) {
    return read(hyperNamed(name).variable());
  }

  private Hyper hyperNamed(String name) {
    Hyper h = step.hypers().get(name);
    if (h == null) {
      throw new IllegalArgumentException("optimizer " + config.optimizer().name() + " has no hyperparameter '"
          + name + "'; it has " + step.hypers().keySet());
    }
    return h;
  }

  /**
   * Adds an op that runs in the same {@code Session.run} as every step that fetches telemetry
   * (TensorBoard's gradient histograms). Build such ops before the first step, from {@link
   * #gradients()} and {@link #stepCounterValue()}: the graph must not grow while training.
   */
  public void runWithLoggedSteps(Op target) {
    loggedStepTargets.add(java.util.Objects.requireNonNull(target, "target"));
  }

  /** Every parameter's gradient in the step, as the optimizer sees it (after clipping). */
  public Map<Param, Operand<TFloating>> gradients() {
    return step.gradients();
  }

  /** The step counter as read at the start of the step, before the step's own update. */
  public Operand<TInt64> stepCounterValue() {
    return step.stepValue();
  }

  /** Names of the optimizer's telemetry reports. */
  public List<String> reportNames() {
    return List.copyOf(step.reports().keySet());
  }

  /** Current value of every parameter, by name. */
  public Map<String, double[]> weights() {
    Map<String, double[]> w = new LinkedHashMap<>();
    for (Param p : model.params()) {
      w.put(p.name(), session.read(p.variable()));
    }
    for (ResourceVariable s : model.states()) {
      w.put(s.name(), session.read(s));
    }
    return w;
  }

  /**
   * Overwrites parameters (and layer state) by name; every given name must exist with its size.
   * Before the first update, optimizer state that starts as a copy of a parameter (the x₀ of DoG,
   * Prodigy or COCOB) is copied again, so that it starts from the written weights, as when a model
   * is fitted a second time.
   */
  public void setWeights(Map<String, double[]> weights) {
    Map<String, ResourceVariable> byName = new LinkedHashMap<>();
    model.params().forEach(p -> byName.put(p.name(), p.variable()));
    model.states().forEach(s -> byName.put(s.name(), s));
    for (Map.Entry<String, double[]> e : weights.entrySet()) {
      ResourceVariable v = byName.get(e.getKey());
      if (v == null) {
        throw new IllegalArgumentException("the model has no parameter '" + e.getKey() + "'; it has " + byName.keySet());
      }
      session.write(v, e.getValue());
    }
    if (step() == 0) {
      session.copyAgain();
    }
  }

  /**
   * Saves parameters, optimizer state, hyperparameters, metrics and counters as a new checkpoint in
   * {@code directory}, keeping the last {@value Checkpoints#DEFAULT_KEEP} (see {@link Checkpoints}).
   * Save after {@link #finishEpoch} to resume bit-exactly.
   *
   * @return the new checkpoint's directory
   */
  public Path save(Path directory) {
    return Checkpoints.save(session, checkpointOps, directory);
  }

  /**
   * As {@link #save(Path)}, with {@code hostState} (numbers kept outside the graph, such as
   * callbacks' counters) written into the same checkpoint and published with it atomically; read
   * it back with {@link Checkpoints#readHostState}.
   */
  public Path save(Path directory, Map<String, double[]> hostState) {
    return Checkpoints.save(session, checkpointOps, directory, Checkpoints.DEFAULT_KEEP, hostState);
  }

  /**
   * Restores the latest checkpoint of {@code directory}, or the checkpoint directory {@code path}
   * itself, after checking that it holds exactly this graph's variables. Staged data is not part
   * of a checkpoint: call {@link #initialize} first, then restore, then {@code startEpoch(epoch())}.
   */
  public Manifest restore(Path path) {
    return Checkpoints.restore(session, checkpointOps, path);
  }

  /** The latest checkpoint in {@code directory}, or empty if none was saved there. */
  public Optional<Path> latestCheckpoint(Path directory) {
    return Checkpoints.latest(directory);
  }

  public TrainingConfig config() {
    return config;
  }

  public Model model() {
    return model;
  }

  public StrideGraph graph() {
    return graph;
  }

  public StrideSession session() {
    return session;
  }

  /** The training set. */
  public Dataset trainingData() {
    return train;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}

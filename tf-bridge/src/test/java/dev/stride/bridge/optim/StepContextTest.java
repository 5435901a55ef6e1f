package dev.stride.bridge.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stride.bridge.Param;
import dev.stride.bridge.Precision;
import dev.stride.bridge.ResourceVariable;
import dev.stride.bridge.Sequential;
import dev.stride.bridge.VariableInit;
import dev.stride.bridge.data.Dataset;
import dev.stride.bridge.layers.Activation;
import dev.stride.bridge.layers.Dense;
import dev.stride.bridge.losses.MeanSquaredError;
import dev.stride.bridge.train.TrainingConfig;
import dev.stride.bridge.train.TrainingGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Exercises every part of the optimizer contract with a probe optimizer: look-ahead, penultimate
 * activations, slots and state, runtime hyperparameters, epoch accumulators, telemetry, and the
 * host hook between epochs. Double precision, so the host-side checks can be tight.
 */
class StepContextTest {
  static final double SHIFT = 0.01;

  /** Plain gradient descent that also probes every part of the context. */
  static final class Probe implements Optimizer {
    Hyper lr;
    EpochAccumulator maxPenultimateNorm;
    double seenAccumulator = Double.NaN;

    @Override
    public String name() {
      return "probe";
    }

    @Override
    public Op build(StepContext ctx) {
      Ops tf = ctx.tf();
      lr = ctx.hyper("learning_rate", 0.05);
      Slot calls = ctx.state("calls", Shape.scalar(), VariableInit.fill(0));
      Map<Param, Operand<TFloating>> shifted = new LinkedHashMap<>();
      for (Param p : ctx.params()) {
        shifted.put(p, tf.math.add(ctx.variable(p).value(), ctx.constant(SHIFT)));
      }
      Lookahead ahead = ctx.lookahead(shifted);
      Operand<TFloating> penNorm = tf.math.sqrt(tf.reduceSum(tf.math.square(ctx.penultimate()), tf.constant(new int[] {0, 1})));
      maxPenultimateNorm = ctx.epochAccumulator("max_penultimate_norm", Reduction.MAX, penNorm);

      Updates updates = new Updates();
      List<Operand<TFloating>> gradSums = new ArrayList<>();
      List<Operand<TFloating>> aheadSums = new ArrayList<>();
      for (Param p : ctx.params()) {
        StepVariable theta = ctx.variable(p);
        Operand<TFloating> g = ctx.gradient(p);
        Slot previous = ctx.slot(p, "previous_gradient", VariableInit.fill(0));
        updates.set(previous, g);
        updates.set(theta, tf.math.sub(theta.value(), tf.math.mul(lr.value(), g)));
        gradSums.add(tf.reduceSum(g, tf.constant(axes(p))));
        aheadSums.add(tf.reduceSum(ahead.gradient(p), tf.constant(axes(p))));
      }
      updates.set(calls, tf.math.add(calls.value(), ctx.constant(1)));
      ctx.report("lr", lr.value());
      ctx.report("loss", ctx.loss());
      ctx.report("step", ctx.graph().cast(ctx.step()));
      ctx.report("epoch", ctx.graph().cast(ctx.epoch()));
      ctx.report("penultimate_norm", penNorm);
      ctx.report("lookahead_loss", ahead.loss());
      ctx.report("gradient_sum", tf.math.addN(gradSums));
      ctx.report("calls_before", calls.value());
      List<Operand<TFloating>> norms = new ArrayList<>();
      for (Param p : ctx.params()) {
        norms.add(ctx.gradientSquaredNorm(p));
      }
      ctx.report("gradient_squared_norm", tf.math.addN(norms));
      ctx.report("first_kernel_entry_before", tf.reshape(tf.slice(ctx.variable(ctx.params().get(0)).value(),
          tf.constant(new int[] {0, 0}), tf.constant(new int[] {1, 1})), tf.constant(new long[0])));
      ctx.report("lookahead_gradient_sum", tf.math.addN(aheadSums));
      return ctx.apply(updates);
    }

    @Override
    public void onEpochEnd(EpochHost host) {
      seenAccumulator = host.read(maxPenultimateNorm);
      host.set(lr, host.get(lr) / 2);
    }

    private static int[] axes(Param p) {
      int[] a = new int[p.variable().shape().numDimensions()];
      for (int i = 0; i < a.length; i++) {
        a[i] = i;
      }
      return a;
    }
  }

  static Dataset regression(int n) {
    SplittableRandom r = new SplittableRandom(5);
    float[] x = new float[n * 3];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        x[3 * i + j] = (float) (r.nextDouble() * 2 - 1);
      }
      y[i] = x[3 * i] - 2 * x[3 * i + 1] + 0.5f;
    }
    return Dataset.regression("linear", new long[] {3}, x, y, 1);
  }

  static Sequential model() {
    return new Sequential(new long[] {3}, List.of(new Dense(4, Activation.TANH), new Dense(1, Activation.LINEAR)));
  }

  static TrainingGraph graph(Dataset data, Optimizer opt) {
    TrainingConfig cfg = TrainingConfig.builder(MeanSquaredError.mean(), opt)
        .batchSize(data.size()).precision(Precision.FLOAT64).deterministic(true).seed(11).build();
    TrainingGraph g = new TrainingGraph(model(), cfg, data);
    g.initialize();
    return g;
  }

  @Test
  void lookaheadEqualsASeparateEvaluationAtTheShiftedPoint() {
    Dataset data = regression(40);
    try (TrainingGraph g = graph(data, new Probe())) {
      Map<String, double[]> theta = g.weights();
      g.startEpoch(0);
      Map<String, Double> r = g.runStep(0, true);

      Map<String, double[]> shifted = new LinkedHashMap<>();
      theta.forEach((k, v) -> {
        double[] s = v.clone();
        for (int i = 0; i < s.length; i++) {
          s[i] += SHIFT;
        }
        shifted.put(k, s);
      });
      try (TrainingGraph at = graph(data, new Probe())) {
        at.setWeights(shifted);
        assertThat(at.evaluate(data, 40).loss()).isCloseTo(r.get("lookahead_loss"), within(1e-12));
        at.startEpoch(0);
        Map<String, Double> there = at.runStep(0, true);
        assertThat(there.get("gradient_sum")).isCloseTo(r.get("lookahead_gradient_sum"), within(1e-12));
        assertThat(there.get("loss")).isCloseTo(r.get("lookahead_loss"), within(1e-12));
      }
      assertThat(r.get("loss")).isNotCloseTo(r.get("lookahead_loss"), within(1e-9));
    }
  }

  @Test
  void penultimateActivationsFeedAnEpochAccumulatorReadBetweenEpochs() {
    Dataset data = regression(40);
    Probe probe = new Probe();
    TrainingConfig cfg = TrainingConfig.builder(MeanSquaredError.mean(), probe)
        .batchSize(10).precision(Precision.FLOAT64).deterministic(true).seed(11).build();
    try (TrainingGraph g = new TrainingGraph(model(), cfg, data)) {
      g.initialize();
      g.startEpoch(0);
      double max = Double.NEGATIVE_INFINITY;
      for (int b = 0; b < g.batchesPerEpoch(); b++) {
        // Host check of the penultimate layer: ‖tanh(x·W1 + b1)‖_F over this batch, before the update.
        double expected = penultimateNorm(g, data, b);
        double reported = g.runStep(b, true).get("penultimate_norm");
        assertThat(reported).isCloseTo(expected, within(1e-9));
        max = Math.max(max, reported);
      }
      g.finishEpoch();
      assertThat(probe.seenAccumulator).isEqualTo(max);
      assertThat(g.hyper("learning_rate")).isEqualTo(0.025);
      g.startEpoch(1);
      Map<String, Double> r = g.runStep(0, true);
      assertThat(r.get("lr")).isEqualTo(0.025);
      assertThat(r.get("step")).isEqualTo(4.0);
      assertThat(r.get("epoch")).isEqualTo(1.0);
    }
  }

  private static double penultimateNorm(TrainingGraph g, Dataset data, int batch) {
    Map<String, double[]> w = g.weights();
    double[] k = w.get("dense_1/kernel");
    double[] bias = w.get("dense_1/bias");
    int[] order = Dataset.permutation(data.size(), g.config().seed() * 1_000_003L);
    double sum = 0;
    for (int i = batch * 10; i < batch * 10 + 10; i++) {
      int row = order[i];
      for (int u = 0; u < 4; u++) {
        double z = bias[u];
        for (int j = 0; j < 3; j++) {
          z += data.features()[row * 3 + j] * k[j * 4 + u];
        }
        sum += Math.tanh(z) * Math.tanh(z);
      }
    }
    return Math.sqrt(sum);
  }

  @Test
  void slotsStateAndHyperparametersAreVariablesTheHostCanReadAndSet() {
    Dataset data = regression(20);
    try (TrainingGraph g = graph(data, new Probe())) {
      Map<String, double[]> before = g.weights();
      g.setHyper("learning_rate", 0.2);
      g.startEpoch(0);
      g.runStep(0, false);
      g.runStep(0, false);
      ResourceVariable calls = variable(g, "opt/calls");
      assertThat(g.session().read(calls)).containsExactly(2);
      assertThat(g.session().read(variable(g, "opt/dense_2/bias/previous_gradient"))).hasSize(1);
      assertThat(g.weights().get("dense_2/bias")[0]).isNotEqualTo(before.get("dense_2/bias")[0]);
      assertThatThrownBy(() -> g.setHyper("momentum", 0.9))
          .hasMessageContaining("has no hyperparameter 'momentum'").hasMessageContaining("learning_rate");
      assertThatThrownBy(() -> g.setHyper("learning_rate", Double.NaN)).hasMessageContaining("must be finite");
    }
  }

  @Test
  void aReportFetchedWithAStepSeesTheValuesOfTheStepStartAlthoughTheStepAssignsThem() {
    Dataset data = regression(20);
    try (TrainingGraph g = graph(data, new Probe())) {
      g.startEpoch(0);
      // Reports are not ordered before the assigns; they must still read the old state.
      for (int k = 0; k < 3; k++) {
        double kernelEntry = g.weights().get("dense_1/kernel")[0];
        Map<String, Double> r = g.runStep(0, k != 1);
        if (k != 1) {
          assertThat(r.get("calls_before")).as("step " + k).isEqualTo(k);
          assertThat(r.get("first_kernel_entry_before")).as("step " + k).isEqualTo(kernelEntry);
        } else {
          assertThat(r).as("a step that fetches nothing reports nothing").isEmpty();
        }
      }
      assertThat(g.session().read(variable(g, "opt/calls"))).containsExactly(3);
    }
  }

  @Test
  void stepsThatFetchReportsTrainExactlyAsStepsThatDoNot() {
    Dataset data = regression(20);
    try (TrainingGraph fetching = graph(data, new Probe()); TrainingGraph silent = graph(data, new Probe())) {
      fetching.startEpoch(0);
      silent.startEpoch(0);
      for (int k = 0; k < 4; k++) {
        fetching.runStep(0, true);
        silent.runStep(0, false);
      }
      assertThat(silent.weights()).containsExactlyInAnyOrderEntriesOf(fetching.weights());
    }
  }

  @Test
  void theGradientSquaredNormIsTheSumOfSquaresOfTheGradients() {
    Dataset data = regression(20);
    try (TrainingGraph g = graph(data, new Probe())) {
      g.startEpoch(0);
      // The whole data set is one batch, so the step's gradient is the full-data gradient at these weights.
      Map<String, double[]> gradients = hostGradients(g, data);
      Map<String, Double> r = g.runStep(0, true);
      double expected = 0;
      for (Map.Entry<String, double[]> e : gradients.entrySet()) {
        for (double v : e.getValue()) {
          expected += v * v;
        }
      }
      // Central differences at h = 1e-6 in float64 agree with the exact gradient to about 1e-9.
      assertThat(r.get("gradient_squared_norm")).isCloseTo(expected, within(1e-7 * expected));
    }
  }

  /** Central differences of the mean squared error at the graph's weights, over the whole data set. */
  private static Map<String, double[]> hostGradients(TrainingGraph g, Dataset data) {
    Map<String, double[]> w = g.weights();
    Map<String, double[]> grads = new LinkedHashMap<>();
    for (String name : List.of("dense_1/kernel", "dense_1/bias", "dense_2/kernel", "dense_2/bias")) {
      double[] values = w.get(name);
      double[] gradient = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        double keep = values[i];
        values[i] = keep + 1e-6;
        double up = hostLoss(w, data);
        values[i] = keep - 1e-6;
        double down = hostLoss(w, data);
        values[i] = keep;
        gradient[i] = (up - down) / 2e-6;
      }
      grads.put(name, gradient);
    }
    return grads;
  }

  private static double hostLoss(Map<String, double[]> w, Dataset data) {
    double[] k1 = w.get("dense_1/kernel");
    double[] b1 = w.get("dense_1/bias");
    double[] k2 = w.get("dense_2/kernel");
    double[] b2 = w.get("dense_2/bias");
    double sum = 0;
    for (int row = 0; row < data.size(); row++) {
      double out = b2[0];
      for (int u = 0; u < 4; u++) {
        double z = b1[u];
        for (int j = 0; j < 3; j++) {
          z += data.features()[row * 3 + j] * k1[j * 4 + u];
        }
        out += Math.tanh(z) * k2[u];
      }
      double e = out - data.targets()[row];
      sum += e * e;
    }
    return sum / data.size();
  }

  @Test
  void anOptimizerThatForgetsToApplyIsRejected() {
    Optimizer lazy = new Optimizer() {
      @Override
      public String name() {
        return "lazy";
      }

      @Override
      public Op build(StepContext ctx) {
        return ctx.tf().noOp();
      }
    };
    assertThatThrownBy(() -> graph(regression(10), lazy)).hasMessageContaining("did not call ctx.apply");
  }

  private static ResourceVariable variable(TrainingGraph g, String name) {
    return g.graph().variables().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
  }
}

package dev.stride.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stride.bridge.Precision;
import dev.stride.bridge.Sequential;
import dev.stride.bridge.data.Dataset;
import dev.stride.bridge.layers.Activation;
import dev.stride.bridge.layers.Dense;
import dev.stride.bridge.losses.SoftmaxCrossEntropy;
import dev.stride.bridge.metrics.Metrics;
import dev.stride.bridge.optim.Optimizer;
import dev.stride.bridge.testkit.FedGradientModel;
import dev.stride.bridge.testkit.TestTraining;
import dev.stride.bridge.train.TrainingConfig;
import dev.stride.bridge.train.TrainingGraph;
import dev.stride.bridge.train.schedules.Schedule;
import dev.stride.optimizers.papers.AdamScale;
import dev.stride.optimizers.papers.Cocob;
import dev.stride.optimizers.papers.DAdaptAdam;
import dev.stride.optimizers.papers.DAdaptSgd;
import dev.stride.optimizers.papers.Dog;
import dev.stride.optimizers.papers.IterateAverage;
import dev.stride.optimizers.papers.Prodigy;
import dev.stride.optimizers.papers.PsDaSgd;
import dev.stride.optimizers.papers.Sps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The documented policies of the learning-rate-free methods at their edges (ALGORITHMS.md §3, §6):
 * D-Adaptation's and Prodigy's all-zero first gradient, SPS below f* and its smoothing cap after a
 * zero step, x₀ when weights are written before training, and evaluating DoG's averaged iterate.
 */
class LearningRateFreeEdgeCasesTest {
  private static final String KERNEL = FedGradientModel.PARAMS.get(0);

  private static double[][] zeros() {
    double[][] g = OptimizerSuiteTest.gradients(0);
    for (double[] row : g) {
      java.util.Arrays.fill(row, 0);
    }
    return g;
  }

  private static double distance(double[][] a, double[][] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        s += (a[i][j] - b[i][j]) * (a[i][j] - b[i][j]);
      }
    }
    return Math.sqrt(s);
  }

  private static double norm(double[][] g) {
    return distance(g, zeros());
  }

  /**
   * Zero first gradients change nothing and do not count (the code's "no update" branch instead of
   * its division by ‖g₀‖ = 0); the first nonzero gradient is g₀, and the first step then moves the
   * parameters by (1 − μ)·d₀·γ.
   */
  private static void zeroFirstGradientsAreNoUpdates(Optimizer optimizer, double firstStepLength) {
    try (FedGradientModel m = new FedGradientModel(optimizer, Precision.FLOAT64)) {
      Map<String, double[]> start = m.variables();
      for (int k = 0; k < 3; k++) {
        Map<String, Double> reports = m.step(zeros(), 1.0);
        Map<String, double[]> now = m.variables();
        assertThat(reports.get("lr")).as("λ with ‖g₀‖ = 0").isZero();
        for (String var : List.of(KERNEL, "opt/" + DAdaptSgd.K, "opt/" + DAdaptSgd.D, "opt/" + DAdaptSgd.NUMERATOR)) {
          assertThat(now.get(var)).as("zero step %d: %s", k + 1, var).containsExactly(start.get(var));
        }
      }
      double[][] before = m.params();
      double[][] g = OptimizerSuiteTest.gradients(0);
      m.step(g, 1.0);
      Map<String, double[]> after = m.variables();
      assertThat(after.get("opt/" + DAdaptSgd.K)).containsExactly(1.0);
      if (optimizer.name().equals("dadapt-sgd")) {
        assertThat(after.get("opt/" + DAdaptSgd.G0_NORM)[0]).isCloseTo(norm(g), within(1e-12));
      }
      assertThat(distance(before, m.params())).as("first step length").isCloseTo(firstStepLength, within(1e-15));
    }
  }

  @Test
  void dadaptSgdTakesTheFirstNonzeroGradientAsG0() {
    zeroFirstGradientsAreNoUpdates(DAdaptSgd.builder().build().optimizer(), 1e-6);
  }

  @Test
  void psDaSgdTakesTheFirstNonzeroGradientAsG0AndMovesD0InTheParametersUnits() {
    zeroFirstGradientsAreNoUpdates(PsDaSgd.provisional(), 0.1 * 1e-6);
  }

  @Test
  void dadaptAdamAndProdigySkipAllZeroGradientsWithoutCounting() {
    for (Optimizer o : List.of(DAdaptAdam.builder().build(), new Prodigy())) {
      String k = o.name().equals("prodigy") ? Prodigy.K : DAdaptAdam.K;
      try (FedGradientModel m = new FedGradientModel(o, Precision.FLOAT64)) {
        double[][] start = m.params();
        m.step(zeros(), 1.0);
        m.step(zeros(), 1.0);
        assertThat(m.params()[0]).as(o.name()).containsExactly(start[0]);
        assertThat(m.variables().get("opt/" + k)).as(o.name()).containsExactly(0.0);
        m.step(OptimizerSuiteTest.gradients(0), 1.0);
        assertThat(m.variables().get("opt/" + k)).as(o.name()).containsExactly(1.0);
        assertThat(m.params()[0][0]).as(o.name()).isNotEqualTo(start[0][0]);
      }
    }
  }

  /**
   * A schedule that reaches 0 stops the distance estimate d where it is, as the authors' code does
   * under a scheduler that sets lr = 0 (its "d only while lr &gt; 0" test). On one gradient repeated,
   * d grows at its growth limit while γ_k &gt; 0 (so it would go on growing without that test), then
   * not at all.
   */
  @Test
  void aScheduleFactorOfZeroStopsTheDistanceEstimate() {
    Map<Optimizer, String> estimates = new LinkedHashMap<>();
    estimates.put(DAdaptSgd.builder().growthRate(1.1).build().optimizer(), DAdaptSgd.D);
    estimates.put(PsDaSgd.provisional(DAdaptSgd.builder().growthRate(1.1).build(), new AdamScale()), DAdaptSgd.D);
    estimates.put(DAdaptAdam.builder().growthRate(1.1).build(), DAdaptAdam.D);
    estimates.put(Prodigy.builder().growthRate(1.1).build(), Prodigy.D);
    double[][] g = OptimizerSuiteTest.gradients(1);
    for (Map.Entry<Optimizer, String> e : estimates.entrySet()) {
      String name = e.getKey().name();
      String d = "opt/" + e.getValue();
      try (FedGradientModel m = new FedGradientModel(e.getKey(), Precision.FLOAT64,
          c -> c.schedule(Schedule.linearWarmup(5, Schedule.constant(0))))) {
        double d0 = m.variables().get(d)[0];
        for (int k = 0; k < 5; k++) {
          m.step(g, 1.0);
        }
        double grown = m.variables().get(d)[0];
        assertThat(grown).as("%s: d after five steps at γ_k > 0", name).isGreaterThan(1.05 * d0);
        for (int k = 5; k < 8; k++) {
          double before = m.variables().get(d)[0];
          assertThat(m.step(g, 1.0).get("lr")).as("%s: the rate at γ_k = 0", name).isZero();
          // Exactly for all but PS-DA-SGD, whose d also follows its scale ratio (here 1 up to rounding).
          assertThat(m.variables().get(d)[0]).as("%s: d at γ_k = 0, step %d", name, k + 1)
              .isCloseTo(before, within(1e-12 * before));
        }
      }
    }
  }

  @Test
  void spsTakesNoStepBelowFStarAndKeepsItsSmoothingCap() {
    Sps rule = Sps.builder().build();
    try (FedGradientModel m = new FedGradientModel(rule.optimizer(), Precision.FLOAT64)) {
      double[][] start = m.params();
      Map<String, Double> below = m.step(OptimizerSuiteTest.gradients(0), -0.25);
      assertThat(below.get("lr")).as("step below f* = 0").isZero();
      assertThat(m.params()[0]).containsExactly(start[0]);
      assertThat(m.variables().get("opt/" + Sps.PREVIOUS_STEP)).containsExactly(1.0);
      // The next step is capped by τ^(1/n) times the step before the zero one (here the initial 1),
      // not by 0.
      double[][] g = OptimizerSuiteTest.gradients(1);
      double polyak = 1.5 / (0.5 * norm(g) * norm(g) + 1e-8);
      double expected = Math.min(Math.pow(2, 1.0 / 500), polyak);
      assertThat(m.step(g, 1.5).get("lr")).isCloseTo(expected, within(1e-12)).isPositive();
    }
  }

  @Test
  void aZeroGradientStepDoesNotLatchSpsSmoothingAtZero() {
    try (FedGradientModel m = new FedGradientModel(Sps.builder().build().optimizer(), Precision.FLOAT64)) {
      double first = m.step(OptimizerSuiteTest.gradients(0), 1.5).get("lr");
      assertThat(first).isPositive();
      assertThat(m.step(zeros(), 1.5).get("lr")).as("zero-gradient step").isZero();
      assertThat(m.variables().get("opt/" + Sps.PREVIOUS_STEP)).as("γ_prev after the zero step")
          .containsExactly(first);
      // The authors' code would store 0 here and cap every later step at τ^(b/n)·0 = 0.
      double[][] g = OptimizerSuiteTest.gradients(2);
      double polyak = 1.5 / (0.5 * norm(g) * norm(g) + 1e-8);
      assertThat(m.step(g, 1.5).get("lr")).isCloseTo(Math.min(Math.pow(2, 1.0 / 500) * first, polyak),
          within(1e-12)).isPositive();
    }
  }

  @Test
  void spsRejectsANonPositiveBatchCountNamingIt() {
    assertThatThrownBy(() -> Sps.builder().batchesPerEpoch(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batches per epoch").hasMessageContaining("got 0");
  }

  private static TrainingGraph classifier(Optimizer optimizer) {
    Sequential mlp = new Sequential(new long[] {2},
        List.of(new Dense(8, Activation.RELU), new Dense(3, Activation.LINEAR)));
    TrainingConfig config = TrainingConfig.builder(new SoftmaxCrossEntropy(), optimizer)
        .batchSize(16).seed(4).deterministic(true).precision(Precision.FLOAT64).build();
    return new TrainingGraph(mlp, config, EndToEndTrainingTest.blobs(64, 6));
  }

  @Test
  void theAveragedIterateIsThePolynomialAverageAndEvaluatesWithoutDisturbingTraining() {
    Dataset test = EndToEndTrainingTest.blobs(48, 7);
    double gamma = 8;
    try (TrainingGraph g = classifier(new Dog(1e-4, 1, 1e-8, new IterateAverage(gamma)))) {
      g.initialize();
      Map<String, double[]> average = new LinkedHashMap<>();
      int t = 0;
      for (int epoch = 0; epoch < 3; epoch++) {
        g.startEpoch(epoch);
        for (int b = 0; b < g.batchesPerEpoch(); b++) {
          g.runStep(b, false);
          t++;
          double w = (gamma + 1) / (t + gamma);
          for (var e : g.weights().entrySet()) {
            double[] avg = average.computeIfAbsent(e.getKey(), k -> new double[e.getValue().length]);
            for (int j = 0; j < avg.length; j++) {
              avg[j] = (1 - w) * avg[j] + w * e.getValue()[j];
            }
          }
        }
        g.finishEpoch();
      }
      Map<String, double[]> averaged = IterateAverage.averagedWeights(g);
      assertThat(averaged.keySet()).isEqualTo(average.keySet());
      averaged.forEach((name, values) -> {
        for (int j = 0; j < values.length; j++) {
          assertThat(values[j]).as("%s[%d]", name, j).isCloseTo(average.get(name)[j], within(1e-12));
        }
      });
      Map<String, double[]> trained = g.weights();
      assertThat(trained.get("dense_1/kernel")).as("the average differs from the last iterate")
          .isNotEqualTo(averaged.get("dense_1/kernel"));

      Metrics viaHelper = IterateAverage.evaluate(g, test, 16);
      g.weights().forEach((name, values) ->
          assertThat(values).as("restored " + name).containsExactly(trained.get(name)));
      g.setWeights(averaged);
      Metrics direct = g.evaluate(test, 16);
      assertThat(viaHelper.loss()).isEqualTo(direct.loss());
      assertThat(viaHelper.accuracy()).isEqualTo(direct.accuracy());
    }
  }

  @Test
  void x0FollowsWeightsWrittenBeforeTheFirstUpdateOnly() {
    // What a second DSL fit does: initialise a fresh graph, then write the trained weights into it.
    for (Optimizer o : List.of(new Prodigy(), new Dog(), new Cocob())) {
      String slot = o.name().equals("cocob") ? Cocob.X1 : Prodigy.X0;
      try (TrainingGraph g = classifier(o)) {
        g.initialize();
        Map<String, double[]> written = new LinkedHashMap<>(g.weights());
        double[] kernel = written.get("dense_1/kernel").clone();
        for (int j = 0; j < kernel.length; j++) {
          kernel[j] += 0.25;
        }
        written.put("dense_1/kernel", kernel);
        g.setWeights(written);
        String x0 = "opt/dense_1/kernel/" + slot;
        assertThat(TestTraining.read(g, x0)).as(o.name()).containsExactly(kernel);
        g.startEpoch(0);
        g.runStep(0, false);
        double[] later = kernel.clone();
        later[0] = 7;
        written.put("dense_1/kernel", later);
        g.setWeights(written);
        assertThat(TestTraining.read(g, x0)).as(o.name() + " after an update").containsExactly(kernel);
      }
    }
  }

  @Test
  void evaluatingTheAverageOfAnOptimizerWithoutOneFailsNamingIt() {
    try (TrainingGraph g = classifier(new Dog())) {
      g.initialize();
      assertThatThrownBy(() -> IterateAverage.averagedWeights(g))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dog").hasMessageContaining("averaging");
    }
  }

  /**
   * Gradients that halve every step make every Adam scale shrink, so from the second step on
   * PS-DA-SGD's shrink ratio r is below 1 and shrinks d, num and s (the branch that steps with
   * unchanging scales skip): graph and reference agree, parameters and state, every step.
   */
  @Test
  void psDaSgdFollowsItsReferenceWhileEveryScaleShrinks() {
    Optimizer optimizer = PsDaSgd.provisional();
    var reference = new dev.stride.optimizers.reference.PsDaSgdReference(DAdaptSgd.builder().momentum(0.9).build(),
        new AdamScale());
    double[][] expected = FedGradientModel.INITIAL.stream().map(double[]::clone).toArray(double[][]::new);
    try (FedGradientModel m = new FedGradientModel(optimizer, Precision.FLOAT64)) {
      for (int k = 0; k < 8; k++) {
        double[][] g = OptimizerSuiteTest.gradients(0);
        for (double[] row : g) {
          for (int j = 0; j < row.length; j++) {
            row[j] *= Math.pow(0.5, k);
          }
        }
        Map<String, double[]> before = m.variables();
        m.step(g, 1.0);
        reference.step(expected, g, 1.0);
        Map<String, double[]> after = m.variables();
        OptimizerSuiteTest.assertMatchesReference(after, reference, expected, k + 1, 1e-12, 1e-12, "step " + (k + 1));
        if (k > 0) {
          // r = min(1, maxᵢ √(αₖ²/αₖ₋₁²)) from the scales the step kept: below 1, so the shrink was taken.
          double largest = 0;
          for (String param : FedGradientModel.PARAMS) {
            String scale = "opt/" + param + "/" + dev.stride.optimizers.ScaledSpace.PREVIOUS_SCALE;
            for (int j = 0; j < after.get(scale).length; j++) {
              largest = Math.max(largest, Math.sqrt(after.get(scale)[j] / before.get(scale)[j]));
            }
          }
          assertThat(largest).as("largest scale ratio of step %d", k + 1).isLessThan(1);
        }
      }
    }
  }
}

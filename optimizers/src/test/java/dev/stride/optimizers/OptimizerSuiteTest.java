package dev.stride.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.offset;

import dev.stride.bridge.Precision;
import dev.stride.bridge.Sequential;
import dev.stride.bridge.layers.Activation;
import dev.stride.bridge.layers.Dense;
import dev.stride.bridge.losses.SoftmaxCrossEntropy;
import dev.stride.bridge.optim.Optimizer;
import dev.stride.bridge.testkit.FedGradientModel;
import dev.stride.bridge.testkit.ObjectiveLayer;
import dev.stride.bridge.testkit.TestTraining;
import dev.stride.bridge.train.TrainingConfig;
import dev.stride.bridge.train.TrainingGraph;
import dev.stride.bridge.train.schedules.Schedule;
import dev.stride.optimizers.OptimizerSpecs.Invalid;
import dev.stride.optimizers.OptimizerSpecs.Outcome;
import dev.stride.optimizers.OptimizerSpecs.Spec;
import dev.stride.optimizers.OptimizerSpecs.Telemetry;
import dev.stride.optimizers.reference.ReferenceOptimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generic optimizer suite of TESTING.md (items 1–9), run for every optimizer in {@link
 * OptimizerRegistry} with its default configuration (and, for the float64 reference trajectory,
 * with the further settings its spec lists). An optimizer joins by registering and adding its
 * entry to {@link OptimizerSpecs}: reference implementation, convergence settings, outcome on huge
 * gradients, invalid hyperparameters. Gradients and losses are fed through {@link
 * FedGradientModel}, so every test runs the real fused training step.
 */
class OptimizerSuiteTest {
  private static final List<String> PARAMS = FedGradientModel.PARAMS;
  private static final int STEPS = 12;
  // TESTING.md's float32 tolerance. In float64 the graph and the reference differ only by the order
  // of rounding (expm1 vs 1 − pow in the bias correction): a few ulps, amplified by ε-sized divisors.
  private static final double F32_ABS = 1e-5;
  private static final double F32_REL = 1e-5;
  private static final double F64_ABS = 1e-12;
  private static final double F64_REL = 1e-12;

  static Stream<String> names() {
    return OptimizerRegistry.names().stream();
  }

  // ---- fixed input sequences ----

  private static double f32(double x) {
    return (float) x;
  }

  /**
   * The gradients of step {@code k}: signs and magnitudes vary per element and per step, the three
   * variables differ in scale by 60×, and one element is exactly 0 every fourth step. Rounded to
   * float32 so that float32 and float64 graphs and the reference see the same numbers.
   */
  static double[][] gradients(int k) {
    int[] sizes = FedGradientModel.sizes();
    double[] scale = {1.0, 0.05, 3.0};
    double[][] g = new double[sizes.length][];
    for (int i = 0; i < sizes.length; i++) {
      g[i] = new double[sizes[i]];
      for (int j = 0; j < sizes[i]; j++) {
        g[i][j] = f32(scale[i] * Math.sin(0.7 * k + 1.3 * j + 2.1 * i + 0.4));
      }
    }
    if (k % 4 == 2) {
      g[1][0] = 0;
    }
    return g;
  }

  /** The loss value of step {@code k}. */
  static double loss(int k) {
    return f32(1.5 + Math.cos(0.9 * k));
  }

  private static double[][] initial() {
    return FedGradientModel.INITIAL.stream().map(double[]::clone).toArray(double[][]::new);
  }

  // ---- (1) reference trajectory, (8) no graph growth ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void followsTheReferenceTrajectoryInFloat32(String name) {
    followsTheReference(name, OptimizerRegistry.create(name), Precision.FLOAT32, F32_ABS, F32_REL);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void followsTheReferenceTrajectoryInFloat64WithDefaultAndOtherSettings(String name) {
    followsTheReference(name, OptimizerRegistry.create(name), Precision.FLOAT64, F64_ABS, F64_REL);
    for (var variant : OptimizerSpecs.of(name).variants) {
      followsTheReference(name, variant.get(), Precision.FLOAT64, F64_ABS, F64_REL);
    }
  }

  private static void followsTheReference(String name, Optimizer optimizer, Precision precision, double abs,
      double rel) {
    Spec spec = OptimizerSpecs.of(name);
    ReferenceOptimizer reference = spec.reference.apply(optimizer);
    double[][] expected = initial();
    try (FedGradientModel m = new FedGradientModel(optimizer, precision)) {
      for (int k = 0; k < STEPS; k++) {
        m.step(gradients(k), loss(k));
        reference.step(expected, gradients(k), loss(k));
        endEpochIfDue(spec, m, reference, k);
        assertMatchesReference(m.variables(), reference, expected, k + 1, abs, rel, optimizer + ", step " + (k + 1));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void graphDoesNotGrowAfterTheFirstStep(String name) {
    try (FedGradientModel m = new FedGradientModel(OptimizerRegistry.create(name), Precision.FLOAT32)) {
      m.step(gradients(0), loss(0));
      int ops = m.training().graph().operationCount();
      for (int k = 1; k < 5; k++) {
        m.step(gradients(k), loss(k));
        m.variables();
        assertThat(m.training().graph().operationCount()).as("ops after step %d", k + 1).isEqualTo(ops);
      }
    }
  }

  // ---- (1) reference trajectory under a learning-rate schedule ----

  /** A schedule with its γ_k at step k, written here from its definition (not from the graph code). */
  private record ScheduleCase(String label, Schedule schedule, IntToDoubleFunction factor) {}

  /**
   * Two schedules over the {@value #STEPS} steps: a linear warm-up and a cosine decay, so that γ_k
   * differs from one step to the next (1/3, 2/3, 1, 1, then down to about 0.08), and a warm-up that
   * ends at γ_k = 0 for the last four steps (where the D-Adaptation family stops growing d and COCOB
   * stops moving).
   */
  private static final List<ScheduleCase> SCHEDULES = List.of(
      new ScheduleCase("warm-up, cosine", Schedule.linearWarmup(3, Schedule.cosine(9, 0.05)),
          k -> k < 3 ? (k + 1) / 3.0 : 0.95 * 0.5 * (1 + Math.cos(Math.PI * Math.min(k - 3, 9) / 9.0)) + 0.05),
      new ScheduleCase("warm-up, then 0", Schedule.linearWarmup(8, Schedule.constant(0)),
          k -> k < 8 ? (k + 1) / 8.0 : 0));

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void followsTheReferenceTrajectoryUnderAVaryingScheduleInFloat32(String name) {
    for (ScheduleCase schedule : SCHEDULES) {
      followsTheReferenceUnder(schedule, name, OptimizerRegistry.create(name), Precision.FLOAT32, F32_ABS, F32_REL);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void followsTheReferenceTrajectoryUnderAVaryingScheduleInFloat64WithDefaultAndOtherSettings(String name) {
    for (ScheduleCase schedule : SCHEDULES) {
      followsTheReferenceUnder(schedule, name, OptimizerRegistry.create(name), Precision.FLOAT64, F64_ABS, F64_REL);
      for (var variant : OptimizerSpecs.of(name).variants) {
        followsTheReferenceUnder(schedule, name, variant.get(), Precision.FLOAT64, F64_ABS, F64_REL);
      }
    }
  }

  /**
   * The graph under {@code schedule} against the reference stepped with the same γ_k: parameters,
   * every state variable and the counters after every step, and in float64 also the reported
   * learning rates (which include γ_k). The float32 graph computes γ_k in float64 and rounds it to
   * float32, so its reference gets the rounded factor.
   */
  private static void followsTheReferenceUnder(ScheduleCase schedule, String name, Optimizer optimizer,
      Precision precision, double abs, double rel) {
    Spec spec = OptimizerSpecs.of(name);
    ReferenceOptimizer reference = spec.reference.apply(optimizer);
    double[][] expected = initial();
    try (FedGradientModel m = new FedGradientModel(optimizer, precision, c -> c.schedule(schedule.schedule()))) {
      for (int k = 0; k < STEPS; k++) {
        double factor = schedule.factor().applyAsDouble(k);
        if (precision == Precision.FLOAT32) {
          factor = (float) factor;
        }
        String when = optimizer + " under " + schedule.label() + ", step " + (k + 1) + " (γ_k " + factor + ")";
        Map<String, Double> reports = m.step(gradients(k), loss(k));
        reference.step(expected, gradients(k), loss(k), factor);
        endEpochIfDue(spec, m, reference, k);
        assertMatchesReference(m.variables(), reference, expected, k + 1, abs, rel, when);
        if (precision == Precision.FLOAT64) {
          assertReportedRates(spec, reports, reference, when);
        }
      }
    }
  }

  /** Mean, min and max of the per-element rates of the parameters {@code indices} (one layer). */
  private static DoubleSummaryStatistics layerRates(double[][] rates, List<Integer> indices) {
    DoubleSummaryStatistics stats = new DoubleSummaryStatistics();
    for (int i : indices) {
      for (double r : rates[i]) {
        stats.accept(r);
      }
    }
    return stats;
  }

  /** The reported rates equal the reference's: its {@code "lr"} reports, or DSA's per-layer summaries. */
  private static void assertReportedRates(Spec spec, Map<String, Double> reports, ReferenceOptimizer reference,
      String when) {
    Map<String, Double> expected = new LinkedHashMap<>();
    if (spec.telemetry == Telemetry.PER_LAYER_RATES) {
      double[][] rates = reference.stepSizes();
      for (Map.Entry<String, List<Integer>> layer : layers().entrySet()) {
        DoubleSummaryStatistics stats = layerRates(rates, layer.getValue());
        String prefix = DirectionOptimizer.LR_REPORT + "/" + layer.getKey() + "/";
        expected.put(prefix + "mean", stats.getAverage());
        expected.put(prefix + "min", stats.getMin());
        expected.put(prefix + "max", stats.getMax());
      }
    } else {
      expected.putAll(reference.learningRates());
    }
    Map<String, Double> rates = learningRateReports(reports);
    assertThat(rates.keySet()).as(when + ": learning-rate reports").isEqualTo(expected.keySet());
    // 1e-10 relative as the telemetry check; the absolute part covers a rate of 0 (γ_k = 0), which
    // COCOB, moving by x_c − (x_c − x) there, reports as a few ulps.
    expected.forEach((report, value) -> assertThat(rates.get(report)).as(when + ": reported " + report)
        .isCloseTo(value, offset(1e-10 * Math.abs(value) + F64_ABS)));
  }

  /** The parameters' indices by layer ({@code fed_1}, {@code fed_2}), in model order. */
  private static Map<String, List<Integer>> layers() {
    Map<String, List<Integer>> layers = new LinkedHashMap<>();
    for (int i = 0; i < PARAMS.size(); i++) {
      layers.computeIfAbsent(PARAMS.get(i).substring(0, PARAMS.get(i).indexOf('/')), l -> new ArrayList<>()).add(i);
    }
    return layers;
  }

  /**
   * Ends the epoch after step {@code k} (counted from 0) where the spec asks for epochs of that many
   * steps ({@link Spec#epochs}): in the graph, as a trainer does, and in the reference if one is given.
   */
  private static void endEpochIfDue(Spec spec, FedGradientModel m, ReferenceOptimizer reference, int k) {
    if (spec.epochLength > 0 && (k + 1) % spec.epochLength == 0) {
      TrainingGraph g = m.training();
      g.finishEpoch();
      g.startEpoch(g.epoch());
      if (reference != null) {
        reference.endEpoch();
      }
    }
  }

  /**
   * Parameters and every optimizer state variable ({@code opt/...}) equal the reference's, so do the
   * hyperparameters the reference sets itself, the graph holds no state the reference lacks, and the
   * step counter equals the number of applied steps.
   */
  static void assertMatchesReference(Map<String, double[]> vars, ReferenceOptimizer reference,
      double[][] params, long applied, double abs, double rel, String when) {
    for (int i = 0; i < PARAMS.size(); i++) {
      assertClose(when + ", " + PARAMS.get(i), vars.get(PARAMS.get(i)), params[i], abs, rel);
    }
    Set<String> expectedState = new HashSet<>();
    reference.slots().forEach((slot, rows) -> {
      for (int i = 0; i < PARAMS.size(); i++) {
        String var = "opt/" + PARAMS.get(i) + "/" + slot;
        expectedState.add(var);
        assertThat(vars).as(when + ": the graph has no state variable " + var).containsKey(var);
        assertClose(when + ", " + var, vars.get(var), rows[i], abs, rel);
      }
    });
    reference.globals().forEach((state, value) -> {
      String var = "opt/" + state;
      expectedState.add(var);
      assertThat(vars).as(when + ": the graph has no state variable " + var).containsKey(var);
      assertClose(when + ", " + var, vars.get(var), value, abs, rel);
    });
    reference.hypers().forEach((hyper, value) -> {
      String var = "hyper/" + hyper;
      assertThat(vars).as(when + ": the graph has no hyperparameter " + var).containsKey(var);
      assertClose(when + ", " + var, vars.get(var), new double[] {value}, abs, rel);
    });
    Set<String> graphState = new HashSet<>();
    vars.keySet().stream().filter(v -> v.startsWith("opt/")).forEach(graphState::add);
    assertThat(graphState).as(when + ": optimizer state in the graph").isEqualTo(expectedState);
    assertThat(vars.get("counters/step")).as(when + ": step counter").containsExactly(applied);
  }

  private static void assertClose(String what, double[] actual, double[] expected, double abs, double rel) {
    assertThat(actual).as(what + " size").hasSameSizeAs(expected);
    for (int j = 0; j < expected.length; j++) {
      double tolerance = abs + rel * Math.abs(expected[j]);
      if (!(Math.abs(actual[j] - expected[j]) <= tolerance)) {
        fail("%s[%d]: graph %s, reference %s, |Δ| %s > %s", what, j, actual[j], expected[j],
            Math.abs(actual[j] - expected[j]), tolerance);
      }
    }
  }

  // ---- (9) telemetry ----

  /**
   * Every learning-rate report ({@code "lr"}, or one {@code "lr/<layer>"} or {@code "lr/<layer>/<param>"}
   * per layer or variable) equals the step taken by the parameters it covers, and the reports cover
   * every parameter exactly once.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void reportedLearningRatesAreTheStepsTakenAlongTheReferenceDirection(String name) {
    if (OptimizerSpecs.of(name).telemetry == Telemetry.PER_LAYER_RATES) {
      reportedLayerRatesAreTheStepsTaken(name);
      return;
    }
    for (Precision precision : Precision.values()) {
      Optimizer optimizer = OptimizerRegistry.create(name);
      Spec spec = OptimizerSpecs.of(name);
      ReferenceOptimizer reference = spec.reference.apply(optimizer);
      double[][] expected = initial();
      try (FedGradientModel m = new FedGradientModel(optimizer, precision)) {
        for (int k = 0; k < STEPS; k++) {
          double[][] before = m.params();
          Map<String, Double> rates = learningRateReports(m.step(gradients(k), loss(k)));
          reference.step(expected, gradients(k), loss(k));
          endEpochIfDue(spec, m, reference, k);
          double[][] after = m.params();
          assertThat(rates.keySet()).as("%s step %d: learning-rate reports", precision, k + 1)
              .isEqualTo(reference.learningRates().keySet());
          List<Integer> covered = new ArrayList<>();
          for (Map.Entry<String, Double> rate : rates.entrySet()) {
            String when = precision + " step " + (k + 1) + ", " + rate.getKey();
            List<Integer> params = coveredBy(rate.getKey());
            covered.addAll(params);
            double lr = rate.getValue();
            double taken = 0;
            double direction = 0;
            double rounding = 0;
            for (int i : params) {
              for (int j = 0; j < after[i].length; j++) {
                taken += sq(after[i][j] - before[i][j]);
                direction += sq(reference.direction()[i][j]);
                rounding += sq(ulp(precision, after[i][j]) / 2);
              }
            }
            // ‖Δθ‖ carries the rounding of each new θ (half an ulp) besides the relative error of the
            // step itself: in float32, θ ≈ 1 and a step of 1e-3 leave Δθ only ~14 significant bits.
            double relative = precision == Precision.FLOAT64 ? 1e-10 : OptimizerSpecs.of(name).float32RateTolerance;
            double tolerance = relative * lr + Math.sqrt(rounding) / Math.sqrt(direction);
            assertThat(Math.sqrt(taken) / Math.sqrt(direction)).as(when + ": ‖Δθ‖/‖v‖")
                .isCloseTo(lr, offset(tolerance));
            assertThat(lr).as(when + ": reported lr")
                .isCloseTo(reference.learningRates().get(rate.getKey()), offset(relative * lr));
          }
          assertThat(covered).as("parameters covered by the reports").containsExactlyInAnyOrder(0, 1, 2);
        }
      }
    }
  }

  /**
   * Per-element rates: every element moved by its reference rate along the reference direction,
   * and each layer's reported mean, min and max are those of its elements' rates.
   */
  private static void reportedLayerRatesAreTheStepsTaken(String name) {
    Map<String, List<Integer>> layers = layers();
    for (Precision precision : Precision.values()) {
      Optimizer optimizer = OptimizerRegistry.create(name);
      ReferenceOptimizer reference = OptimizerSpecs.of(name).reference.apply(optimizer);
      double[][] expected = initial();
      double relative = precision == Precision.FLOAT64 ? 1e-10 : 1e-5;
      try (FedGradientModel m = new FedGradientModel(optimizer, precision)) {
        for (int k = 0; k < STEPS; k++) {
          double[][] before = m.params();
          Map<String, Double> reports = m.step(gradients(k), loss(k));
          reference.step(expected, gradients(k), loss(k));
          double[][] after = m.params();
          double[][] rates = reference.stepSizes();
          for (int i = 0; i < after.length; i++) {
            for (int j = 0; j < after[i].length; j++) {
              double step = rates[i][j] * reference.direction()[i][j];
              // The new θ is rounded to half an ulp besides the step's own relative error.
              double tolerance = relative * Math.abs(step) + ulp(precision, after[i][j]);
              assertThat(before[i][j] - after[i][j]).as("%s step %d: Δ%s[%d]", precision, k + 1, PARAMS.get(i), j)
                  .isCloseTo(step, offset(tolerance));
            }
          }
          for (Map.Entry<String, List<Integer>> layer : layers.entrySet()) {
            DoubleSummaryStatistics summary = layerRates(rates, layer.getValue());
            String prefix = "lr/" + layer.getKey() + "/";
            double[] stats = {summary.getAverage(), summary.getMin(), summary.getMax()};
            String[] names = {"mean", "min", "max"};
            for (int s = 0; s < 3; s++) {
              assertThat(reports.get(prefix + names[s])).as("%s step %d: %s", precision, k + 1, prefix + names[s])
                  .isCloseTo(stats[s], offset(relative * stats[s]));
            }
          }
        }
      }
    }
  }

  /**
   * The reports named {@code "lr"} or {@code "lr/..."}. Where per-layer or per-variable rates are
   * reported, a plain {@code "lr"} beside them is a summary of the same step (LDoG's effective
   * ‖Δx‖/‖g‖) and is left out: each parameter is checked against the rate that drives it.
   */
  private static Map<String, Double> learningRateReports(Map<String, Double> reports) {
    Map<String, Double> rates = new LinkedHashMap<>();
    String lr = DirectionOptimizer.LR_REPORT;
    reports.forEach((r, value) -> {
      if (r.equals(lr) || r.startsWith(lr + "/")) {
        rates.put(r, value);
      }
    });
    if (rates.size() > 1) {
      rates.remove(lr);
    }
    return rates;
  }

  /** The indices of the parameters a rate report covers: all for "lr", a layer's or one parameter's else. */
  private static List<Integer> coveredBy(String report) {
    String lr = DirectionOptimizer.LR_REPORT;
    List<Integer> params = new ArrayList<>();
    for (int i = 0; i < PARAMS.size(); i++) {
      String unit = report.equals(lr) ? PARAMS.get(i) : report.substring(lr.length() + 1);
      if (PARAMS.get(i).equals(unit) || PARAMS.get(i).startsWith(unit + "/")) {
        params.add(i);
      }
    }
    assertThat(params).as("parameters covered by report " + report).isNotEmpty();
    return params;
  }

  private static double sq(double x) {
    return x * x;
  }

  private static double ulp(Precision precision, double x) {
    return precision == Precision.FLOAT64 ? Math.ulp(x) : Math.ulp((float) x);
  }

  // ---- (2) right direction ----

  private static final double[] QUADRATIC_START = {0, 0, 0, 0};
  private static final double[] CURVATURE = {1, 2, 0.5, 1.5};
  private static final double[] CENTER = {1, -0.5, 0.75, -1.25};

  private static double quadratic(double[] theta) {
    double f = 0;
    for (int i = 0; i < theta.length; i++) {
      f += 0.5 * CURVATURE[i] * sq(theta[i] - CENTER[i]);
    }
    return f;
  }

  private static double rosenbrock(double[] p) {
    return sq(1 - p[0]) + 100 * sq(p[1] - p[0] * p[0]);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void convergesOnAConvexQuadratic(String name) {
    Spec spec = OptimizerSpecs.of(name);
    ObjectiveLayer layer = ObjectiveLayer.quadratic(QUADRATIC_START, CURVATURE, CENTER);
    try (TrainingGraph g = TestTraining.start(List.of(layer), spec.forQuadratic(name), Precision.FLOAT32)) {
      spec.quadraticHypers.forEach(g::setHyper);
      for (int k = 0; k < spec.quadraticSteps; k++) {
        TestTraining.step(g);
        if (k + 1 == 20) {
          assertThat(quadratic(theta(g))).as("loss after 20 steps").isLessThan(quadratic(QUADRATIC_START));
        }
      }
      double[] theta = theta(g);
      for (int i = 0; i < theta.length; i++) {
        assertThat(theta[i]).as("θ after %d steps: %s", spec.quadraticSteps, Arrays.toString(theta))
            .isCloseTo(CENTER[i], offset(3e-2));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void decreasesRosenbrocksFunctionIn20Steps(String name) {
    Spec spec = OptimizerSpecs.of(name);
    double[] start = {-1.2, 1.0};
    try (TrainingGraph g = TestTraining.start(List.of(ObjectiveLayer.rosenbrock(start[0], start[1])),
        spec.forRosenbrock(name), Precision.FLOAT32)) {
      spec.rosenbrockHypers.forEach(g::setHyper);
      for (int k = 0; k < 20; k++) {
        TestTraining.step(g);
      }
      assertThat(rosenbrock(theta(g))).isLessThan(rosenbrock(start));
    }
  }

  private static double[] theta(TrainingGraph g) {
    return TestTraining.read(g, "objective_1/" + ObjectiveLayer.THETA);
  }

  // ---- (3) extremes, (4) non-finite inputs ----

  private enum Extreme { ZERO_GRADIENT_AND_LOSS, IDENTICAL_STEPS, HUGE_GRADIENTS }

  private static double[][] extremeGradients(Extreme e, int k) {
    double[][] g = gradients(e == Extreme.IDENTICAL_STEPS ? 0 : k);
    for (double[] row : g) {
      for (int j = 0; j < row.length; j++) {
        row[j] = switch (e) {
          case ZERO_GRADIENT_AND_LOSS -> 0;
          case IDENTICAL_STEPS -> row[j];
          case HUGE_GRADIENTS -> f32(Math.copySign(1e30 * (1 + Math.abs(row[j])), row[j]));
        };
      }
    }
    return g;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void extremeInputsStayFiniteOrAreSkippedByPolicy(String name) {
    Outcome huge = OptimizerSpecs.of(name).hugeGradients;
    try (FedGradientModel m = new FedGradientModel(OptimizerRegistry.create(name), Precision.FLOAT32)) {
      for (Extreme e : Extreme.values()) {
        m.training().initialize();
        m.training().startEpoch(0);
        Outcome expected = e == Extreme.HUGE_GRADIENTS ? huge : Outcome.APPLIED;
        int skipped = 0;
        for (int k = 0; k < 8; k++) {
          String when = e + " step " + (k + 1);
          Map<String, double[]> before = watched(m.variables());
          double loss = e == Extreme.ZERO_GRADIENT_AND_LOSS ? 0 : loss(0);
          Map<String, Double> reports = m.step(extremeGradients(e, k), loss);
          Map<String, double[]> after = watched(m.variables());
          if (expected == Outcome.SKIPPED) {
            skipped++;
            assertUnchanged(when, before, after);
            assertThat(m.training().skippedSteps()).as(when + ": skipped steps").isEqualTo(skipped);
          } else {
            assertThat(m.training().skippedSteps()).as(when + ": skipped steps").isZero();
            after.forEach((var, values) -> assertThat(Arrays.stream(values).allMatch(Double::isFinite))
                .as(when + ": " + var + " finite").isTrue());
            reports.forEach((r, value) -> assertThat(value).as(when + ": report " + r).isFinite());
          }
        }
      }
    }
  }

  /** Parameters, optimizer state, runtime hyperparameters and counters: what a skipped step must not touch. */
  private static Map<String, double[]> watched(Map<String, double[]> vars) {
    Map<String, double[]> w = new LinkedHashMap<>();
    vars.forEach((name, values) -> {
      boolean skipCount = name.equals("counters/skipped_steps");
      if (PARAMS.contains(name) || name.startsWith("opt/") || name.startsWith("hyper/")
          || (name.startsWith("counters/") && !skipCount) || name.startsWith("metrics/")) {
        w.put(name, values);
      }
    });
    return w;
  }

  private static void assertUnchanged(String when, Map<String, double[]> before, Map<String, double[]> after) {
    assertThat(after.keySet()).isEqualTo(before.keySet());
    before.forEach((var, values) ->
        assertThat(after.get(var)).as(when + ": " + var + " unchanged").containsExactly(values));
  }

  private enum Feed { GOOD, NAN_GRADIENT, INF_GRADIENT, NAN_LOSS, NEG_INF_LOSS }

  /**
   * Good steps interleaved with non-finite ones. Every bad step must leave parameters, state,
   * hyperparameters, metrics and the step counter bit-identical and count one skip; the good steps
   * must then follow the reference run on the good steps alone (bias correction included). A fed
   * non-finite gradient makes the loss NaN as well (see FedGradientLayer); the loss cases keep the
   * gradients finite.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void nonFiniteGradientOrLossSkipsTheStepExactly(String name) {
    List<Feed> schedule = List.of(Feed.GOOD, Feed.GOOD, Feed.GOOD, Feed.NAN_GRADIENT, Feed.GOOD, Feed.INF_GRADIENT,
        Feed.NAN_LOSS, Feed.GOOD, Feed.GOOD, Feed.NEG_INF_LOSS, Feed.GOOD);
    Optimizer optimizer = OptimizerRegistry.create(name);
    Spec spec = OptimizerSpecs.of(name);
    ReferenceOptimizer reference = spec.reference.apply(optimizer);
    double[][] expected = initial();
    try (FedGradientModel m = new FedGradientModel(optimizer, Precision.FLOAT32)) {
      int applied = 0;
      int skipped = 0;
      for (int s = 0; s < schedule.size(); s++) {
        Feed feed = schedule.get(s);
        double[][] g = gradients(applied);
        double loss = loss(applied);
        switch (feed) {
          case GOOD -> { }
          case NAN_GRADIENT -> g[2][1] = Double.NaN;
          case INF_GRADIENT -> g[0][4] = Double.POSITIVE_INFINITY;
          case NAN_LOSS -> loss = Double.NaN;
          case NEG_INF_LOSS -> loss = Double.NEGATIVE_INFINITY;
        }
        String when = "feed " + (s + 1) + " (" + feed + ")";
        Map<String, double[]> before = watched(m.variables());
        m.step(g, loss);
        if (feed == Feed.GOOD) {
          applied++;
          reference.step(expected, g, loss);
          endEpochIfDue(spec, m, reference, s);
          assertMatchesReference(m.variables(), reference, expected, applied, F32_ABS, F32_REL, when);
        } else {
          skipped++;
          assertUnchanged(when, before, watched(m.variables()));
          endEpochIfDue(spec, m, reference, s);
        }
        assertThat(m.training().skippedSteps()).as(when + ": skipped steps").isEqualTo(skipped);
      }
    }
  }

  // ---- (5) construction errors ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void invalidHyperparametersAreRejectedNamingTheValue(String name) {
    List<Invalid> invalid = OptimizerSpecs.of(name).invalid;
    assertThat(invalid).as("invalid hyperparameters listed for " + name).isNotEmpty();
    for (Invalid bad : invalid) {
      assertThatThrownBy(() -> bad.construct().apply(bad.value()))
          .as("%s with %s = %s", name, bad.setting(), bad.value())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad.setting())
          .hasMessageContaining("got " + bad.value());
    }
  }

  // ---- (6) save → restore → continue ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void restoringEveryVariableIntoAFreshGraphContinuesBitExactly(String name) {
    int half = 6;
    Spec spec = OptimizerSpecs.of(name);
    List<Map<String, double[]>> uninterrupted = new ArrayList<>();
    try (FedGradientModel m = new FedGradientModel(OptimizerRegistry.create(name), Precision.FLOAT32)) {
      for (int k = 0; k < 2 * half; k++) {
        m.step(gradients(k), loss(k));
        endEpochIfDue(spec, m, null, k);
        uninterrupted.add(m.variables());
      }
    }
    // What a checkpoint after step `half` holds: every checkpointed variable of that run.
    Map<String, double[]> saved = uninterrupted.get(half - 1);
    try (FedGradientModel m = new FedGradientModel(OptimizerRegistry.create(name), Precision.FLOAT32)) {
      TestTraining.write(m.training(), saved);
      for (int k = half; k < 2 * half; k++) {
        m.step(gradients(k), loss(k));
        endEpochIfDue(spec, m, null, k);
        Map<String, double[]> now = m.variables();
        Map<String, double[]> then = uninterrupted.get(k);
        assertThat(now.keySet()).isEqualTo(then.keySet());
        for (String var : then.keySet()) {
          assertThat(now.get(var)).as("step %d, %s", k + 1, var).containsExactly(then.get(var));
        }
      }
    }
  }

  // ---- (7) determinism ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void tenDeterministicRunsAreBitIdentical(String name) {
    // Ten runs: two freshly built graphs, five runs each from re-initialised variables, so that
    // both building the graph and running it must be deterministic.
    Map<String, double[]> first = null;
    int run = 0;
    for (int graph = 0; graph < 2; graph++) {
      try (TrainingGraph g = tinyClassifier(OptimizerRegistry.create(name))) {
        for (int i = 0; i < 5; i++) {
          Map<String, double[]> result = train(g);
          run++;
          if (first == null) {
            first = result;
            continue;
          }
          assertThat(result.keySet()).isEqualTo(first.keySet());
          for (String key : first.keySet()) {
            assertThat(result.get(key)).as("run %d, %s", run, key).containsExactly(first.get(key));
          }
        }
      }
    }
    assertThat(run).isEqualTo(10);
  }

  /** A 2-8-3 MLP on 48 blobs, batch 16, one intra-op and one inter-op thread. */
  private static TrainingGraph tinyClassifier(Optimizer optimizer) {
    Sequential mlp = new Sequential(new long[] {2},
        List.of(new Dense(8, Activation.RELU), new Dense(3, Activation.LINEAR)));
    TrainingConfig config = TrainingConfig.builder(new SoftmaxCrossEntropy(), optimizer)
        .batchSize(16).seed(11).deterministic(true).build();
    return new TrainingGraph(mlp, config, EndToEndTrainingTest.blobs(48, 5));
  }

  /** Two epochs from freshly initialised variables: the epoch losses and every variable afterwards. */
  private static Map<String, double[]> train(TrainingGraph g) {
    g.initialize();
    double[] losses = new double[2];
    for (int epoch = 0; epoch < 2; epoch++) {
      g.startEpoch(epoch);
      for (int b = 0; b < g.batchesPerEpoch(); b++) {
        g.runStep(b, false);
      }
      losses[epoch] = g.finishEpoch().loss();
    }
    Map<String, double[]> out = new LinkedHashMap<>(TestTraining.variables(g));
    out.put("epoch losses", losses);
    return out;
  }
}

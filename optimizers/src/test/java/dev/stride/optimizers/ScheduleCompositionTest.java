package dev.stride.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.stride.bridge.Precision;
import dev.stride.bridge.optim.Optimizer;
import dev.stride.bridge.testkit.FedGradientModel;
import dev.stride.bridge.train.schedules.Schedule;
import dev.stride.optimizers.core.Momentum;
import dev.stride.optimizers.papers.L4;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A schedule composes with every registered optimizer (and with a step-size rule, L4 over
 * momentum, which has no learning rate of its own): the factor γ multiplies the step actually taken
 * and the reported learning rates, and a factor of 1 changes nothing at all. A new optimizer that
 * ignores {@code ctx.learningRateFactor()} fails here.
 */
class ScheduleCompositionTest {
  private static final double FACTOR = 0.25;
  private static final double LOSS = 2.0;
  private static final double[][] GRADIENTS = {
      {0.5, -0.25, 1.5, -2.0, 0.125, 0.75}, {-0.3, 0.6}, {1.0, -1.0, 0.2, 0.05}};
  private static final double[][] LATER_GRADIENTS = {
      {-0.4, 0.35, 1.1, -0.6, 0.9, -0.2}, {0.25, -0.7}, {0.3, 0.8, -0.45, 1.2}};

  static Stream<Arguments> optimizers() {
    Stream<Arguments> registered = OptimizerRegistry.entries().stream()
        .map(e -> Arguments.of(e.name(), (Supplier<Optimizer>) e::create));
    Supplier<Optimizer> l4 = () -> new RuledOptimizer("l4momentum", new L4(), new Momentum());
    return Stream.concat(registered, Stream.of(Arguments.of("l4momentum", l4)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void theScheduleFactorScalesTheFirstStepAndItsReportedRates(String name, Supplier<Optimizer> factory) {
    try (FedGradientModel plain = new FedGradientModel(factory.get(), Precision.FLOAT64);
        FedGradientModel scaled = new FedGradientModel(factory.get(), Precision.FLOAT64,
            c -> c.schedule(Schedule.constant(FACTOR)))) {
      double[][] start = plain.params();
      Map<String, Double> plainReports = plain.step(GRADIENTS, LOSS);
      Map<String, Double> scaledReports = scaled.step(GRADIENTS, LOSS);
      double[][] plainAfter = plain.params();
      double[][] scaledAfter = scaled.params();
      boolean moved = false;
      for (int i = 0; i < start.length; i++) {
        for (int j = 0; j < start[i].length; j++) {
          double full = plainAfter[i][j] - start[i][j];
          moved |= full != 0;
          assertThat(scaledAfter[i][j] - start[i][j]).as("%s: %s[%d]", name, FedGradientModel.PARAMS.get(i), j)
              .isCloseTo(FACTOR * full, within(1e-12 + 1e-9 * Math.abs(full)));
        }
      }
      assertThat(moved).as("%s moved no parameter in its first step", name).isTrue();
      assertThat(plainReports.keySet()).as("%s reports", name).anyMatch(ScheduleCompositionTest::isRate);
      plainReports.forEach((report, value) -> {
        if (isRate(report)) {
          assertThat(scaledReports.get(report)).as("%s: report %s", name, report)
              .isCloseTo(FACTOR * value, within(1e-12 + 1e-9 * Math.abs(value)));
        }
      });
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void aFactorOfOneLeavesTheTrajectoryBitForBitUnchanged(String name, Supplier<Optimizer> factory) {
    try (FedGradientModel plain = new FedGradientModel(factory.get(), Precision.FLOAT32);
        FedGradientModel unit = new FedGradientModel(factory.get(), Precision.FLOAT32,
            c -> c.schedule(Schedule.constant(1)))) {
      for (int s = 0; s < 3; s++) {
        double[][] g = s % 2 == 0 ? GRADIENTS : LATER_GRADIENTS;
        assertThat(unit.step(g, LOSS - s * 0.25)).isEqualTo(plain.step(g, LOSS - s * 0.25));
      }
      assertThat(unit.variables()).allSatisfy((variable, values) ->
          assertThat(values).as("%s: %s", name, variable).containsExactly(plain.variables().get(variable)));
    }
  }

  private static boolean isRate(String report) {
    return report.equals("lr") || report.startsWith("lr/");
  }
}

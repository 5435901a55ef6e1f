package dev.stride.bridge.train.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stride.bridge.Precision;
import dev.stride.bridge.optim.Optimizer;
import dev.stride.bridge.optim.StepContext;
import dev.stride.bridge.optim.Updates;
import dev.stride.bridge.testkit.FedGradientModel;
import dev.stride.bridge.testkit.TestTraining;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.tensorflow.op.Op;

/**
 * Every schedule, computed in the step graph, equals its closed form (written here from the
 * definitions, independently of the graph code) at every step 0..{@value #STEPS} and at a few far
 * steps reached by writing the step counter, within 1e-6.
 */
class ScheduleTest {
  private static final int STEPS = 160;
  private static final long[] FAR = {9_999, 10_000, 123_457, 2_000_001};
  private static final double[][] ZERO_GRADIENTS = {new double[6], new double[2], new double[4]};

  /** Reports γ_k and changes nothing, so each step shows the factor at the current counter. */
  private static final class FactorProbe implements Optimizer {
    @Override
    public String name() {
      return "factor_probe";
    }

    @Override
    public Op build(StepContext ctx) {
      ctx.report("factor", ctx.learningRateFactor());
      return ctx.apply(new Updates());
    }
  }

  /** A user's optimizer written without schedules in mind: it never reads γ_k. */
  private static final class FactorBlind implements Optimizer {
    @Override
    public String name() {
      return "factor_blind";
    }

    @Override
    public Op build(StepContext ctx) {
      ctx.report("lr", ctx.constant(1));
      return ctx.apply(new Updates());
    }
  }

  static Stream<Arguments> schedules() {
    return Stream.of(
        Arguments.of("constant", Schedule.constant(0.3), (LongToDoubleFunction) k -> 0.3),
        Arguments.of("step", Schedule.step(7, 0.5), (LongToDoubleFunction) k -> Math.pow(0.5, k / 7)),
        Arguments.of("exponential", Schedule.exponential(0.96, 10, false),
            (LongToDoubleFunction) k -> Math.pow(0.96, k / 10.0)),
        Arguments.of("exponential staircase", Schedule.exponential(0.5, 10, true),
            (LongToDoubleFunction) k -> Math.pow(0.5, Math.floor(k / 10.0))),
        Arguments.of("inverse time", Schedule.inverseTime(0.5, 10),
            (LongToDoubleFunction) k -> 1 / (1 + 0.5 * k / 10.0)),
        Arguments.of("cosine", Schedule.cosine(50, 0.1), (LongToDoubleFunction) k -> cosine(k, 50, 0.1)),
        Arguments.of("cosine restarts ×2", Schedule.cosineWarmRestarts(10, 2, 0.8, 0.05),
            (LongToDoubleFunction) k -> restarts(k, 10, 2, 0.8, 0.05)),
        Arguments.of("cosine restarts ×3", Schedule.cosineWarmRestarts(3, 3, 1, 0),
            (LongToDoubleFunction) k -> restarts(k, 3, 3, 1, 0)),
        Arguments.of("cosine restarts ×1", Schedule.cosineWarmRestarts(12, 1, 0.9, 0.2),
            (LongToDoubleFunction) k -> restarts(k, 12, 1, 0.9, 0.2)),
        Arguments.of("linear warm-up then cosine", Schedule.linearWarmup(5, Schedule.cosine(20, 0)),
            (LongToDoubleFunction) k -> k < 5 ? (k + 1) / 5.0 : cosine(k - 5, 20, 0)),
        Arguments.of("polynomial", Schedule.polynomial(40, 0.01, 2),
            (LongToDoubleFunction) k -> 0.99 * Math.pow(1 - Math.min(k, 40) / 40.0, 2) + 0.01));
  }

  private static double cosine(long k, long d, double min) {
    double fraction = Math.min(k, d) / (double) d;
    return (1 - min) * 0.5 * (1 + Math.cos(Math.PI * fraction)) + min;
  }

  /** Walks the periods one by one: no logarithm, unlike the graph. */
  private static double restarts(long k, long first, double growth, double decay, double min) {
    double start = 0;
    double period = first;
    int i = 0;
    while (k >= start + period) {
      start += period;
      period *= growth;
      i++;
    }
    double fraction = (k - start) / period;
    return (1 - min) * Math.pow(decay, i) * 0.5 * (1 + Math.cos(Math.PI * fraction)) + min;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schedules")
  void theGraphFollowsTheClosedFormAtEveryStep(String name, Schedule schedule, LongToDoubleFunction closedForm) {
    for (Precision precision : Precision.values()) {
      try (FedGradientModel m = new FedGradientModel(new FactorProbe(), precision, c -> c.schedule(schedule))) {
        for (long k = 0; k < STEPS; k++) {
          assertThat(m.step(ZERO_GRADIENTS, 1.0).get("factor")).as("%s, %s, step %d", name, precision, k)
              .isCloseTo(closedForm.applyAsDouble(k), within(1e-6));
        }
        assertThat(m.training().step()).isEqualTo(STEPS);
        for (long k : FAR) {
          TestTraining.write(m.training(), Map.of("counters/step", new double[] {k}));
          assertThat(m.step(ZERO_GRADIENTS, 1.0).get("factor")).as("%s, %s, step %d", name, precision, k)
              .isCloseTo(closedForm.applyAsDouble(k), within(1e-6));
        }
      }
    }
  }

  @Test
  void withoutAScheduleTheFactorIsOne() {
    try (FedGradientModel m = new FedGradientModel(new FactorProbe(), Precision.FLOAT32)) {
      assertThat(m.step(ZERO_GRADIENTS, 1.0).get("factor")).isEqualTo(1.0);
    }
  }

  @Test
  void anOptimizerThatNeverReadsTheFactorIsRefusedAScheduleRatherThanIgnoringIt() {
    assertThatThrownBy(() -> new FedGradientModel(new FactorBlind(), Precision.FLOAT32,
        c -> c.schedule(Schedule.constant(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("optimizer factor_blind does not apply learning-rate schedules (it never reads"
            + " StepContext.learningRateFactor()); train it without a schedule");
    try (FedGradientModel m = new FedGradientModel(new FactorBlind(), Precision.FLOAT32)) {
      assertThat(m.step(ZERO_GRADIENTS, 1.0)).containsEntry("lr", 1.0);
    }
  }

  @Test
  void invalidArgumentsAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> Schedule.constant(-1)).hasMessage("constant schedule: value must be finite and >= 0, got -1.0");
    assertThatThrownBy(() -> Schedule.step(0, 0.5)).hasMessage("step schedule: every must be >= 1, got 0");
    assertThatThrownBy(() -> Schedule.exponential(0, 10, false))
        .hasMessage("exponential schedule: rate must be finite and > 0, got 0.0");
    assertThatThrownBy(() -> Schedule.inverseTime(Double.NaN, 10))
        .hasMessage("inverse-time schedule: rate must be finite and >= 0, got NaN");
    assertThatThrownBy(() -> Schedule.cosine(10, 1.5)).hasMessage("cosine schedule: minFactor must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> Schedule.cosineWarmRestarts(10, 0.5, 1, 0))
        .hasMessage("cosine restarts: periodGrowth must be finite and >= 1, got 0.5");
    assertThatThrownBy(() -> Schedule.linearWarmup(0, Schedule.constant(1)))
        .hasMessage("linear warm-up: steps must be >= 1, got 0");
    assertThatThrownBy(() -> Schedule.polynomial(10, 0, 0)).hasMessage("polynomial schedule: power must be finite and > 0, got 0.0");
  }
}

package dev.stride.bridge.train;

import dev.stride.bridge.Floats;
import dev.stride.bridge.Forward;
import dev.stride.bridge.Model;
import dev.stride.bridge.Param;
import dev.stride.bridge.ParamGroup;
import dev.stride.bridge.ResourceVariable;
import dev.stride.bridge.StrideGraph;
import dev.stride.bridge.VariableInit;
import dev.stride.bridge.layers.Mode;
import dev.stride.bridge.losses.Loss;
import dev.stride.bridge.optim.EpochAccumulator;
import dev.stride.bridge.optim.Hyper;
import dev.stride.bridge.optim.Lookahead;
import dev.stride.bridge.optim.NonFinitePolicy;
import dev.stride.bridge.optim.Reduction;
import dev.stride.bridge.optim.Slot;
import dev.stride.bridge.optim.StepContext;
import dev.stride.bridge.optim.StepVariable;
import dev.stride.bridge.optim.Updates;
import dev.stride.bridge.train.schedules.Schedule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TType;

/**
 * Builds the fused training step: forward, loss, gradients, the optimizer's update, counters,
 * epoch metrics and layer state, applied by one op. It is also the optimizer's {@link StepContext}.
 *
 * <p>Ordering: every read of old state is created first (parameters, counters, slots as they are
 * declared); {@link #apply} then assigns every new value under control dependencies on all new
 * values and all reads. Under {@link NonFinitePolicy#SKIP}, the assigns of a step whose loss,
 * gradients or new parameters are not finite do not run (see {@link #applicable}), and the step
 * counter advances only when the step was applied.
 *
 * <p>Gradient clipping ({@link GradientClipping}) happens between the gradients and the optimizer;
 * the finiteness check looks at the gradients before clipping.
 */
final class StepBuilder implements StepContext {
  private final StrideGraph graph;
  private final Ops tf;
  private final Model model;
  private final Loss loss;
  private final NonFinitePolicy policy;
  private final Operand<TFloating> x;
  private final Operand<? extends TType> y;
  private final Operand<TInt64> seed;
  private final Schedule schedule;
  private final GradientClipping clipping;
  private Operand<TFloating> scheduleFactor;

  private final Map<Param, StepVariable> paramVars = new LinkedHashMap<>();
  private final Map<Param, Operand<TFloating>> gradients = new LinkedHashMap<>();
  private final Map<ResourceVariable, Operand<TFloating>> stateUpdates = new LinkedHashMap<>();
  private final List<StepVariable> reads = new ArrayList<>();
  private final Map<String, Operand<TFloating>> reports = new LinkedHashMap<>();
  private final Map<String, Hyper> hypers = new LinkedHashMap<>();
  private final List<EpochAccumulator> accumulators = new ArrayList<>();
  private final Map<StepVariable, Operand<TFloating>> frameworkUpdates = new LinkedHashMap<>();
  private final Set<String> slotNames = new HashSet<>();
  private final Map<String, Object> perStepValues = new HashMap<>();

  private final Operand<TFloating> lossValue;
  private final Operand<TFloating> dataLoss;
  private final Operand<TFloating> output;
  private final Operand<TFloating> penultimate;
  private final ResourceVariable stepVar;
  private final ResourceVariable skippedVar;
  private final Operand<TInt64> stepValue;
  private final Operand<TInt64> skippedValue;
  private final Operand<TInt64> epochValue;
  private Op applied;
  private Operand<TFloating> outcome;
  // Gradients before clipping: the finiteness probe looks at these.
  private final Map<Param, Operand<TFloating>> rawGradients;
  // Whether clipping itself stayed finite (a global norm of ∞); null without clipping.
  private final Operand<TBool> clippingFinite;

  StepBuilder(StrideGraph graph, Model model, TrainingConfig config, Operand<TFloating> x,
      Operand<? extends TType> y, ResourceVariable stepVar, ResourceVariable epochVar,
      ResourceVariable skippedVar) {
    long seed = config.seed();
    this.loss = config.loss();
    this.policy = config.nonFinitePolicy();
    this.schedule = config.schedule();
    this.clipping = config.clipping();
    this.graph = graph;
    this.tf = graph.tf().withSubScope("step");
    this.model = model;
    this.x = x;
    this.y = y;
    this.stepVar = stepVar;
    this.skippedVar = skippedVar;
    this.stepValue = stepVar.read(tf);
    this.skippedValue = skippedVar.read(tf);
    this.epochValue = epochVar.read(tf);
    // Dropout masks depend on (seed, step): reproducible, resumable from a checkpoint, and shared by
    // the look-ahead pass of the same step.
    this.seed = tf.stack(List.of(tf.constant(seed), stepValue));

    Map<Param, Operand<TFloating>> values = model.readParams(tf);
    for (Map.Entry<Param, Operand<TFloating>> e : values.entrySet()) {
      StepVariable v = stepVariable(e.getKey().variable(), e.getValue());
      paramVars.put(e.getKey(), v);
    }
    Forward f = model.forward(tf, values, x, Mode.TRAIN, this.seed, stateUpdates);
    this.output = f.output();
    this.penultimate = f.penultimate();
    this.dataLoss = loss.compute(graph, output, y);
    this.lossValue = withL2(dataLoss, values);
    this.rawGradients = rawGradientsOf(lossValue, values);
    if (clipping == null) {
      this.gradients.putAll(rawGradients);
      this.clippingFinite = null;
    } else {
      GradientClipping.Clipped clipped = clipping.apply(tf, graph, rawGradients);
      this.gradients.putAll(clipped.gradients());
      this.clippingFinite = clipped.finite();
    }
  }

  private Operand<TFloating> withL2(Operand<TFloating> data, Map<Param, Operand<TFloating>> values) {
    if (loss.l2() == 0) {
      return data;
    }
    List<Operand<TFloating>> terms = new ArrayList<>();
    for (Map.Entry<Param, Operand<TFloating>> e : values.entrySet()) {
      if (e.getKey().regularized()) {
        terms.add(tf.reduceSum(tf.math.square(e.getValue()), allAxes(e.getValue())));
      }
    }
    if (terms.isEmpty()) {
      return data;
    }
    Operand<TFloating> sum = terms.size() == 1 ? terms.get(0) : tf.math.addN(terms);
    return tf.math.add(data, tf.math.mul(graph.constant(tf, loss.l2() / 2), sum));
  }

  /** Gradients of {@code objective} at {@code at}, clipped as configured (look-ahead passes). */
  private Map<Param, Operand<TFloating>> gradientsOf(Operand<TFloating> objective,
      Map<Param, Operand<TFloating>> at) {
    Map<Param, Operand<TFloating>> raw = rawGradientsOf(objective, at);
    return clipping == null ? raw : clipping.apply(tf, graph, raw).gradients();
  }

  private Map<Param, Operand<TFloating>> rawGradientsOf(Operand<TFloating> objective,
      Map<Param, Operand<TFloating>> at) {
    List<Param> ps = new ArrayList<>(at.keySet());
    List<Operand<TFloating>> xs = new ArrayList<>(at.values());
    Gradients grads = tf.gradients(objective, xs);
    Map<Param, Operand<TFloating>> out = new LinkedHashMap<>();
    for (int i = 0; i < ps.size(); i++) {
      out.put(ps.get(i), Floats.floating(grads.dy(i)));
    }
    return out;
  }

  /** The axes of a tensor of static rank, as a constant (no shape ops in the step). */
  Operand<org.tensorflow.types.TInt32> allAxes(Operand<?> t) {
    int rank = t.shape().numDimensions();
    if (rank < 0) {
      return tf.range(tf.constant(0), tf.rank(t), tf.constant(1));
    }
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return tf.constant(axes);
  }

  private StepVariable stepVariable(ResourceVariable v, Operand<TFloating> value) {
    StepVariable sv = new Slot(v, value);
    reads.add(sv);
    return sv;
  }

  // ---- StepContext ----

  @Override
  public StrideGraph graph() {
    return graph;
  }

  @Override
  public Ops tf() {
    return tf;
  }

  @Override
  public List<ParamGroup> groups() {
    return model.groups();
  }

  @Override
  public List<Param> params() {
    return model.params();
  }

  @Override
  public StepVariable variable(Param p) {
    StepVariable v = paramVars.get(p);
    if (v == null) {
      throw new IllegalArgumentException("unknown parameter " + p.name());
    }
    return v;
  }

  @Override
  public Operand<TFloating> gradient(Param p) {
    Operand<TFloating> g = gradients.get(p);
    if (g == null) {
      throw new IllegalArgumentException("unknown parameter " + p.name());
    }
    return g;
  }

  @Override
  public Operand<TFloating> loss() {
    return lossValue;
  }

  @Override
  public Operand<TInt64> step() {
    return stepValue;
  }

  @Override
  public Operand<TInt64> epoch() {
    return epochValue;
  }

  /** γ_k from the configured schedule, built once on first use; a constant 1 without a schedule. */
  @Override
  public Operand<TFloating> learningRateFactor() {
    if (scheduleFactor == null) {
      requireOpen();
      scheduleFactor = schedule == null ? graph.constant(tf, 1)
          : graph.cast(schedule.factor(tf, tf.dtypes.cast(stepValue, TFloat64.class)));
    }
    return scheduleFactor;
  }

  @Override
  public boolean scheduled() {
    return schedule != null;
  }

  @Override
  public Lookahead lookahead(Map<Param, Operand<TFloating>> shifted) {
    Map<Param, Operand<TFloating>> at = new LinkedHashMap<>();
    for (Param p : model.params()) {
      at.put(p, shifted.getOrDefault(p, paramVars.get(p).value()));
    }
    // Same batch, mode and seed (dropout mask); layer state updates of this pass are discarded.
    Forward f = model.forward(tf, at, x, Mode.TRAIN, seed, null);
    Operand<TFloating> l = withL2(loss.compute(graph, f.output(), y), at);
    return new Lookahead(l, gradientsOf(l, at));
  }

  @Override
  public Operand<TFloating> penultimate() {
    return penultimate;
  }

  @Override
  public Slot slot(Param p, String name, Shape shape, VariableInit init) {
    return newSlot("opt/" + p.name() + "/" + name, shape, init);
  }

  @Override
  public Slot state(String name, Shape shape, VariableInit init) {
    return newSlot("opt/" + name, shape, init);
  }

  private Slot newSlot(String fullName, Shape shape, VariableInit init) {
    requireOpen();
    if (!slotNames.add(fullName)) {
      throw new IllegalStateException("optimizer state '" + fullName + "' declared twice");
    }
    ResourceVariable v = graph.floatVariable(fullName, shape, init);
    Slot s = new Slot(v, v.read(tf));
    reads.add(s);
    return s;
  }

  @Override
  public Hyper hyper(String name, double initial) {
    requireOpen();
    if (hypers.containsKey(name)) {
      throw new IllegalStateException("hyperparameter '" + name + "' declared twice");
    }
    ResourceVariable v = graph.floatVariable("hyper/" + name, Shape.scalar(), VariableInit.fill(initial));
    Hyper h = new Hyper(name, v, v.read(tf), initial);
    hypers.put(name, h);
    return h;
  }

  @Override
  public EpochAccumulator epochAccumulator(String name, Reduction reduction, Operand<TFloating> contribution) {
    requireOpen();
    ResourceVariable v = graph.floatVariable("epoch/" + name, Shape.scalar(), VariableInit.fill(reduction.identity()));
    StepVariable sv = stepVariable(v, v.read(tf));
    Operand<TFloating> c = tf.reshape(contribution, tf.constant(new long[0]));
    Operand<TFloating> next = switch (reduction) {
      case SUM -> tf.math.add(sv.value(), c);
      case MAX -> tf.math.maximum(sv.value(), c);
      case MIN -> tf.math.minimum(sv.value(), c);
    };
    frameworkUpdates.put(sv, next);
    EpochAccumulator acc = new EpochAccumulator(name, reduction, v);
    accumulators.add(acc);
    return acc;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T perStep(String key, java.util.function.Supplier<T> compute) {
    Object value = perStepValues.get(key);
    if (value == null) {
      value = compute.get();
      perStepValues.put(key, value);
    }
    return (T) value;
  }

  @Override
  public void report(String name, Operand<TFloating> value) {
    requireOpen();
    // Each report gets its own op: a global and a per-layer rate are often the same tensor, and a
    // Session.run fetching one output twice fails ("Name collision in the result set").
    if (reports.putIfAbsent(name, tf.identity(value)) != null) {
      throw new IllegalStateException("telemetry '" + name + "' reported twice");
    }
  }

  /** Adds a framework-owned running value (epoch metrics) folded in by this step. */
  StepVariable accumulate(ResourceVariable v, Operand<TFloating> contribution) {
    StepVariable sv = stepVariable(v, v.read(tf));
    frameworkUpdates.put(sv, tf.math.add(sv.value(), contribution));
    return sv;
  }

  @Override
  public Op apply(Updates updates) {
    requireOpen();
    Map<ResourceVariable, Operand<TFloating>> next = new LinkedHashMap<>();
    List<Op> deps = new ArrayList<>();
    for (Map.Entry<StepVariable, Operand<TFloating>> e : updates.values().entrySet()) {
      next.put(e.getKey().variable(), e.getValue());
    }
    for (Map.Entry<StepVariable, Operand<TFloating>> e : frameworkUpdates.entrySet()) {
      next.put(e.getKey().variable(), e.getValue());
    }
    for (Map.Entry<ResourceVariable, Operand<TFloating>> e : stateUpdates.entrySet()) {
      deps.add(e.getKey().read(tf));
      next.put(e.getKey(), e.getValue());
    }
    Operand<TBool> ok = policy == NonFinitePolicy.SKIP ? applicable(updates) : tf.constant(true);
    // [loss, applied]: one small tensor a trainer may fetch with the step to check it per batch.
    this.outcome = tf.stack(List.of(lossValue, graph.cast(ok)));
    Operand<TInt64> applied = tf.dtypes.cast(ok, TInt64.class);
    Operand<TInt64> nextStep = tf.math.add(stepValue, applied);
    Operand<TInt64> nextSkipped = tf.math.add(skippedValue, tf.math.sub(tf.constant(1L), applied));

    for (StepVariable r : reads) {
      deps.add(r.value());
    }
    deps.addAll(next.values());
    deps.add(nextStep);
    deps.add(nextSkipped);
    deps.add(lossValue);
    // Reports are not among them: a step computes them only when it fetches them. Their inputs are
    // reads (which the barrier orders before every assign; an assign never overwrites a buffer a read
    // still holds) and new values, so a report fetched with the step sees that step's values.
    // One barrier after every read and every new value; each assign waits on the barrier alone,
    // which keeps the executor's edge count linear in the number of variables.
    Op barrier = tf.withControlDependencies(deps.stream().map(o -> (Op) o).toList()).noOp();
    Ops ordered = tf.withControlDependencies(List.of(barrier));
    List<Op> assigns = new ArrayList<>();
    for (Map.Entry<ResourceVariable, Operand<TFloating>> e : next.entrySet()) {
      assigns.add(e.getKey().assign(ordered, gated(ok, e.getValue())));
    }
    assigns.add(stepVar.assign(ordered, nextStep));
    assigns.add(skippedVar.assign(ordered, nextSkipped));
    this.applied = tf.withControlDependencies(assigns).noOp();
    return this.applied;
  }

  /**
   * Whether the step may be applied: the loss, every gradient and every new parameter value are
   * finite, and no gradient's squared norm overflows (the square of a 1e30 gradient in float32
   * would leave ∞ in Adam-type second moments for good). One scalar reduction per tensor, fused
   * into a single isFinite: NaN and ±∞ propagate through the sum; a sum that overflows for
   * finite terms (parameters near 1e38) is treated as non-finite as well.
   */
  private Operand<TBool> applicable(Updates updates) {
    List<Operand<TFloating>> probes = new ArrayList<>();
    probes.add(lossValue);
    if (clipping != null) {
      // Clipping exists to tame huge gradients: the raw ones only have to be free of NaN and ±∞,
      // and the squared norms that must not overflow are those of the clipped gradients.
      for (Operand<TFloating> g : rawGradients.values()) {
        probes.add(tf.reduceSum(g, allAxes(g)));
      }
    }
    for (Param p : gradients.keySet()) {
      probes.add(gradientSquaredNorm(p));
    }
    for (Map.Entry<StepVariable, Operand<TFloating>> e : updates.values().entrySet()) {
      if (paramVars.containsValue(e.getKey())) {
        probes.add(tf.reduceSum(e.getValue(), allAxes(e.getValue())));
      }
    }
    Operand<TBool> finite = tf.math.isFinite(tf.math.addN(probes));
    return clippingFinite == null ? finite : tf.math.logicalAnd(finite, clippingFinite);
  }

  /**
   * {@code value} when the step is applied, else a dead tensor that makes its assign a no-op: a
   * Switch forwards the tensor without copying it, where a select would read and write every
   * element of every updated variable in every step.
   */
  private Operand<TFloating> gated(Operand<TBool> ok, Operand<TFloating> value) {
    return policy == NonFinitePolicy.SKIP ? tf.switchCond(value, ok).outputTrue() : value;
  }

  private void requireOpen() {
    if (applied != null) {
      throw new IllegalStateException("the step was already applied; declare state and reports before apply()");
    }
  }

  // ---- accessors for the training graph ----

  /** Whether the optimizer read the schedule factor γ_k (an optimizer that did not ignores schedules). */
  boolean scheduleFactorRead() {
    return scheduleFactor != null;
  }

  Op appliedOp() {
    if (applied == null) {
      throw new IllegalStateException("the optimizer did not call ctx.apply(updates)");
    }
    return applied;
  }

  /** The step counter read at the start of the step (before its update). */
  Operand<TInt64> stepValue() {
    return stepValue;
  }

  /** Every parameter's gradient as the optimizer sees it (after clipping). */
  Map<Param, Operand<TFloating>> gradients() {
    return java.util.Collections.unmodifiableMap(gradients);
  }

  /** {@code [loss, 1 if the step was applied else 0]} of the step. */
  Operand<TFloating> outcome() {
    return outcome;
  }

  Operand<TFloating> output() {
    return output;
  }

  Operand<TFloating> dataLoss() {
    return dataLoss;
  }

  Map<String, Operand<TFloating>> reports() {
    return reports;
  }

  Map<String, Hyper> hypers() {
    return hypers;
  }

  List<EpochAccumulator> accumulators() {
    return accumulators;
  }
}

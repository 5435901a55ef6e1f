package dev.stride.optimizers;

import dev.stride.bridge.Param;
import dev.stride.bridge.ParamGroup;
import dev.stride.bridge.StrideGraph;
import dev.stride.bridge.VariableInit;
import dev.stride.bridge.optim.EpochAccumulator;
import dev.stride.bridge.optim.Hyper;
import dev.stride.bridge.optim.Lookahead;
import dev.stride.bridge.optim.Reduction;
import dev.stride.bridge.optim.Slot;
import dev.stride.bridge.optim.StepContext;
import dev.stride.bridge.optim.StepVariable;
import dev.stride.bridge.optim.Updates;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * A step context that passes every call to another one: the base for a context that changes one
 * thing, such as {@link RuledOptimizer} scaling its rule's learning-rate reports by γ_k. Every
 * method, the defaults of {@link StepContext} included, is forwarded explicitly, so the wrapped
 * context's own {@link StepContext#learningRateFactor()} and {@code slot} shapes are the ones used.
 */
public class ForwardingStepContext implements StepContext {
  private final StepContext delegate;

  public ForwardingStepContext(StepContext delegate) {
    this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public StrideGraph graph() {
    return delegate.graph();
  }

  @Override
  public Ops tf() {
    return delegate.tf();
  }

  @Override
  public List<ParamGroup> groups() {
    return delegate.groups();
  }

  @Override
  public List<Param> params() {
    return delegate.params();
  }

  @Override
  public StepVariable variable(Param p) {
    return delegate.variable(p);
  }

  @Override
  public Operand<TFloating> gradient(Param p) {
    return delegate.gradient(p);
  }

  @Override
  public Operand<TFloating> gradientSquaredNorm(Param p) {
    return delegate.gradientSquaredNorm(p);
  }

  @Override
  public Operand<TFloating> loss() {
    return delegate.loss();
  }

  @Override
  public Operand<TInt64> step() {
    return delegate.step();
  }

  @Override
  public Operand<TInt64> epoch() {
    return delegate.epoch();
  }

  @Override
  public Operand<TFloating> learningRateFactor() {
    return delegate.learningRateFactor();
  }

  @Override
  public boolean scheduled() {
    return delegate.scheduled();
  }

  @Override
  public Lookahead lookahead(Map<Param, Operand<TFloating>> shifted) {
    return delegate.lookahead(shifted);
  }

  @Override
  public Operand<TFloating> penultimate() {
    return delegate.penultimate();
  }

  @Override
  public Slot slot(Param p, String name, VariableInit init) {
    return delegate.slot(p, name, init);
  }

  @Override
  public Slot slot(Param p, String name, Shape shape, VariableInit init) {
    return delegate.slot(p, name, shape, init);
  }

  @Override
  public Slot state(String name, Shape shape, VariableInit init) {
    return delegate.state(name, shape, init);
  }

  @Override
  public Hyper hyper(String name, double initial) {
    return delegate.hyper(name, initial);
  }

  @Override
  public EpochAccumulator epochAccumulator(String name, Reduction reduction, Operand<TFloating> contribution) {
    return delegate.epochAccumulator(name, reduction, contribution);
  }

  @Override
  public void report(String name, Operand<TFloating> value) {
    delegate.report(name, value);
  }

  @Override
  public <T> T perStep(String key, java.util.function.Supplier<T> compute) {
    return delegate.perStep(key, compute);
  }

  @Override
  public Operand<TFloating> constant(double value) {
    return delegate.constant(value);
  }

  @Override
  public Op apply(Updates updates) {
    return delegate.apply(updates);
  }
}

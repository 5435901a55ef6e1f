package dev.stride.optimizers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.family.TType;

/**
 * Values a step computes in some steps only, and choices between whole tensors that copy nothing.
 *
 * <p>A {@code select} between two tensors reads both and writes the chosen one: a pass over every
 * element, in every step, to keep a value that is often just the old one. A first step's norm, in
 * turn, is a reduction over every parameter that later steps never use. Both are built here from
 * TensorFlow's Switch and Merge: a Switch forwards its input to one of two outputs and leaves the
 * other <i>dead</i>; an op with a dead input does not run and its outputs are dead too; a Merge
 * forwards whichever of its inputs is alive. Neither copies the tensor it forwards.
 *
 * <p>Every value built on {@link #onlyWhen} must reach the rest of the step through {@link #orElse}
 * (or the step's own gate): a dead value that reached an assign, a report or the step's barrier
 * would make them dead as well.
 */
public final class Conditional {
  private Conditional() {}

  /**
   * {@code x} in the steps where {@code when} holds; dead in the others, so that ops built on the
   * result run only in those steps.
   */
  public static <T extends TType> Operand<T> onlyWhen(Ops tf, Operand<TBool> when, Operand<T> x) {
    return tf.switchCond(x, when).outputTrue();
  }

  /**
   * {@code whenTrue}, built on {@link #onlyWhen} values of the same {@code when}, in the steps where
   * {@code when} holds, and {@code otherwise} in the others. {@code otherwise} is computed in every
   * step (it is an input like any other); only its Switch depends on {@code when}.
   */
  public static <T extends TType> Operand<T> orElse(Ops tf, Operand<TBool> when, Operand<T> whenTrue,
      Operand<T> otherwise) {
    return tf.merge(List.of(whenTrue, tf.switchCond(otherwise, when).outputFalse())).output();
  }

  /**
   * {@code ifTrue} where {@code when} holds, else {@code ifFalse}: the value of
   * {@code select(when, ifTrue, ifFalse)} for a scalar {@code when}, without its pass over every
   * element.
   */
  public static <T extends TType> Operand<T> choose(Ops tf, Operand<TBool> when, Operand<T> ifTrue,
      Operand<T> ifFalse) {
    return orElse(tf, when, onlyWhen(tf, when, ifTrue), ifFalse);
  }
}

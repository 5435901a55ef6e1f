package dev.stride.optimizers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * Reductions every step-size rule needs, written once: full sums, inner products and Euclidean
 * (Frobenius) norms of whole tensors, and sums of per-variable partial results (the first phase of a
 * global rule, ALGORITHMS.md §0). Reduction axes are constants taken from the static rank, so no
 * shape ops enter the step.
 */
public final class GraphMath {
  private GraphMath() {}

  /** Every axis of {@code x}. */
  public static Operand<TInt32> allAxes(Ops tf, Operand<?> x) {
    int rank = x.shape().numDimensions();
    if (rank < 0) {
      return tf.range(tf.constant(0), tf.rank(x), tf.constant(1));
    }
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return tf.constant(axes);
  }

  /** Σ x over every element. */
  public static Operand<TFloating> sum(Ops tf, Operand<TFloating> x) {
    return tf.reduceSum(x, allAxes(tf, x));
  }

  /**
   * ⟨a, b⟩ = Σ a·b over every element, as one MatMul of the two tensors flattened to rows,
   * {@code [1, n]·[1, n]ᵀ}. On CPU this reads each operand once; {@code Sum(Mul(a, b))} also writes
   * and rereads the n products, which on the bench MLP's 784×300 kernel made it about twice as slow.
   * (Multiplying a row by a column, {@code [1, n]·[n, 1]}, is the slow case of the CPU kernels.)
   */
  public static Operand<TFloating> dot(Ops tf, Operand<TFloating> a, Operand<TFloating> b) {
    if (!a.shape().isCompatibleWith(b.shape())) {
      throw new IllegalArgumentException("an inner product needs operands of one shape, got " + a.shape() + " and "
          + b.shape());
    }
    Operand<TInt64> row = tf.constant(new long[] {1, -1});
    Operand<TFloating> product = tf.linalg.matMul(tf.reshape(a, row), tf.reshape(b, row), MatMul.transposeB(true));
    return tf.reshape(product, tf.constant(new long[0]));
  }

  /** ‖x‖² over every element, as one fused op (TensorFlow's L2Loss is ‖x‖²/2). */
  public static Operand<TFloating> squaredNorm(Ops tf, Operand<TFloating> x) {
    Operand<TFloating> half = tf.nn.l2Loss(x);
    return tf.math.add(half, half);
  }

  /** ‖a − b‖² over every element, without materialising a − b (SquaredDifference, then one sum). */
  public static Operand<TFloating> squaredDistance(Ops tf, Operand<TFloating> a, Operand<TFloating> b) {
    return sum(tf, tf.math.squaredDifference(a, b));
  }

  /** ‖x‖, the Frobenius norm of the flattened tensor. */
  public static Operand<TFloating> norm(Ops tf, Operand<TFloating> x) {
    return tf.math.sqrt(squaredNorm(tf, x));
  }

  /** The sum of scalars (partial sums of several variables). */
  public static Operand<TFloating> total(Ops tf, List<Operand<TFloating>> scalars) {
    if (scalars.isEmpty()) {
      throw new IllegalArgumentException("nothing to add");
    }
    return scalars.size() == 1 ? scalars.get(0) : tf.math.addN(scalars);
  }
}

package io.github.vae4j.nd4j.nn;

import static com.google.common.base.Preconditions.checkState;

import io.github.vae4j.nd4j.engine.Kernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * All trainable parameters of a model in one flat array, and their gradients in another of the same layout. Layers
 * take column-major (f-order) views of consecutive segments, so the optimiser updates everything in one pass and a
 * model's state is one array.
 */
public final class ParameterStore {

    /** Gradient values copied to the heap at a time for the norm. */
    static final int NORM_BLOCK = 1 << 14;

    private final DataType type;
    private final INDArray parameters;
    private final INDArray gradients;
    private long next;

    /**
     * @param type the element type, FLOAT for training, DOUBLE for gradient checks
     * @param count the number of parameters the layers will take
     */
    public ParameterStore(DataType type, long count) {
        this.type = type;
        this.parameters = Nd4j.create(type, count);
        this.gradients = Nd4j.create(type, count);
    }

    /**
     * Takes the next {@code rows x cols} segment as a matrix.
     *
     * @param rows rows of the matrix
     * @param cols columns of the matrix
     * @return the parameter view and the gradient view, f-order
     */
    public INDArray[] takeMatrix(int rows, int cols) {
        long n = (long) rows * cols;
        checkState(next + n <= parameters.length(), "parameter store overflow: %s + %s > %s", next, n,
                parameters.length());
        INDArray p = view(parameters, next, rows, cols);
        INDArray g = view(gradients, next, rows, cols);
        next += n;
        return new INDArray[] {p, g};
    }

    /**
     * Takes the next segment as a row-major (c-order) array of the given shape, the layout ND4J's convolution ops
     * expect for weights and biases.
     *
     * @param shape the array's shape, each size positive
     * @return the parameter view and the gradient view, c-order
     */
    public INDArray[] takeArray(long... shape) {
        long n = 1;
        for (long size : shape) {
            n *= size;
        }
        checkState(next + n <= parameters.length(), "parameter store overflow: %s + %s > %s", next, n,
                parameters.length());
        long[] stride = Nd4j.getStrides(shape, 'c');
        INDArray p = Nd4j.create(parameters.data(), shape, stride, next, 'c', type);
        INDArray g = Nd4j.create(gradients.data(), shape, stride, next, 'c', type);
        next += n;
        return new INDArray[] {p, g};
    }

    /** @return all parameters, flat */
    public INDArray parameters() {
        return parameters;
    }

    /** @return all gradients, flat, in the layout of {@link #parameters()} */
    public INDArray gradients() {
        return gradients;
    }

    /**
     * The global L2 norm of the gradients, summed in double precision over heap copies of {@value #NORM_BLOCK}
     * values at a time.
     *
     * @param kernels the network's kernels; outside host memory the norm is ND4J's, of the gradients cast to double
     *     on the engine, so that only the norm leaves the device
     * @return the norm
     */
    public double gradientNorm(Kernels kernels) {
        if (!kernels.hostMemory()) {
            return (type == DataType.DOUBLE ? gradients : gradients.castTo(DataType.DOUBLE)).norm2Number()
                    .doubleValue();
        }
        int n = (int) gradients.length();
        double sum = 0;
        if (type == DataType.FLOAT) {
            java.nio.FloatBuffer b = gradients.data().asNioFloat();
            float[] block = new float[Math.max(1, Math.min(n, NORM_BLOCK))];
            for (int from = 0; from < n; from += block.length) {
                int len = Math.min(block.length, n - from);
                b.get(from, block, 0, len);
                for (int i = 0; i < len; i++) {
                    sum += (double) block[i] * block[i];
                }
            }
        } else {
            java.nio.DoubleBuffer b = gradients.data().asNioDouble();
            for (int i = 0; i < n; i++) {
                double v = b.get(i);
                sum += v * v;
            }
        }
        return Math.sqrt(sum);
    }

    /** @return the element type */
    public DataType type() {
        return type;
    }

    /** @return the number of parameters */
    public long size() {
        return parameters.length();
    }

    /** @return whether every segment has been taken */
    public boolean isFullyTaken() {
        return next == parameters.length();
    }

    /**
     * A column-major {@code rows x cols} view of {@code base}'s buffer starting at element {@code offset}.
     *
     * @param base a contiguous array starting at element 0 of its buffer
     * @param offset first element of the view
     * @param rows rows of the view
     * @param cols columns of the view
     * @return the view; writes go to {@code base}
     */
    public static INDArray view(INDArray base, long offset, int rows, int cols) {
        return Nd4j.create(base.data(), new long[] {rows, cols}, new long[] {1, rows}, offset, 'f', base.dataType());
    }
}

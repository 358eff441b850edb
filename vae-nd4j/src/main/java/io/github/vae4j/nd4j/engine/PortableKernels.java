package io.github.vae4j.nd4j.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The portable kernels: ND4J's own calls only, so they run on any ND4J engine, CUDA included. Products are
 * {@code Nd4j.gemm} into the preallocated result (the bias broadcast ND4J's column-vector add); copies between host
 * arrays and the network's arrays go through {@code assign} and {@code toFloatVector}/{@code toDoubleVector} on
 * one-dimensional views, which ND4J synchronises with device memory; the ReLU backward pass is ND4J's step and
 * multiply ops; convolutions are ND4J's {@code conv2d}/{@code deconv2d} ({@code OpsConvLayer}); the likelihoods take
 * their op routes. No work is split between Java threads: the engine parallelises each call itself.
 *
 * <p>On the CPU these give the host-tuned set's values to float rounding, at a lower speed (see
 * {@code docs/benchmarks.md}); the contract suite runs on both.
 */
public final class PortableKernels implements Kernels {

    /** This set's name. */
    public static final String NAME = "portable";

    /** The one instance: the set keeps no state of its own. */
    static final PortableKernels INSTANCE = new PortableKernels();

    private static final ComputeThreads ONE_THREAD = new ComputeThreads(1);

    private PortableKernels() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComputeThreads team() {
        return ONE_THREAD;
    }

    @Override
    public void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha,
            double beta) {
        Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
    }

    @Override
    public void fillColumns(INDArray column, INDArray y) {
        y.assign(0);
        y.addiColumnVector(column);
    }

    /** The first {@code n} values of a contiguous array, in memory order, as a one-dimensional view. */
    private static INDArray first(INDArray a, int n) {
        if (n > a.length()) {
            throw new IllegalArgumentException(n + " values asked of an array of " + a.length());
        }
        INDArray flat = a.rank() == 1 ? a : a.reshape(a.ordering(), new long[] {a.length()});
        return n == flat.length() ? flat : flat.get(NDArrayIndex.interval(0, n));
    }

    @Override
    public void write(float[] src, int from, int n, INDArray dst) {
        if (n == 0) {
            return;
        }
        float[] values = from == 0 && n == src.length ? src : java.util.Arrays.copyOfRange(src, from, from + n);
        INDArray host = Nd4j.createFromArray(values);
        first(dst, n).assign(dst.dataType() == DataType.FLOAT ? host : host.castTo(dst.dataType()));
    }

    @Override
    public void write(double[] src, int n, INDArray dst) {
        if (n == 0) {
            return;
        }
        double[] values = n == src.length ? src : java.util.Arrays.copyOf(src, n);
        INDArray host = Nd4j.createFromArray(values);
        first(dst, n).assign(dst.dataType() == DataType.DOUBLE ? host : host.castTo(dst.dataType()));
    }

    @Override
    public void read(INDArray src, int n, float[] dst, int to) {
        if (n == 0) {
            return;
        }
        System.arraycopy(first(src, n).toFloatVector(), 0, dst, to, n);
    }

    @Override
    public void read(INDArray src, int n, double[] dst, int to, double sign) {
        if (n == 0) {
            return;
        }
        double[] values = first(src, n).toDoubleVector();
        for (int i = 0; i < n; i++) {
            dst[to + i] = sign * values[i];
        }
    }

    @Override
    public double sum(INDArray src, int n) {
        if (n == 0) {
            return 0;
        }
        INDArray values = first(src, n);
        return (values.dataType() == DataType.DOUBLE ? values : values.castTo(DataType.DOUBLE)).sumNumber()
                .doubleValue();
    }

    @Override
    public void reluBackward(ElementwiseOps ops, INDArray a, INDArray da) {
        Activations.reluBackwardWithOps(ops, a, da);
    }

    @Override
    public boolean hostMemory() {
        return false;
    }

    @Override
    public boolean patchConvolutions() {
        return false;
    }

    @Override
    public String toString() {
        return NAME;
    }
}

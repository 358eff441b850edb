package io.github.vae4j.nd4j.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The host-tuned kernels, for ND4J's CPU engine: products straight into OpenBLAS on the arrays' host addresses
 * ({@link Blas}), shared between the threads of the process-wide {@link ComputeThreads}; bulk copies through NIO buffers
 * ({@link NativeCopies}); the ReLU backward pass on heap copies ({@link Activations}); convolutions as patch products
 * ({@code ConvLayer}), or ND4J's convolution ops when {@value #CONVOLUTIONS_PROPERTY} is {@code nd4j}; and
 * the likelihoods' heap loops. These assume the arrays live in host memory: on another engine they would bypass its
 * synchronisation, so {@link io.github.vae4j.nd4j.Nd4jBackend} uses them only on the CPU engine.
 */
public final class HostKernels implements Kernels {

    /** This set's name. */
    public static final String NAME = "host-tuned";

    /** The one instance: the set keeps no state of its own. */
    static final HostKernels INSTANCE = new HostKernels();

    private HostKernels() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComputeThreads team() {
        return ComputeThreads.shared();
    }

    @Override
    public void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha,
            double beta) {
        Blas.gemm(a, b, c, transposeA, transposeB, alpha, beta);
    }

    @Override
    public void fillColumns(INDArray column, INDArray y) {
        Blas.fillColumns(column, y);
    }

    @Override
    public void write(float[] src, int from, int n, INDArray dst) {
        NativeCopies.toNative(src, from, n, dst);
    }

    @Override
    public void write(double[] src, int n, INDArray dst) {
        NativeCopies.toNative(src, n, dst);
    }

    @Override
    public void read(INDArray src, int n, float[] dst, int to) {
        NativeCopies.toHost(src, n, dst, to);
    }

    @Override
    public void read(INDArray src, int n, double[] dst, int to, double sign) {
        NativeCopies.toHost(src, n, dst, to, sign);
    }

    @Override
    public double sum(INDArray src, int n) {
        return NativeCopies.sum(src, n);
    }

    @Override
    public void reluBackward(ElementwiseOps ops, INDArray a, INDArray da) {
        Activations.reluBackwardInPlace(ops, a, da);
    }

    @Override
    public boolean hostMemory() {
        return true;
    }

    /** The system property that makes the host-tuned set use ND4J's convolution ops: {@code nd4j}. */
    public static final String CONVOLUTIONS_PROPERTY = "vae4j.nd4j.convolutions";

    @Override
    public boolean patchConvolutions() {
        return !"nd4j".equals(System.getProperty(CONVOLUTIONS_PROPERTY));
    }

    @Override
    public String toString() {
        return NAME;
    }
}

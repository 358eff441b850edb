package io.github.vae4j.nd4j.nn;

import io.github.vae4j.Convolutions;
import io.github.vae4j.ImageShape;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The host-tuned kernels, for ND4J's CPU engine: products straight into OpenBLAS on the arrays' host addresses
 * ({@link Blas}), shared between the threads of the process-wide {@link Team}; bulk copies through NIO buffers
 * ({@link HostCopy}); the ReLU backward pass on heap copies ({@link Activations}); convolutions as patch products
 * ({@link ConvLayer}), or ND4J's convolution ops when {@value VaeNetwork#CONVOLUTIONS_PROPERTY} is {@code nd4j}; and
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
    public Team team() {
        return Team.shared();
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
        HostCopy.toNative(src, from, n, dst);
    }

    @Override
    public void write(double[] src, int n, INDArray dst) {
        HostCopy.toNative(src, n, dst);
    }

    @Override
    public void read(INDArray src, int n, float[] dst, int to) {
        HostCopy.toHost(src, n, dst, to);
    }

    @Override
    public void read(INDArray src, int n, double[] dst, int to, double sign) {
        HostCopy.toHost(src, n, dst, to, sign);
    }

    @Override
    public double sum(INDArray src, int n) {
        return HostCopy.sum(src, n);
    }

    @Override
    public void reluBackward(Ops ops, INDArray a, INDArray da) {
        Activations.reluBackwardInPlace(ops, a, da);
    }

    @Override
    public boolean hostMemory() {
        return true;
    }

    @Override
    public Layer convolution(String name, ImageShape in, ImageShape out, Convolutions conv, boolean transposed,
            ParameterStore store) {
        return "nd4j".equals(System.getProperty(VaeNetwork.CONVOLUTIONS_PROPERTY))
                ? new OpsConvLayer(name, in, out, conv, transposed, store)
                : new ConvLayer(name, in, out, conv, transposed, store);
    }

    @Override
    public String toString() {
        return NAME;
    }
}

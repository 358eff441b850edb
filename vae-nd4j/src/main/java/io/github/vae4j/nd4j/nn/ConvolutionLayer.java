package io.github.vae4j.nd4j.nn;

import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the two routes of a convolution layer ({@link ConvLayer}, {@link OpsConvLayer}) share: their parameters and
 * the {@link Layer} methods that only read them.
 */
abstract class ConvolutionLayer implements Layer {

    /** The layer's shapes and parameter views. */
    final ConvParameters p;

    ConvolutionLayer(ConvParameters p) {
        this.p = p;
    }

    @Override
    public void initialise(DoubleSupplier uniform) {
        p.initialise(uniform);
    }

    @Override
    public String name() {
        return p.name();
    }

    @Override
    public int in() {
        return p.input().size();
    }

    @Override
    public int out() {
        return p.output().size();
    }

    /** @return the weight view */
    public INDArray weights() {
        return p.w();
    }

    /** @return the bias view, one per output channel */
    public INDArray biases() {
        return p.b();
    }
}

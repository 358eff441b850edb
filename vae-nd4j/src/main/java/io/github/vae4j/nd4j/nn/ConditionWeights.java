package io.github.vae4j.nd4j.nn;

import io.github.vae4j.nd4j.engine.Kernels;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A conditional VAE's condition joined to a dense layer's input: the layer computes {@code W^T [h; c] + b}, which is
 * {@code W_h^T h + b} (the layer itself) plus {@code W_c^T c} (these weights, without a bias of their own). Weights
 * are {@code C x out}, column-major, as a {@link DenseLayer}'s.
 */
final class ConditionWeights {

    private final String name;
    private final int conditions;
    private final int out;
    private final INDArray w;
    private final INDArray gradW;
    private final Kernels kernels;

    /**
     * @param name for messages: which layer the condition joins
     * @param conditions C, values per condition
     * @param out the joined layer's output width
     * @param store the next {@code C x out} parameters
     * @param kernels how the products compute
     */
    ConditionWeights(String name, int conditions, int out, ParameterStore store, Kernels kernels) {
        this.name = name;
        this.conditions = conditions;
        this.out = out;
        this.kernels = kernels;
        INDArray[] weights = store.takeMatrix(conditions, out);
        this.w = weights[0];
        this.gradW = weights[1];
    }

    /**
     * @param conditions C
     * @param out the joined layer's output width
     * @return the parameters these weights take
     */
    static long parameterCount(int conditions, int out) {
        return (long) conditions * out;
    }

    /**
     * Adds the condition's part to the joined layer's pre-activation: {@code y += W_c^T c}.
     *
     * @param c {@code C x R} conditions
     * @param y {@code out x R}, the joined layer's output before its activation
     */
    void addForward(INDArray c, INDArray y) {
        kernels.gemm(w, c, y, true, false, 1.0, 1.0);
    }

    /**
     * The weights' gradient {@code c dy^T}; the condition is an input, so no gradient flows to it.
     *
     * @param c {@code C x R} conditions
     * @param dy {@code out x R}, the gradient at the joined layer's pre-activation
     */
    void backward(INDArray c, INDArray dy) {
        kernels.gemm(c, dy, gradW, false, true, 1.0, 0.0);
    }

    /**
     * He-uniform over the joined layer's whole fan-in, as the joined layer's own weights.
     *
     * @param fanIn the joined layer's input width plus C
     * @param uniform the source of the initial values
     */
    void initialise(int fanIn, DoubleSupplier uniform) {
        Layer.heUniform(w, fanIn, uniform);
    }

    @Override
    public String toString() {
        return name + " (" + conditions + " -> " + out + ")";
    }
}

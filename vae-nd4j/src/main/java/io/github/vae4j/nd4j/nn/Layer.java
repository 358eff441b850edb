package io.github.vae4j.nd4j.nn;

import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One trainable layer of the network, on column-major activations: an input is {@code in x R} and an output
 * {@code out x R}, one example per column, which is the memory layout of row-major host rows. Layers own views of
 * their parameters in the {@link ParameterStore}; their passes write into arrays the caller preallocated.
 * {@link #forward} may run on several threads at once, each with its own arrays; {@link #backward} runs on one
 * thread at a time (training).
 */
public interface Layer {

    /** @return what to call the layer in messages */
    String name();

    /** @return input width, values per example */
    int in();

    /** @return output width, values per example */
    int out();

    /**
     * The layer's output, without activation.
     *
     * @param x {@code in x R} input
     * @param y {@code out x R} output, overwritten
     */
    void forward(INDArray x, INDArray y);

    /**
     * Gradients of the loss with respect to the layer's parameters (overwritten) and, if asked, its input.
     *
     * @param x {@code in x R} the input of the forward pass
     * @param dy {@code out x R} dLoss/dy
     * @param dx {@code in x R} receives dLoss/dx, or {@code null} when not needed
     * @param accumulate add into {@code dx} rather than overwrite it (for a second head on the same input)
     * @param onesR {@code R x 1} ones
     */
    void backward(INDArray x, INDArray dy, INDArray dx, boolean accumulate, INDArray onesR);

    /**
     * He (Kaiming) uniform weights in +-sqrt(6 / fan-in), the variance-preserving choice for ReLU layers, and zero
     * biases, drawn in the order of the parameters in the store.
     *
     * @param uniform a source of uniform values in [0, 1)
     */
    void initialise(DoubleSupplier uniform);

    /**
     * Fills {@code weights} with He-uniform values in +-sqrt(6 / fanIn), drawn in the order of its elements in the
     * parameter store, and {@code biases} with zeros.
     *
     * @param weights a contiguous view of the store
     * @param biases the layer's biases
     * @param fanIn the inputs each output sees
     * @param uniform a source of uniform values in [0, 1)
     */
    static void heUniform(INDArray weights, INDArray biases, double fanIn, DoubleSupplier uniform) {
        heUniform(weights, fanIn, uniform);
        biases.assign(0);
    }

    /**
     * Fills {@code weights} with He-uniform values in +-sqrt(6 / fanIn), in the order of its elements in the store.
     *
     * @param weights a contiguous view of the store
     * @param fanIn the inputs each output sees
     * @param uniform a source of uniform values in [0, 1)
     */
    static void heUniform(INDArray weights, double fanIn, DoubleSupplier uniform) {
        double limit = Math.sqrt(6.0 / fanIn);
        double[] values = new double[(int) weights.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (2 * uniform.getAsDouble() - 1) * limit;
        }
        // in the view's own order, which is that of its elements in the flat store
        weights.assign(Nd4j.create(values, weights.shape(), weights.ordering()).castTo(weights.dataType()));
    }
}

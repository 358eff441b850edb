package io.github.vae4j.nd4j.nn;

import io.github.vae4j.Convolutions;
import io.github.vae4j.ImageShape;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a convolution layer is, whichever route computes it: its shapes, kernel and stride, and its views of the
 * parameter store. Weights are {@code [k, k, inChannels, outChannels]} for a convolution and
 * {@code [k, k, outChannels, inChannels]} for a transposed one (ND4J's {@code conv2d}/{@code deconv2d} layouts),
 * followed by one bias per output channel.
 *
 * @param name what to call the layer in messages
 * @param input the input image shape
 * @param output the output image shape
 * @param kernel kernel height and width
 * @param stride the stride
 * @param transposed whether it is a transposed convolution (the decoder's)
 * @param w the weight view
 * @param b the bias view
 * @param gradW the weight gradient view
 * @param gradB the bias gradient view
 */
record ConvParameters(String name, ImageShape input, ImageShape output, int kernel, int stride, boolean transposed,
        INDArray w, INDArray b, INDArray gradW, INDArray gradB) {

    /**
     * Checks the shapes and takes the layer's weights, then its biases, from the store.
     *
     * @param name what to call the layer in messages
     * @param input the input image shape
     * @param output the output image shape, which {@code convolutions} must map {@code input} to (or, transposed,
     *     back from)
     * @param convolutions kernel size, stride and padding
     * @param transposed {@code true} for a transposed convolution
     * @param store where the parameters live
     * @return the layer's parameters
     * @throws IllegalArgumentException if {@code convolutions} does not map {@code input} to {@code output}
     */
    static ConvParameters take(String name, ImageShape input, ImageShape output, Convolutions convolutions,
            boolean transposed, ParameterStore store) {
        int expected = transposed ? convolutions.transposedOutputSize(input.height())
                : convolutions.outputSize(input.height());
        int expectedWidth = transposed ? convolutions.transposedOutputSize(input.width())
                : convolutions.outputSize(input.width());
        if (expected != output.height() || expectedWidth != output.width()) {
            throw new IllegalArgumentException(name + ": " + convolutions + " maps " + input + " to " + expected + "x"
                    + expectedWidth + ", not " + output);
        }
        int k = convolutions.kernelSize();
        long[] weightShape = transposed
                ? new long[] {k, k, output.channels(), input.channels()}
                : new long[] {k, k, input.channels(), output.channels()};
        INDArray[] weights = store.takeArray(weightShape);
        INDArray[] biases = store.takeArray(output.channels());
        return new ConvParameters(name, input, output, k, convolutions.stride(), transposed, weights[0], biases[0],
                weights[1], biases[1]);
    }

    /**
     * @param kernel kernel height and width
     * @param inChannels input channels
     * @param outChannels output channels
     * @return the number of parameters of such a layer, convolution or transposed
     */
    static long count(int kernel, int inChannels, int outChannels) {
        return (long) kernel * kernel * inChannels * outChannels + outChannels;
    }

    /**
     * He-uniform weights with fan-in {@code k * k * inChannels} for a convolution, and
     * {@code k * k * inChannels / stride^2} for a transposed one (each output pixel sees that many inputs on average);
     * zero biases.
     *
     * @param uniform a source of uniform values in [0, 1)
     */
    void initialise(DoubleSupplier uniform) {
        double fanIn = (double) kernel * kernel * input.channels();
        if (transposed) {
            fanIn = Math.max(1.0, fanIn / (stride * stride));
        }
        Layer.heUniform(w, b, fanIn, uniform);
    }
}

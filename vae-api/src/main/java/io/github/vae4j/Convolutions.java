package io.github.vae4j;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * The convolutional part of a model for images. The encoder applies one 2-D convolution with ReLU per entry of
 * {@code filters}, input side first, each with a square {@code kernelSize} kernel and the same {@code stride} in both
 * directions; its output, flattened, feeds the dense hidden layers. The decoder mirrors it with transposed
 * convolutions: a dense layer back to the last convolution's output shape, then one transposed convolution per
 * entry, the last producing the image itself (one per likelihood output, without activation).
 *
 * <p>Every layer must be exactly invertible in size, so that the decoder returns the input's shape: with
 * {@link Padding#SAME} each height and width along the stack must be divisible by the stride; with
 * {@link Padding#VALID}, {@code size - kernelSize} must be. {@link #outputSize(int)} gives the sizes.
 *
 * @param filters output channels of each convolution, input side first; empty for a dense model
 * @param kernelSize height and width of every kernel, in pixels
 * @param stride step of every kernel, in pixels, in both directions
 * @param padding how borders are handled
 */
public record Convolutions(List<Integer> filters, int kernelSize, int stride, Padding padding) {

    /** Largest kernel size and stride accepted. */
    public static final int MAX_KERNEL = 64;

    /** No convolutions: a dense model. */
    public static final Convolutions NONE = new Convolutions(List.of(), 3, 2, Padding.SAME);

    /** How a convolution treats the image border. */
    public enum Padding {
        /** Zero padding so that the output has {@code ceil(size / stride)} positions (TensorFlow's "same"). */
        SAME,
        /** No padding: {@code (size - kernelSize) / stride + 1} positions, every kernel fully inside the input. */
        VALID
    }

    /**
     * Validates every field.
     *
     * @param filters output channels of each convolution, input side first; empty for a dense model
     * @param kernelSize height and width of every kernel, in pixels
     * @param stride step of every kernel, in pixels, in both directions
     * @param padding how borders are handled
     */
    public Convolutions {
        checkNotNull(filters, "convolution filters");
        filters = ImmutableList.copyOf(filters);
        for (int i = 0; i < filters.size(); i++) {
            int f = filters.get(i);
            checkArgument(f > 0 && f <= VaeConfig.MAX_LAYER_SIZE,
                    "convolution %s must have between 1 and %s filters, got %s", i, VaeConfig.MAX_LAYER_SIZE, f);
        }
        checkArgument(kernelSize > 0 && kernelSize <= MAX_KERNEL, "kernel size must be between 1 and %s, got %s",
                MAX_KERNEL, kernelSize);
        checkArgument(stride > 0 && stride <= MAX_KERNEL, "stride must be between 1 and %s, got %s", MAX_KERNEL,
                stride);
        checkNotNull(padding, "padding");
    }

    /** @return {@code true} when there are no convolutions */
    public boolean isEmpty() {
        return filters.isEmpty();
    }

    /**
     * The output size of one convolution along one axis.
     *
     * @param size input height or width
     * @return output height or width; 0 or less when the kernel does not fit
     */
    public int outputSize(int size) {
        return padding == Padding.SAME ? (size + stride - 1) / stride : Math.floorDiv(size - kernelSize, stride) + 1;
    }

    /**
     * The size a transposed convolution gives back along one axis, the inverse of {@link #outputSize(int)} when the
     * size is invertible.
     *
     * @param size input height or width of the transposed convolution
     * @return its output height or width
     */
    public int transposedOutputSize(int size) {
        return padding == Padding.SAME ? size * stride : (size - 1) * stride + kernelSize;
    }

    /**
     * The shape after each convolution, checking that the decoder can mirror it exactly.
     *
     * @param image the input shape
     * @return {@code filters.size() + 1} shapes: the image, then each convolution's output
     * @throws IllegalArgumentException naming the layer and the size that cannot be mirrored
     */
    public List<ImageShape> shapes(ImageShape image) {
        ImmutableList.Builder<ImageShape> shapes = ImmutableList.builder();
        shapes.add(image);
        int h = image.height();
        int w = image.width();
        for (int i = 0; i < filters.size(); i++) {
            int oh = checkedOutput(i, "height", h);
            int ow = checkedOutput(i, "width", w);
            shapes.add(new ImageShape(oh, ow, filters.get(i)));
            h = oh;
            w = ow;
        }
        return shapes.build();
    }

    private int checkedOutput(int layer, String axis, int size) {
        int out = outputSize(size);
        checkArgument(out > 0, "convolution %s: the %s %s is smaller than the kernel size %s (padding VALID)", layer,
                axis, size, kernelSize);
        int back = transposedOutputSize(out);
        checkArgument(back == size, "convolution %s maps %s %s to %s, which the decoder's transposed convolution "
                + "maps back to %s, not %s (kernel %s, stride %s, padding %s); choose an image %s %s, or fewer "
                + "convolutions, or another stride", layer, axis, size, out, back, size, kernelSize, stride, padding,
                axis, padding == Padding.SAME ? "divisible by the stride at every layer"
                        : "for which size - kernel size is divisible by the stride at every layer");
        return out;
    }
}

package io.github.vae4j;

/**
 * The inference network q(z|x): maps each example to a diagonal Gaussian over the latent space.
 *
 * <p>Arrays are flat and row-major: example {@code r}, feature {@code c} of an {@code n x d} block lives at index
 * {@code r * d + c}. Implementations are safe to call from many threads at once.
 *
 * <p>A conditional model's encoder is q(z|x, c) ({@link #conditionSize()} &gt; 0): each row of x is the example's
 * {@link #inputSize()} values followed by its condition's {@link #conditionSize()} values.
 */
public interface Encoder {

    /** @return features per example, the width of x */
    int inputSize();

    /** @return the latent dimension, the width of z */
    int latentSize();

    /** @return values per row of the condition that follows each example in x; 0 for an unconditional model */
    default int conditionSize() {
        return 0;
    }

    /**
     * Computes the posterior parameters for {@code rows} examples.
     *
     * @param x {@code rows x (inputSize + conditionSize)} inputs, each followed by its condition, already validated
     * @param rows number of examples
     * @param mean receives the posterior means, {@code rows x latentSize}
     * @param logVariance receives the posterior log-variances, {@code rows x latentSize}; may be {@code null} when
     *     only the means are wanted
     */
    void encode(float[] x, int rows, float[] mean, float[] logVariance);
}

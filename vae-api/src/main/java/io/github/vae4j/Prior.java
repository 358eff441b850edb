package io.github.vae4j;

import io.github.vae4j.spi.RandomStream;

/**
 * The prior p(z) over the latent space.
 *
 * <p>Arrays are flat and row-major (see {@link Encoder}).
 */
public interface Prior {

    /** @return the latent dimension */
    int dimension();

    /**
     * Draws points from the prior.
     *
     * @param random the source of randomness
     * @param rows number of points
     * @param z receives {@code rows x dimension} samples
     */
    void sample(RandomStream random, int rows, float[] z);

    /**
     * Computes log p(z) for each row.
     *
     * @param z {@code rows x dimension} points
     * @param rows number of points
     * @param logDensity receives one value per row, in nats
     */
    void logDensity(float[] z, int rows, double[] logDensity);

    /**
     * Computes KL(q || p) in closed form for diagonal Gaussian posteriors q = N(mean, exp(logVariance)).
     *
     * @param mean {@code rows x dimension} posterior means
     * @param logVariance {@code rows x dimension} posterior log-variances
     * @param rows number of posteriors
     * @param kl receives one value per row, in nats
     */
    void kl(float[] mean, float[] logVariance, int rows, double[] kl);
}

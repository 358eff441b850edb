package io.github.vae4j;

/**
 * The generative network p(x|z): maps latent points to the parameters of the {@link Likelihood}.
 *
 * <p>Arrays are flat and row-major (see {@link Encoder}). Implementations are safe to call from many threads at once.
 */
public interface Decoder {

    /** @return the latent dimension, the width of z */
    int latentSize();

    /** @return features per example, the width of x */
    int outputSize();

    /** @return the distribution p(x|z) this decoder parameterises */
    Likelihood likelihood();

    /**
     * Computes the mean of p(x|z): probabilities for Bernoulli, the Gaussian mean otherwise.
     *
     * @param z {@code rows x latentSize} latent points
     * @param rows number of points
     * @param mean receives {@code rows x outputSize} means
     */
    void decode(float[] z, int rows, float[] mean);

    /**
     * Computes log p(x|z) for each row, summed over features.
     *
     * @param x {@code rows x outputSize} data
     * @param z {@code rows x latentSize} latent points, one per row of x
     * @param rows number of rows
     * @param logLikelihood receives one value per row, in nats
     */
    void logLikelihood(float[] x, float[] z, int rows, double[] logLikelihood);
}

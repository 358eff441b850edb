package io.github.vae4j;

import io.github.vae4j.spi.RandomStream;

/**
 * The generative network p(x|z): maps latent points to the parameters of the {@link Likelihood}.
 *
 * <p>Arrays are flat and row-major (see {@link Encoder}). Implementations are safe to call from many threads at once.
 *
 * <p>A conditional model's decoder is p(x|z, c) ({@link #conditionSize()} &gt; 0): the condition travels with x where
 * a call has x ({@link #logLikelihood}, {@link #logLikelihoodTerms}: each row of x is the example's
 * {@link #outputSize()} values followed by its condition's {@link #conditionSize()}), and with z where it has none
 * ({@link #decode}, {@link #sample}: each row of z is the latent point's {@link #latentSize()} values followed by the
 * condition's). What comes back is {@link #outputSize()} values per row.
 */
public interface Decoder {

    /** @return the latent dimension, the width of z */
    int latentSize();

    /** @return features per example, the width of x */
    int outputSize();

    /** @return values per row of the condition (see above); 0 for an unconditional model */
    default int conditionSize() {
        return 0;
    }

    /** @return the distribution p(x|z) this decoder parameterises */
    Likelihood likelihood();

    /**
     * Computes the mean of p(x|z): probabilities for Bernoulli, the Gaussian mean otherwise.
     *
     * @param z {@code rows x (latentSize + conditionSize)} latent points, each followed by its condition
     * @param rows number of points
     * @param mean receives {@code rows x outputSize} means
     */
    void decode(float[] z, int rows, float[] mean);

    /**
     * Computes log p(x|z) for each row, summed over features.
     *
     * @param x {@code rows x (outputSize + conditionSize)} data, each row followed by its condition
     * @param z {@code rows x latentSize} latent points, one per row of x
     * @param rows number of rows
     * @param logLikelihood receives one value per row, in nats
     */
    void logLikelihood(float[] x, float[] z, int rows, double[] logLikelihood);

    /**
     * Draws x from p(x|z), in the encoded layout of {@link #outputSize()} values per row (for a tabular model: a
     * standardised value per numeric column, 0 or 1 per binary column, a one-hot level per categorical column, 0 for
     * every missing-value indicator).
     *
     * @param z {@code rows x (latentSize + conditionSize)} latent points, each followed by its condition
     * @param rows number of points
     * @param random the source of the draws
     * @param x receives {@code rows x outputSize} values
     * @throws UnsupportedOperationException if this decoder's likelihood cannot be sampled by the backend
     */
    default void sample(float[] z, int rows, RandomStream random, float[] x) {
        throw new UnsupportedOperationException("this backend does not sample p(x|z) of " + likelihood());
    }

    /**
     * Computes log p(x|z) for each row, term by term: one term per column of a tabular model (0 for a missing
     * entry), so that the terms of a row sum to {@link #logLikelihood}.
     *
     * @param x {@code rows x (outputSize + conditionSize)} data, each row followed by its condition
     * @param z {@code rows x latentSize} latent points, one per row of x
     * @param rows number of rows
     * @param terms receives {@code rows x columns} values (the schema's column count), in nats
     * @throws UnsupportedOperationException if the likelihood has no terms (models without a schema)
     */
    default void logLikelihoodTerms(float[] x, float[] z, int rows, double[] terms) {
        throw new UnsupportedOperationException("log-likelihood terms need a tabular model");
    }
}

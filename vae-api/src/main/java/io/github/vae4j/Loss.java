package io.github.vae4j;

/**
 * The objective: the negative evidence lower bound, -ELBO(x) = -E_q[log p(x|z)] + KL(q(z|x) || p(z)), and the
 * importance weights of the IWAE bound. It is assembled once, in vae-api, from the model's parts: the
 * {@link Encoder}'s q(z|x), the {@link Decoder}'s log p(x|z) and the {@link Prior}'s log p(z) and KL, so every
 * backend computes densities and layers, never an estimator; {@code vae.elbo}, {@code vae.logLikelihood}, validation,
 * table scores and Spark's workers all use it. Training's gradient is the backend's, of the same terms; the two agree
 * to float rounding (each backend's tests check it).
 *
 * <p>The expectation is estimated at the latent point {@code z = mean + exp(logVariance / 2) * eps}, where the caller
 * supplies the standard normal noise {@code eps}, so every result is reproducible. Arrays are flat and row-major
 * (see {@link Encoder}).
 */
public interface Loss {

    /**
     * Evaluates the two terms of -ELBO for each row.
     *
     * @param x {@code rows x rowWidth} data: each example followed by its condition in a conditional model
     *     ({@link VaeConfig#rowWidth()})
     * @param eps {@code rows x latentSize} standard normal noise
     * @param rows number of rows
     * @param reconstruction receives -log p(x|z) per row, nats
     * @param kl receives KL(q(z|x) || p(z)) per row, nats
     */
    void evaluate(float[] x, float[] eps, int rows, double[] reconstruction, double[] kl);

    /**
     * Evaluates the log importance weights log p(x|z_s) + log p(z_s) - log q(z_s|x) for {@code samples} latent
     * points per row.
     *
     * @param x {@code rows x rowWidth} data: each example followed by its condition in a conditional model
     *     ({@link VaeConfig#rowWidth()})
     * @param eps {@code (rows * samples) x latentSize} standard normal noise, the samples of row r at
     *     {@code r * samples ... r * samples + samples - 1}
     * @param rows number of rows
     * @param samples latent samples per row
     * @param logWeights receives {@code rows * samples} values in nats, ordered as eps
     */
    void logImportanceWeights(float[] x, float[] eps, int rows, int samples, double[] logWeights);
}

package io.github.vae4j.internal;

import io.github.vae4j.Decoder;
import io.github.vae4j.Encoder;
import io.github.vae4j.Loss;
import io.github.vae4j.Prior;
import io.github.vae4j.spi.BackendModel;

/**
 * The one implementation of the ELBO's terms and of the importance weights of the IWAE bound, assembled from the
 * pieces a backend computes: the encoder's q(z|x), the decoder's log p(x|z) and the prior's log p(z) and KL. Every
 * backend gets it for free; none computes an estimator of its own.
 *
 * <p>The KL term is the prior's closed form for the standard normal, and for any other prior the estimate at the
 * sample itself, {@code log q(z|x) - log p(z)}, as training computes it.
 *
 * <p>The sample of row i with noise eps is {@code z = mean + exp(logVariance / 2) * eps}, computed in double and
 * rounded to float once, as the backends' training pass does. An instance keeps no state between calls: it may be
 * used from many threads, as its backend's parts may.
 */
public final class AssembledLoss implements Loss {

    /** (row, sample) pairs decoded per backend call. */
    static final int PAIRS = 512;

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final Encoder encoder;
    private final Decoder decoder;
    private final Prior prior;
    private final int width;
    private final int latent;
    private final boolean closedFormKl;

    /** @param model the backend model whose parts make the loss */
    public AssembledLoss(BackendModel model) {
        this.encoder = model.encoder();
        this.decoder = model.decoder();
        this.prior = model.prior();
        this.width = model.config().rowWidth();
        this.latent = model.config().latentSize();
        this.closedFormKl = model.config().prior().isStandardNormal();
    }

    @Override
    public void evaluate(float[] x, float[] eps, int rows, double[] reconstruction, double[] kl) {
        float[] mean = new float[rows * latent];
        float[] logVariance = new float[rows * latent];
        encoder.encode(x, rows, mean, logVariance);
        float[] z = new float[rows * latent];
        for (int i = 0; i < rows * latent; i++) {
            z[i] = sample(mean[i], logVariance[i], eps[i]);
        }
        decoder.logLikelihood(x, z, rows, reconstruction);
        for (int i = 0; i < rows; i++) {
            reconstruction[i] = -reconstruction[i];
        }
        if (closedFormKl) {
            prior.kl(mean, logVariance, rows, kl);
            return;
        }
        // any other prior: KL(q || p) estimated at the sample itself, log q(z|x) - log p(z), as training estimates it
        prior.logDensity(z, rows, kl);
        for (int i = 0; i < rows; i++) {
            kl[i] = posteriorLogDensity(logVariance, i * latent, eps, i * latent, latent) - kl[i];
        }
    }

    @Override
    public void logImportanceWeights(float[] x, float[] eps, int rows, int samples, double[] logWeights) {
        float[] mean = new float[rows * latent];
        float[] logVariance = new float[rows * latent];
        encoder.encode(x, rows, mean, logVariance);
        long total = (long) rows * samples;
        int chunk = (int) Math.min(PAIRS, total);
        float[] z = new float[chunk * latent];
        float[] xs = new float[chunk * width];
        double[] logPx = new double[chunk];
        double[] logPz = new double[chunk];
        for (long p0 = 0; p0 < total; p0 += chunk) {
            int n = (int) Math.min(chunk, total - p0);
            for (int j = 0; j < n; j++) {
                int row = (int) ((p0 + j) / samples);
                int e = (int) (p0 + j) * latent;
                for (int d = 0; d < latent; d++) {
                    int q = row * latent + d;
                    z[j * latent + d] = sample(mean[q], logVariance[q], eps[e + d]);
                }
                System.arraycopy(x, row * width, xs, j * width, width);
            }
            decoder.logLikelihood(xs, z, n, logPx);
            prior.logDensity(z, n, logPz);
            for (int j = 0; j < n; j++) {
                int row = (int) ((p0 + j) / samples);
                int e = (int) (p0 + j) * latent;
                logWeights[(int) (p0 + j)] = logPx[j] + logPz[j]
                        - posteriorLogDensity(logVariance, row * latent, eps, e, latent);
            }
        }
    }

    private static float sample(float mean, float logVariance, float eps) {
        return (float) (mean + Math.exp(0.5 * logVariance) * eps);
    }

    /**
     * log q(z|x) at the posterior's own sample {@code z = mean + sigma * eps}: a diagonal Gaussian's density there
     * depends on the noise and the log-variances alone, {@code -1/2 sum(eps^2 + logVariance + log 2 pi)}.
     */
    static double posteriorLogDensity(float[] logVariance, int lvFrom, float[] eps, int epsFrom, int dimension) {
        double sum = 0;
        for (int j = 0; j < dimension; j++) {
            double e = eps[epsFrom + j];
            sum += logVariance[lvFrom + j] + e * e;
        }
        return -0.5 * sum - dimension * HALF_LOG_TWO_PI;
    }
}

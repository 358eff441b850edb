package io.github.vae4j.nd4j.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The prior p(z) = N(0, I) and the closed-form KL of a diagonal Gaussian posterior from it:
 * KL(N(mu, exp(lv)) || N(0, I)) = 0.5 * sum_j (mu_j^2 + exp(lv_j) - 1 - lv_j), gradients mu and 0.5 (exp(lv) - 1).
 * Also the densities the importance-weighted bound needs.
 */
public final class StandardNormalPrior {

    /** 0.5 * log(2 pi), the normalising constant of one standard normal dimension. */
    public static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private StandardNormalPrior() {
    }

    /**
     * KL per example, summed in double precision.
     *
     * @param mu {@code L x R} posterior means
     * @param lv {@code L x R} posterior log-variances
     * @param variance {@code L x R} exp(lv), already computed
     * @param klPerExample receives {@code 1 x R} values in nats
     * @param scratch the frame's latent scratch
     */
    public static void kl(INDArray mu, INDArray lv, INDArray variance, INDArray klPerExample,
            LatentScratch scratch) {
        int l = (int) mu.rows();
        int r = (int) mu.columns();
        double[] m = scratch.read(0, mu);
        double[] logVar = scratch.read(1, lv);
        double[] var = scratch.read(2, variance);
        double[] out = scratch.get(3);
        for (int c = 0; c < r; c++) {
            double sum = 0;
            for (int i = c * l; i < (c + 1) * l; i++) {
                sum += m[i] * m[i] + var[i] - 1 - logVar[i];
            }
            out[c] = 0.5 * sum;
        }
        scratch.write(out, klPerExample);
    }

    /**
     * Adds {@code scale} times the KL gradient to the posterior gradients: {@code dMu += scale * mu},
     * {@code dLv += scale * 0.5 * (variance - 1)}.
     *
     * @param mu {@code L x R} posterior means
     * @param variance {@code L x R} exp(lv)
     * @param scale beta / R for a batch mean of beta * KL
     * @param dMu {@code L x R} gradient with respect to mu, added to
     * @param dLv {@code L x R} gradient with respect to lv, added to
     * @param scratch the frame's latent scratch
     */
    public static void addKlGradient(INDArray mu, INDArray variance, double scale, INDArray dMu, INDArray dLv,
            LatentScratch scratch) {
        int n = (int) mu.length();
        double[] m = scratch.read(0, mu);
        double[] var = scratch.read(1, variance);
        double[] gm = scratch.read(2, dMu);
        double[] glv = scratch.read(3, dLv);
        for (int i = 0; i < n; i++) {
            gm[i] += scale * m[i];
            glv[i] += scale * 0.5 * (var[i] - 1);
        }
        scratch.write(gm, dMu);
        scratch.write(glv, dLv);
    }

    /**
     * log N(z; 0, I) of one point.
     *
     * @param z the flat array holding the point
     * @param from index of its first coordinate
     * @param dimension number of coordinates
     * @return the log-density in nats
     */
    public static double logDensity(float[] z, int from, int dimension) {
        double sum = 0;
        for (int j = from; j < from + dimension; j++) {
            sum += (double) z[j] * z[j];
        }
        return -0.5 * sum - dimension * HALF_LOG_TWO_PI;
    }

    /**
     * log N(mu + sigma * eps; mu, sigma^2) of one point given its noise: the posterior density at its own sample.
     *
     * @param logVariance flat array holding the posterior log-variances
     * @param lvFrom index of the first log-variance
     * @param eps flat array holding the standard normal noise
     * @param epsFrom index of the first noise value
     * @param dimension number of coordinates
     * @return the log-density in nats
     */
    public static double posteriorLogDensity(float[] logVariance, int lvFrom, float[] eps, int epsFrom,
            int dimension) {
        double sum = 0;
        for (int j = 0; j < dimension; j++) {
            double e = eps[epsFrom + j];
            sum += logVariance[lvFrom + j] + e * e;
        }
        return -0.5 * sum - dimension * HALF_LOG_TWO_PI;
    }
}

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
     * KL per example.
     *
     * @param ops the frame's ops
     * @param mu {@code L x R} posterior means
     * @param lv {@code L x R} posterior log-variances
     * @param variance {@code L x R} exp(lv), already computed
     * @param tmp {@code L x R} scratch; holds the per-dimension KL afterwards
     * @param onesL {@code L x 1} ones
     * @param klPerExample receives {@code 1 x R} values in nats
     */
    public static void kl(Ops ops, INDArray mu, INDArray lv, INDArray variance, INDArray tmp, INDArray onesL,
            INDArray klPerExample) {
        ops.square(mu, tmp);
        ops.add(tmp, variance, tmp);
        ops.sub(tmp, lv, tmp);
        ops.add(tmp, -1.0, tmp);
        ops.mul(tmp, 0.5, tmp);
        Blas.columnSums(tmp, onesL, klPerExample);
    }

    /**
     * Adds {@code scale} times the KL gradient to the posterior gradients.
     *
     * @param ops the frame's ops
     * @param mu {@code L x R} posterior means
     * @param variance {@code L x R} exp(lv)
     * @param scale beta / R for a batch mean of beta * KL
     * @param tmp {@code L x R} scratch
     * @param dMu {@code L x R} gradient with respect to mu, added to
     * @param dLv {@code L x R} gradient with respect to lv, added to
     */
    public static void addKlGradient(Ops ops, INDArray mu, INDArray variance, double scale, INDArray tmp,
            INDArray dMu, INDArray dLv) {
        ops.mul(mu, scale, tmp);
        ops.add(dMu, tmp, dMu);
        ops.add(variance, -1.0, tmp);
        ops.mul(tmp, 0.5 * scale, tmp);
        ops.add(dLv, tmp, dLv);
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

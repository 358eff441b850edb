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
            LatentHeapArrays scratch) {
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
     * The batch-mean KL of each latent dimension, KL_j = (1/R) sum_r 0.5 (mu_jr^2 + exp(lv_jr) - 1 - lv_jr), the
     * quantity that free bits floors (Kingma et al. 2016).
     *
     * @param mu {@code L x R} posterior means
     * @param lv {@code L x R} posterior log-variances
     * @param variance {@code L x R} exp(lv), already computed
     * @param scratch the frame's latent scratch; the values are left in its {@code perDimension()} array
     * @return that array, {@code L} values in nats
     */
    public static double[] klPerDimension(INDArray mu, INDArray lv, INDArray variance, LatentHeapArrays scratch) {
        int l = (int) mu.rows();
        int r = (int) mu.columns();
        double[] m = scratch.read(0, mu);
        double[] logVar = scratch.read(1, lv);
        double[] var = scratch.read(2, variance);
        double[] out = scratch.perDimension();
        java.util.Arrays.fill(out, 0);
        for (int c = 0; c < r; c++) {
            for (int j = 0, i = c * l; j < l; j++, i++) {
                out[j] += m[i] * m[i] + var[i] - 1 - logVar[i];
            }
        }
        for (int j = 0; j < l; j++) {
            out[j] *= 0.5 / r;
        }
        return out;
    }

    /**
     * The KL term of the training objective under free bits: sum_j max(lambda, KL_j).
     *
     * @param klPerDimension the batch-mean KL of each dimension ({@link #klPerDimension})
     * @param lambda the floor, nats per dimension
     * @return the term, nats per example
     */
    public static double flooredKl(double[] klPerDimension, double lambda) {
        double sum = 0;
        for (double k : klPerDimension) {
            sum += Math.max(lambda, k);
        }
        return sum;
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
            LatentHeapArrays scratch) {
        addKlGradient(mu, variance, scale, dMu, dLv, scratch, null, 0);
    }

    /**
     * As {@link #addKlGradient(INDArray, INDArray, double, INDArray, INDArray, LatentHeapArrays)}, for the free-bits
     * objective: only dimensions whose batch-mean KL is above the floor get the KL's gradient, since max(lambda, KL_j)
     * is constant in the others.
     *
     * @param mu {@code L x R} posterior means
     * @param variance {@code L x R} exp(lv)
     * @param scale beta / R for a batch mean of beta * KL
     * @param dMu {@code L x R} gradient with respect to mu, added to
     * @param dLv {@code L x R} gradient with respect to lv, added to
     * @param scratch the frame's latent scratch
     * @param klPerDimension the batch-mean KL of each dimension, or {@code null} for every dimension
     * @param lambda the floor, nats per dimension
     */
    public static void addKlGradient(INDArray mu, INDArray variance, double scale, INDArray dMu, INDArray dLv,
            LatentHeapArrays scratch, double[] klPerDimension, double lambda) {
        int l = (int) mu.rows();
        int n = (int) mu.length();
        double[] m = scratch.read(0, mu);
        double[] var = scratch.read(1, variance);
        double[] gm = scratch.read(2, dMu);
        double[] glv = scratch.read(3, dLv);
        if (klPerDimension == null) {
            for (int i = 0; i < n; i++) {
                gm[i] += scale * m[i];
                glv[i] += scale * 0.5 * (var[i] - 1);
            }
        } else {
            for (int i = 0; i < n; i++) {
                if (klPerDimension[i % l] > lambda) {
                    gm[i] += scale * m[i];
                    glv[i] += scale * 0.5 * (var[i] - 1);
                }
            }
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
    public static double posteriorLogDensity(double[] logVariance, int lvFrom, double[] eps, int epsFrom,
            int dimension) {
        double sum = 0;
        for (int j = 0; j < dimension; j++) {
            double e = eps[epsFrom + j];
            sum += logVariance[lvFrom + j] + e * e;
        }
        return -0.5 * sum - dimension * HALF_LOG_TWO_PI;
    }
}

package io.github.vae4j.nd4j.likelihood;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.vae4j.nd4j.engine.ElementwiseOps;
import io.github.vae4j.nd4j.engine.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Independent Gaussian features: -log p(x|mu, var) = 0.5 log(2 pi) + 0.5 log(var) + 0.5 (x - mu)^2 / var per
 * feature, the full density, so that the ELBO is a true bound in nats. The mean head is the identity of the decoder's
 * output. The variance is either fixed, or learned as var = floor + softplus(r) from a second head r: the floor keeps
 * features that never vary (blank border pixels) from driving the variance to zero and the density to infinity.
 */
public final class GaussianLikelihood implements LikelihoodModel {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final boolean learned;
    private final double variance;
    private final Kernels kernels;

    /**
     * With the host-tuned kernels.
     *
     * @param learned whether a second decoder head predicts the variance
     * @param variance the floor of a learned variance, or the fixed variance; positive
     */
    public GaussianLikelihood(boolean learned, double variance) {
        this(learned, variance, Kernels.hostTuned());
    }

    /**
     * @param learned whether a second decoder head predicts the variance
     * @param variance the floor of a learned variance, or the fixed variance; positive
     * @param kernels how sums are computed: the network's set
     */
    public GaussianLikelihood(boolean learned, double variance, Kernels kernels) {
        this.kernels = kernels;
        checkArgument(variance > 0 && Double.isFinite(variance), "variance must be positive, got %s", variance);
        this.learned = learned;
        this.variance = variance;
    }

    @Override
    public int heads() {
        return learned ? 2 : 1;
    }

    @Override
    public void negativeLogLikelihood(INDArray[] heads, INDArray x, INDArray nllPerExample,
            INDArray[] headGradients, double gradientScale, Scratch scratch) {
        INDArray mu = heads[0];
        INDArray[] s = scratch.features();
        INDArray diff = s[0];
        INDArray var = s[1];
        INDArray nll = s[2];
        INDArray sq = s[3];
        // sigmoid(r), needed for the softplus and for the gradient
        INDArray sigmoid = learned ? (headGradients != null ? headGradients[1] : nll) : null;
        ElementwiseOps ops = scratch.ops();
        if (learned) {
            ops.sigmoid(heads[1], sigmoid);
            Elementwise.softplusFromSigmoid(ops, heads[1], sigmoid, var, sq);
            ops.add(var, variance, var);
        }
        ops.sub(mu, x, diff);
        ops.square(diff, sq);
        if (learned) {
            ops.div(sq, var, sq);                                 // (x - mu)^2 / var
            ops.log(var, nll);
            ops.add(nll, sq, nll);
        } else {
            ops.mul(sq, 1.0 / variance, sq);
            ops.add(sq, Math.log(variance), nll);
        }
        // nll = 0.5 * (log var + (x - mu)^2 / var) + 0.5 log(2 pi)
        ops.mul(nll, 0.5, nll);
        ops.add(nll, HALF_LOG_TWO_PI, nll);
        kernels.columnSums(nll, scratch.onesF(), nllPerExample);
        if (headGradients == null) {
            return;
        }
        INDArray gMu = headGradients[0];
        if (learned) {
            // d/dmu = (mu - x) / var
            ops.div(diff, var, gMu);
            ops.mul(gMu, gradientScale, gMu);
            // d/dvar = 0.5 (1 - (x - mu)^2 / var) / var; d/dr = d/dvar * sigmoid(r)
            INDArray gR = headGradients[1];                       // holds sigmoid(r)
            ops.reverseSub(sq, 1.0, sq);
            ops.div(sq, var, sq);
            ops.mul(gR, sq, gR);
            ops.mul(gR, 0.5 * gradientScale, gR);
            Elementwise.flushTiny(ops, gR);
        } else {
            ops.mul(diff, gradientScale / variance, gMu);
        }
    }

    @Override
    public void mean(INDArray[] heads, INDArray mean, Scratch scratch) {
        mean.assign(heads[0]);
    }

    /**
     * A learned variance: floor + softplus(r), softplus in the stable form max(r, 0) + log(1 + exp(-|r|)).
     *
     * @param r the variance head's value
     * @param floor the smallest variance, positive
     * @return the variance
     */
    public static double learnedVariance(double r, double floor) {
        return floor + Math.max(r, 0) + Math.log1p(Math.exp(-Math.abs(r)));
    }

    /**
     * One feature's -log N(x; mean, variance) = 0.5 log(2 pi) + 0.5 log(variance) + 0.5 (x - mean)^2 / variance: the
     * scalar form of {@link #negativeLogLikelihood}, for likelihoods made of columns.
     *
     * @param x the value
     * @param mean the mean
     * @param variance the variance, positive
     * @return nats
     */
    public static double nll(double x, double mean, double variance) {
        double d = x - mean;
        return HALF_LOG_TWO_PI + 0.5 * Math.log(variance) + 0.5 * d * d / variance;
    }

    /**
     * @param x the value
     * @param mean the mean
     * @param variance the variance
     * @return d(nll)/d(mean) = (mean - x) / variance
     */
    public static double meanGradient(double x, double mean, double variance) {
        return (mean - x) / variance;
    }

    /**
     * @param x the value
     * @param mean the mean
     * @param variance floor + softplus(r)
     * @param r the variance head's value
     * @return d(nll)/dr = 0.5 (1 - (x - mean)^2 / variance) / variance * sigmoid(r)
     */
    public static double varianceHeadGradient(double x, double mean, double variance, double r) {
        double d = x - mean;
        return 0.5 * (1 - d * d / variance) / variance * BernoulliLikelihood.sigmoid(r);
    }
}

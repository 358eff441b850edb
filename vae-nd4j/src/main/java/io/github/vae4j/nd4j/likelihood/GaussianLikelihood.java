package io.github.vae4j.nd4j.likelihood;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.vae4j.nd4j.nn.Blas;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

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

    /**
     * @param learned whether a second decoder head predicts the variance
     * @param variance the floor of a learned variance, or the fixed variance; positive
     */
    public GaussianLikelihood(boolean learned, double variance) {
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
        if (learned) {
            Nd4j.exec(new Sigmoid(heads[1], sigmoid));
            Elementwise.softplusFromSigmoid(heads[1], sigmoid, var, sq);
            Nd4j.exec(new ScalarAdd(var, null, var, variance));
        }
        mu.sub(x, diff);
        Nd4j.exec(new Square(diff, sq));
        if (learned) {
            sq.divi(var);                                         // (x - mu)^2 / var
            Nd4j.exec(new Log(var, nll));
            nll.addi(sq);
        } else {
            Nd4j.exec(new ScalarMultiplication(sq, null, sq, 1.0 / variance));
            Nd4j.exec(new ScalarAdd(sq, null, nll, Math.log(variance)));
        }
        // nll = 0.5 * (log var + (x - mu)^2 / var) + 0.5 log(2 pi)
        Nd4j.exec(new ScalarMultiplication(nll, null, nll, 0.5));
        Nd4j.exec(new ScalarAdd(nll, null, nll, HALF_LOG_TWO_PI));
        Blas.columnSums(nll, scratch.onesF(), nllPerExample);
        if (headGradients == null) {
            return;
        }
        INDArray gMu = headGradients[0];
        if (learned) {
            // d/dmu = (mu - x) / var
            diff.div(var, gMu);
            Nd4j.exec(new ScalarMultiplication(gMu, null, gMu, gradientScale));
            // d/dvar = 0.5 (1 - (x - mu)^2 / var) / var; d/dr = d/dvar * sigmoid(r)
            INDArray gR = headGradients[1];                       // holds sigmoid(r)
            Nd4j.exec(new ScalarReverseSubtraction(sq, null, sq, 1.0));
            sq.divi(var);
            gR.muli(sq);
            Nd4j.exec(new ScalarMultiplication(gR, null, gR, 0.5 * gradientScale));
            Elementwise.flushTiny(gR);
        } else {
            Nd4j.exec(new ScalarMultiplication(diff, null, gMu, gradientScale / variance));
        }
    }

    @Override
    public void mean(INDArray[] heads, INDArray mean, Scratch scratch) {
        mean.assign(heads[0]);
    }
}

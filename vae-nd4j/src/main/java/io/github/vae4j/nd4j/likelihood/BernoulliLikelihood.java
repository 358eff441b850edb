package io.github.vae4j.nd4j.likelihood;

import io.github.vae4j.nd4j.nn.Blas;
import io.github.vae4j.nd4j.nn.Ops;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Independent Bernoulli features with logits L: -log p(x|L) = softplus(L) - x * L per feature (binary
 * cross-entropy with logits, computed without ever taking the log of a sigmoid), gradient sigmoid(L) - x. Targets
 * may be any value in [0, 1].
 */
public final class BernoulliLikelihood implements LikelihoodModel {

    @Override
    public int heads() {
        return 1;
    }

    @Override
    public void negativeLogLikelihood(INDArray[] heads, INDArray x, INDArray nllPerExample,
            INDArray[] headGradients, double gradientScale, Scratch scratch) {
        INDArray logits = heads[0];
        INDArray nll = scratch.features()[0];
        INDArray tmp = scratch.features()[1];
        INDArray s = headGradients != null ? headGradients[0] : scratch.features()[2];
        Ops ops = scratch.ops();
        ops.sigmoid(logits, s);
        Elementwise.softplusFromSigmoid(ops, logits, s, nll, tmp);
        ops.mul(x, logits, tmp);
        ops.sub(nll, tmp, nll);
        Blas.columnSums(nll, scratch.onesF(), nllPerExample);
        if (headGradients != null) {
            // d/dL = sigmoid(L) - x, already holding sigmoid(L)
            ops.sub(s, x, s);
            if (gradientScale != 1.0) {
                ops.mul(s, gradientScale, s);
            }
            Elementwise.flushTiny(ops, s);
        }
    }

    @Override
    public void mean(INDArray[] heads, INDArray mean, Scratch scratch) {
        scratch.ops().sigmoid(heads[0], mean);
    }
}

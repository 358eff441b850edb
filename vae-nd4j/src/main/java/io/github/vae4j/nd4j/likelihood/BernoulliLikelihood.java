package io.github.vae4j.nd4j.likelihood;

import io.github.vae4j.nd4j.nn.Blas;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

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
        Nd4j.exec(new Sigmoid(logits, s));
        Elementwise.softplusFromSigmoid(logits, s, nll, tmp);
        x.mul(logits, tmp);
        nll.subi(tmp);
        Blas.columnSums(nll, scratch.onesF(), nllPerExample);
        if (headGradients != null) {
            // d/dL = sigmoid(L) - x, already holding sigmoid(L)
            s.subi(x);
            if (gradientScale != 1.0) {
                Nd4j.exec(new ScalarMultiplication(s, null, s, gradientScale));
            }
            Elementwise.flushTiny(s);
        }
    }

    @Override
    public void mean(INDArray[] heads, INDArray mean, Scratch scratch) {
        Nd4j.exec(new Sigmoid(heads[0], mean));
    }
}

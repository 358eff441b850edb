package io.github.vae4j.nd4j.likelihood;

import io.github.vae4j.nd4j.engine.ElementwiseOps;
import io.github.vae4j.spi.RandomStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A decoder distribution p(x|z) on the ND4J backend: how many output heads the decoder needs, the negative
 * log-likelihood with its gradient, and the mean. A new likelihood is a new implementation of this interface; the
 * network and the trainer do not change.
 *
 * <p>All arrays are column-major, one example per column: the data {@code F x R} (F features), the heads
 * {@code headWidth(F) x R}.
 */
public interface LikelihoodModel {

    /**
     * Scratch arrays an implementation may use: at least four {@code F x R} arrays, and {@code F x 1} ones; the
     * frame's elementwise ops, which reuse their op objects when given the same arrays; and heap arrays, whose values
     * from {@code hostFrom} on are this call's ({@code null} where there are none).
     */
    record Scratch(INDArray[] features, INDArray onesF, ElementwiseOps ops, FeatureHeapArrays host, int hostFrom) {

        /**
         * Scratch without heap arrays.
         *
         * @param features at least four {@code F x R} arrays
         * @param onesF {@code F x 1} ones
         * @param ops elementwise ops
         */
        public Scratch(INDArray[] features, INDArray onesF, ElementwiseOps ops) {
            this(features, onesF, ops, null, 0);
        }
    }

    /** @return the number of decoder output heads (1: logits or mean; 2: mean and variance) */
    int heads();

    /**
     * @param inputSize F, the width of the data
     * @return the width of each head: F, unless the likelihood lays its parameters out otherwise (a tabular model's
     *     columns)
     */
    default int headWidth(int inputSize) {
        return inputSize;
    }

    /**
     * Draws x from p(x|z).
     *
     * @param heads the decoder's output heads
     * @param x receives the draws, {@code F x R}
     * @param random the source of the draws
     * @throws UnsupportedOperationException if this likelihood cannot be sampled
     */
    default void sample(INDArray[] heads, INDArray x, RandomStream random) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no sampler");
    }

    /** @return the number of terms {@link #logLikelihoodTerms} gives per example; 0 for none */
    default int termCount() {
        return 0;
    }

    /**
     * The log-likelihood of each example term by term (a tabular model's columns), in nats.
     *
     * @param heads the decoder's output heads
     * @param x the data, {@code F x R}
     * @param terms receives {@code R x termCount()} values, example by example
     * @throws UnsupportedOperationException if this likelihood has no terms
     */
    default void logLikelihoodTerms(INDArray[] heads, INDArray x, double[] terms) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no log-likelihood terms");
    }

    /**
     * The negative log-likelihood -log p(x|z) per example and, if asked, its gradient with respect to each head.
     *
     * @param heads the decoder's output heads, each {@code headWidth(F) x R}
     * @param x the data, {@code F x R}
     * @param nllPerExample receives -log p(x|z) summed over features, {@code 1 x R}, in nats
     * @param headGradients receive {@code gradientScale * d(nll)/d(head)}, each {@code F x R}; {@code null} for no
     *     gradient
     * @param gradientScale factor applied to the gradient (1 / R for a batch mean)
     * @param scratch work space
     */
    void negativeLogLikelihood(INDArray[] heads, INDArray x, INDArray nllPerExample, INDArray[] headGradients,
            double gradientScale, Scratch scratch);

    /**
     * The mean of p(x|z).
     *
     * @param heads the decoder's output heads, each {@code F x R}
     * @param mean receives the mean, {@code F x R}
     * @param scratch work space
     */
    void mean(INDArray[] heads, INDArray mean, Scratch scratch);
}

package io.github.vae4j.nd4j.likelihood;

import io.github.vae4j.Likelihood;
import io.github.vae4j.nd4j.engine.HeapDoubles;
import io.github.vae4j.spi.RandomStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A host's {@link Likelihood} on the network: the decoder's heads and the data copied to the heap in double
 * precision, the likelihood's per-value maths there, the negative log-likelihood per example and the heads' gradients
 * copied back. It works with any kernel set and device; the built-in likelihoods have kernels of their own instead.
 * A missing value (NaN) adds nothing and has no gradient, so a host's data may have gaps.
 */
public final class ValueLikelihoodModel implements LikelihoodModel {

    private final Likelihood likelihood;
    private final int heads;

    /** @param likelihood the host's likelihood */
    public ValueLikelihoodModel(Likelihood likelihood) {
        this.likelihood = likelihood;
        this.heads = likelihood.heads();
    }

    @Override
    public int heads() {
        return heads;
    }

    @Override
    public void negativeLogLikelihood(INDArray[] headArrays, INDArray x, INDArray nllPerExample,
            INDArray[] headGradients, double gradientScale, Scratch scratch) {
        int f = (int) x.rows();
        int r = (int) x.columns();
        double[] xs = HeapDoubles.of(x);
        double[][] h = heap(headArrays);
        double[][] g = headGradients == null ? null : new double[heads][f * r];
        double[] nll = new double[r];
        double[] theta = new double[heads];
        double[] gradient = g == null ? null : new double[heads];
        for (int e = 0; e < r; e++) {
            double sum = 0;
            for (int j = 0; j < f; j++) {
                int i = e * f + j;
                if (Double.isNaN(xs[i])) {
                    continue;
                }
                for (int k = 0; k < heads; k++) {
                    theta[k] = h[k][i];
                }
                sum += likelihood.negativeLogDensity(xs[i], theta, gradient);
                if (g != null) {
                    for (int k = 0; k < heads; k++) {
                        g[k][i] = gradient[k] * gradientScale;
                    }
                }
            }
            nll[e] = sum;
        }
        HeapDoubles.assign(nll, 1, r, nllPerExample);
        if (g != null) {
            for (int k = 0; k < heads; k++) {
                HeapDoubles.assign(g[k], f, r, headGradients[k]);
            }
        }
    }

    @Override
    public void mean(INDArray[] headArrays, INDArray mean, Scratch scratch) {
        map(headArrays, mean, theta -> likelihood.mean(theta));
    }

    @Override
    public void sample(INDArray[] headArrays, INDArray x, RandomStream random) {
        map(headArrays, x, theta -> likelihood.sample(theta, random));
    }

    /** One value from a value's heads. */
    private interface PerValue {
        double of(double[] theta);
    }

    private void map(INDArray[] headArrays, INDArray out, PerValue value) {
        int f = (int) out.rows();
        int r = (int) out.columns();
        double[][] h = heap(headArrays);
        double[] values = new double[f * r];
        double[] theta = new double[heads];
        for (int i = 0; i < values.length; i++) {
            for (int k = 0; k < heads; k++) {
                theta[k] = h[k][i];
            }
            values[i] = value.of(theta);
        }
        HeapDoubles.assign(values, f, r, out);
    }

    private double[][] heap(INDArray[] arrays) {
        double[][] out = new double[heads][];
        for (int k = 0; k < heads; k++) {
            out[k] = HeapDoubles.of(arrays[k]);
        }
        return out;
    }

}

package io.github.vae4j.nd4j.likelihood;

import io.github.vae4j.nd4j.nn.Blas;
import io.github.vae4j.nd4j.nn.HostCopy;
import io.github.vae4j.nd4j.nn.Ops;
import org.nd4j.linalg.api.buffer.DataType;
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
        if (scratch.host() != null && logits.dataType() == DataType.FLOAT) {
            negativeLogLikelihoodOnHeap(logits, x, nllPerExample, headGradients, gradientScale, scratch);
            return;
        }
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

    /**
     * The same values as the ND4J ops of {@link #negativeLogLikelihood}, float for float, with the nine cheap
     * elementwise ops fused into two loops over heap copies; only the sigmoid and the logarithm stay native ops. The
     * gradient has the same bits; the sums per example are taken in double precision instead of by a float product.
     * Measured on 784 x 50 values (half a batch) on a 2-core AMD EPYC: 682 µs against 858 µs for the ops, medians of
     * eight alternating runs; in a training step about 0.2 ms less.
     */
    private static void negativeLogLikelihoodOnHeap(INDArray logits, INDArray x, INDArray nllPerExample,
            INDArray[] headGradients, double gradientScale, Scratch scratch) {
        int features = (int) logits.rows();
        int r = (int) logits.columns();
        int n = features * r;
        int at = scratch.hostFrom();
        float[] s = scratch.host().get(0);
        float[] t = scratch.host().get(1);
        float[] l = scratch.host().get(2);
        float[] target = scratch.host().get(3);
        INDArray nativeScratch = scratch.features()[0];
        Ops ops = scratch.ops();

        // sigmoid(L), then log(0.5 + |s - 0.5|) = -log1p(exp(-|L|)) as in Elementwise.softplusFromSigmoid
        ops.sigmoid(logits, nativeScratch);
        HostCopy.toHost(nativeScratch, n, s, at);
        for (int i = at; i < at + n; i++) {
            t[i] = Math.abs(s[i] - 0.5f) + 0.5f;
        }
        HostCopy.toNative(t, at, n, nativeScratch);
        ops.log(nativeScratch, nativeScratch);
        HostCopy.toHost(nativeScratch, n, t, at);
        HostCopy.toHost(logits, n, l, at);
        HostCopy.toHost(x, n, target, at);

        // softplus(L) - x L per feature, summed per example
        for (int c = 0; c < r; c++) {
            double sum = 0;
            for (int i = at + c * features, end = i + features; i < end; i++) {
                sum += (Math.max(l[i], 0f) - t[i]) - target[i] * l[i];
            }
            t[at + c] = (float) sum;
        }
        HostCopy.toNative(t, at, r, nllPerExample);
        if (headGradients == null) {
            return;
        }
        // (sigmoid(L) - x) * scale, tiny values flushed to zero as in Elementwise.flushTiny
        float scale = (float) gradientScale;
        for (int i = at; i < at + n; i++) {
            float g = (s[i] - target[i]) * scale;
            s[i] = Math.abs(g) < Elementwise.FLUSH_BELOW_FLOAT ? 0f : g;
        }
        HostCopy.toNative(s, at, n, headGradients[0]);
    }

    @Override
    public void mean(INDArray[] heads, INDArray mean, Scratch scratch) {
        scratch.ops().sigmoid(heads[0], mean);
    }
}

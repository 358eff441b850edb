package io.github.vae4j.nd4j.likelihood;

import io.github.vae4j.nd4j.engine.ElementwiseOps;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Numerically stable elementwise pieces shared by the likelihoods. */
final class Elementwise {

    /** Gradients smaller than this are set to zero; see {@link #flushTiny}. */
    private static final double FLUSH_BELOW = 1e-30;
    /** {@link #FLUSH_BELOW} as the float ND4J compares float arrays with. */
    static final float FLUSH_BELOW_FLOAT = (float) FLUSH_BELOW;

    private Elementwise() {
    }

    /**
     * softplus(v) = log(1 + exp(v)) from s = sigmoid(v), which the likelihoods need for their gradients anyway:
     * softplus(v) = max(v, 0) + log1p(exp(-|v|)) and log1p(exp(-|v|)) = -log(sigmoid(|v|)) = -log(0.5 + |s - 0.5|).
     * The logarithm's argument lies in [0.5, 1], so nothing overflows (ND4J's own softplus computes log(1 + exp(v))
     * and overflows above about 88) and nothing becomes denormal. In float, sigmoid(|v|) rounds to 1 beyond |v| = 17,
     * an error below 4e-8 per feature. Measured on 784 x 100 logits: 0.3 ms, against 1 ms for ND4J's exp and log1p.
     *
     * @param ops the frame's ops
     * @param v input
     * @param s sigmoid(v)
     * @param out receives softplus(v); must not be {@code v}, {@code s} or {@code tmp}
     * @param tmp scratch of the same shape
     */
    static void softplusFromSigmoid(ElementwiseOps ops, INDArray v, INDArray s, INDArray out, INDArray tmp) {
        ops.add(s, -0.5, out);
        ops.abs(out, out);
        ops.add(out, 0.5, out);
        ops.log(out, out);
        ops.relu(v, tmp);
        ops.sub(tmp, out, out);
    }

    /**
     * Sets values with |g| below 1e-30 to zero, in place. Saturated outputs (logits of pixels that are always blank
     * drift ever more negative) give gradients near 1e-38; once scaled and multiplied through the network they become
     * denormal floats, on which every later product is about a hundred times slower. Zeroing them changes no update:
     * Adam's epsilon is 1e-8.
     *
     * @param ops the frame's ops
     * @param g gradients, changed in place
     */
    static void flushTiny(ElementwiseOps ops, INDArray g) {
        ops.flushBelow(g, FLUSH_BELOW);
    }
}

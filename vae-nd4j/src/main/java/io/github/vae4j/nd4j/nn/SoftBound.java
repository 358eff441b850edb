package io.github.vae4j.nd4j.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A smooth bound on an encoder head's output r: used as it is between {@code lower} and {@code upper}, bent beyond
 * them towards {@code upper + softness} and {@code lower - softness}:
 *
 * <pre>
 *   b(r) = upper + s tanh((r - upper) / s)   for r &gt; upper
 *   b(r) = r                                  for lower &lt;= r &lt;= upper
 *   b(r) = lower - s tanh((lower - r) / s)   for r &lt; lower
 * </pre>
 *
 * <p>b and its first derivative are continuous, and the derivative {@code 1 - ((b - edge) / s)^2} is known from b
 * alone, so the backward pass needs no copy of r. Outputs inside the identity range, as those of a trained model on
 * its own data are, pass unchanged, bit for bit.
 *
 * <p>Why the posterior's heads are bounded ({@link #MEAN}, {@link #LOG_VARIANCE}): one input far outside the training
 * data's range (a heavy-tailed column; |z| = 79 on standardised Shuttle) gives head outputs of 50 or more: a
 * posterior variance of e^50, a KL of 1e21 nats, a latent code so far out that the decoder's means are absurd, and,
 * once exp(lv) passes the float range, NaN. Measured on Shuttle with a Gaussian likelihood, latent 3, hidden 32,
 * 3 epochs: 1.6e26 nats per example at batch 100 and NaN from batch 400 unbounded.
 */
final class SoftBound {

    /**
     * The posterior mean's bound: identity within 8 prior standard deviations, at most 12 (a KL of at most 72 nats
     * per dimension from the mean).
     */
    static final SoftBound MEAN = new SoftBound(-8, 8, 4);

    /**
     * The posterior log-variance's bound: identity from -20 to 2 (trained MNIST models stay within -12 and 1), so
     * the posterior's standard deviation lies between e^-11 and e^2 = 7.4, its KL per dimension below 25 nats from
     * the variance.
     */
    static final SoftBound LOG_VARIANCE = new SoftBound(-20, 2, 2);

    private final double lower;
    private final double upper;
    private final double softness;

    /**
     * @param lower the identity range's lower edge
     * @param upper its upper edge, above lower
     * @param softness how far beyond each edge values may go; positive
     */
    SoftBound(double lower, double upper, double softness) {
        if (!(lower < upper) || !(softness > 0)) {
            throw new IllegalArgumentException("bound [" + lower + ", " + upper + "] with softness " + softness);
        }
        this.lower = lower;
        this.upper = upper;
        this.softness = softness;
    }

    /**
     * @param r a head's output
     * @return b(r)
     */
    double apply(double r) {
        if (r > upper) {
            return upper + softness * Math.tanh((r - upper) / softness);
        }
        if (r < lower) {
            return lower - softness * Math.tanh((lower - r) / softness);
        }
        return r;
    }

    /**
     * @param b a bounded value, {@link #apply}'s result
     * @return db/dr at the r that gave it
     */
    double slope(double b) {
        double t;
        if (b > upper) {
            t = (b - upper) / softness;
        } else if (b < lower) {
            t = (lower - b) / softness;
        } else {
            return 1;
        }
        return 1 - t * t;
    }

    private boolean outside(double v) {
        return v > upper || v < lower;
    }

    /**
     * Bounds an array in place, after the head's forward pass; writes back only if a value was outside.
     *
     * @param values the head's outputs, {@code L x R}
     * @param scratch the frame's heap arrays (uses array 0)
     * @return whether a value was outside the identity range
     */
    boolean forward(INDArray values, LatentHeapArrays scratch) {
        double[] v = scratch.read(0, values);
        int n = (int) values.length();
        boolean changed = false;
        for (int i = 0; i < n; i++) {
            if (outside(v[i])) {
                v[i] = apply(v[i]);
                changed = true;
            }
        }
        if (changed) {
            scratch.write(v, values);
        }
        return changed;
    }

    /**
     * Turns a gradient with respect to the bounded values into one with respect to the head's outputs, in place.
     *
     * @param bounded the bounded values, {@code L x R}
     * @param gradient the gradient with respect to them, same shape
     * @param scratch the frame's heap arrays (uses arrays 0 and 1)
     */
    void backward(INDArray bounded, INDArray gradient, LatentHeapArrays scratch) {
        double[] b = scratch.read(0, bounded);
        int n = (int) bounded.length();
        double[] g = null;
        for (int i = 0; i < n; i++) {
            if (outside(b[i])) {
                if (g == null) {
                    g = scratch.read(1, gradient);
                }
                g[i] *= slope(b[i]);
            }
        }
        if (g != null) {
            scratch.write(g, gradient);
        }
    }
}

package io.github.vae4j;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How the variance of a {@link Likelihood#GAUSSIAN} decoder is obtained.
 *
 * <p>A <em>learned</em> variance is predicted per feature by the decoder as
 * {@code sigma^2 = floor + softplus(r)}, where {@code r} is the output of the decoder's variance head. The floor keeps
 * the density finite on features that never change (for example blank border pixels), where an unbounded variance
 * would shrink towards zero and the likelihood grow without limit. A <em>fixed</em> variance is the same constant for
 * every feature and example.
 *
 * @param isLearned {@code true} when the decoder predicts the variance
 * @param value the variance floor when learned, the variance itself when fixed; positive and finite
 */
public record GaussianVariance(boolean isLearned, double value) {

    /** The default floor of a learned variance: 1e-3, a standard deviation of about 0.03 in the data's units. */
    public static final double DEFAULT_FLOOR = 1e-3;

    /**
     * Validates the value.
     *
     * @param isLearned {@code true} when the decoder predicts the variance
     * @param value the variance floor when learned, the variance itself when fixed; positive and finite
     */
    public GaussianVariance {
        checkArgument(Double.isFinite(value) && value > 0, "Gaussian variance %s must be positive and finite, got %s",
                isLearned ? "floor" : "value", value);
    }

    /**
     * A variance predicted by the decoder, never below {@code floor}.
     *
     * @param floor the smallest variance, in squared data units; positive
     * @return the specification
     */
    public static GaussianVariance learned(double floor) {
        return new GaussianVariance(true, floor);
    }

    /**
     * A variance predicted by the decoder, never below {@link #DEFAULT_FLOOR}.
     *
     * @return the specification
     */
    public static GaussianVariance learned() {
        return learned(DEFAULT_FLOOR);
    }

    /**
     * The same variance for every feature, not learned.
     *
     * @param variance the variance, in squared data units; positive
     * @return the specification
     */
    public static GaussianVariance fixed(double variance) {
        return new GaussianVariance(false, variance);
    }
}

package io.github.vae4j;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.math.Quantiles;

/**
 * A threshold on anomaly scores ({@code vae.anomalyScores} or {@code -vae.logLikelihood}, nats, higher is more
 * unusual), and the decision it gives: a row is flagged when its score is above the threshold.
 *
 * <pre>{@code
 * double[] normal = vae.anomalyScores(validationRows);          // rows known to be normal
 * AnomalyThreshold t = AnomalyThreshold.forFalsePositiveRate(normal, 0.01);
 * boolean[] flagged = t.flag(vae.anomalyScores(today));
 * }</pre>
 *
 * @param value the threshold, in the scores' units
 */
public record AnomalyThreshold(double value) {

    /** The fewest normal scores {@link #peaksOverThreshold} takes. */
    public static final int MIN_PEAKS_SCORES = 100;

    /** The quantile of the normal scores above which {@link #peaksOverThreshold} fits the tail (SPOT's). */
    public static final double PEAKS_LEVEL = 0.98;

    /**
     * Validates the value.
     *
     * @param value the threshold, in the scores' units
     */
    public AnomalyThreshold {
        checkArgument(!Double.isNaN(value), "the threshold is NaN");
    }

    /**
     * The threshold that flags about a fraction {@code rate} of rows known to be normal: their (1 - rate) quantile
     * (linear interpolation between order statistics, as Guava's {@code Quantiles} and R's type 7).
     *
     * @param normalScores scores of normal rows, at least 1, none NaN
     * @param rate the false-positive rate wanted, in (0, 1)
     * @return the threshold
     */
    public static AnomalyThreshold forFalsePositiveRate(double[] normalScores, double rate) {
        return quantile(normalScores, rate, "false-positive rate");
    }

    /**
     * The threshold that flags a fraction {@code contamination} of the given rows, when that many of them are
     * expected to be anomalies: their (1 - contamination) quantile.
     *
     * @param scores scores of the rows, at least 1, none NaN
     * @param contamination the expected fraction of anomalies, in (0, 1)
     * @return the threshold
     */
    public static AnomalyThreshold forContamination(double[] scores, double contamination) {
        return quantile(scores, contamination, "contamination");
    }

    /**
     * The threshold that normal scores exceed with probability {@code risk}, extrapolated into their tail by peaks
     * over threshold (SPOT's initial step, Siffer et al., KDD 2017): a generalized Pareto distribution is fitted by
     * maximum likelihood to the excesses over the scores' 0.98 quantile, and its {@code risk} quantile is the
     * threshold. Unlike {@link #forFalsePositiveRate}, it can set a threshold for a risk far smaller than one over
     * the number of scores (1e-4 from 10,000 scores, say), beyond the largest normal score where the tail says so.
     *
     * @param normalScores scores of normal points or rows (a detector's scores of its training series, say), at least
     *     {@value #MIN_PEAKS_SCORES}, finite
     * @param risk the probability that a normal score exceeds the threshold, in (0, 0.02)
     * @return the threshold
     * @throws IllegalArgumentException naming a score that is not finite, too few scores, or a risk out of range
     */
    public static AnomalyThreshold peaksOverThreshold(double[] normalScores, double risk) {
        return peaksOverThreshold(normalScores, risk, PEAKS_LEVEL);
    }

    /**
     * Peaks over threshold from another initial quantile.
     *
     * @param normalScores scores of normal points or rows, at least {@value #MIN_PEAKS_SCORES}, finite
     * @param risk the probability that a normal score exceeds the threshold, in (0, 1 - level)
     * @param level the quantile of the scores above which the tail is fitted, in (0.5, 1); at least 10 scores must
     *     lie above it
     * @return the threshold
     */
    public static AnomalyThreshold peaksOverThreshold(double[] normalScores, double risk, double level) {
        checkNotNull(normalScores, "normalScores");
        checkArgument(normalScores.length >= MIN_PEAKS_SCORES, "peaks over threshold needs at least %s normal "
                + "scores, got %s", MIN_PEAKS_SCORES, normalScores.length);
        for (int i = 0; i < normalScores.length; i++) {
            checkArgument(Double.isFinite(normalScores[i]), "normalScores[%s] is %s", i, (Object) normalScores[i]);
        }
        checkArgument(level > 0.5 && level < 1, "the initial level must be in (0.5, 1), got %s", level);
        checkArgument(risk > 0 && risk < 1 - level, "the risk must be in (0, %s), below the share of scores above "
                + "the initial level, got %s", 1 - level, risk);
        double initial = quantile(normalScores, 1 - level, "initial level").value();
        int above = 0;
        for (double s : normalScores) {
            above += s > initial ? 1 : 0;
        }
        checkArgument(above >= 10, "only %s normal scores lie above the %s quantile %s: too few to fit their tail "
                + "(more scores, or a lower level)", above, level, initial);
        double[] excesses = new double[above];
        int k = 0;
        for (double s : normalScores) {
            if (s > initial) {
                excesses[k++] = s - initial;
            }
        }
        GeneralizedPareto tail = GeneralizedPareto.fit(excesses);
        return new AnomalyThreshold(tail.quantile(initial, risk, (double) above / normalScores.length));
    }

    private static AnomalyThreshold quantile(double[] scores, double rate, String what) {
        checkNotNull(scores, "scores");
        checkArgument(scores.length > 0, "no scores to choose a threshold from");
        checkArgument(rate > 0 && rate < 1, "the %s must be in (0, 1), got %s", what, rate);
        for (int i = 0; i < scores.length; i++) {
            checkArgument(!Double.isNaN(scores[i]), "scores[%s] is NaN", i);
        }
        int scale = 1_000_000;
        int index = (int) Math.round((1 - rate) * scale);
        return new AnomalyThreshold(Quantiles.scale(scale).index(index).compute(scores.clone()));
    }

    /**
     * @param score a row's score
     * @return whether it is above the threshold
     */
    public boolean isAnomaly(double score) {
        return score > value;
    }

    /**
     * @param scores rows' scores
     * @return for each, whether it is above the threshold
     */
    public boolean[] flag(double[] scores) {
        boolean[] out = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = isAnomaly(scores[i]);
        }
        return out;
    }
}

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

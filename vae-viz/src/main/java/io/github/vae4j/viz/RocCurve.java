package io.github.vae4j.viz;

/**
 * A receiver operating characteristic curve: the true-positive rate against the false-positive rate as the
 * threshold on a score falls from above the highest score to the lowest, and the area under it. Made by
 * {@link Roc#curve}.
 *
 * <p>Point {@code i} is the rates when every example with score {@code >= thresholds[i]} is called positive; point 0
 * is (0, 0), nothing called positive, with threshold positive infinity; the last point is (1, 1). Examples with
 * equal scores are called positive together, so a tie between positives and negatives gives a diagonal segment.
 * Infinite scores sort as the extremes (an anomaly score of positive infinity is the most anomalous).
 */
public final class RocCurve {

    private final double[] falsePositiveRates;
    private final double[] truePositiveRates;
    private final double[] thresholds;
    private final double auc;
    private final int positives;
    private final int negatives;

    RocCurve(double[] falsePositiveRates, double[] truePositiveRates, double[] thresholds, int positives,
            int negatives) {
        this.falsePositiveRates = falsePositiveRates;
        this.truePositiveRates = truePositiveRates;
        this.thresholds = thresholds;
        this.positives = positives;
        this.negatives = negatives;
        double area = 0;
        for (int i = 1; i < falsePositiveRates.length; i++) {
            area += (falsePositiveRates[i] - falsePositiveRates[i - 1])
                    * (truePositiveRates[i] + truePositiveRates[i - 1]) / 2;
        }
        this.auc = area;
    }

    /** @return the false-positive rate of each point, from 0 to 1, non-decreasing (a copy) */
    public double[] falsePositiveRates() {
        return falsePositiveRates.clone();
    }

    /** @return the true-positive rate of each point, from 0 to 1, non-decreasing (a copy) */
    public double[] truePositiveRates() {
        return truePositiveRates.clone();
    }

    /** @return the score threshold of each point, decreasing, the first positive infinity (a copy) */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /**
     * The area under the curve by the trapezoidal rule: the probability that a random positive scores higher than a
     * random negative, a tie counting one half (the Mann-Whitney U statistic divided by positives times negatives).
     *
     * @return the AUROC in [0, 1]; 0.5 for scores that do not separate the classes, 1 for a perfect separation
     */
    public double auc() {
        return auc;
    }

    /** @return the number of positive examples */
    public int positives() {
        return positives;
    }

    /** @return the number of negative examples */
    public int negatives() {
        return negatives;
    }

    @Override
    public String toString() {
        return "RocCurve[auc=" + auc + ", positives=" + positives + ", negatives=" + negatives + ", points="
                + falsePositiveRates.length + "]";
    }
}

package io.github.vae4j.examples;

import java.util.stream.IntStream;

/**
 * A k-nearest-neighbour classifier in the rows' own space (squared Euclidean distance, a majority vote, ties to the
 * nearest neighbour's class): a judge that knows nothing of the VAE whose samples it classifies.
 */
final class NearestNeighbours {

    private final float[][] rows;
    private final int[] labels;
    private final int k;
    private final int classes;

    /**
     * @param rows the reference rows
     * @param labels their classes, 0 to {@code classes - 1}
     * @param k neighbours that vote, 1 or more
     * @param classes the number of classes
     */
    NearestNeighbours(float[][] rows, int[] labels, int k, int classes) {
        if (rows.length != labels.length || rows.length < k || k < 1) {
            throw new IllegalArgumentException(rows.length + " rows, " + labels.length + " labels, k = " + k);
        }
        this.rows = rows;
        this.labels = labels;
        this.k = k;
        this.classes = classes;
    }

    /**
     * @param queries rows to classify, of the reference rows' width
     * @return one class per query
     */
    int[] classify(float[][] queries) {
        return IntStream.range(0, queries.length).parallel().map(i -> classify(queries[i])).toArray();
    }

    /**
     * @param queries rows to classify
     * @param truth their classes
     * @return the share of queries classified as their class
     */
    double accuracy(float[][] queries, int[] truth) {
        int[] predicted = classify(queries);
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == truth[i] ? 1 : 0;
        }
        return (double) right / predicted.length;
    }

    private int classify(float[] q) {
        double[] best = new double[k];
        int[] bestLabel = new int[k];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int r = 0; r < rows.length; r++) {
            double d = distance(q, rows[r], best[k - 1]);
            if (d < best[k - 1]) {
                int j = k - 1;
                while (j > 0 && best[j - 1] > d) {
                    best[j] = best[j - 1];
                    bestLabel[j] = bestLabel[j - 1];
                    j--;
                }
                best[j] = d;
                bestLabel[j] = labels[r];
            }
        }
        int[] votes = new int[classes];
        for (int label : bestLabel) {
            votes[label]++;
        }
        int winner = bestLabel[0];
        for (int c = 0; c < classes; c++) {
            if (votes[c] > votes[winner]) {
                winner = c;
            }
        }
        return winner;
    }

    /** Squared distance, abandoned once past {@code bound}. */
    private static double distance(float[] a, float[] b, double bound) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
            if ((i & 63) == 63 && s > bound) {
                return s;
            }
        }
        return s;
    }
}

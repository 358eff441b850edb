package io.github.vae4j.training;

import io.github.vae4j.internal.InputChecks;
import io.github.vae4j.spi.RandomStream;

/**
 * An epoch over rows in memory: a new uniformly random permutation of the training rows (those not held out),
 * drawn from the shuffling stream, cut into batches. The rows were checked before the run.
 */
public final class PermutedBatches implements Batches {

    private final float[][] rows;
    private final int[] order;
    private final int batchSize;
    private final int width;
    private int from;

    /**
     * @param rows all rows, checked
     * @param trainingRows the indices of the training rows, ascending
     * @param batchSize rows per batch
     * @param random the shuffling stream, advanced by one permutation
     */
    public PermutedBatches(float[][] rows, int[] trainingRows, int batchSize, RandomStream random) {
        this.rows = rows;
        this.order = trainingRows.clone();
        this.batchSize = batchSize;
        this.width = rows[0].length;
        random.shuffle(order);
    }

    @Override
    public int next(float[] x) {
        int n = Math.min(batchSize, order.length - from);
        InputChecks.pack(rows, order, from, n, width, x);
        from += n;
        return n;
    }

    @Override
    public long rowsSoFar() {
        return from;
    }

    @Override
    public void close() {
    }
}

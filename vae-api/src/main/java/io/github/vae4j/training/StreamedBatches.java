package io.github.vae4j.training;

import io.github.vae4j.DataSource;
import io.github.vae4j.internal.InputChecks;
import io.github.vae4j.spi.RandomStream;
import java.io.IOException;

/**
 * An epoch over a streamed source, shuffled through a bounded buffer (a rolling shuffle, as tf.data's
 * {@code shuffle}): the buffer is filled with the first rows, then each row of a batch is drawn at random from it and
 * replaced by the next row read; at the end of the source the rows left in it come out in random order. A source no
 * larger than the buffer is shuffled uniformly. Rows held out for validation are skipped; every row read is checked.
 */
public final class StreamedBatches implements Batches {

    private final DataSource.RowReader reader;
    private final HoldOut holdOut;
    private final int unitColumns;
    private final RandomStream random;
    private final int batchSize;
    private final int width;
    private final float[] buffer;
    private final int capacity;
    private final float[] row;
    private int filled;
    private long position;
    private boolean ended;
    private long returned;

    /**
     * @param source the source, opened now
     * @param holdOut the rows to skip
     * @param unitColumns how many leading columns of a row must lie in [0, 1] (a Bernoulli model's targets); 0 for none
     * @param bufferRows rows in the shuffle buffer, positive
     * @param batchSize rows per batch
     * @param random the shuffling stream
     * @throws IOException if the source cannot be opened
     */
    public StreamedBatches(DataSource source, HoldOut holdOut, int unitColumns, int bufferRows, int batchSize,
            RandomStream random) throws IOException {
        this.reader = source.open();
        this.holdOut = holdOut;
        this.unitColumns = unitColumns;
        this.random = random;
        this.batchSize = batchSize;
        this.width = source.width();
        this.capacity = bufferRows;
        this.buffer = new float[Math.multiplyExact(bufferRows, width)];
        this.row = new float[width];
    }

    /** Reads the next training row into {@link #row}; {@code false} at the end. */
    private boolean readTrainingRow() throws IOException {
        while (reader.next(row)) {
            InputChecks.checkRow(row, reader, unitColumns);
            if (!holdOut.isHeldOut(position++)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int next(float[] x) throws IOException {
        int n = 0;
        while (n < batchSize) {
            if (!ended) {
                if (!readTrainingRow()) {
                    ended = true;
                    continue;
                }
                if (filled < capacity) {
                    System.arraycopy(row, 0, buffer, filled++ * width, width);
                    continue;
                }
                int j = random.nextInt(capacity);
                System.arraycopy(buffer, j * width, x, n++ * width, width);
                System.arraycopy(row, 0, buffer, j * width, width);
            } else {
                if (filled == 0) {
                    break;
                }
                int j = random.nextInt(filled);
                System.arraycopy(buffer, j * width, x, n++ * width, width);
                filled--;
                System.arraycopy(buffer, filled * width, buffer, j * width, width);
            }
        }
        returned += n;
        return n;
    }

    @Override
    public long rowsSoFar() {
        return returned;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}

package io.github.vae4j.training;

import java.io.IOException;

/**
 * One epoch's batches of training rows, shuffled: {@link PermutedBatches} for rows in memory,
 * {@link StreamedBatches} for a source read as a stream.
 */
public interface Batches extends AutoCloseable {

    /**
     * Fills the next batch.
     *
     * @param x receives up to {@code batchSize} rows, row-major
     * @return the rows filled; 0 at the end of the epoch
     * @throws IOException if reading the source fails
     * @throws IllegalArgumentException if a row read is not valid
     */
    public int next(float[] x) throws IOException;

    /** @return the rows returned so far in this epoch */
    public long rowsSoFar();

    @Override
    public void close() throws IOException;
}

package io.github.vae4j;

import io.github.vae4j.data.ArraySource;
import io.github.vae4j.data.CsvSource;
import io.github.vae4j.data.IdxSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A re-readable source of training rows, each {@link #width()} values: read from the start once per epoch (and once
 * more per epoch for a validation split held out of it), so data larger than memory can be trained on. The trainer
 * keeps only a bounded shuffle buffer of rows ({@link Training.Builder#shuffleBuffer(int)}), never the whole source.
 *
 * <pre>{@code
 * vae.fit(DataSource.csv(Path.of("telemetry.csv")), Training.builder().epochs(20).build());
 * vae.fit(DataSource.idx(Path.of("train-images-idx3-ubyte.gz")), plan);
 * vae.fit(DataSource.of(rows), plan);       // the same as vae.fit(rows, plan)
 * }</pre>
 *
 * <p>Every row is checked as it is read, as {@link Vae#fit(float[][], Training)} checks its arrays: a value that is
 * not a number, not finite or (Bernoulli) outside [0, 1] is an {@link IllegalArgumentException} that names the source,
 * line or row, and column, raised before any update that would use the row's batch; the model is then rolled back to
 * the start of the epoch in which the row was read (for a source that was bad from the start, the state before the
 * call, since the first epoch reads every row).
 *
 * <p>Implement this interface to train from other stores (a database cursor, a message log): {@link #open()} must
 * return the same rows in the same order each time for training to be reproducible.
 */
public interface DataSource {

    /**
     * Rows held in memory; they are not copied, so they must not change while a {@code fit} reads them.
     *
     * @param rows one example a row, {@code n x width}, n at least 1
     * @return the source, which shuffles exactly (a new permutation of all rows each epoch)
     * @throws IllegalArgumentException if rows is null, empty, or its first row is null or empty
     */
    static DataSource of(float[][] rows) {
        return new ArraySource(rows);
    }

    /**
     * A CSV file: a header line naming the columns, then one row of numbers a line, comma-separated (RFC 4180, parsed
     * by FastCSV). Empty lines are skipped. Reads the header now; the rows are streamed at each epoch.
     *
     * @param file the file, UTF-8, plain or gzip-compressed (recognised by its first bytes, whatever its name)
     * @return the source, of unknown length
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the file has no header line, or a header field is empty
     */
    static DataSource csv(Path file) throws IOException {
        return new CsvSource(file);
    }

    /**
     * An IDX image file (the format of MNIST and Fashion-MNIST), plain or gzip-compressed: one image a row, pixels
     * row-major, each unsigned byte scaled to [0, 1] (byte / 255). Reads the header now; the images are streamed at
     * each epoch.
     *
     * @param images an {@code idx3-ubyte} file
     * @return the source, whose size is the header's image count
     * @throws IOException if the file cannot be read or is not an IDX image file
     */
    static DataSource idx(Path images) throws IOException {
        return new IdxSource(images);
    }

    /** @return values per row, the same for every row */
    int width();

    /** @return the number of rows, if known without reading the source */
    default OptionalLong size() {
        return OptionalLong.empty();
    }

    /**
     * Starts a pass over the rows, from the first.
     *
     * @return a reader, which the caller closes
     * @throws IOException if the source cannot be opened
     */
    RowReader open() throws IOException;

    /**
     * Reads the rows of one pass over a source, one at a time, into the caller's array.
     */
    interface RowReader extends AutoCloseable {

        /**
         * Reads the next row.
         *
         * @param row receives {@link DataSource#width()} values
         * @return {@code false} at the end of the source (then {@code row} is unchanged)
         * @throws IOException if reading fails
         * @throws IllegalArgumentException if the row cannot be read as numbers (a message naming the source, line
         *     and column)
         */
        boolean next(float[] row) throws IOException;

        /**
         * Where the row last returned by {@link #next} came from, for messages: for example
         * {@code "data.csv line 12"} or {@code "row 7"}.
         *
         * @return the description
         */
        String where();

        /**
         * What column {@code c} is called, for messages: for example {@code "column 3 (pixel4)"}.
         *
         * @param c the 0-based column
         * @return the description
         */
        default String column(int c) {
            return "column " + c;
        }

        @Override
        void close() throws IOException;
    }
}

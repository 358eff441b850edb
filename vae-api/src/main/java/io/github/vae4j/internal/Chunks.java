package io.github.vae4j.internal;


/**
 * The one loop over rows in chunks that inference, the estimators and the table methods share: the backend is handed
 * at most a chunk of rows per call, so any number of rows works in bounded memory.
 */
public final class Chunks {

    /** Rows handed to the backend per inference call. */
    public static final int ROWS = 256;

    private Chunks() {
    }

    /** What is done with one chunk: rows {@code from} to {@code from + rows}. */
    public interface Body {
        void run(int from, int rows);
    }

    /** Runs {@code body} on rows 0 to n in chunks of at most {@code chunk} rows, in order. */
    public static void each(int n, int chunk, Body body) {
        for (int from = 0; from < n; from += chunk) {
            body.run(from, Math.min(chunk, n - from));
        }
    }

    /** Runs {@code body} on rows 0 to n in chunks of at most {@value #ROWS} rows, in order. */
    public static void each(int n, Body body) {
        each(n, ROWS, body);
    }

    /** @return the rows a chunk buffer needs for n rows in chunks of {@code chunk}: at least 1 */
    public static int capacity(int n, int chunk) {
        return Math.max(1, Math.min(chunk, n));
    }

    /** @return the rows a chunk buffer needs for n rows in chunks of {@value #ROWS}: at least 1 */
    public static int capacity(int n) {
        return capacity(n, ROWS);
    }
}

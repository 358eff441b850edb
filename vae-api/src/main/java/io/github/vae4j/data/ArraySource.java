package io.github.vae4j.data;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.vae4j.DataSource;
import java.util.OptionalLong;

/**
 * Rows held in memory, as a {@link DataSource}; see {@link DataSource#of(float[][])}. The rows are not copied.
 */
public final class ArraySource implements DataSource {

    private final float[][] rows;
    private final int width;

    /**
     * @param rows one example a row, {@code n x width}, n at least 1; not copied
     * @throws IllegalArgumentException if rows is null, empty, or its first row is null or empty
     */
    public ArraySource(float[][] rows) {
        checkArgument(rows != null, "rows is null");
        checkArgument(rows.length > 0, "data has no rows");
        checkArgument(rows[0] != null, "data row 0 is null");
        checkArgument(rows[0].length > 0, "data row 0 is empty; rows need at least 1 column");
        this.rows = rows;
        this.width = rows[0].length;
    }

    /** @return the rows themselves, not a copy */
    public float[][] rows() {
        return rows;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.of(rows.length);
    }

    @Override
    public RowReader open() {
        return new RowReader() {
            private int next;

            @Override
            public boolean next(float[] row) {
                if (next == rows.length) {
                    return false;
                }
                float[] r = rows[next];
                checkArgument(r != null, "data row %s is null", next);
                checkArgument(r.length == width, "data row %s has %s columns, expected %s (the length of row 0)", next,
                        r.length, width);
                System.arraycopy(r, 0, row, 0, width);
                next++;
                return true;
            }

            @Override
            public String where() {
                return "data row " + (next - 1);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String toString() {
        return rows.length + " rows of " + width + " values in memory";
    }
}

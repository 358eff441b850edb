package io.github.vae4j.internal;

import io.github.vae4j.DataSource;

/**
 * The checks every array from the host goes through once, at the API edge, before anything changes. Messages name
 * the argument, row, column and value at fault.
 */
public final class InputChecks {

    private InputChecks() {
    }

    /**
     * Checks a matrix of rows.
     *
     * @param m the host's rows
     * @param name the argument's name, for messages
     * @param expectedWidth the required row length, or -1 to take it from the first row
     * @param widthMeaning what the width is, for messages ("the model's input size")
     * @param unitColumns how many leading columns of a row must lie in [0, 1] (a Bernoulli model's targets, not its
     *     condition); 0 for none
     * @return the row length
     */
    public static int checkRows(float[][] m, String name, int expectedWidth, String widthMeaning, int unitColumns) {
        if (m == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        int width = expectedWidth;
        for (int r = 0; r < m.length; r++) {
            float[] row = m[r];
            if (row == null) {
                throw new IllegalArgumentException(name + " row " + r + " is null");
            }
            if (width < 0) {
                if (row.length == 0) {
                    throw new IllegalArgumentException(name + " row " + r + " is empty; rows need at least 1 column");
                }
                width = row.length;
            } else if (row.length != width) {
                throw new IllegalArgumentException(name + " row " + r + " has " + row.length + " columns, expected "
                        + width + (r == 0 || expectedWidth >= 0 ? " (" + widthMeaning + ")" : " (the length of row 0)"));
            }
            for (int c = 0; c < row.length; c++) {
                float v = row[c];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(name + " row " + r + ", column " + c + " is " + v
                            + "; values must be finite");
                }
                if (c < unitColumns && (v < 0f || v > 1f)) {
                    throw new IllegalArgumentException(name + " row " + r + ", column " + c + " is " + v
                            + ", outside [0, 1] as the Bernoulli likelihood requires");
                }
            }
        }
        return width;
    }

    /**
     * Checks one row read from a data source.
     *
     * @param row the values read
     * @param reader where they came from, for messages
     * @param unitColumns how many leading columns must lie in [0, 1] (a Bernoulli model's targets); 0 for none
     */
    public static void checkRow(float[] row, DataSource.RowReader reader, int unitColumns) {
        for (int c = 0; c < row.length; c++) {
            float v = row[c];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(reader.where() + ", " + reader.column(c) + " is " + v
                        + "; values must be finite");
            }
            if (c < unitColumns && (v < 0f || v > 1f)) {
                throw new IllegalArgumentException(reader.where() + ", " + reader.column(c) + " is " + v
                        + ", outside [0, 1] as the Bernoulli likelihood requires");
            }
        }
    }

    /** Copies {@code rows} rows starting at {@code from} (or at the indices in {@code order}) into a flat array. */
    public static void pack(float[][] src, int[] order, int from, int rows, int width, float[] dst) {
        for (int i = 0; i < rows; i++) {
            float[] row = src[order == null ? from + i : order[from + i]];
            System.arraycopy(row, 0, dst, i * width, width);
        }
    }

    /** Copies a flat block of {@code rows x width} into {@code dst[from ...]}, one new array per row. */
    public static void unpack(float[] src, int rows, int width, float[][] dst, int from) {
        for (int i = 0; i < rows; i++) {
            float[] row = new float[width];
            System.arraycopy(src, i * width, row, 0, width);
            dst[from + i] = row;
        }
    }
}

package io.github.vae4j.viz;

/** Argument checks with messages that name the argument and what is wrong with it. */
final class Checks {

    private Checks() {
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        return value;
    }

    static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }

    static void nonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }

    /**
     * Checks a non-empty array of rows of equal, given length with finite values.
     *
     * @param rows the rows
     * @param name the argument's name
     * @param width the required length of every row
     * @param widthMeaning what the width is, for messages
     */
    static void rows(float[][] rows, String name, int width, String widthMeaning) {
        notNull(rows, name);
        require(rows.length > 0, name + " is empty");
        for (int r = 0; r < rows.length; r++) {
            float[] row = rows[r];
            require(row != null, name + "[" + r + "] is null");
            require(row.length == width, name + "[" + r + "] has " + row.length + " values, expected " + width
                    + " (" + widthMeaning + ")");
            for (int c = 0; c < row.length; c++) {
                require(Float.isFinite(row[c]), name + "[" + r + "][" + c + "] is " + row[c]
                        + "; values must be finite");
            }
        }
    }

    /** Checks a finite double array. */
    static void finite(double[] values, String name) {
        notNull(values, name);
        for (int i = 0; i < values.length; i++) {
            require(Double.isFinite(values[i]), name + "[" + i + "] is " + values[i] + "; values must be finite");
        }
    }
}

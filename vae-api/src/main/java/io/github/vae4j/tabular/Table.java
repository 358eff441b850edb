package io.github.vae4j.tabular;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.github.vae4j.DataSource;
import io.github.vae4j.internal.CsvFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BiPredicate;
import java.util.function.IntFunction;

/**
 * Rows of a {@link Schema}'s columns held in memory: numbers, levels and missing entries. Immutable.
 *
 * <pre>{@code
 * Table train = Table.readCsv(Path.of("transactions.csv"));              // kinds inferred from the file
 * Table later = Table.readCsv(Path.of("today.csv"), train.schema());      // the same columns, checked
 * later.writeCsv(Path.of("copy.csv"));
 * }</pre>
 *
 * <p>Each entry is stored as its raw value: a numeric column's number (as a float), a binary or categorical column's
 * level code (its position in {@link Column#levels()}), or NaN for a missing entry.
 */
public final class Table {

    /**
     * The raw value of an unknown level: a level of a binary or categorical column that the schema does not have,
     * kept under {@link UnknownLevels#LEAST_LIKELY} with its text.
     */
    public static final float UNKNOWN = -1f;

    private final Schema schema;
    /** {@code data[column][row]}. */
    private final float[][] data;
    /** The texts of unknown levels, by column and row: a column without any is absent. */
    private final Map<Integer, Map<Integer, String>> unknown;
    private final int rows;

    private Table(Schema schema, float[][] data, Map<Integer, Map<Integer, String>> unknown, int rows) {
        this.schema = schema;
        this.data = data;
        this.unknown = unknown;
        this.rows = rows;
    }

    /**
     * Reads a CSV file, inferring its schema first ({@link #inferSchema(Path)}): two passes over the file.
     *
     * @param file a header line, then one row a line; empty fields and {@code NA} are missing entries
     * @return the table
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the file is empty, ragged or has a column with too many text values
     */
    public static Table readCsv(Path file) throws IOException {
        return readCsv(file, inferSchema(file));
    }

    /**
     * Reads a CSV file with a given schema, whose columns are picked from the header by name (other columns are
     * skipped).
     *
     * @param file a header line, then one row a line
     * @param schema the columns to read
     * @return the table
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the line and column, if a column is absent, a number does not parse,
     *     a level is unknown and the schema's {@link UnknownLevels} policy rejects it, or a non-nullable entry is
     *     missing
     */
    public static Table readCsv(Path file, Schema schema) throws IOException {
        checkNotNull(schema, "schema");
        Builder b = builder(schema);
        try (TableCsv.RowReader reader = new TableCsv.RowReader(file, schema)) {
            float[] raw = new float[schema.size()];
            while (reader.next(raw)) {
                b.add(raw, reader::unknownText);
            }
        }
        return b.build();
    }

    /**
     * Infers the schema of a CSV file in one pass: a column whose fields all read as numbers is numeric, however few
     * distinct values it holds (a number the training rows never held can then be scored later); a column of text is binary with two distinct values, categorical otherwise,
     * its levels sorted; a column with an empty field or {@code NA} is nullable. Change what the inference got wrong
     * with {@code schema.toBuilder().replace(name, ...)} and read the file with {@link #readCsv(Path, Schema)}.
     *
     * @param file a header line, then one row a line
     * @return the schema
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the file is empty or ragged, or a column of text has more than
     *     {@link Column#MAX_LEVELS} distinct values
     */
    public static Schema inferSchema(Path file) throws IOException {
        return TableCsv.infer(file);
    }

    /**
     * A CSV file as a data source of raw rows, read once per epoch, for files larger than memory.
     *
     * @param file a header line, then one row a line
     * @param schema the columns to read
     * @return the source; bad entries are reported as {@link #readCsv(Path, Schema)} reports them, when read
     * @throws IOException if the file's header cannot be read
     */
    public static TableSource csvSource(Path file, Schema schema) throws IOException {
        return TableSource.csv(file, schema);
    }

    /**
     * @param schema the columns
     * @return a builder of a table with no rows yet
     */
    public static Builder builder(Schema schema) {
        return new Builder(schema);
    }

    /** @return the columns */
    public Schema schema() {
        return schema;
    }

    /** @return the number of rows */
    public int rowCount() {
        return rows;
    }

    /**
     * @param row a row
     * @param column a column's position
     * @return the raw value: a number, a level's code, {@link #UNKNOWN} for an unknown level, or NaN when missing
     */
    public float raw(int row, int column) {
        checkElementIndex(row, rows, "row");
        return data[column][row];
    }

    /**
     * @param row a row
     * @param out receives one raw value per column
     */
    public void rawRow(int row, float[] out) {
        checkElementIndex(row, rows, "row");
        for (int c = 0; c < data.length; c++) {
            out[c] = data[c][row];
        }
    }

    /**
     * @param row a row
     * @param column a column's position
     * @return whether the entry is missing
     */
    public boolean isMissing(int row, int column) {
        return Float.isNaN(raw(row, column));
    }

    /**
     * @param row a row
     * @param column a column's position
     * @return whether the entry is a level the column does not have ({@link UnknownLevels#LEAST_LIKELY})
     */
    public boolean isUnknown(int row, int column) {
        return raw(row, column) == UNKNOWN && schema.column(column).kind() != ColumnKind.NUMERIC;
    }

    /**
     * @param row a row
     * @param column a column's position
     * @return the entry: a {@code Double} for a numeric column, the level's {@code String} otherwise (an unknown
     *     level's text as read), or {@code null} when missing
     */
    public Object value(int row, int column) {
        float v = raw(row, column);
        if (Float.isNaN(v)) {
            return null;
        }
        Column c = schema.column(column);
        if (c.kind() == ColumnKind.NUMERIC) {
            return (double) v;
        }
        return v == UNKNOWN ? unknown.get(column).get(row) : c.levels().get((int) v);
    }

    /** @return whether any entry is an unknown level */
    public boolean hasUnknownLevels() {
        return !unknown.isEmpty();
    }

    /**
     * A range of rows.
     *
     * @param from the first row, 0 to rowCount
     * @param to one past the last row, from to rowCount
     * @return rows {@code from} to {@code to - 1} as a table
     * @throws IllegalArgumentException if the range is out of bounds
     */
    public Table rows(int from, int to) {
        checkArgument(from >= 0 && from <= to && to <= rows, "rows %s to %s of %s", from, to, rows);
        int[] indices = new int[to - from];
        Arrays.setAll(indices, i -> from + i);
        return select(indices);
    }

    /**
     * @param indices rows to take, in this order; repeats allowed
     * @return those rows as a table
     */
    public Table select(int[] indices) {
        float[][] d = new float[data.length][indices.length];
        for (int i = 0; i < indices.length; i++) {
            checkElementIndex(indices[i], rows, "row");
            for (int c = 0; c < data.length; c++) {
                d[c][i] = data[c][indices[i]];
            }
        }
        Map<Integer, Map<Integer, String>> texts = new HashMap<>();
        unknown.forEach((c, byRow) -> {
            for (int i = 0; i < indices.length; i++) {
                String text = byRow.get(indices[i]);
                if (text != null) {
                    texts.computeIfAbsent(c, k -> new HashMap<>()).put(i, text);
                }
            }
        });
        return new Table(schema, d, texts, indices.length);
    }

    /**
     * A copy with entries made missing, for example to hold values out and impute them.
     *
     * @param which whether the entry at (row, column) becomes missing
     * @return the copy
     * @throws IllegalArgumentException if an entry of a column that is not nullable would become missing
     */
    public Table withMissing(BiPredicate<Integer, Integer> which) {
        float[][] d = new float[data.length][];
        for (int c = 0; c < data.length; c++) {
            d[c] = data[c].clone();
            for (int r = 0; r < rows; r++) {
                if (which.test(r, c)) {
                    checkArgument(schema.column(c).nullable(), "column '%s' is not nullable",
                            schema.column(c).name());
                    d[c][r] = Float.NaN;
                }
            }
        }
        return new Table(schema, d, withoutMissing(d), rows);
    }

    /**
     * A copy whose missing entries take the raw values that {@code expected} gives for their row, as
     * {@code Vae.impute} fills them; every other entry, unknown levels included, is kept.
     *
     * @param expected for a row, a raw value per column (a number, or a level's code)
     * @return the copy
     * @throws IllegalArgumentException if a value filled in is not a number or level code of its column
     */
    public Table withMissingFilled(IntFunction<float[]> expected) {
        float[][] d = new float[data.length][];
        for (int c = 0; c < data.length; c++) {
            d[c] = data[c].clone();
        }
        for (int r = 0; r < rows; r++) {
            float[] e = null;
            for (int c = 0; c < data.length; c++) {
                if (Float.isNaN(d[c][r])) {
                    e = e == null ? expected.apply(r) : e;
                    checkArgument(Builder.isValue(schema.column(c), e[c]), "row %s, column '%s': %s is not a value "
                            + "of the column", r, schema.column(c).name(), e[c]);
                    d[c][r] = e[c];
                }
            }
        }
        return new Table(schema, d, unknown, rows);
    }

    /** The unknown levels' texts that are still unknown levels in {@code d}. */
    private Map<Integer, Map<Integer, String>> withoutMissing(float[][] d) {
        Map<Integer, Map<Integer, String>> texts = new HashMap<>();
        unknown.forEach((c, byRow) -> byRow.forEach((r, text) -> {
            if (d[c][r] == UNKNOWN) {
                texts.computeIfAbsent(c, k -> new HashMap<>()).put(r, text);
            }
        }));
        return texts;
    }

    /**
     * Writes the table as CSV: a header line, then one row a line; missing entries as empty fields.
     *
     * @param file the file to write, replaced
     * @throws IOException if writing fails
     */
    public void writeCsv(Path file) throws IOException {
        try (CsvWriter w = CsvWriter.builder().build(file, StandardCharsets.UTF_8)) {
            w.writeRecord(schema.columns().stream().map(Column::name).toList());
            String[] fields = new String[schema.size()];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < fields.length; c++) {
                    Object v = value(r, c);
                    fields[c] = v == null ? "" : v instanceof Double d ? format(d) : (String) v;
                }
                w.writeRecord(fields);
            }
        }
    }

    private static String format(double d) {
        float f = (float) d;
        return f == Math.rint(f) && Math.abs(f) < 1e7 ? Long.toString((long) f) : Float.toString(f);
    }

    /** @return the rows as a data source of raw rows, in memory */
    public TableSource asSource() {
        return TableSource.of(this);
    }

    @Override
    public String toString() {
        return "Table[" + rows + " rows, " + schema + "]";
    }

    /** Builds a {@link Table} row by row. */
    public static final class Builder {
        private final Schema schema;
        private float[][] data;
        private final Map<Integer, Map<Integer, String>> unknown = new HashMap<>();
        private int rows;

        private Builder(Schema schema) {
            this.schema = checkNotNull(schema, "schema");
            this.data = new float[schema.size()][16];
        }

        /**
         * Adds a row of values: a {@code Number} for a numeric column, a level's {@code String} otherwise,
         * {@code null} for a missing entry. A level the column does not have is handled by the schema's
         * {@link UnknownLevels} policy, as when reading a CSV file: kept as an unknown level (the default), made
         * missing, or rejected.
         *
         * @param values one per column
         * @return this builder
         * @throws IllegalArgumentException naming the row and column of a value that does not fit its column
         */
        public Builder add(Object... values) {
            checkArgument(values.length == schema.size(), "row %s has %s values, the schema %s columns", rows,
                    values.length, schema.size());
            float[] raw = new float[values.length];
            String[] texts = new String[values.length];
            for (int c = 0; c < values.length; c++) {
                Column col = schema.column(c);
                Object v = values[c];
                String where = "row " + rows + ", column '" + col.name() + "'";
                if (v == null) {
                    checkArgument(col.nullable(), "%s is missing, and the column is not nullable", where);
                    raw[c] = Float.NaN;
                } else if (col.kind() == ColumnKind.NUMERIC) {
                    checkArgument(v instanceof Number, "%s needs a number, got %s", where, v);
                    double d = ((Number) v).doubleValue();
                    raw[c] = number(col, d, String.valueOf(d), where);
                } else {
                    String text = String.valueOf(v);
                    raw[c] = level(schema, col, text, where);
                    texts[c] = text;
                }
            }
            return add(raw, c -> texts[c]);
        }

        /**
         * The raw value of a numeric column's number, checked: finite, within the float range, not below 0 in a
         * column modelled as log(1 + x).
         *
         * @param text the number as given, for the message
         * @throws IllegalArgumentException naming {@code where} and the number
         */
        static float number(Column col, double d, String text, String where) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(where + " is " + text + "; numbers must be finite (write a "
                        + "missing value as an empty field or NA)");
            }
            if (!Float.isFinite((float) d)) {
                throw new IllegalArgumentException(where + " is " + text + ", beyond the float range (about 3.4e38) "
                        + "the model computes in");
            }
            if (col.logTransform() && d < 0) {
                throw new IllegalArgumentException(where + " is " + text + ", below 0: the column is modelled as "
                        + "log(1 + x)");
            }
            return (float) d;
        }

        /**
         * The raw value of a level's text under the schema's policy: its code, {@link #UNKNOWN}, or NaN.
         *
         * @throws IllegalArgumentException naming {@code where}, if the policy rejects an unknown level
         */
        static float level(Schema schema, Column col, String text, String where) {
            int code = col.code(text);
            if (code >= 0) {
                return code;
            }
            UnknownLevels policy = schema.unknownLevels();
            if (policy == UnknownLevels.LEAST_LIKELY) {
                return UNKNOWN;
            }
            if (policy == UnknownLevels.AS_MISSING && col.nullable()) {
                return Float.NaN;
            }
            throw new IllegalArgumentException(where + ": unknown level '" + CsvFiles.abbreviate(text)
                    + "'; the column's levels are " + col.levels() + (policy == UnknownLevels.REJECT
                    ? " (UnknownLevels.LEAST_LIKELY scores it instead)" : ""));
        }

        /**
         * Adds a row of raw values.
         *
         * @param raw one per column: a number, a level's code, or NaN for missing ({@link #UNKNOWN} only through
         *     {@link #add(Object...)} or reading, which keep its text)
         * @return this builder
         * @throws IllegalArgumentException if a code is out of range or a non-nullable entry is missing
         */
        public Builder addRaw(float[] raw) {
            return add(raw, c -> null);
        }

        /** Adds a row of raw values, an unknown level's text given by {@code texts}. */
        Builder add(float[] raw, IntFunction<String> texts) {
            checkArgument(raw.length == schema.size(), "row %s has %s values, the schema %s columns", rows,
                    raw.length, schema.size());
            for (int c = 0; c < raw.length; c++) {
                Column col = schema.column(c);
                float v = raw[c];
                if (Float.isNaN(v)) {
                    checkArgument(col.nullable(), "row %s, column '%s' is missing, and the column is not nullable",
                            rows, col.name());
                } else if (v == UNKNOWN && col.kind() != ColumnKind.NUMERIC && texts.apply(c) != null) {
                    continue;
                } else {
                    checkArgument(isValue(col, v), col.kind() == ColumnKind.NUMERIC ? "row %s, column '%s' is %s"
                            : "row %s, column '%s': %s is not a level code of %s", rows, col.name(), v,
                            col.levels());
                }
            }
            if (rows == data[0].length) {
                for (int c = 0; c < data.length; c++) {
                    data[c] = Arrays.copyOf(data[c], Math.max(16, rows * 2));
                }
            }
            for (int c = 0; c < raw.length; c++) {
                data[c][rows] = raw[c];
                if (raw[c] == UNKNOWN && schema.column(c).kind() != ColumnKind.NUMERIC) {
                    unknown.computeIfAbsent(c, k -> new HashMap<>()).put(rows, texts.apply(c));
                }
            }
            rows++;
            return this;
        }

        /** Whether a raw value that is not missing is a number or level code of the column. */
        static boolean isValue(Column col, float v) {
            return col.kind() == ColumnKind.NUMERIC ? Float.isFinite(v)
                    : v == (int) v && v >= 0 && v < col.levels().size();
        }

        /** @return the table */
        public Table build() {
            float[][] d = new float[data.length][];
            for (int c = 0; c < data.length; c++) {
                d[c] = Arrays.copyOf(data[c], rows);
            }
            Map<Integer, Map<Integer, String>> texts = new HashMap<>();
            unknown.forEach((c, byRow) -> texts.put(c, new HashMap<>(byRow)));
            return new Table(schema, d, texts, rows);
        }
    }

    /** The raw rows of a table in memory, for {@link TableSource#of(Table)}. */
    DataSource.RowReader reader() {
        return new DataSource.RowReader() {
            private int next;

            @Override
            public boolean next(float[] row) {
                if (next == rows) {
                    return false;
                }
                rawRow(next++, row);
                return true;
            }

            @Override
            public String where() {
                return "table row " + (next - 1);
            }

            @Override
            public String column(int c) {
                return "column '" + schema.column(c).name() + "'";
            }

            @Override
            public void close() {
            }
        };
    }

    OptionalLong size() {
        return OptionalLong.of(rows);
    }
}

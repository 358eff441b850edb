package io.github.vae4j.tabular;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.github.vae4j.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.function.BiPredicate;

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

    private final Schema schema;
    /** {@code data[column][row]}. */
    private final float[][] data;
    private final int rows;

    private Table(Schema schema, float[][] data, int rows) {
        this.schema = schema;
        this.data = data;
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
     *     a level is unknown (unless the schema reads unknown levels as missing) or a non-nullable entry is missing
     */
    public static Table readCsv(Path file, Schema schema) throws IOException {
        checkNotNull(schema, "schema");
        Builder b = builder(schema);
        try (TableCsv.RowReader reader = new TableCsv.RowReader(file, schema)) {
            float[] raw = new float[schema.size()];
            while (reader.next(raw)) {
                b.addRaw(raw);
            }
        }
        return b.build();
    }

    /**
     * Infers the schema of a CSV file in one pass: a column whose fields all read as numbers is numeric (binary if it
     * holds exactly two distinct values); a column of text is binary with two distinct values, categorical otherwise,
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
     * @return the raw value: a number, a level's code, or NaN when missing
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
     * @return the entry: a {@code Double} for a numeric column, the level's {@code String} otherwise, or
     *     {@code null} when missing
     */
    public Object value(int row, int column) {
        float v = raw(row, column);
        if (Float.isNaN(v)) {
            return null;
        }
        Column c = schema.column(column);
        return c.kind() == ColumnKind.NUMERIC ? (Object) (double) v : c.levels().get((int) v);
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
        float[][] d = new float[data.length][];
        for (int c = 0; c < data.length; c++) {
            d[c] = Arrays.copyOfRange(data[c], from, to);
        }
        return new Table(schema, d, to - from);
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
        return new Table(schema, d, indices.length);
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
        return new Table(schema, d, rows);
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
        private int rows;

        private Builder(Schema schema) {
            this.schema = checkNotNull(schema, "schema");
            this.data = new float[schema.size()][16];
        }

        /**
         * Adds a row of values: a {@code Number} for a numeric column, a level's {@code String} otherwise,
         * {@code null} for a missing entry. An unknown level is rejected, or missing under
         * {@link UnknownLevels#AS_MISSING} in a nullable column, as when reading a CSV file.
         *
         * @param values one per column
         * @return this builder
         * @throws IllegalArgumentException naming the row and column of a value that does not fit its column
         */
        public Builder add(Object... values) {
            checkArgument(values.length == schema.size(), "row %s has %s values, the schema %s columns", rows,
                    values.length, schema.size());
            float[] raw = new float[values.length];
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
                    checkArgument(Double.isFinite(d), "%s is %s; numbers must be finite", where, d);
                    checkArgument(!col.logTransform() || d >= 0, "%s is %s, below 0: the column is modelled as "
                            + "log(1 + x)", where, d);
                    raw[c] = (float) d;
                } else {
                    int code = col.code(String.valueOf(v));
                    if (code < 0 && schema.unknownLevels() == UnknownLevels.AS_MISSING && col.nullable()) {
                        raw[c] = Float.NaN; // as reading a CSV file does
                        continue;
                    }
                    checkArgument(code >= 0, "%s: unknown level '%s'; the column's levels are %s", where, v,
                            col.levels());
                    raw[c] = code;
                }
            }
            return addRaw(raw);
        }

        /**
         * Adds a row of raw values.
         *
         * @param raw one per column: a number, a level's code, or NaN for missing
         * @return this builder
         * @throws IllegalArgumentException if a code is out of range or a non-nullable entry is missing
         */
        public Builder addRaw(float[] raw) {
            checkArgument(raw.length == schema.size(), "row %s has %s values, the schema %s columns", rows,
                    raw.length, schema.size());
            for (int c = 0; c < raw.length; c++) {
                Column col = schema.column(c);
                float v = raw[c];
                if (Float.isNaN(v)) {
                    checkArgument(col.nullable(), "row %s, column '%s' is missing, and the column is not nullable",
                            rows, col.name());
                } else if (col.kind() == ColumnKind.NUMERIC) {
                    checkArgument(Float.isFinite(v), "row %s, column '%s' is %s", rows, col.name(), v);
                } else {
                    checkArgument(v == (int) v && v >= 0 && v < col.levels().size(),
                            "row %s, column '%s': %s is not a level code of %s", rows, col.name(), v, col.levels());
                }
            }
            if (rows == data[0].length) {
                for (int c = 0; c < data.length; c++) {
                    data[c] = Arrays.copyOf(data[c], Math.max(16, rows * 2));
                }
            }
            for (int c = 0; c < raw.length; c++) {
                data[c][rows] = raw[c];
            }
            rows++;
            return this;
        }

        /** @return the table */
        public Table build() {
            float[][] d = new float[data.length][];
            for (int c = 0; c < data.length; c++) {
                d[c] = Arrays.copyOf(data[c], rows);
            }
            return new Table(schema, d, rows);
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

package io.github.vae4j.tabular;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.github.vae4j.internal.CsvFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * CSV files of tables, through FastCSV: a header line, then one row a line, plain or gzip-compressed. An empty field
 * or {@code NA} is a missing entry. Reads rows as raw values of a schema's columns, picked from the header by name,
 * and infers a schema from a file.
 */
final class TableCsv {

    private TableCsv() {
    }

    static boolean isMissing(String field) {
        return field.isEmpty() || field.equals("NA");
    }

    /** Reads the raw rows of one pass over a file, one at a time. */
    static final class RowReader implements AutoCloseable {
        private final Path file;
        private final Schema schema;
        private final CsvReader<CsvRecord> reader;
        private final CloseableIterator<CsvRecord> records;
        private final int[] fieldOf;
        private final int fields;
        private long line;

        RowReader(Path file, Schema schema) throws IOException {
            this.file = file;
            this.schema = schema;
            this.reader = CsvFiles.open(file);
            this.records = reader.iterator();
            try {
                CsvRecord header = CsvFiles.header(records, file, "a table");
                fields = header.getFieldCount();
                fieldOf = new int[schema.size()];
                for (int c = 0; c < schema.size(); c++) {
                    fieldOf[c] = header.getFields().indexOf(schema.column(c).name());
                    if (fieldOf[c] < 0) {
                        throw new IllegalArgumentException(file + " has no column '" + schema.column(c).name()
                                + "': its header has " + header.getFields());
                    }
                }
            } catch (IOException | RuntimeException e) {
                reader.close();
                throw e;
            }
        }

        /**
         * @param raw receives a value per schema column
         * @return false at the end of the file
         */
        boolean next(float[] raw) throws IOException {
            CsvRecord record = CsvFiles.next(records, file, line);
            if (record == null) {
                return false;
            }
            line = record.getStartingLineNumber();
            if (record.getFieldCount() != fields) {
                throw new IllegalArgumentException(where() + " has " + record.getFieldCount()
                        + " fields, the header has " + fields);
            }
            for (int c = 0; c < raw.length; c++) {
                raw[c] = parse(record.getField(fieldOf[c]).strip(), c);
            }
            return true;
        }

        private float parse(String field, int c) {
            Column col = schema.column(c);
            if (isMissing(field)) {
                if (!col.nullable()) {
                    throw new IllegalArgumentException(where() + ", " + column(c) + " is missing, and the column "
                            + "is not nullable (declare it with Column.withNullable(true))");
                }
                return Float.NaN;
            }
            if (col.kind() == ColumnKind.NUMERIC) {
                double v;
                try {
                    v = Double.parseDouble(field);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where() + ", " + column(c) + ": '" + CsvFiles.abbreviate(field)
                            + "' is not a number", e);
                }
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(where() + ", " + column(c) + " is " + field
                            + "; numbers must be finite (write a missing value as an empty field or NA)");
                }
                if (col.logTransform() && v < 0) {
                    throw new IllegalArgumentException(where() + ", " + column(c) + " is " + field
                            + ", below 0: the column is modelled as log(1 + x)");
                }
                return (float) v;
            }
            int code = col.code(field);
            if (code < 0) {
                if (schema.unknownLevels() == UnknownLevels.AS_MISSING && col.nullable()) {
                    return Float.NaN;
                }
                throw new IllegalArgumentException(where() + ", " + column(c) + ": unknown level '"
                        + CsvFiles.abbreviate(field) + "'; the column's levels are " + col.levels());
            }
            return code;
        }

        String where() {
            return file + " line " + line;
        }

        String column(int c) {
            return "column '" + schema.column(c).name() + "'";
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** What one pass over a column's fields saw. */
    private static final class Seen {
        boolean missing;
        boolean numeric = true;
        final Map<String, Double> distinct = new LinkedHashMap<>();
        boolean tooMany;

        /** Takes one field of the column. */
        void add(String f) {
            if (isMissing(f)) {
                missing = true;
                return;
            }
            if (tooMany) {
                return;
            }
            Double value = null;
            if (numeric) {
                try {
                    double v = Double.parseDouble(f);
                    value = Double.isFinite(v) ? v : null;
                } catch (NumberFormatException e) {
                    value = null;
                }
                if (value == null) {
                    numeric = false;
                }
            }
            distinct.putIfAbsent(f, value);
            if (!numeric && distinct.size() > Column.MAX_LEVELS) {
                tooMany = true;
            }
        }

        /** The column the fields seen make. */
        Column column(String name, Path file) {
            if (tooMany) {
                throw new IllegalArgumentException(file + ": column '" + name + "' has text in more than "
                        + Column.MAX_LEVELS + " distinct values, too many for a categorical column (an "
                        + "identifier?); leave it out with Schema.Builder.drop, or declare its kind");
            }
            Column col;
            if (numeric && distinct.size() == 2) {
                List<String> levels = new ArrayList<>(distinct.keySet());
                levels.sort(Comparator.comparingDouble(distinct::get));
                col = Column.binary(name, levels.get(0), levels.get(1));
            } else if (numeric) {
                col = Column.numeric(name);
            } else if (distinct.size() == 2) {
                List<String> levels = new ArrayList<>(new TreeSet<>(distinct.keySet()));
                col = Column.binary(name, levels.get(0), levels.get(1));
            } else {
                col = Column.categorical(name, new ArrayList<>(new TreeSet<>(distinct.keySet())));
            }
            return col.withNullable(missing);
        }
    }

    /**
     * Infers a schema: a column whose fields all read as numbers is numeric, or binary when it holds exactly two
     * distinct values; a column of text is binary with two distinct values, categorical otherwise (levels sorted);
     * any missing entry makes a column nullable.
     */
    static Schema infer(Path file) throws IOException {
        List<String> names;
        List<Seen> seen = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvFiles.open(file)) {
            CloseableIterator<CsvRecord> records = reader.iterator();
            names = CsvFiles.header(records, file, "a table").getFields();
            for (int i = 0; i < names.size(); i++) {
                seen.add(new Seen());
            }
            long line = 1;
            for (CsvRecord r = CsvFiles.next(records, file, line); r != null; r = CsvFiles.next(records, file, line)) {
                line = r.getStartingLineNumber();
                if (r.getFieldCount() != names.size()) {
                    throw new IllegalArgumentException(file + " line " + r.getStartingLineNumber() + " has "
                            + r.getFieldCount() + " fields, the header has " + names.size());
                }
                for (int i = 0; i < names.size(); i++) {
                    seen.get(i).add(r.getField(i).strip());
                }
            }
        }
        Schema.Builder schema = Schema.builder();
        for (int i = 0; i < names.size(); i++) {
            schema.column(seen.get(i).column(names.get(i), file));
        }
        return schema.build();
    }
}

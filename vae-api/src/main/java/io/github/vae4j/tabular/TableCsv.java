package io.github.vae4j.tabular;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.github.vae4j.internal.CsvFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * CSV files of tables, through FastCSV: a header line, then one row a line, plain or gzip-compressed. An empty field
 * or {@code NA} is a missing entry. Reads rows as raw values of a schema's columns, picked from the header by name,
 * and infers a schema from a file.
 */
final class TableCsv {

    private TableCsv() {
    }

    /** Reads the raw rows of one pass over a file, one at a time. */
    static final class RowReader implements AutoCloseable {
        private final Path file;
        private final Schema schema;
        private final CsvReader<CsvRecord> reader;
        private final CloseableIterator<CsvRecord> records;
        private final int[] fieldOf;
        private final int fields;
        private final String[] unknownText;
        private long line;

        RowReader(Path file, Schema schema) throws IOException {
            this.file = file;
            this.schema = schema;
            this.reader = CsvFiles.open(file);
            this.records = reader.iterator();
            this.unknownText = new String[schema.size()];
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
            Arrays.fill(unknownText, null);
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
            if (CsvFiles.isMissing(field)) {
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
                return Table.Builder.number(col, v, field, where() + ", " + column(c));
            }
            float v = Table.Builder.level(schema, col, field, where() + ", " + column(c));
            unknownText[c] = v == Table.UNKNOWN ? field : null;
            return v;
        }

        /**
         * @param c a column
         * @return the text of the last row's unknown level in column c, or null
         */
        String unknownText(int c) {
            return unknownText[c];
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

    /**
     * What one pass over a column's fields saw: whether all read as numbers, and up to {@link Column#MAX_LEVELS} + 1
     * distinct fields (the levels, should the column be text).
     */
    private static final class Seen {
        boolean missing;
        boolean numeric = true;
        final Set<String> distinct = new LinkedHashSet<>();
        boolean tooMany;

        /** Takes one field of the column. */
        void add(String f) {
            if (CsvFiles.isMissing(f)) {
                missing = true;
                return;
            }
            if (numeric && !isNumber(f)) {
                numeric = false;
            }
            if (!tooMany) {
                distinct.add(f);
                tooMany = distinct.size() > Column.MAX_LEVELS;
            }
        }

        private static boolean isNumber(String f) {
            try {
                return Double.isFinite(Double.parseDouble(f));
            } catch (NumberFormatException e) {
                return false;
            }
        }

        /** The column the fields seen make. */
        Column column(String name, Path file) {
            if (tooMany && !numeric) {
                throw new IllegalArgumentException(file + ": column '" + name + "' has text in more than "
                        + Column.MAX_LEVELS + " distinct values, too many for a categorical column (an "
                        + "identifier?); leave it out with Schema.Builder.drop, or declare its kind");
            }
            Column col;
            if (numeric) {
                col = Column.numeric(name);
            } else if (distinct.size() == 2) {
                List<String> levels = new ArrayList<>(new TreeSet<>(distinct));
                col = Column.binary(name, levels.get(0), levels.get(1));
            } else {
                col = Column.categorical(name, new ArrayList<>(new TreeSet<>(distinct)));
            }
            return col.withNullable(missing);
        }
    }

    /**
     * Infers a schema: a column whose fields all read as numbers is numeric, however few distinct values it holds; a
     * column of text is binary with two distinct values, categorical otherwise (levels sorted); any missing entry
     * makes a column nullable. Numbers stay numbers because a file's numbers say nothing of the values the column can
     * take beyond those in the file: a 0/1 flag in the training rows may be 5 in the rows scored later (as on
     * ADBench's cardio, SpamBase and mnist tables), and an anomaly detector must score that value, not refuse it.
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

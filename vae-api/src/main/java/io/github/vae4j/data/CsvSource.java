package io.github.vae4j.data;

import com.google.common.collect.ImmutableList;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.github.vae4j.DataSource;
import io.github.vae4j.internal.CsvFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A CSV file of numbers with a header line, streamed; see {@link DataSource#csv(Path)}. Parsed by FastCSV (RFC 4180:
 * quoted fields, CRLF or LF line ends, an optional UTF-8 byte order mark), plain or gzip-compressed; each field must be
 * a number as {@link Float#parseFloat(String)} reads it, surrounded by optional spaces. A pass over 200,000 rows of
 * 784 values (430 MB) takes about 7 s, 4 s of it FastCSV's own (FastDoubleParser instead of
 * {@code Float.parseFloat} saved only 10%, mostly zeros as these values are).
 */
public final class CsvSource implements DataSource {

    private final Path file;
    private final List<String> columns;

    /**
     * Reads the header.
     *
     * @param file the file, UTF-8
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the file has no header line, or a header field is empty
     */
    public CsvSource(Path file) throws IOException {
        this.file = file;
        try (CsvReader<CsvRecord> reader = CsvFiles.open(file)) {
            this.columns = ImmutableList.copyOf(CsvFiles.header(reader.iterator(), file, "a CSV source").getFields());
        }
    }

    /** @return the header's column names */
    public List<String> columns() {
        return columns;
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    @Override
    public int width() {
        return columns.size();
    }

    @Override
    public RowReader open() throws IOException {
        CsvReader<CsvRecord> reader = CsvFiles.open(file);
        CloseableIterator<CsvRecord> records = reader.iterator();
        try {
            records.next(); // the header, read by the constructor
        } catch (RuntimeException e) {
            reader.close();
            throw new IOException(file + " changed: its header line is gone", e);
        }
        return new RowReader() {
            private long line;

            @Override
            public boolean next(float[] row) throws IOException {
                CsvRecord record = CsvFiles.next(records, file, line);
                if (record == null) {
                    return false;
                }
                line = record.getStartingLineNumber();
                int n = record.getFieldCount();
                if (n != columns.size()) {
                    throw new IllegalArgumentException(where() + " has " + n + " fields, the header has "
                            + columns.size());
                }
                for (int c = 0; c < n; c++) {
                    row[c] = parse(record.getField(c), c);
                }
                return true;
            }

            private float parse(String field, int c) {
                String s = field.strip();
                if (s.isEmpty()) { // messages are built only on failure: this runs once per value
                    throw new IllegalArgumentException(where() + ", " + column(c)
                            + " is empty; a CSV source holds numbers only");
                }
                try {
                    return Float.parseFloat(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where() + ", " + column(c) + ": '" + CsvFiles.abbreviate(s)
                            + "' is not a number", e);
                }
            }

            @Override
            public String where() {
                return file + " line " + line;
            }

            @Override
            public String column(int c) {
                return "column " + c + " (" + columns.get(c) + ")";
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    @Override
    public String toString() {
        return "CSV file " + file + " (" + columns.size() + " columns)";
    }
}

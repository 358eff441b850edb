package io.github.vae4j.internal;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.github.vae4j.DataSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * How vae4j reads CSV files, for {@code DataSource.csv} and the tables alike: FastCSV (RFC 4180, CRLF or LF, an
 * optional UTF-8 byte order mark, empty lines skipped), plain or gzip-compressed, with FastCSV's failures turned into
 * the library's: a read failure an {@link IOException}, a malformed record an {@link IllegalArgumentException} naming
 * the file and line. Not part of the API: the module does not export this package.
 */
public final class CsvFiles {

    private static final int BUFFER_BYTES = 1 << 16;

    private CsvFiles() {
    }

    /**
     * Opens a file, undoing gzip compression when it starts with gzip's magic number.
     *
     * @param file a CSV file, UTF-8, plain or gzip-compressed
     * @return the reader; the caller closes it
     * @throws IOException if the file cannot be opened
     */
    public static CsvReader<CsvRecord> open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
        try {
            in.mark(2);
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            if (gzip) {
                in = new GZIPInputStream(in, BUFFER_BYTES);
            }
            return CsvReader.builder().skipEmptyLines(true).allowExtraFields(true).allowMissingFields(true)
                    .detectBomHeader(true).ofCsvRecord(in, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Reads the header line: it must be there, and no field of it blank.
     *
     * @param records the file's records, at its start
     * @param file the file, for messages
     * @param what what needs the header, for the message of an empty file (e.g. "a table")
     * @return the header record
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the file is empty, malformed or a header field is blank
     */
    public static CsvRecord header(CloseableIterator<CsvRecord> records, Path file, String what) throws IOException {
        CsvRecord header = next(records, file, 0);
        if (header == null) {
            throw new IllegalArgumentException(file + " is empty: " + what + " needs a header line naming its columns");
        }
        for (int c = 0; c < header.getFieldCount(); c++) {
            if (header.getField(c).isBlank()) {
                throw new IllegalArgumentException(file + " line " + header.getStartingLineNumber() + ": header field "
                        + c + " is empty");
            }
        }
        return header;
    }

    /**
     * The library's one convention for a missing value in a CSV file, for tables and series alike.
     *
     * @param field a field, stripped
     * @return whether it is empty or {@code NA}
     */
    public static boolean isMissing(String field) {
        return field.isEmpty() || field.equals("NA");
    }

    /**
     * A field's text for a message: at most 40 characters.
     *
     * @param field the field
     * @return the field, or its first 37 characters and "..."
     */
    public static String abbreviate(String field) {
        return field.length() <= 40 ? field : field.substring(0, 37) + "...";
    }

    /**
     * The next record.
     *
     * @param records the file's records
     * @param file the file, for messages
     * @param line the line of the record before, for messages
     * @return the record, or {@code null} at the end of the file
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the record is malformed (an unterminated quote, say)
     */
    public static CsvRecord next(CloseableIterator<CsvRecord> records, Path file, long line) throws IOException {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (CsvParseException e) {
            throw new IllegalArgumentException(file + " after line " + line + ": " + e.getMessage(), e);
        }
    }
}

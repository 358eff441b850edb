package io.github.vae4j.tabular;

import io.github.vae4j.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A {@link DataSource} of raw table rows, one value per column of its {@link #schema()} (a number, a level's code,
 * or NaN for missing): a CSV file read once per epoch ({@link Table#csvSource}), or a table in memory
 * ({@link Table#asSource()}). A model with a schema trains on it with {@code vae.fit(source, plan)}; it encodes the
 * rows itself.
 */
public abstract class TableSource implements DataSource {

    private final Schema schema;

    private TableSource(Schema schema) {
        this.schema = schema;
    }

    /** @return the columns of the rows */
    public Schema schema() {
        return schema;
    }

    @Override
    public int width() {
        return schema.size();
    }

    /**
     * @param table rows in memory
     * @return them as a source
     */
    public static TableSource of(Table table) {
        return new TableSource(table.schema()) {
            @Override
            public OptionalLong size() {
                return table.size();
            }

            @Override
            public RowReader open() {
                return table.reader();
            }

            @Override
            public String toString() {
                return table.toString();
            }
        };
    }

    static TableSource csv(Path file, Schema schema) throws IOException {
        new TableCsv.RowReader(file, schema).close(); // the header now: a missing column fails here
        return new TableSource(schema) {
            @Override
            public RowReader open() throws IOException {
                TableCsv.RowReader reader = new TableCsv.RowReader(file, schema);
                return new RowReader() {
                    @Override
                    public boolean next(float[] row) throws IOException {
                        return reader.next(row);
                    }

                    @Override
                    public String where() {
                        return reader.where();
                    }

                    @Override
                    public String column(int c) {
                        return reader.column(c);
                    }

                    @Override
                    public void close() throws IOException {
                        reader.close();
                    }
                };
            }

            @Override
            public String toString() {
                return "CSV table " + file;
            }
        };
    }
}

package io.github.vae4j.tabular;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.vae4j.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
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

    /**
     * The standardisation a model's first fit takes instead of fitting one on the rows; empty for most sources.
     *
     * @return the scaling, if the source brings one
     */
    public Optional<Scaling> scaling() {
        return Optional.empty();
    }

    /**
     * Raw rows of a schema that bring their own standardisation: a model's first fit on them takes {@code scaling}
     * instead of fitting one (a time-series detector standardises each channel once for all its lags, say); a later
     * fit needs the model's own.
     *
     * @param schema the columns of the rows
     * @param rows the raw rows, {@code schema.size()} values each
     * @param scaling the standardisation, one centre and scale per column
     * @return the source
     * @throws IllegalArgumentException if the widths do not match
     */
    public static TableSource of(Schema schema, DataSource rows, Scaling scaling) {
        checkArgument(rows.width() == schema.size()
                && scaling.size() == schema.size(), "rows of %s values and a scaling of %s columns for a schema of "
                + "%s", rows.width(), scaling.size(), schema.size());
        return new TableSource(schema) {
            @Override
            public Optional<Scaling> scaling() {
                return Optional.of(scaling);
            }

            @Override
            public OptionalLong size() {
                return rows.size();
            }

            @Override
            public RowReader open() throws IOException {
                return rows.open();
            }

            @Override
            public String toString() {
                return rows.toString();
            }
        };
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

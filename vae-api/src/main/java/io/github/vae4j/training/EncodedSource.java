package io.github.vae4j.training;

import io.github.vae4j.DataSource;
import io.github.vae4j.tabular.Column;
import io.github.vae4j.tabular.ColumnKind;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.TabularEncoding;
import java.io.IOException;
import java.util.OptionalLong;

/**
 * Raw table rows, as a source gives them, encoded for the network as they are read: what a tabular model trains on.
 * Each raw row is checked against the schema first (a code out of range, a missing entry in a column that is not
 * nullable, a number that is not finite), named by the source's line and column.
 */
public final class EncodedSource implements DataSource {

    private final DataSource raw;
    private final TabularEncoding encoding;

    public EncodedSource(DataSource raw, TabularEncoding encoding) {
        this.raw = raw;
        this.encoding = encoding;
    }

    @Override
    public int width() {
        return encoding.schema().encodedWidth();
    }

    @Override
    public OptionalLong size() {
        return raw.size();
    }

    /** Checks one raw row. */
    public static void check(Schema schema, float[] row, RowReader reader) {
        for (int c = 0; c < row.length; c++) {
            Column col = schema.column(c);
            float v = row[c];
            if (Float.isNaN(v)) {
                if (!col.nullable()) {
                    throw new IllegalArgumentException(reader.where() + ", " + reader.column(c)
                            + " is missing, and the column is not nullable");
                }
            } else if (col.kind() == ColumnKind.NUMERIC) {
                if (!Float.isFinite(v) || col.logTransform() && v < 0) {
                    throw new IllegalArgumentException(reader.where() + ", " + reader.column(c) + " is " + v
                            + (col.logTransform() ? "; the column is modelled as log(1 + x)" : "; numbers must be "
                            + "finite"));
                }
            } else if (v != (int) v || v < 0 || v >= col.levels().size()) {
                throw new IllegalArgumentException(reader.where() + ", " + reader.column(c) + " is " + v
                        + ", not a level code of " + col.levels());
            }
        }
    }

    @Override
    public RowReader open() throws IOException {
        RowReader in = raw.open();
        float[] row = new float[raw.width()];
        Schema schema = encoding.schema();
        return new RowReader() {
            @Override
            public boolean next(float[] encoded) throws IOException {
                if (!in.next(row)) {
                    return false;
                }
                encoding.checkTrainable(row, in.where());
                check(schema, row, in);
                encoding.encode(row, encoded, 0);
                return true;
            }

            @Override
            public String where() {
                return in.where();
            }

            @Override
            public String column(int c) {
                return "encoded value " + c;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    @Override
    public String toString() {
        return raw.toString();
    }
}

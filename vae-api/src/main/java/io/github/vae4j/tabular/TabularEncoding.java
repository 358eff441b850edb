package io.github.vae4j.tabular;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The encoding of raw table rows for the network and back. A raw row holds one value per column: a numeric value
 * as it is, a level's code, or NaN for a missing entry. An encoded row ({@link Schema#encodedWidth()} values) holds per
 * column: a numeric column's standardised value (0 when missing), a binary column's 0 or 1 (0 when missing), a
 * categorical column's one-hot levels (all 0 when missing), then, for a nullable column, an indicator that is 1 when
 * the entry is missing. An unknown level ({@link Table#UNKNOWN}) is a binary column's 0.5 or a categorical column's
 * all 0, its indicator 0: no level, which the likelihood scores as the least likely one. The decoder's means and
 * samples come back in the encoded layout and are decoded to raw rows.
 */
public final class TabularEncoding {

    private final Schema schema;
    private final Scaling scaling;

    /**
     * @param schema the columns
     * @param scaling their fitted standardisation
     */
    public TabularEncoding(Schema schema, Scaling scaling) {
        checkArgument(scaling.size() == schema.size(), "a scaling of %s columns for a schema of %s", scaling.size(),
                schema.size());
        this.schema = schema;
        this.scaling = scaling;
    }

    /** @return the columns */
    public Schema schema() {
        return schema;
    }

    /** @return the standardisation */
    public Scaling scaling() {
        return scaling;
    }

    /**
     * Encodes one raw row.
     *
     * @param raw one value per column; NaN for missing
     * @param out receives {@link Schema#encodedWidth()} values from {@code from}: the modelled columns', then the
     *     condition columns'
     * @param from where the row starts in {@code out}
     */
    public void encode(float[] raw, float[] out, int from) {
        for (int c = 0; c < schema.size(); c++) {
            Column col = schema.column(c);
            int at = from + schema.inputOffset(c);
            boolean missing = Float.isNaN(raw[c]);
            boolean unknown = raw[c] == Table.UNKNOWN;
            switch (col.kind()) {
                case NUMERIC -> out[at] = missing ? 0f : (float) standardise(c, raw[c]);
                case BINARY -> out[at] = missing ? 0f : unknown ? 0.5f : raw[c];
                case CATEGORICAL -> {
                    int k = col.levels().size();
                    for (int j = 0; j < k; j++) {
                        out[at + j] = 0f;
                    }
                    if (!missing && !unknown) {
                        out[at + (int) raw[c]] = 1f;
                    }
                }
                default -> throw new IllegalStateException();
            }
            if (col.nullable()) {
                out[at + col.inputWidth() - 1] = missing ? 1f : 0f;
            }
        }
    }

    /**
     * Checks that a raw row can be trained on: it holds no unknown level, which the model cannot learn.
     *
     * @param raw one value per column
     * @param where the row, for the message (a file and line, or a table row)
     * @throws IllegalArgumentException naming the row and column of an unknown level
     */
    public void checkTrainable(float[] raw, String where) {
        for (int c = 0; c < raw.length; c++) {
            if (raw[c] == Table.UNKNOWN && schema.column(c).kind() != ColumnKind.NUMERIC) {
                throw new IllegalArgumentException(where + ", column '" + schema.column(c).name() + "' holds a "
                        + "level the schema does not have; a model trains on its schema's levels only: add the "
                        + "level to the column, or leave the row out");
            }
        }
    }

    /**
     * @param c a numeric column
     * @param value its raw value
     * @return the standardised value
     */
    public double standardise(int c, double value) {
        double t = schema.column(c).logTransform() ? Math.log1p(value) : value;
        return (t - scaling.centerOf(c)) / scaling.scaleOf(c);
    }

    /**
     * @param c a numeric column
     * @param z a standardised value
     * @return the raw value
     */
    public double unstandardise(int c, double z) {
        double t = z * scaling.scaleOf(c) + scaling.centerOf(c);
        return schema.column(c).logTransform() ? Math.expm1(t) : t;
    }

    /**
     * Decodes the decoder's means of one row: numeric means in raw units, the more probable level of a binary
     * column, the most probable level of a categorical one.
     *
     * @param mean {@link Schema#inputWidth()} values from {@code from}, in the encoded layout
     * @param from where the row starts
     * @param raw receives one value per modelled column; a condition column's value is left as it is
     */
    public void decodeMean(float[] mean, int from, float[] raw) {
        for (int c = 0; c < schema.size(); c++) {
            if (schema.isCondition(c)) {
                continue;
            }
            Column col = schema.column(c);
            int at = from + schema.inputOffset(c);
            raw[c] = switch (col.kind()) {
                case NUMERIC -> (float) unstandardise(c, mean[at]);
                case BINARY -> mean[at] >= 0.5f ? 1f : 0f;
                case CATEGORICAL -> argmax(mean, at, col.levels().size());
            };
        }
    }

    private static float argmax(float[] v, int from, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (v[from + j] > v[from + best]) {
                best = j;
            }
        }
        return best;
    }
}

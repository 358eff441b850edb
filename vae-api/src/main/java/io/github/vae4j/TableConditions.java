package io.github.vae4j;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.vae4j.tabular.Column;
import io.github.vae4j.tabular.ColumnKind;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.TabularEncoding;
import java.util.Arrays;
import java.util.Map;

/**
 * The values a host asks a conditional tabular model to generate with ({@code sampleTable(n, Map.of("Status",
 * "bad"))}): checked against the schema's condition columns, then encoded as training encodes them.
 */
final class TableConditions {

    private TableConditions() {
    }

    /**
     * A raw row with the condition columns set and every modelled column missing.
     *
     * @param schema the model's schema
     * @param given a value for every condition column, by name: a level (a {@code String}) for a binary or
     *     categorical column, a {@code Number} for a numeric one; {@code null} for a gap in a nullable column
     * @return one value per column: a level's code, a number, or NaN
     * @throws IllegalArgumentException naming the column, level or value at fault
     */
    static float[] rawRow(Schema schema, Map<String, ?> given) {
        checkArgument(given != null, "conditions are null");
        for (String name : given.keySet()) {
            int c = schema.indexOf(name);
            checkArgument(c >= 0 && schema.isCondition(c), "'%s' is not a condition column of the model; its "
                    + "condition columns are %s", name, schema.conditionNames());
        }
        float[] raw = new float[schema.size()];
        Arrays.fill(raw, Float.NaN);
        for (int c = 0; c < schema.size(); c++) {
            if (schema.isCondition(c)) {
                Column col = schema.column(c);
                checkArgument(given.containsKey(col.name()), "no value for the condition column '%s': give every "
                        + "condition column %s, as in sampleTable(n, Map.of(\"%s\", ...))", col.name(),
                        schema.conditionNames(), col.name());
                raw[c] = value(col, given.get(col.name()));
            }
        }
        return raw;
    }

    private static float value(Column col, Object v) {
        if (v == null) {
            checkArgument(col.nullable(), "the condition column '%s' is not nullable, it needs a value", col.name());
            return Float.NaN;
        }
        if (col.kind() == ColumnKind.NUMERIC) {
            checkArgument(v instanceof Number, "the numeric condition column '%s' takes a number, got '%s'",
                    col.name(), v);
            double d = ((Number) v).doubleValue();
            checkArgument(Double.isFinite(d) && Math.abs(d) <= Float.MAX_VALUE, "the condition column '%s' is %s; "
                    + "values must be finite", col.name(), v);
            return (float) d;
        }
        int code = col.code(String.valueOf(v));
        checkArgument(code >= 0, "'%s' is not a level of the condition column '%s'; its levels are %s", v,
                col.name(), col.levels());
        return code;
    }

    /**
     * @param encoding the model's encoding
     * @param raw a raw row with the condition columns set
     * @return the condition columns' encoding, {@link Schema#conditionWidth()} values
     */
    static float[] encoded(TabularEncoding encoding, float[] raw) {
        Schema schema = encoding.schema();
        float[] full = new float[schema.encodedWidth()];
        encoding.encode(raw, full, 0);
        return Arrays.copyOfRange(full, schema.inputWidth(), schema.encodedWidth());
    }
}

package io.github.vae4j.spark;

import io.github.vae4j.Vae;
import io.github.vae4j.tabular.ColumnKind;
import io.github.vae4j.tabular.Explanation;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;

/**
 * The input columns of a tabular model, one per schema column: each batch of rows becomes a {@link Table} (numbers
 * for numeric columns, a value's text for the levels of binary and categorical ones, null for missing), checked row
 * by row as {@code Table.Builder} checks them, then scored, encoded and, if asked, explained by the model.
 *
 * @param indices the input columns' positions in the rows
 * @param names the input columns' names
 * @param explain whether scoring adds the explanation map
 */
record TableColumns(int[] indices, String[] names, boolean explain) implements BatchScorer {

    private static final long serialVersionUID = 1L;

    /**
     * Checks that a Dataset has the columns, of types a table's entries can be read from.
     *
     * @throws IllegalArgumentException naming a column that is missing or of another type
     */
    static void checkTypes(StructType schema, String[] names) {
        for (String name : names) {
            if (!Arrays.asList(schema.fieldNames()).contains(name)) {
                throw new IllegalArgumentException("the Dataset has no column '" + name + "', which the model's schema "
                        + "needs; its columns are " + Arrays.toString(schema.fieldNames()));
            }
            DataType type = schema.apply(name).dataType();
            if (!(type instanceof NumericType || type instanceof StringType || type instanceof BooleanType)) {
                throw new IllegalArgumentException("column '" + name + "' is " + type.simpleString()
                        + "; a table's entries are numbers, strings or booleans");
            }
        }
    }

    /**
     * A tabular model's input columns: those given, one per schema column, or the schema's names.
     *
     * @throws IllegalArgumentException if columns are given and their count is not the schema's
     */
    static String[] resolve(String[] given, Schema schema) {
        if (given.length == 0) {
            return schema.columns().stream().map(io.github.vae4j.tabular.Column::name).toArray(String[]::new);
        }
        if (given.length != schema.size()) {
            throw new IllegalArgumentException(given.length + " input columns for a schema of " + schema.size()
                    + " columns: " + schema);
        }
        return given;
    }

    @Override
    public String describe() {
        return "columns " + Arrays.toString(names);
    }

    @Override
    public List<Object[]> score(Vae vae, List<Row> rows, int k) {
        Schema schema = vae.schema();
        Table.Builder table = Table.builder(schema);
        List<String> problems = new ArrayList<>(rows.size());
        int good = 0;
        for (Row row : rows) {
            Object[] values = new Object[indices.length];
            for (int c = 0; c < indices.length; c++) {
                Object v = row.get(indices[c]);
                values[c] = v == null || schema.column(c).kind() == ColumnKind.NUMERIC ? v : text(v);
            }
            try {
                table.add(values);
                problems.add(null);
                good++;
            } catch (IllegalArgumentException e) {
                // the builder names its own row count; the partition's row is named by the caller
                problems.add(e.getMessage().replaceFirst("^row \\d+, ", ""));
            }
        }
        Table t = table.build();
        double[] scores = good == 0 ? new double[0] : vae.anomalyScores(t, k);
        float[][] z = good == 0 ? new float[0][] : vae.encode(t);
        List<Explanation> why = explain && good > 0 ? vae.explain(t) : List.of();
        List<Object[]> out = new ArrayList<>(rows.size());
        int g = 0;
        for (String problem : problems) {
            Object[] values = new Object[explain ? 4 : 3];
            if (problem == null) {
                values[0] = scores[g];
                values[1] = FeatureColumn.vector(z[g]);
                if (explain) {
                    values[3] = map(why.get(g));
                }
                g++;
            } else {
                values[2] = problem;
            }
            out.add(values);
        }
        return out;
    }

    /** A level's text: integers without a decimal point, so that a column of codes 1, 2, 3 reads as "1", "2", "3". */
    static String text(Object v) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
        }
        return String.valueOf(v);
    }

    private static scala.collection.Map<String, Object> map(Explanation e) {
        Map<String, Object> m = new HashMap<>();
        for (Explanation.Contribution c : e.contributions()) {
            m.put(c.column(), c.nats());
        }
        m.put(SparkVaeModel.LATENT_KEY, e.latentNats());
        return scala.jdk.javaapi.CollectionConverters.asScala(m);
    }
}

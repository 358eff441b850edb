package io.github.vae4j.spark;

import io.github.vae4j.Vae;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A column of feature rows: ML {@link Vector}s or arrays of numbers, read into a model's float rows and checked
 * on the way (width, finite values, [0, 1] for a Bernoulli model), each problem said in words.
 *
 * @param name the column's name
 * @param width values per row the model takes
 * @param unitInterval whether values must lie in [0, 1]
 * @param index the column's position in the rows scored
 * @param reconstruct whether scoring adds the reconstruction
 */
record FeatureColumn(String name, int width, boolean unitInterval, int index, boolean reconstruct)
        implements BatchScorer {

    private static final long serialVersionUID = 1L;

    /**
     * Checks that a schema has the column, of a type this reads.
     *
     * @param schema a Dataset's schema
     * @param name the column
     * @throws IllegalArgumentException if the column is missing or of another type
     */
    static void checkType(StructType schema, String name) {
        if (!java.util.Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("the Dataset has no column '" + name + "'; its columns are "
                    + java.util.Arrays.toString(schema.fieldNames()));
        }
        StructField field = schema.apply(name);
        DataType type = field.dataType();
        boolean ok = type.equals(SQLDataTypes.VectorType())
                || type instanceof ArrayType a && a.elementType() instanceof NumericType;
        if (!ok) {
            throw new IllegalArgumentException("column '" + name + "' is " + type.simpleString()
                    + "; features must be an ML Vector or an array of numbers");
        }
    }

    @Override
    public String describe() {
        return "column '" + name + "'";
    }

    @Override
    public List<Object[]> score(Vae vae, List<Row> rows, int k) {
        List<String> problems = new ArrayList<>(rows.size());
        List<float[]> good = new ArrayList<>(rows.size());
        for (Row row : rows) {
            float[] x = new float[width];
            String problem = read(row, index, x);
            problems.add(problem);
            if (problem == null) {
                good.add(x);
            }
        }
        float[][] x = good.toArray(float[][]::new);
        double[] logP = x.length == 0 ? new double[0] : vae.logLikelihood(x, k);
        float[][] z = x.length == 0 ? new float[0][] : vae.encode(x);
        float[][] r = reconstruct && x.length > 0 ? vae.reconstruct(x) : null;
        List<Object[]> out = new ArrayList<>(rows.size());
        int g = 0;
        for (String problem : problems) {
            Object[] values = new Object[reconstruct ? 4 : 3];
            if (problem == null) {
                values[0] = -logP[g];
                values[1] = vector(z[g]);
                if (reconstruct) {
                    values[3] = vector(r[g]);
                }
                g++;
            } else {
                values[2] = problem;
            }
            out.add(values);
        }
        return out;
    }

    /** @return the values as an ML dense vector */
    static Vector vector(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return Vectors.dense(d);
    }

    /**
     * Reads one row's features.
     *
     * @param row the row
     * @param index the column's position in the row
     * @param out receives {@link #width()} values
     * @return {@code null} if the row is fine, else what is wrong with it
     */
    String read(Row row, int index, float[] out) {
        if (row.isNullAt(index)) {
            return "the features are null";
        }
        Object cell = row.get(index);
        int n;
        if (cell instanceof Vector v) {
            n = v.size();
            if (n != width) {
                return "the features have " + n + " values, the model takes " + width;
            }
            for (int j = 0; j < n; j++) {
                out[j] = (float) v.apply(j);
            }
        } else {
            List<Object> values = row.getList(index);
            n = values.size();
            if (n != width) {
                return "the features have " + n + " values, the model takes " + width;
            }
            for (int j = 0; j < n; j++) {
                Object v = values.get(j);
                if (v == null) {
                    return "feature " + j + " is null";
                }
                out[j] = ((Number) v).floatValue();
            }
        }
        for (int j = 0; j < width; j++) {
            float v = out[j];
            if (!Float.isFinite(v)) {
                return "feature " + j + " is " + v + "; features must be finite";
            }
            if (unitInterval && (v < 0 || v > 1)) {
                return "feature " + j + " is " + v + ", outside [0, 1], which a Bernoulli model needs";
            }
        }
        return null;
    }
}

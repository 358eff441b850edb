package io.github.vae4j.tabular;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How each numeric column is standardised inside the model, fitted on the training data in one pass: after the
 * optional log(1 + x), z = (t - center) / scale. Non-numeric columns have center 0 and scale 1. A constant column (or
 * one with no values) gets scale 1, so nothing divides by zero. Saved in the model file; applied on the way in and
 * undone on the way out.
 *
 * @param center per column, the mean of the (transformed) values
 * @param scale per column, their standard deviation, positive
 */
public record Scaling(double[] center, double[] scale) {

    /**
     * Validates and copies the arrays.
     *
     * @param center per column, the mean of the (transformed) values
     * @param scale per column, their standard deviation, positive
     */
    public Scaling {
        checkArgument(center.length == scale.length, "%s centres for %s scales", center.length, scale.length);
        center = center.clone();
        scale = scale.clone();
        for (int i = 0; i < center.length; i++) {
            checkArgument(Double.isFinite(center[i]), "column %s's centre is %s", i, (Object) center[i]);
            checkArgument(Double.isFinite(scale[i]) && scale[i] > 0, "column %s's scale is %s", i, (Object) scale[i]);
        }
    }

    /** @return per column, the mean of the (transformed) values (a copy) */
    @Override
    public double[] center() {
        return center.clone();
    }

    /** @return per column, the standard deviation of the (transformed) values, positive (a copy) */
    @Override
    public double[] scale() {
        return scale.clone();
    }

    /** @return the number of columns */
    public int size() {
        return center.length;
    }

    /**
     * @param i a column's position
     * @return its centre
     */
    public double centerOf(int i) {
        return center[i];
    }

    /**
     * @param i a column's position
     * @return its scale
     */
    public double scaleOf(int i) {
        return scale[i];
    }

    /** Accumulates the statistics of a scaling over raw rows, one at a time (Welford's update). */
    public static final class Fitter {
        private final Schema schema;
        private final long[] n;
        private final double[] mean;
        private final double[] m2;

        /**
         * @param schema the columns to fit
         */
        public Fitter(Schema schema) {
            this.schema = schema;
            this.n = new long[schema.size()];
            this.mean = new double[schema.size()];
            this.m2 = new double[schema.size()];
        }

        /**
         * @param raw one raw row: a value per column, NaN for missing
         */
        public void add(float[] raw) {
            for (int c = 0; c < n.length; c++) {
                Column col = schema.column(c);
                if (col.kind() != ColumnKind.NUMERIC || Float.isNaN(raw[c])) {
                    continue;
                }
                double t = col.logTransform() ? Math.log1p(raw[c]) : raw[c];
                n[c]++;
                double d = t - mean[c];
                mean[c] += d / n[c];
                m2[c] += d * (t - mean[c]);
            }
        }

        /** @return the scaling of the rows added */
        public Scaling fit() {
            double[] center = new double[n.length];
            double[] scale = new double[n.length];
            for (int c = 0; c < n.length; c++) {
                double sd = n[c] > 0 ? Math.sqrt(m2[c] / n[c]) : 0;
                center[c] = n[c] > 0 ? mean[c] : 0;
                scale[c] = sd > 1e-12 * Math.max(1, Math.abs(center[c])) ? sd : 1;
            }
            return new Scaling(center, scale);
        }
    }
}

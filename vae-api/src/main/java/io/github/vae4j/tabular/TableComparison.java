package io.github.vae4j.tabular;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How synthetic rows compare with real ones, column by column: numeric columns' means and standard deviations, the
 * level frequencies of binary and categorical columns, and the difference of the two tables' correlation matrices
 * (Pearson, over numeric columns and binary columns coded 0 and 1, each pair over the rows where both are present).
 * Missing entries are left out.
 *
 * <pre>{@code
 * TableComparison report = TableComparison.of(real, vae.sampleTable(real.rowCount()));
 * System.out.println(report);
 * }</pre>
 */
public final class TableComparison {

    /**
     * The statistics of one column in both tables.
     *
     * @param column the column's name
     * @param kind its kind
     * @param real for a numeric column its mean and standard deviation; otherwise each level's frequency
     * @param synthetic the same of the synthetic rows
     */
    public record ColumnStatistics(String column, ColumnKind kind, double[] real, double[] synthetic) {

        /**
         * Copies the arrays.
         *
         * @param column the column's name
         * @param kind its kind
         * @param real statistics of the real rows
         * @param synthetic statistics of the synthetic rows
         */
        public ColumnStatistics {
            real = real.clone();
            synthetic = synthetic.clone();
        }

        /** @return the real rows' statistics (a copy) */
        @Override
        public double[] real() {
            return real.clone();
        }

        /** @return the synthetic rows' statistics (a copy) */
        @Override
        public double[] synthetic() {
            return synthetic.clone();
        }
    }

    private final Schema schema;
    private final List<ColumnStatistics> columns;
    private final List<String> correlated;
    private final double[][] realCorrelation;
    private final double[][] syntheticCorrelation;

    private TableComparison(Schema schema, List<ColumnStatistics> columns, List<String> correlated,
            double[][] realCorrelation, double[][] syntheticCorrelation) {
        this.schema = schema;
        this.columns = List.copyOf(columns);
        this.correlated = List.copyOf(correlated);
        this.realCorrelation = realCorrelation;
        this.syntheticCorrelation = syntheticCorrelation;
    }

    /**
     * @param real real rows
     * @param synthetic synthetic rows of the same schema
     * @return the comparison
     */
    public static TableComparison of(Table real, Table synthetic) {
        checkArgument(real.schema().equals(synthetic.schema()), "the tables have different schemas");
        Schema schema = real.schema();
        List<ColumnStatistics> stats = new ArrayList<>();
        List<Integer> corr = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            Column col = schema.column(c);
            stats.add(new ColumnStatistics(col.name(), col.kind(), statistics(real, c), statistics(synthetic, c)));
            if (col.kind() != ColumnKind.CATEGORICAL) {
                corr.add(c);
            }
        }
        return new TableComparison(schema, stats, corr.stream().map(c -> schema.column(c).name()).toList(),
                correlation(real, corr), correlation(synthetic, corr));
    }

    private static double[] statistics(Table t, int c) {
        Column col = t.schema().column(c);
        if (col.kind() == ColumnKind.NUMERIC) {
            double sum = 0;
            double sq = 0;
            int n = 0;
            for (int r = 0; r < t.rowCount(); r++) {
                float v = t.raw(r, c);
                if (!Float.isNaN(v)) {
                    sum += v;
                    sq += (double) v * v;
                    n++;
                }
            }
            double mean = n == 0 ? Double.NaN : sum / n;
            return new double[] {mean, n == 0 ? Double.NaN : Math.sqrt(Math.max(0, sq / n - mean * mean))};
        }
        double[] freq = new double[col.levels().size()];
        int n = 0;
        for (int r = 0; r < t.rowCount(); r++) {
            float v = t.raw(r, c);
            if (!Float.isNaN(v)) {
                freq[(int) v]++;
                n++;
            }
        }
        for (int k = 0; k < freq.length; k++) {
            freq[k] = n == 0 ? Double.NaN : freq[k] / n;
        }
        return freq;
    }

    private static double[][] correlation(Table t, List<Integer> cols) {
        int m = cols.size();
        double[][] out = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                double r = i == j ? 1 : pearson(t, cols.get(i), cols.get(j));
                out[i][j] = r;
                out[j][i] = r;
            }
        }
        return out;
    }

    private static double pearson(Table t, int a, int b) {
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        int n = 0;
        for (int r = 0; r < t.rowCount(); r++) {
            double x = t.raw(r, a);
            double y = t.raw(r, b);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                continue;
            }
            n++;
            sa += x;
            sb += y;
            saa += x * x;
            sbb += y * y;
            sab += x * y;
        }
        if (n < 2) {
            return Double.NaN;
        }
        double cov = sab / n - sa / n * sb / n;
        double va = saa / n - sa / n * sa / n;
        double vb = sbb / n - sb / n * sb / n;
        return va <= 0 || vb <= 0 ? 0 : cov / Math.sqrt(va * vb);
    }

    /** @return each column's statistics, in the schema's order */
    public List<ColumnStatistics> columns() {
        return columns;
    }

    /** @return the names of the columns in the correlation matrices */
    public List<String> correlatedColumns() {
        return correlated;
    }

    /** @return the real rows' correlation matrix */
    public double[][] realCorrelation() {
        return copy(realCorrelation);
    }

    /** @return the synthetic rows' correlation matrix */
    public double[][] syntheticCorrelation() {
        return copy(syntheticCorrelation);
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    /** @return the largest absolute difference between the two correlation matrices */
    public double maxCorrelationDifference() {
        double max = 0;
        for (int i = 0; i < realCorrelation.length; i++) {
            for (int j = 0; j < i; j++) {
                double d = Math.abs(realCorrelation[i][j] - syntheticCorrelation[i][j]);
                if (!Double.isNaN(d)) {
                    max = Math.max(max, d);
                }
            }
        }
        return max;
    }

    /** @return the root mean square of the differences between the correlations of distinct columns */
    public double rmsCorrelationDifference() {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < realCorrelation.length; i++) {
            for (int j = 0; j < i; j++) {
                double d = realCorrelation[i][j] - syntheticCorrelation[i][j];
                if (!Double.isNaN(d)) {
                    sum += d * d;
                    n++;
                }
            }
        }
        return n == 0 ? 0 : Math.sqrt(sum / n);
    }

    /**
     * How far the synthetic columns are from the real ones, one number: the mean over the columns of a numeric
     * column's difference of means in the real column's standard deviations, and a binary or categorical column's
     * total variation distance between the level frequencies (half the sum of the absolute differences, 0 to 1).
     * Condition columns, which a conditional model is given rather than generates, are left out.
     *
     * @return the mean difference, 0 for identical statistics; NaN if no column can be compared
     */
    public double meanColumnDifference() {
        double sum = 0;
        int n = 0;
        for (int c = 0; c < columns.size(); c++) {
            if (schema.isCondition(c)) {
                continue;
            }
            double d = difference(columns.get(c));
            if (!Double.isNaN(d)) {
                sum += d;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double difference(ColumnStatistics c) {
        double[] real = c.real;
        double[] synthetic = c.synthetic;
        if (c.kind() == ColumnKind.NUMERIC) {
            return real[1] > 0 ? Math.abs(real[0] - synthetic[0]) / real[1] : Double.NaN;
        }
        double tv = 0;
        for (int k = 0; k < real.length; k++) {
            tv += Math.abs(real[k] - synthetic[k]);
        }
        return tv / 2;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-20s %-12s %s%n", "column", "kind", "real -> synthetic"));
        for (ColumnStatistics c : columns) {
            s.append(String.format(Locale.ROOT, "%-20s %-12s ", c.column(), c.kind().name().toLowerCase(Locale.ROOT)));
            if (c.kind() == ColumnKind.NUMERIC) {
                s.append(String.format(Locale.ROOT, "mean %.4g -> %.4g, sd %.4g -> %.4g", c.real()[0],
                        c.synthetic()[0], c.real()[1], c.synthetic()[1]));
            } else {
                List<String> levels = schema.column(schema.indexOf(c.column())).levels();
                for (int k = 0; k < levels.size(); k++) {
                    s.append(String.format(Locale.ROOT, "%s%s %.3f -> %.3f", k == 0 ? "" : ", ", levels.get(k),
                            c.real()[k], c.synthetic()[k]));
                }
            }
            s.append(System.lineSeparator());
        }
        s.append(String.format(Locale.ROOT, "correlations of %d numeric and binary columns: largest difference %.3f, "
                + "root mean square %.3f%n", correlated.size(), maxCorrelationDifference(),
                rmsCorrelationDifference()));
        s.append(String.format(Locale.ROOT, "mean column difference (standardised means, level frequencies' total "
                + "variation): %.3f%n", meanColumnDifference()));
        return s.toString();
    }
}

package io.github.vae4j.series;

import io.github.vae4j.tabular.Scaling;
import io.github.vae4j.tabular.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The standardisation of a detector's channels, fitted once on its training series and given to every lag of the
 * window: centre the channel's mean, scale its standard deviation, but never finer than its step over the standard
 * deviation of the variance floor (the tables' rule for values that come in steps). A channel's step is the median gap
 * between its distinct values when it has 3 to {@value #MAX_DISTINCT} of them; a channel with fewer (one stuck at a
 * value, or flipping between two) takes the series' resolution, the median step of the other channels, so that a
 * channel that never moved in training is measured in the series' own units when it moves: stuck at 0.5 and then at
 * 0.7 is 20 steps off, not a fraction of a standard deviation of 1.
 */
final class ChannelScaling {

    /** Most distinct values of a channel whose step is measured; beyond them it is taken as continuous. */
    static final int MAX_DISTINCT = 1024;

    private ChannelScaling() {
    }

    /**
     * @param layout the window's layout
     * @param series the training series
     * @return one centre and scale per column of the window's schema
     */
    static Scaling fit(WindowLayout layout, List<TimeSeries> series) {
        int width = layout.width();
        double[] mean = new double[width];
        double[] m2 = new double[width];
        long[] n = new long[width];
        List<TreeSet<Float>> distinct = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            distinct.add(new TreeSet<>());
        }
        for (TimeSeries s : series) {
            float[] v = s.values();
            for (int i = 0; i < v.length; i++) {
                if (Float.isNaN(v[i])) {
                    continue;
                }
                int c = i % width;
                n[c]++;
                double d = v[i] - mean[c];
                mean[c] += d / n[c];
                m2[c] += d * (v[i] - mean[c]);
                TreeSet<Float> seen = distinct.get(c);
                if (seen != null && seen.add(v[i]) && seen.size() > MAX_DISTINCT) {
                    distinct.set(c, null);
                }
            }
        }
        double[] sd = new double[width];
        double[] step = new double[width];
        List<Double> steps = new ArrayList<>();
        List<Double> spreads = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            sd[c] = n[c] > 0 ? Math.sqrt(m2[c] / n[c]) : 0;
            step[c] = step(distinct.get(c));
            if (step[c] > 0) {
                steps.add(step[c]);
            }
            if (sd[c] > tiny(mean[c])) {
                spreads.add(sd[c]);
            }
        }
        double resolution = median(steps);
        double typical = spreads.isEmpty() ? 1 : median(spreads);
        double floorSd = Math.sqrt(Schema.DEFAULT_VARIANCE_FLOOR);
        double[] center = new double[layout.size()];
        double[] scale = new double[layout.size()];
        for (int c = 0; c < width; c++) {
            double own = step[c] > 0 ? step[c] : resolution;
            double s = Math.max(sd[c], own / floorSd);
            if (!(s > tiny(mean[c]))) {
                s = typical;
            }
            for (int o = 0; o < layout.window(); o++) {
                center[o * width + c] = n[c] > 0 ? mean[c] : 0;
                scale[o * width + c] = s;
            }
        }
        return new Scaling(center, scale);
    }

    private static double tiny(double center) {
        return 1e-12 * Math.max(1, Math.abs(center));
    }

    /** The median gap between consecutive distinct values, or 0 with fewer than 3 values or too many to keep. */
    private static double step(TreeSet<Float> values) {
        if (values == null || values.size() < 3) {
            return 0;
        }
        double[] gaps = new double[values.size() - 1];
        Float previous = null;
        int i = 0;
        for (Float v : values) {
            if (previous != null) {
                gaps[i++] = (double) v - previous;
            }
            previous = v;
        }
        Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v[v.length / 2];
    }
}

package io.github.vae4j.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * ROC curves and the area under them (AUROC) for a score that should be higher for positive examples, such as an
 * anomaly score {@code -log p(x)} from {@code Vae.logLikelihood} with anomalies as the positives.
 *
 * <pre>{@code
 * double[] logP = vae.logLikelihood(test, 20);
 * double[] score = Arrays.stream(logP).map(v -> -v).toArray();
 * RocCurve roc = Roc.curve(score, isAnomaly);
 * System.out.println("AUROC " + roc.auc());
 * Roc.writePng(Path.of("roc.png"), roc, "Digit 0 as normal");
 * }</pre>
 */
public final class Roc {

    /** Default side of the square picture in pixels. */
    public static final int DEFAULT_SIZE = 560;

    private Roc() {
    }

    /**
     * The ROC curve of a score: one point per distinct score value, from (0, 0) to (1, 1).
     *
     * @param scores one score per example, not NaN (infinities allowed); higher means more likely positive
     * @param positives whether each example is positive
     * @return the curve and its area
     * @throws IllegalArgumentException if scores is empty, the lengths differ, a score is NaN, or all
     *     examples are of one class (the curve is then undefined)
     */
    public static RocCurve curve(double[] scores, boolean[] positives) {
        Checks.notNull(scores, "scores");
        Checks.notNull(positives, "positives");
        Checks.require(scores.length > 0, "scores is empty");
        Checks.require(scores.length == positives.length, "scores has " + scores.length + " values but positives has "
                + positives.length);
        for (int i = 0; i < scores.length; i++) {
            Checks.require(!Double.isNaN(scores[i]), "scores[" + i + "] is NaN; a score must be a number");
        }
        int n = scores.length;
        int p = 0;
        for (boolean b : positives) {
            p += b ? 1 : 0;
        }
        int q = n - p;
        Checks.require(p > 0, "there are no positive examples; a ROC curve needs both classes");
        Checks.require(q > 0, "there are no negative examples; a ROC curve needs both classes");
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        double[] fpr = new double[n + 1];
        double[] tpr = new double[n + 1];
        double[] thresholds = new double[n + 1];
        thresholds[0] = Double.POSITIVE_INFINITY;
        int points = 1;
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < n; ) {
            double threshold = scores[order[i]];
            while (i < n && scores[order[i]] == threshold) {
                if (positives[order[i]]) {
                    tp++;
                } else {
                    fp++;
                }
                i++;
            }
            fpr[points] = (double) fp / q;
            tpr[points] = (double) tp / p;
            thresholds[points] = threshold;
            points++;
        }
        return new RocCurve(Arrays.copyOf(fpr, points), Arrays.copyOf(tpr, points), Arrays.copyOf(thresholds, points),
                p, q);
    }

    /**
     * The area under the ROC curve; see {@link RocCurve#auc()}.
     *
     * @param scores one score per example, not NaN (infinities allowed); higher means more likely positive
     * @param positives whether each example is positive
     * @return the AUROC in [0, 1], ties counting one half
     * @throws IllegalArgumentException as {@link #curve} does
     */
    public static double auroc(double[] scores, boolean[] positives) {
        return curve(scores, positives).auc();
    }

    /**
     * Draws the curve with the chance diagonal; the legend gives the AUROC.
     *
     * @param curve the curve
     * @param title the chart's title, or {@code null} for none
     * @param width picture width in pixels, 100 or more
     * @param height picture height in pixels, 100 or more
     * @return the picture, {@code width x height} pixels
     * @throws IllegalArgumentException if the size is out of range
     */
    public static BufferedImage render(RocCurve curve, String title, int width, int height) {
        Checks.notNull(curve, "curve");
        ChartStyle.checkSize(width, height);
        XYChart chart = ChartStyle.xyChart(width, height, title, "false-positive rate", "true-positive rate");
        Styler s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(1.0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        XYSeries chance = chart.addSeries("chance (AUROC 0.5)", new double[] {0, 1}, new double[] {0, 1});
        chance.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chance.setMarker(SeriesMarkers.NONE);
        chance.setLineColor(Color.GRAY);
        chance.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f},
                0f));
        XYSeries roc = chart.addSeries(String.format(Locale.ROOT, "ROC (AUROC %.3f; %d positive, %d negative)",
                curve.auc(), curve.positives(), curve.negatives()), curve.falsePositiveRates(),
                curve.truePositiveRates());
        roc.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        roc.setMarker(SeriesMarkers.NONE);
        roc.setLineColor(ChartStyle.color(0));
        roc.setLineStyle(new BasicStroke(2f));
        return ChartStyle.image(chart);
    }

    /**
     * Draws the curve as a square picture of the default size and writes it as a PNG; see {@link #render}.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @param curve the curve
     * @param title the chart's title, or {@code null} for none
     * @throws IOException if writing fails
     */
    public static void writePng(Path file, RocCurve curve, String title) throws IOException {
        writePng(file, curve, title, DEFAULT_SIZE, DEFAULT_SIZE);
    }

    /**
     * Draws the curve and writes it as a PNG; see {@link #render}.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @param curve the curve
     * @param title the chart's title, or {@code null} for none
     * @param width picture width in pixels
     * @param height picture height in pixels
     * @throws IllegalArgumentException if the size is out of range
     * @throws IOException if writing fails
     */
    public static void writePng(Path file, RocCurve curve, String title, int width, int height) throws IOException {
        Pictures.writePng(render(curve, title, width, height), file);
    }
}

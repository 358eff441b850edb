package io.github.vae4j.viz;

import io.github.vae4j.series.TimeSeries;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A time series beside its anomaly scores: above, every channel against the point's index (missing values leave
 * gaps); below, the scores (nats), the threshold as a dashed line, and the labelled anomalous points shaded.
 */
public final class SeriesChart {

    /** The default picture width, pixels. */
    public static final int DEFAULT_WIDTH = 1200;

    /** The default picture height, pixels. */
    public static final int DEFAULT_HEIGHT = 720;

    private static final Color SHADE = new Color(0xF4, 0xB6, 0xB6);

    private SeriesChart() {
    }

    /**
     * Draws the series and its scores.
     *
     * @param series the series
     * @param scores one per point, nats (a detector's {@code scores(series)}); NaN or infinite ones are left out
     * @param threshold the alarm threshold, nats, or NaN for none
     * @param labels per point, whether it is labelled anomalous, or {@code null} for no labels
     * @param title the picture's title, or {@code null} for none
     * @param width picture width in pixels
     * @param height picture height in pixels
     * @return the picture
     * @throws IllegalArgumentException if the scores or labels are not one per point, or the size is out of range
     */
    public static BufferedImage render(TimeSeries series, double[] scores, double threshold, boolean[] labels,
            String title, int width, int height) {
        Checks.notNull(series, "series");
        Checks.notNull(scores, "scores");
        Checks.require(scores.length == series.length(), scores.length + " scores for a series of " + series.length()
                + " points");
        Checks.require(labels == null || labels.length == series.length(), "labels must be one per point");
        ChartStyle.checkSize(width, height);
        int topHeight = height / 2;
        double[] x = new double[series.length()];
        for (int t = 0; t < x.length; t++) {
            x[t] = t;
        }
        XYChart top = ChartStyle.xyChart(width, topHeight, title, "point", "value");
        top.getStyler().setLegendVisible(series.channels().size() <= 10);
        top.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (int c = 0; c < series.channels().size(); c++) {
            double[] y = new double[x.length];
            for (int t = 0; t < y.length; t++) {
                y[t] = series.value(t, c);
            }
            line(top.addSeries(series.channels().get(c), x, y), ChartStyle.color(c), 1f);
        }
        XYChart bottom = ChartStyle.xyChart(width, height - topHeight, null, "point", "score (nats)");
        bottom.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double[] shown = new double[scores.length];
        for (int t = 0; t < scores.length; t++) {
            shown[t] = Double.isFinite(scores[t]) ? scores[t] : Double.NaN;
            if (Double.isFinite(scores[t])) {
                lo = Math.min(lo, scores[t]);
                hi = Math.max(hi, scores[t]);
            }
        }
        if (labels != null && hi > lo) {
            double[] band = new double[x.length];
            for (int t = 0; t < band.length; t++) {
                band[t] = labels[t] ? hi : lo;
            }
            XYSeries s = bottom.addSeries("labelled anomaly", x, band);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            s.setMarker(SeriesMarkers.NONE);
            s.setFillColor(SHADE);
            s.setLineColor(SHADE);
        }
        line(bottom.addSeries("score", x, shown), ChartStyle.color(0), 1f);
        if (!Double.isNaN(threshold)) {
            XYSeries s = bottom.addSeries(String.format(Locale.ROOT, "threshold %.1f", threshold),
                    new double[] {0, Math.max(1, x.length - 1)}, new double[] {threshold, threshold});
            line(s, Color.DARK_GRAY, 1.5f);
            s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        return ChartStyle.stacked(top, bottom, width, height, topHeight);
    }

    /**
     * Draws the series and its scores at the default size and writes a PNG; see {@link #render}.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @param series the series
     * @param scores one per point, nats
     * @param threshold the alarm threshold, nats, or NaN for none
     * @param labels per point, whether it is labelled anomalous, or {@code null}
     * @param title the picture's title, or {@code null}
     * @throws IOException if writing fails
     */
    public static void writePng(Path file, TimeSeries series, double[] scores, double threshold, boolean[] labels,
            String title) throws IOException {
        Pictures.writePng(render(series, scores, threshold, labels, title, DEFAULT_WIDTH, DEFAULT_HEIGHT), file);
    }

    private static void line(XYSeries s, Color color, float width) {
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(width));
    }
}

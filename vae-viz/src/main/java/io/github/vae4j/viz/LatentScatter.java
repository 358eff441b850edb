package io.github.vae4j.viz;

import io.github.vae4j.Vae;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A scatter plot of two-dimensional latent points, such as the posterior means of test digits, coloured by label:
 * one series per label, in increasing order of the labels, with a legend. It shows how a model with a
 * two-dimensional latent space arranges the classes it was never told about.
 *
 * <pre>{@code
 * LatentScatter.writePng(Path.of("latent-scatter.png"), vae, testRows, testLabels, "MNIST test digits");
 * }</pre>
 */
public final class LatentScatter {

    /** Default width of the picture in pixels. */
    public static final int DEFAULT_WIDTH = 720;
    /** Default height of the picture in pixels. */
    public static final int DEFAULT_HEIGHT = 600;

    private LatentScatter() {
    }

    /**
     * Draws the points.
     *
     * @param points {@code n x 2} latent points, at least one, finite
     * @param labels one label per point
     * @param labelNames the legend entry of a label, or {@code null} for the label's number
     * @param title the chart's title, or {@code null} for none
     * @param width picture width in pixels, 100 or more
     * @param height picture height in pixels, 100 or more
     * @return the picture, {@code width x height} pixels
     * @throws IllegalArgumentException if points is empty, a point does not have 2 finite coordinates, the number
     *     of labels is not the number of points, or the size is out of range
     */
    public static BufferedImage render(float[][] points, int[] labels, IntFunction<String> labelNames, String title,
            int width, int height) {
        Checks.rows(points, "points", 2, "a scatter plot needs 2 latent coordinates");
        Checks.notNull(labels, "labels");
        Checks.require(points.length == labels.length, "points has " + points.length + " rows but labels has "
                + labels.length);
        ChartStyle.checkSize(width, height);
        Map<Integer, int[]> counts = new TreeMap<>();
        for (int label : labels) {
            counts.computeIfAbsent(label, k -> new int[1])[0]++;
        }
        XYChart chart = ChartStyle.xyChart(width, height, title, "z1", "z2");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(points.length > 2000 ? 3 : 5);
        int series = 0;
        for (Map.Entry<Integer, int[]> entry : counts.entrySet()) {
            int label = entry.getKey();
            double[] x = new double[entry.getValue()[0]];
            double[] y = new double[x.length];
            int k = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == label) {
                    x[k] = points[i][0];
                    y[k++] = points[i][1];
                }
            }
            String name = labelNames == null ? Integer.toString(label) : labelNames.apply(label);
            XYSeries s = chart.addSeries(uniqueName(chart, name == null ? Integer.toString(label) : name), x, y);
            Color c = ChartStyle.color(series++);
            s.setMarkerColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 190));
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return ChartStyle.image(chart);
    }

    private static String uniqueName(XYChart chart, String name) {
        String unique = name;
        for (int i = 2; chart.getSeriesMap().containsKey(unique); i++) {
            unique = name + " (" + i + ")";
        }
        return unique;
    }

    /**
     * Draws the points, labelled by number, at the default size, and writes the picture as a PNG; see
     * {@link #render}.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @param points {@code n x 2} latent points
     * @param labels one label per point
     * @param title the chart's title, or {@code null} for none
     * @throws IllegalArgumentException as {@link #render} does
     * @throws IOException if writing fails
     */
    public static void writePng(Path file, float[][] points, int[] labels, String title) throws IOException {
        Pictures.writePng(render(points, labels, null, title, DEFAULT_WIDTH, DEFAULT_HEIGHT), file);
    }

    /**
     * Draws the points and writes the picture as a PNG; see {@link #render}.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @param points {@code n x 2} latent points
     * @param labels one label per point
     * @param labelNames the legend entry of a label, or {@code null} for the label's number
     * @param title the chart's title, or {@code null} for none
     * @param width picture width in pixels
     * @param height picture height in pixels
     * @throws IllegalArgumentException as {@link #render} does
     * @throws IOException if writing fails
     */
    public static void writePng(Path file, float[][] points, int[] labels, IntFunction<String> labelNames,
            String title, int width, int height) throws IOException {
        Pictures.writePng(render(points, labels, labelNames, title, width, height), file);
    }

    /**
     * Encodes inputs to their posterior means with a model of latent size 2 and writes the scatter plot of the means
     * as a PNG, at the default size.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @param vae a trained model with latent size 2
     * @param x the inputs, at least one row of the model's input size
     * @param labels one label per input
     * @param labelNames the legend entry of a label, or {@code null} for the label's number
     * @param title the chart's title, or {@code null} for none
     * @throws IllegalArgumentException if the model's latent size is not 2, x is empty or has rows of the wrong
     *     width, or the number of labels is not the number of rows
     * @throws IOException if writing fails
     */
    public static void writePng(Path file, Vae vae, float[][] x, int[] labels, IntFunction<String> labelNames,
            String title) throws IOException {
        Checks.notNull(vae, "vae");
        Checks.require(vae.latentSize() == 2, "a latent scatter plot needs a model with latent size 2, this one has "
                + vae.latentSize());
        Checks.notNull(x, "x");
        Checks.require(x.length > 0, "x is empty");
        Checks.notNull(labels, "labels");
        Checks.require(x.length == labels.length, "x has " + x.length + " rows but labels has " + labels.length);
        writePng(file, vae.encode(x), labels, labelNames, title, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }
}

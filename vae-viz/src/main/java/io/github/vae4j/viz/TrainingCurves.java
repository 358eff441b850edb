package io.github.vae4j.viz;

import io.github.vae4j.EpochReport;
import io.github.vae4j.FitReport;
import io.github.vae4j.StepReport;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training curves: the loss terms per epoch, and optionally per gradient step, in nats per example. The picture has
 * two panels sharing the epoch axis: above, the negative ELBO (reconstruction + KL; the training loss when beta is
 * 1) and the reconstruction term -E_q[log p(x|z)]; below, the KL term KL(q(z|x) || p(z)), which lives on a smaller
 * scale. When the model was trained with beta other than 1, the beta-weighted training loss is drawn too.
 *
 * <p>Epoch values are the running means that {@link EpochReport} holds, drawn at the epoch's number; step values
 * are batch means, drawn as thin lighter lines at {@code epoch - 1 + (step - 0.5) / stepsInEpoch}. The steps' vertical
 * range is cut at their 95th percentile (and the epochs' largest value) so the first, very high steps do not
 * flatten the rest.
 *
 * <pre>{@code
 * TrainingHistory history = new TrainingHistory();
 * vae.fit(rows, history);
 * TrainingCurves.writePng(Path.of("training-curve.png"), history);
 * }</pre>
 */
public final class TrainingCurves {

    /** Default width of the picture in pixels. */
    public static final int DEFAULT_WIDTH = 800;
    /** Default height of the picture in pixels. */
    public static final int DEFAULT_HEIGHT = 640;
    /** Most step points drawn per series; more steps are averaged in consecutive bins. */
    public static final int MAX_STEP_POINTS = 2000;

    private static final int LEFT_AXIS_WIDTH = 48;

    private TrainingCurves() {
    }

    /**
     * Draws the curves.
     *
     * @param epochs epoch reports, oldest first; may be empty if steps are given
     * @param steps step reports, oldest first; may be empty
     * @param title the picture's title, or {@code null} for none
     * @param width picture width in pixels, 100 or more
     * @param height picture height in pixels, 200 or more
     * @return the picture, {@code width x height} pixels
     * @throws IllegalArgumentException if both lists are empty, a value is not finite, or the size is out of range
     */
    public static BufferedImage render(List<EpochReport> epochs, List<StepReport> steps, String title, int width,
            int height) {
        Checks.notNull(epochs, "epochs");
        Checks.notNull(steps, "steps");
        Checks.require(!epochs.isEmpty() || !steps.isEmpty(), "there are no epochs and no steps to draw");
        ChartStyle.checkSize(width, height / 2);
        for (int i = 0; i < epochs.size(); i++) {
            EpochReport e = Checks.notNull(epochs.get(i), "epochs[" + i + "]");
            Checks.require(Double.isFinite(e.loss()) && Double.isFinite(e.reconstruction()) && Double.isFinite(e.kl()),
                    "epochs[" + i + "] has a value that is not finite: " + e);
        }
        for (int i = 0; i < steps.size(); i++) {
            StepReport s = Checks.notNull(steps.get(i), "steps[" + i + "]");
            Checks.require(Double.isFinite(s.loss()) && Double.isFinite(s.reconstruction()) && Double.isFinite(s.kl()),
                    "steps[" + i + "] has a value that is not finite: " + s);
        }
        double[] epochX = epochs.stream().mapToDouble(EpochReport::epoch).toArray();
        double[] stepX = stepPositions(steps);
        boolean weighted = epochs.stream().anyMatch(e -> Math.abs(e.loss() - (e.reconstruction() + e.kl()))
                > 1e-9 * Math.max(1, Math.abs(e.loss())))
                || steps.stream().anyMatch(s -> Math.abs(s.loss() - (s.reconstruction() + s.kl()))
                > 1e-9 * Math.max(1, Math.abs(s.loss())));

        int topHeight = Math.round(height * 0.6f);
        String xTitle = steps.isEmpty() || epochs.isEmpty() ? "epoch" : "epoch (thin lines: per step)";
        XYChart top = ChartStyle.xyChart(width, topHeight, title, xTitle, "nats per example");
        Panel upper = new Panel(top);
        upper.add("-ELBO", 0, epochX, epochs, e -> e.reconstruction() + e.kl(), stepX, steps,
                s -> s.reconstruction() + s.kl());
        upper.add("reconstruction", 1, epochX, epochs, EpochReport::reconstruction, stepX, steps,
                StepReport::reconstruction);
        if (weighted) {
            upper.add("training loss (beta-weighted)", 3, epochX, epochs, EpochReport::loss, stepX, steps,
                    StepReport::loss);
        }
        upper.finish();

        XYChart bottom = ChartStyle.xyChart(width, height - topHeight, null, xTitle, "nats per example");
        Panel lower = new Panel(bottom);
        lower.add("KL(q(z|x) || p(z))", 2, epochX, epochs, EpochReport::kl, stepX, steps, StepReport::kl);
        lower.finish();

        return ChartStyle.stacked(top, bottom, width, height, topHeight);
    }

    /**
     * Draws the curves of a history at the default size and writes them as a PNG; see {@link #render}.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @param history the reports collected during training
     * @throws IllegalArgumentException as {@link #render} does
     * @throws IOException if writing fails
     */
    public static void writePng(Path file, TrainingHistory history) throws IOException {
        Checks.notNull(history, "history");
        writePng(file, history.epochs(), history.steps(), "Training", DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /**
     * Draws the per-epoch curves of {@code fit} calls at the default size and writes them as a PNG; see
     * {@link #render}.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @param reports the reports of one or more {@code fit} calls, oldest first
     * @throws IllegalArgumentException as {@link #render} does
     * @throws IOException if writing fails
     */
    public static void writePng(Path file, FitReport... reports) throws IOException {
        writePng(file, TrainingHistory.of(reports));
    }

    /**
     * Draws the curves and writes them as a PNG; see {@link #render}.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @param epochs epoch reports, oldest first
     * @param steps step reports, oldest first; may be empty
     * @param title the picture's title, or {@code null} for none
     * @param width picture width in pixels
     * @param height picture height in pixels
     * @throws IllegalArgumentException as {@link #render} does
     * @throws IOException if writing fails
     */
    public static void writePng(Path file, List<EpochReport> epochs, List<StepReport> steps, String title, int width,
            int height) throws IOException {
        Pictures.writePng(render(epochs, steps, title, width, height), file);
    }

    /**
     * x of each step: the middle of its share of the epoch, {@code epoch - 1 + (step - 0.5) / stepsInEpoch}, with the
     * steps of an epoch counted from the list.
     */
    private static double[] stepPositions(List<StepReport> steps) {
        Map<Integer, Integer> stepsPerEpoch = new HashMap<>();
        for (StepReport s : steps) {
            stepsPerEpoch.merge(s.epoch(), s.step(), Math::max);
        }
        double[] x = new double[steps.size()];
        for (int i = 0; i < x.length; i++) {
            StepReport s = steps.get(i);
            x[i] = s.epoch() - 1 + (s.step() - 0.5) / stepsPerEpoch.get(s.epoch());
        }
        return x;
    }

    /** One chart: epoch and step series and the vertical range they need. */
    private static final class Panel {
        private final XYChart chart;
        private final List<double[]> stepValues = new ArrayList<>();
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private double minX = Double.POSITIVE_INFINITY;
        private double maxX = Double.NEGATIVE_INFINITY;

        Panel(XYChart chart) {
            this.chart = chart;
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
            chart.getStyler().setYAxisLeftWidthHint(LEFT_AXIS_WIDTH);
            chart.getStyler().setMarkerSize(6);
        }

        void add(String name, int colour, double[] epochX, List<EpochReport> epochs,
                ToDoubleFunction<EpochReport> epochValue, double[] stepX, List<StepReport> steps,
                ToDoubleFunction<StepReport> stepValue) {
            Color c = ChartStyle.color(colour);
            if (!steps.isEmpty()) {
                double[] y = steps.stream().mapToDouble(stepValue).toArray();
                double[][] binned = bin(stepX, y);
                XYSeries s = chart.addSeries(name + " per step", binned[0], binned[1]);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 110));
                s.setLineWidth(1f);
                s.setShowInLegend(epochs.isEmpty());
                stepValues.add(y);
                for (double v : y) {
                    min = Math.min(min, v);
                }
                minX = Math.min(minX, 0);
                maxX = Math.max(maxX, binned[0][binned[0].length - 1]);
            }
            if (!epochs.isEmpty()) {
                double[] y = epochs.stream().mapToDouble(epochValue).toArray();
                XYSeries s = chart.addSeries(name, epochX, y);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setMarkerColor(c);
                s.setLineColor(c);
                s.setLineStyle(new BasicStroke(2f));
                for (double v : y) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                minX = Math.min(minX, epochX[0] - (steps.isEmpty() ? 0 : 1));
                maxX = Math.max(maxX, epochX[epochX.length - 1]);
            }
        }

        void finish() {
            for (double[] y : stepValues) {
                max = Math.max(max, percentile(y, 0.95));
            }
            double pad = Math.max(1e-6, (max - min) * 0.05);
            chart.getStyler().setYAxisMin(min - pad);
            chart.getStyler().setYAxisMax(max + pad);
            // whole epochs at both ends, so that the axis gets whole-number ticks
            double from = Math.floor(minX);
            double to = Math.max(Math.ceil(maxX), from + 1);
            chart.getStyler().setXAxisMin(from);
            chart.getStyler().setXAxisMax(to);
            chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> Math.abs(x - Math.rint(x)) < 1e-9
                    ? Long.toString(Math.round(x)) : String.format(java.util.Locale.ROOT, "%.1f", x));
        }

        private static double percentile(double[] values, double q) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
        }

        /** Averages consecutive points so that at most {@link #MAX_STEP_POINTS} remain. */
        private static double[][] bin(double[] x, double[] y) {
            if (x.length <= MAX_STEP_POINTS) {
                return new double[][] {x, y};
            }
            double[] bx = new double[MAX_STEP_POINTS];
            double[] by = new double[MAX_STEP_POINTS];
            for (int b = 0; b < MAX_STEP_POINTS; b++) {
                int from = (int) ((long) b * x.length / MAX_STEP_POINTS);
                int to = (int) ((long) (b + 1) * x.length / MAX_STEP_POINTS);
                double sx = 0;
                double sy = 0;
                for (int i = from; i < to; i++) {
                    sx += x[i];
                    sy += y[i];
                }
                bx[b] = sx / (to - from);
                by[b] = sy / (to - from);
            }
            return new double[][] {bx, by};
        }
    }
}

package io.github.vae4j.viz;

import io.github.vae4j.EpochReport;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training runs side by side, per epoch: above, each run's validation ELBO (its training ELBO where it did not
 * validate), in nats per example; below, each run's number of active latent units ({@code Vae.activeUnits}), when
 * given. For comparing training plans on the same data, such as plain training against KL warm-up with free bits.
 *
 * <pre>{@code
 * RunComparison.writePng(Path.of("runs.png"), "MNIST sample, latent 32", List.of(
 *         new RunComparison.Run("plain", plainReport.epochs(), plainActiveUnits),
 *         new RunComparison.Run("KL warm-up + free bits", helpedReport.epochs(), helpedActiveUnits)));
 * }</pre>
 */
public final class RunComparison {

    /** Default width of the picture in pixels. */
    public static final int DEFAULT_WIDTH = 800;
    /** Default height of the picture in pixels. */
    public static final int DEFAULT_HEIGHT = 640;

    private RunComparison() {
    }

    /**
     * One run's history.
     *
     * @param name the run's name in the legend
     * @param epochs its epoch reports, oldest first, at least one
     * @param activeUnits the active latent units after each epoch, as many as epochs; or {@code null}
     */
    public record Run(String name, List<EpochReport> epochs, int[] activeUnits) {

        /**
         * Checks the run.
         *
         * @param name the run's name in the legend
         * @param epochs its epoch reports, oldest first, at least one
         * @param activeUnits the active latent units after each epoch, as many as epochs; or {@code null}
         */
        public Run {
            Checks.notNull(name, "name");
            Checks.notNull(epochs, "epochs");
            Checks.require(!epochs.isEmpty(), "run '" + name + "' has no epochs");
            Checks.require(activeUnits == null || activeUnits.length == epochs.size(), "run '" + name + "' has "
                    + epochs.size() + " epochs but " + (activeUnits == null ? 0 : activeUnits.length)
                    + " active-unit counts");
            epochs = List.copyOf(epochs);
            activeUnits = activeUnits == null ? null : activeUnits.clone();
        }
    }

    /**
     * Draws the runs.
     *
     * @param title the picture's title, or {@code null} for none
     * @param runs the runs, at least one
     * @param width picture width in pixels
     * @param height picture height in pixels
     * @return the picture
     * @throws IllegalArgumentException if there is no run or an ELBO is not finite
     */
    public static BufferedImage render(String title, List<Run> runs, int width, int height) {
        Checks.notNull(runs, "runs");
        Checks.require(!runs.isEmpty(), "there are no runs to draw");
        boolean units = runs.stream().anyMatch(r -> r.activeUnits() != null);
        ChartStyle.checkSize(width, units ? height / 2 : height);
        boolean allValidated = runs.stream().allMatch(r -> r.epochs().stream().allMatch(EpochReport::hasValidation));
        int topHeight = units ? Math.round(height * 0.55f) : height;
        XYChart top = ChartStyle.xyChart(width, topHeight, title, "epoch",
                (allValidated ? "validation ELBO" : "ELBO") + ", nats per example");
        XYChart bottom = units ? ChartStyle.xyChart(width, height - topHeight, null, "epoch", "active latent units")
                : null;
        for (int k = 0; k < runs.size(); k++) {
            Run run = runs.get(k);
            double[] x = run.epochs().stream().mapToDouble(EpochReport::epoch).toArray();
            double[] elbo = run.epochs().stream().mapToDouble(e -> allValidated ? e.validationElbo() : e.elbo())
                    .toArray();
            Checks.finite(elbo, "the ELBOs of run '" + run.name() + "'");
            line(top, run.name(), x, elbo, ChartStyle.color(k));
            if (run.activeUnits() != null) {
                double[] au = new double[x.length];
                for (int i = 0; i < au.length; i++) {
                    au[i] = run.activeUnits()[i];
                }
                line(bottom, run.name(), x, au, ChartStyle.color(k));
            }
        }
        return ChartStyle.stacked(top, bottom, width, height, topHeight);
    }

    private static void line(XYChart chart, String name, double[] x, double[] y, Color colour) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        s.setMarker(SeriesMarkers.CIRCLE);
    }

    /**
     * Draws the runs at the default size and writes a PNG file.
     *
     * @param file the file to write
     * @param title the picture's title, or {@code null}
     * @param runs the runs, at least one
     * @throws IOException if writing fails
     */
    public static void writePng(Path file, String title, List<Run> runs) throws IOException {
        Pictures.writePng(render(title, runs, DEFAULT_WIDTH, DEFAULT_HEIGHT), file);
    }
}

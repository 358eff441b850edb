package io.github.vae4j.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vae4j.EpochReport;
import io.github.vae4j.FitReport;
import io.github.vae4j.StepReport;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The XChart-based pictures: latent scatter plot, training curves, ROC curve. */
class ChartsTest {

    @TempDir
    Path dir;

    @Test
    void scatterPlotIsAPngOfTheRequestedSize() throws Exception {
        Random random = new Random(1);
        float[][] points = new float[300][];
        int[] labels = new int[300];
        for (int i = 0; i < points.length; i++) {
            labels[i] = i % 3;
            points[i] = new float[] {(float) (labels[i] + random.nextGaussian() * 0.3), (float) random.nextGaussian()};
        }
        Path file = dir.resolve("scatter.png");
        LatentScatter.writePng(file, points, labels, k -> "class " + k, "three blobs", 640, 480);
        BufferedImage png = ImageIO.read(file.toFile());
        assertThat(png.getWidth()).isEqualTo(640);
        assertThat(png.getHeight()).isEqualTo(480);
        assertThat(colours(png)).as("one colour per label, plus black, white and greys").isGreaterThan(3);

        Path defaults = dir.resolve("scatter-default.png");
        LatentScatter.writePng(defaults, points, labels, null);
        BufferedImage d = ImageIO.read(defaults.toFile());
        assertThat(d.getWidth()).isEqualTo(LatentScatter.DEFAULT_WIDTH);
        assertThat(d.getHeight()).isEqualTo(LatentScatter.DEFAULT_HEIGHT);
    }

    @Test
    void scatterBadInputNamesTheProblem() {
        assertThatThrownBy(() -> LatentScatter.render(new float[0][], new int[0], null, null, 400, 300))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("points is empty");
        assertThatThrownBy(() -> LatentScatter.render(new float[][] {{1, 2, 3}}, new int[1], null, null, 400, 300))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("points[0] has 3 values, expected 2");
        assertThatThrownBy(() -> LatentScatter.render(new float[][] {{1, 2}}, new int[2], null, null, 400, 300))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("points has 1 rows but labels has 2");
        assertThatThrownBy(() -> LatentScatter.render(new float[][] {{1, 2}}, new int[1], null, null, 10, 300))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chart size");
    }

    static List<EpochReport> epochs(int n, double beta) {
        List<EpochReport> out = new ArrayList<>();
        for (int e = 1; e <= n; e++) {
            double reconstruction = 100 + 100.0 / e;
            double kl = 20 + 5 * Math.log(e);
            out.add(new EpochReport(e, reconstruction + beta * kl, reconstruction, kl, 1000, 2.5));
        }
        return out;
    }

    static List<StepReport> steps(int epochs, int perEpoch) {
        List<StepReport> out = new ArrayList<>();
        long global = 0;
        Random random = new Random(2);
        for (int e = 1; e <= epochs; e++) {
            for (int s = 1; s <= perEpoch; s++) {
                double t = e - 1 + (double) s / perEpoch;
                double reconstruction = 100 + 100.0 / (t + 0.05) + random.nextGaussian() * 3;
                double kl = 20 + 5 * Math.log(t + 1) + random.nextGaussian();
                out.add(new StepReport(e, s, ++global, 100, reconstruction + kl, reconstruction, kl));
            }
        }
        return out;
    }

    @Test
    void trainingCurvesArePngsOfTheRequestedSize() throws Exception {
        Path file = dir.resolve("curve.png");
        TrainingCurves.writePng(file, epochs(5, 1), steps(5, 40), "test", 700, 500);
        BufferedImage png = ImageIO.read(file.toFile());
        assertThat(png.getWidth()).isEqualTo(700);
        assertThat(png.getHeight()).isEqualTo(500);

        Path fromReports = dir.resolve("from-reports.png");
        TrainingCurves.writePng(fromReports, new FitReport(epochs(3, 1), 1000), new FitReport(epochs(1, 1), 1000));
        BufferedImage d = ImageIO.read(fromReports.toFile());
        assertThat(d.getWidth()).isEqualTo(TrainingCurves.DEFAULT_WIDTH);
        assertThat(d.getHeight()).isEqualTo(TrainingCurves.DEFAULT_HEIGHT);

        TrainingHistory history = new TrainingHistory();
        steps(1, 30).forEach(history::onStep);
        epochs(1, 0.5).forEach(history::onEpoch);
        steps(2, 30).subList(30, 45).forEach(history::onStep);
        Path partial = dir.resolve("partial.png");
        TrainingCurves.writePng(partial, history);
        assertThat(ImageIO.read(partial.toFile()).getWidth()).isEqualTo(TrainingCurves.DEFAULT_WIDTH);
        assertThat(history.epochs()).hasSize(1);
        assertThat(history.steps()).hasSize(45);

        BufferedImage manySteps = TrainingCurves.render(List.of(), steps(3, 2000), null, 400, 300);
        assertThat(manySteps.getWidth()).isEqualTo(400);
    }

    @Test
    void trainingCurvesBadInputNamesTheProblem() {
        assertThatThrownBy(() -> TrainingCurves.render(List.of(), List.of(), null, 800, 600))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("there are no epochs and no steps to draw");
        List<EpochReport> bad = new ArrayList<>(epochs(2, 1));
        bad.add(new EpochReport(3, Double.NaN, Double.NaN, 1, 10, 1));
        assertThatThrownBy(() -> TrainingCurves.render(bad, List.of(), null, 800, 600))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epochs[2] has a value that is not finite");
        assertThatThrownBy(() -> TrainingCurves.render(epochs(2, 1), List.of(), null, 800, 150))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chart size");
    }

    @Test
    void rocCurveIsAPngOfTheRequestedSize() throws Exception {
        RocCurve roc = Roc.curve(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true});
        Path file = dir.resolve("roc.png");
        Roc.writePng(file, roc, "ROC");
        BufferedImage png = ImageIO.read(file.toFile());
        assertThat(png.getWidth()).isEqualTo(Roc.DEFAULT_SIZE);
        assertThat(png.getHeight()).isEqualTo(Roc.DEFAULT_SIZE);
        Roc.writePng(file, roc, null, 300, 200);
        assertThat(ImageIO.read(file.toFile()).getHeight()).isEqualTo(200);
    }

    static int colours(BufferedImage image) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }
}

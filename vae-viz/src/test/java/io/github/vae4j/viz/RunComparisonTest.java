package io.github.vae4j.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vae4j.EpochReport;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs side by side: validation ELBO and active units per epoch. */
class RunComparisonTest {

    @TempDir
    Path dir;

    private static List<EpochReport> epochs(int n, double start) {
        List<EpochReport> e = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            double v = start + 10 * Math.log(i);
            e.add(new EpochReport(i, -v, -v - 5, 5, 1000, 1, v, 1, 1e-3));
        }
        return e;
    }

    @Test
    void twoRunsWithActiveUnitsMakeAPngOfTheDefaultSize() throws Exception {
        Path file = dir.resolve("runs.png");
        RunComparison.writePng(file, "two plans", List.of(
                new RunComparison.Run("plain", epochs(5, -150), new int[] {32, 30, 25, 20, 17}),
                new RunComparison.Run("helped", epochs(5, -155), new int[] {32, 32, 32, 32, 32})));
        BufferedImage png = ImageIO.read(file.toFile());
        assertThat(png.getWidth()).isEqualTo(RunComparison.DEFAULT_WIDTH);
        assertThat(png.getHeight()).isEqualTo(RunComparison.DEFAULT_HEIGHT);
        assertThat(ChartsTest.colours(png)).as("two series colours besides black, white and greys")
                .isGreaterThan(3);
    }

    @Test
    void runsWithoutValidationOrUnitsDrawTheTrainingElbo() {
        List<EpochReport> plain = List.of(new EpochReport(1, 200, 180, 20, 100, 1), new EpochReport(2, 150, 135, 15,
                100, 1));
        BufferedImage image = RunComparison.render(null, List.of(new RunComparison.Run("run", plain, null)), 400,
                300);
        assertThat(image.getHeight()).isEqualTo(300);
    }

    @Test
    void badRunsNameTheProblem() {
        assertThatThrownBy(() -> RunComparison.render("x", List.of(), 400, 300))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no runs");
        assertThatThrownBy(() -> new RunComparison.Run("r", epochs(3, -100), new int[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 epochs but 2");
        assertThatThrownBy(() -> new RunComparison.Run("r", List.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no epochs");
        List<EpochReport> nan = List.of(new EpochReport(1, 1, 1, 1, 1, 1, Double.NaN, 1, 1),
                new EpochReport(2, 1, 1, Double.NaN, 1, 1));
        assertThatThrownBy(() -> RunComparison.render("x", List.of(new RunComparison.Run("r", nan, null)), 400, 300))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be finite");
    }
}

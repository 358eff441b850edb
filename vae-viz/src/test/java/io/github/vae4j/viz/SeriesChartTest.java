package io.github.vae4j.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vae4j.series.TimeSeries;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The series chart: its size, the labelled segments' shade, the file, and what it refuses. */
class SeriesChartTest {

    @TempDir
    Path dir;

    private static TimeSeries series(int n) {
        double[][] points = new double[n][];
        for (int t = 0; t < n; t++) {
            points[t] = new double[] {Math.sin(t / 5.0), t % 7 == 0 ? Double.NaN : Math.cos(t / 3.0)};
        }
        return TimeSeries.of(points);
    }

    @Test
    void drawsTheSeriesItsScoresThresholdAndLabelledSegments() throws Exception {
        TimeSeries s = series(200);
        double[] scores = new double[200];
        boolean[] labels = new boolean[200];
        for (int t = 0; t < 200; t++) {
            scores[t] = t >= 120 && t < 140 ? 30 : 5 + Math.sin(t);
            labels[t] = t >= 118 && t < 142;
        }
        scores[3] = Double.POSITIVE_INFINITY;
        BufferedImage image = SeriesChart.render(s, scores, 20, labels, "test", 800, 500);
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(500);
        // the shade of the labelled segment appears in the lower half
        boolean shaded = false;
        for (int x = 0; x < 800 && !shaded; x++) {
            for (int y = 250; y < 500 && !shaded; y++) {
                shaded = (image.getRGB(x, y) & 0xFFFFFF) == 0xF4B6B6;
            }
        }
        assertThat(shaded).isTrue();
        Path file = dir.resolve("a/series.png");
        SeriesChart.writePng(file, s, scores, Double.NaN, null, null);
        assertThat(Files.size(file)).isGreaterThan(1000);
    }

    @Test
    void refusesScoresOrLabelsThatAreNotOnePerPoint() {
        TimeSeries s = series(10);
        assertThatThrownBy(() -> SeriesChart.render(s, new double[9], 1, null, null, 400, 300))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9 scores");
        assertThatThrownBy(() -> SeriesChart.render(s, new double[10], 1, new boolean[3], null, 400, 300))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one per point");
        assertThatThrownBy(() -> SeriesChart.render(s, new double[10], 1, null, null, 10, 300))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package io.github.vae4j.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.series.SeriesEvaluation.Best;
import io.github.vae4j.series.SeriesEvaluation.Quality;
import io.github.vae4j.tabular.Explanation;
import io.github.vae4j.tabular.Explanation.Contribution;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The F1 measures against hand-computed values and against a brute-force search; the hit rate. */
class SeriesEvaluationTest {

    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void pointwiseAndPointAdjustedByHand() {
        //                  0  1  2  3  4  5  6  7  8  9
        boolean[] labels = {F, T, T, T, F, F, T, T, F, F};
        boolean[] alarms = {T, F, T, F, F, F, F, F, F, T};
        // point-wise: tp 1 (point 2), flagged 3, positives 5
        Quality pw = SeriesEvaluation.pointwise(alarms, labels);
        assertThat(pw.precision()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(pw.recall()).isCloseTo(1 / 5.0, within(1e-12));
        assertThat(pw.f1()).isCloseTo(2.0 / 8, within(1e-12));
        // adjusted: segment 1-3 found whole (3 tp), segment 6-7 missed; flagged 3 + 2 = 5... 2 false alarms
        Quality pa = SeriesEvaluation.pointAdjusted(alarms, labels);
        assertThat(pa.precision()).isCloseTo(3 / 5.0, within(1e-12));
        assertThat(pa.recall()).isCloseTo(3 / 5.0, within(1e-12));
        assertThat(pa.f1()).isCloseTo(0.6, within(1e-12));
        assertThat(SeriesEvaluation.segments(labels)).containsExactly(new int[] {1, 4}, new int[] {6, 8});
        assertThat(SeriesEvaluation.pointwise(new boolean[10], labels).f1()).isZero();
    }

    @Test
    void theBestThresholdsMatchABruteForceSearch() {
        Random r = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            int n = 200;
            boolean[] labels = new boolean[n];
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (i / 10) % 4 == 1 && r.nextDouble() < 0.9;
                scores[i] = Math.round(r.nextGaussian() * 4 + (labels[i] ? 3 : 0)) / 2.0; // ties on purpose
            }
            double bestPw = 0;
            double bestPa = 0;
            for (double cut : scores) {
                boolean[] flagged = new boolean[n];
                for (int i = 0; i < n; i++) {
                    flagged[i] = scores[i] >= cut;
                }
                bestPw = Math.max(bestPw, SeriesEvaluation.pointwise(flagged, labels).f1());
                bestPa = Math.max(bestPa, SeriesEvaluation.pointAdjusted(flagged, labels).f1());
            }
            Best pw = SeriesEvaluation.bestPointwise(scores, labels);
            Best pa = SeriesEvaluation.bestPointAdjusted(scores, labels);
            assertThat(pw.quality().f1()).isCloseTo(bestPw, within(1e-12));
            assertThat(pa.quality().f1()).isCloseTo(bestPa, within(1e-12));
            // the threshold returned gives the F1 returned
            assertThat(SeriesEvaluation.pointwise(pw.threshold().flag(scores), labels)).isEqualTo(pw.quality());
            assertThat(SeriesEvaluation.pointAdjusted(pa.threshold().flag(scores), labels)).isEqualTo(pa.quality());
            assertThat(pa.quality().f1()).isGreaterThanOrEqualTo(pw.quality().f1());
        }
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> SeriesEvaluation.bestPointwise(new double[] {1, 2}, new boolean[] {F, F}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no anomalous point");
        assertThatThrownBy(() -> SeriesEvaluation.bestPointwise(new double[] {1}, new boolean[] {F, T}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 scores or flags for 2 labels");
        assertThatThrownBy(() -> SeriesEvaluation.bestPointAdjusted(new double[] {1, Double.NaN}, new boolean[] {F, T}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scores[1] is NaN");
    }

    @Test
    void causesAreReadInInterFusionsFormat(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path f = java.nio.file.Files.writeString(dir.resolve("omi.txt"), "3-5:1,3\n\n9-9:2\n");
        List<SeriesEvaluation.Cause> causes = SeriesEvaluation.readCauses(f, List.of("a", "b", "c"));
        assertThat(causes).containsExactly(new SeriesEvaluation.Cause(3, 5, java.util.Set.of("a", "c")),
                new SeriesEvaluation.Cause(9, 9, java.util.Set.of("b")));
        java.nio.file.Path bad = java.nio.file.Files.writeString(dir.resolve("bad.txt"), "3-5:1\n7-8:4\n");
        assertThatThrownBy(() -> SeriesEvaluation.readCauses(bad, List.of("a", "b", "c")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad.txt line 2")
                .hasMessageContaining("channel 4");
        java.nio.file.Path text = java.nio.file.Files.writeString(dir.resolve("text.txt"), "3-x:1\n");
        assertThatThrownBy(() -> SeriesEvaluation.readCauses(text, List.of("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text.txt line 1");
        assertThatThrownBy(() -> new SeriesEvaluation.Cause(5, 3, java.util.Set.of("a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHitRateCountsCausesAmongTheTopOneAndAHalfTimesAsMany() {
        Explanation e = new Explanation(7, List.of(new Contribution("a", 9), new Contribution("b", 8),
                new Contribution("c", 7), new Contribution("d", 6), new Contribution("e", 5)), 1);
        // two causes: the top 3 are a, b, c
        assertThat(SeriesEvaluation.hitRate(e, List.of("a", "d"))).isEqualTo(0.5);
        assertThat(SeriesEvaluation.hitRate(e, List.of("c", "b"))).isEqualTo(1.0);
        // one cause: the top 1
        assertThat(SeriesEvaluation.hitRate(e, List.of("b"))).isEqualTo(0.0);
        assertThatThrownBy(() -> SeriesEvaluation.hitRate(e, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}

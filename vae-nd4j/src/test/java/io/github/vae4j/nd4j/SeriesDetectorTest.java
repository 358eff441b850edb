package io.github.vae4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.AnomalyThreshold;
import io.github.vae4j.Training;
import io.github.vae4j.Vae;
import io.github.vae4j.series.SeriesDetector;
import io.github.vae4j.series.SeriesEvaluation;
import io.github.vae4j.series.SeriesScorer;
import io.github.vae4j.series.TimeSeries;
import io.github.vae4j.tabular.Explanation;
import io.github.vae4j.tabular.Schema;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The series detector on a real server's telemetry (ASD omi-1, bundled): what it finds, the streaming scorer against
 * the batch scores bit for bit, saving, imputation, explanations, concurrency and bad input.
 */
class SeriesDetectorTest {

    @TempDir
    Path dir;

    private static TimeSeries train;
    private static TimeSeries test;
    private static boolean[] labels;
    private static SeriesDetector detector;

    private static Path bundled(String name) throws URISyntaxException {
        return Path.of(SeriesDetectorTest.class.getResource("/datasets/asd/" + name).toURI());
    }

    @BeforeAll
    static void trainOnAServer() throws Exception {
        train = TimeSeries.readCsv(bundled("omi-1-train.csv.gz"));
        test = TimeSeries.readCsv(bundled("omi-1-test.csv.gz"), train.channels());
        TimeSeries label = TimeSeries.readCsv(bundled("omi-1-test.csv.gz"), List.of("label"));
        labels = new boolean[label.length()];
        for (int t = 0; t < labels.length; t++) {
            labels[t] = label.value(t, 0) > 0.5;
        }
        detector = SeriesDetector.builder().window(10).seed(1).build();
        detector.fit(train);
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    @Test
    void findsTheLabelledAnomaliesOfARealServerAndExplainsThem() throws Exception {
        double[] scores = detector.scores(test);
        assertThat(scores).hasSize(test.length());
        assertThat(java.util.Arrays.stream(scores).allMatch(Double::isFinite)).isTrue();
        // PCA on the same server: point-wise 0.185, point-adjusted 0.931 at their best thresholds
        assertThat(SeriesEvaluation.bestPointAdjusted(scores, labels).quality().f1()).isGreaterThan(0.95);
        assertThat(SeriesEvaluation.bestPointwise(scores, labels).quality().f1()).isGreaterThan(0.2);
        // a threshold from the training scores alone flags few training points and finds anomalies in the test
        double[] normal = detector.scores(train);
        AnomalyThreshold pot = AnomalyThreshold.peaksOverThreshold(normal, 1e-3);
        long falseAlarms = java.util.Arrays.stream(normal).filter(pot::isAnomaly).count();
        assertThat(falseAlarms).isLessThan(train.length() / 100);
        assertThat(SeriesEvaluation.pointAdjusted(pot.flag(scores), labels).f1()).isGreaterThan(0.5);
        // the anomaly at 1064-1298 is caused by channels 6, 7 and 9-19: the explanation ranks them first
        Explanation e = detector.explain(test, 1100);
        assertThat(e.row()).isEqualTo(1100);
        assertThat(e.contributions()).hasSize(19);
        assertThat(e.total()).isCloseTo(scores[1100], within(1e-9 * Math.abs(scores[1100])));
        List<String> causes = new ArrayList<>();
        for (int c : new int[] {6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}) {
            causes.add("c" + c);
        }
        assertThat(SeriesEvaluation.hitRate(e, causes)).isGreaterThan(0.9);
        // InterFusion's interpretation score over every labelled anomaly of the server, at the best threshold
        List<SeriesEvaluation.Cause> all = SeriesEvaluation.readCauses(bundled("omi-1.txt"), train.channels());
        boolean[] flagged = SeriesEvaluation.bestPointAdjusted(scores, labels).threshold().flag(scores);
        assertThat(SeriesEvaluation.interpretationScore(detector, test, flagged, all)).isGreaterThan(0.9);
        assertThat(SeriesEvaluation.interpretationScore(detector, test, new boolean[test.length()], all)).isNaN();
    }

    @Test
    void theStreamingScorerGivesTheBatchScoresBitForBitAroundGaps() {
        TimeSeries gappy = withGaps(test.slice(0, 400), 0.05, 7);
        double[] batch = detector.scores(gappy);
        SeriesScorer live = detector.scorer();
        double[] streamed = new double[gappy.length()];
        for (int t = 0; t < streamed.length; t++) {
            streamed[t] = live.score(gappy.point(t));
        }
        assertThat(streamed).containsExactly(batch);
        assertThat(live.points()).isEqualTo(gappy.length());
        // a point with every channel missing scores 0 nats
        double[] missing = new double[19];
        java.util.Arrays.fill(missing, Double.NaN);
        assertThat(live.score(missing)).isZero();
    }

    @Test
    void aTimestampGapStreamsAsMissingPoints() throws IOException {
        // the test series at a 5-minute step, with points 20 to 24 never arriving
        StringBuilder csv = new StringBuilder("timestamp," + String.join(",", test.channels()) + "\n");
        Instant start = Instant.parse("2026-12-07T00:00:00Z");
        for (int t = 0; t < 60; t++) {
            if (t >= 20 && t < 25) {
                continue;
            }
            csv.append(start.plus(Duration.ofMinutes(5L * t)));
            for (double v : test.point(t)) {
                csv.append(',').append(v);
            }
            csv.append('\n');
        }
        Path file = Files.writeString(dir.resolve("timed.csv"), csv, StandardCharsets.UTF_8);
        TimeSeries timed = TimeSeries.readCsv(file, test.channels());
        assertThat(timed.length()).isEqualTo(60);
        assertThat(timed.step()).contains(Duration.ofMinutes(5));
        double[] batch = detector.scores(timed);
        SeriesScorer live = detector.scorer(Duration.ofMinutes(5));
        for (int t = 0; t < 60; t++) {
            if (t >= 20 && t < 25) {
                continue;
            }
            assertThat(live.score(timed.time(t).orElseThrow(), timed.point(t))).isEqualTo(batch[t]);
        }
        assertThat(live.points()).isEqualTo(60);
        assertThatThrownBy(() -> live.score(start, test.point(0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timestamps must increase");
        assertThatThrownBy(() -> detector.scorer().score(start, test.point(0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("scorer(step)");
    }

    @Test
    void aSavedDetectorLoadsAndScoresTheSame() throws IOException {
        TimeSeries part = test.slice(1000, 1300);
        Path file = dir.resolve("omi-1.vae4j");
        detector.save(file);
        try (SeriesDetector loaded = SeriesDetector.load(file)) {
            assertThat(loaded.window()).isEqualTo(10);
            assertThat(loaded.channels()).isEqualTo(train.channels());
            assertThat(loaded.scores(part)).containsExactly(detector.scores(part));
            // it trains on, with the standardisation it was saved with
            var scaling = loaded.model().scaling();
            loaded.fit(test.slice(0, 200), Training.builder().epochs(1).build());
            assertThat(loaded.model().scaling()).isEqualTo(scaling);
            assertThat(loaded.model().epochsCompleted()).isEqualTo(detector.model().epochsCompleted() + 1);
        }
        // a model that is not a detector's is refused by name
        Path other = dir.resolve("table.vae4j");
        try (Vae vae = Vae.builder().schema(Schema.builder().numeric("x").build()).hidden(4).latent(2).build()) {
            vae.fit(io.github.vae4j.tabular.Table.builder(vae.schema()).add(1.0).add(2.0).build(),
                    Training.builder().epochs(1).build());
            vae.save(other);
        }
        assertThatThrownBy(() -> SeriesDetector.load(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a SeriesDetector's");
    }

    @Test
    void imputedValuesBeatTheTrainingMeans() {
        TimeSeries truth = test.slice(0, 1000);
        TimeSeries gappy = withGaps(truth, 0.05, 11);
        TimeSeries filled = detector.impute(gappy);
        assertThat(filled.missingCount()).isZero();
        double[] mean = new double[19];
        for (int t = 0; t < train.length(); t++) {
            for (int c = 0; c < 19; c++) {
                mean[c] += train.value(t, c) / train.length();
            }
        }
        double model = 0;
        double means = 0;
        for (int t = 0; t < truth.length(); t++) {
            for (int c = 0; c < 19; c++) {
                if (Double.isNaN(gappy.value(t, c))) {
                    model += Math.abs(filled.value(t, c) - truth.value(t, c));
                    means += Math.abs(mean[c] - truth.value(t, c));
                } else {
                    assertThat(filled.value(t, c)).isEqualTo(gappy.value(t, c));
                }
            }
        }
        assertThat(model).isLessThan(0.5 * means);
    }

    @Test
    void scoringFromMoreThreadsThanCoresAgreesWithOneThread() throws Exception {
        TimeSeries part = test.slice(2000, 2300);
        double[] alone = detector.scores(part);
        int threads = 2 * Runtime.getRuntime().availableProcessors() + 2;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<double[]>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> detector.scores(part)));
            }
            for (Future<double[]> f : results) {
                assertThat(f.get()).containsExactly(alone);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void severalSeriesTrainOneDetectorAndBadInputIsRefused() {
        try (SeriesDetector d = SeriesDetector.builder().window(4).hidden(16).latent(2).epochs(1).build()) {
            assertThatThrownBy(() -> d.scores(test)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("fit(series) first");
            assertThatThrownBy(() -> d.fit(test.slice(0, 3))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least as long as the window");
            TimeSeries other = TimeSeries.of(new double[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}});
            assertThatThrownBy(() -> d.fit(List.of(test.slice(0, 10), other), Training.builder().build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("series 1 has channels");
            d.fit(List.of(test.slice(0, 50), test.slice(100, 150)), Training.builder().build());
            assertThat(d.model().epochsCompleted()).isEqualTo(1);
            assertThatThrownBy(() -> d.scores(other)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the detector [c1");
            assertThatThrownBy(() -> d.scorer().score(new double[] {1, 2}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("19 channels");
            double[] infinite = test.point(0);
            infinite[3] = Double.POSITIVE_INFINITY;
            assertThatThrownBy(() -> d.scorer().score(infinite)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("channel 'c4'");
            assertThatThrownBy(() -> d.explain(test, test.length())).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> SeriesDetector.builder().window(0)).isInstanceOf(IllegalArgumentException.class);
        // a builder changed after build() leaves the detector it built as it was
        SeriesDetector.Builder b = SeriesDetector.builder().window(7);
        try (SeriesDetector built = b.build()) {
            b.window(9);
            assertThat(built.window()).isEqualTo(7);
        }
        assertThatThrownBy(() -> SeriesDetector.builder().missingRate(0.9))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A copy with a fraction of the values missing, at random. */
    private static TimeSeries withGaps(TimeSeries s, double rate, long seed) {
        Random r = new Random(seed);
        double[][] points = new double[s.length()][];
        for (int t = 0; t < points.length; t++) {
            points[t] = s.point(t);
            for (int c = 0; c < points[t].length; c++) {
                if (r.nextDouble() < rate) {
                    points[t][c] = Double.NaN;
                }
            }
        }
        return TimeSeries.of(s.channels(), points);
    }
}

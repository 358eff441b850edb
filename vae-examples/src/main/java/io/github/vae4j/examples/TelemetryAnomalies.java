package io.github.vae4j.examples;

import io.github.vae4j.AnomalyThreshold;
import io.github.vae4j.FitReport;
import io.github.vae4j.series.SeriesDetector;
import io.github.vae4j.series.SeriesEvaluation;
import io.github.vae4j.series.SeriesEvaluation.Best;
import io.github.vae4j.series.SeriesEvaluation.Quality;
import io.github.vae4j.series.SeriesScorer;
import io.github.vae4j.series.TimeSeries;
import io.github.vae4j.tabular.Explanation;
import io.github.vae4j.viz.SeriesChart;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Anomaly detection on server telemetry (the ASD data of InterFusion: 19 channels, 5-minute points): for each server,
 * trains a {@link SeriesDetector} on its training series, sets a peaks-over-threshold threshold from the training
 * scores alone, scores the test series, and prints the F1 (point-wise and point-adjusted) at that threshold and at the
 * best one, InterFusion's interpretation score of the channel explanations against the labelled causes, and the channels of the top alarms.
 * Draws each server's test series with its scores, threshold and labelled segments. Writes a TSV of the figures for
 * {@code docs/benchmarks.md}.
 *
 * <pre>
 * ./mvnw -q -pl vae-examples exec:java -Dexec.mainClass=io.github.vae4j.examples.TelemetryAnomalies \
 *     -Dexec.args="--servers 1,2,3,4,5,6,7,8,9,10,11,12"
 * </pre>
 */
public final class TelemetryAnomalies {

    private TelemetryAnomalies() {
    }

    /**
     * Runs the program; {@code --help} lists the options.
     *
     * @param args command-line options
     */
    public static void main(String[] args) {
        Programs.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Programs.run("TelemetryAnomalies", out, err, (o, stop) -> {
            Cli cli = new Cli("TelemetryAnomalies", "Trains a series detector per ASD server, thresholds it by "
                    + "peaks over threshold on its training scores, and prints F1 and the interpretation score.")
                    .option("data", "DIR", "folder of omi-N-train.csv.gz, omi-N-test.csv.gz, omi-N.txt (default: the bundled data/asd)",
                            null)
                    .option("servers", "N,N,...", "servers", "1")
                    .option("window", "POINTS", "points in a window", "10")
                    .option("seed", "N", "seed", "42")
                    .option("latent", "N", "latent dimensions (default: the detector's)", null)
                    .option("hidden", "N,N,...", "hidden layer widths (default: the detector's)", null)
                    .option("risk", "P", "peaks-over-threshold risk", "0.001")
                    .option("out", "DIR", "output folder", Programs.defaultOut("vae4j-telemetry"))
                    .option("tsv", "FILE", "also write server, figure, value rows to this file", null);
            Cli.Args a = cli.parse(args, o);
            if (a == null) {
                return 0;
            }
            Path data = a.has("data") ? a.path("data") : Dataset.bundledFile("asd/omi-1.txt").getParent();
            Path outDir = a.path("out");
            Files.createDirectories(outDir);
            List<String> tsv = new ArrayList<>();
            double[] sums = new double[8];
            int[] servers = a.integers("servers", 1, 1000);
            for (int server : servers) {
                SeriesDetector.Builder settings = SeriesDetector.builder().window(a.integer("window", 1, 10_000))
                        .seed(a.longValue("seed"));
                if (a.has("latent")) {
                    settings.latent(a.integer("latent", 1, 10_000));
                }
                if (a.has("hidden")) {
                    settings.hidden(a.integers("hidden", 1, 100_000));
                }
                Figures f = server(data, server, settings, a.decimal("risk", 1e-12, 0.019), outDir, o);
                double[] v = f.values();
                for (int i = 0; i < v.length; i++) {
                    sums[i] += v[i];
                    tsv.add(String.format(Locale.ROOT, "omi-%d\t%s\t%.6f", server, Figures.NAMES[i], v[i]));
                }
            }
            o.printf(Locale.ROOT, "%nmean over %d servers: point-wise F1 best %.4f, at POT %.4f; point-adjusted F1 "
                    + "best %.4f, at POT %.4f; interpretation %.4f%n", servers.length, sums[0] / servers.length,
                    sums[2] / servers.length, sums[1] / servers.length, sums[3] / servers.length,
                    sums[4] / servers.length);
            o.printf(Locale.ROOT, "training %.0f windows/s, scoring %.0f points/s (batch), %.0f points/s "
                    + "(streaming)%n", sums[5] / servers.length, sums[6] / servers.length, sums[7] / servers.length);
            if (a.has("tsv")) {
                Files.write(a.path("tsv"), tsv, StandardCharsets.UTF_8);
            }
            return 0;
        });
    }

    /** One server's figures. */
    record Figures(double pointwiseBest, double adjustedBest, double pointwisePot, double adjustedPot,
            double interpretation, double trainWindowsPerSecond, double scorePointsPerSecond, double streamPointsPerSecond) {

        static final String[] NAMES = {"f1_point_best", "f1_adjusted_best", "f1_point_pot", "f1_adjusted_pot",
            "interpretation", "train_windows_per_s", "score_points_per_s", "stream_points_per_s"};

        double[] values() {
            return new double[] {pointwiseBest, adjustedBest, pointwisePot, adjustedPot, interpretation,
                trainWindowsPerSecond, scorePointsPerSecond, streamPointsPerSecond};
        }
    }

    static Figures server(Path data, int server, SeriesDetector.Builder settings, double risk, Path outDir,
            PrintStream o) throws IOException {
        String name = "omi-" + server;
        TimeSeries train = TimeSeries.readCsv(data.resolve(name + "-train.csv.gz"));
        TimeSeries test = TimeSeries.readCsv(data.resolve(name + "-test.csv.gz"), train.channels());
        boolean[] labels = labels(TimeSeries.readCsv(data.resolve(name + "-test.csv.gz"), List.of("label")));
        List<SeriesEvaluation.Cause> causes = SeriesEvaluation.readCauses(data.resolve(name + ".txt"),
                train.channels());
        try (SeriesDetector detector = settings.build()) {
            int window = detector.window();
            long start = System.nanoTime();
            FitReport report = detector.fit(train);
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            double[] normal = detector.scores(train);
            start = System.nanoTime();
            double[] scores = detector.scores(test);
            double scoreSeconds = (System.nanoTime() - start) / 1e9;
            SeriesScorer live = detector.scorer();
            start = System.nanoTime();
            for (int t = 0; t < test.length(); t++) {
                live.score(test.point(t));
            }
            double streamSeconds = (System.nanoTime() - start) / 1e9;
            AnomalyThreshold pot = AnomalyThreshold.peaksOverThreshold(normal, risk);
            boolean[] alarms = pot.flag(scores);
            Quality pw = SeriesEvaluation.pointwise(alarms, labels);
            Quality pa = SeriesEvaluation.pointAdjusted(alarms, labels);
            Best bestPw = SeriesEvaluation.bestPointwise(scores, labels);
            Best bestPa = SeriesEvaluation.bestPointAdjusted(scores, labels);
            double hits = SeriesEvaluation.interpretationScore(detector, test, bestPa.threshold().flag(scores),
                    causes);
            long windows = (long) report.epochs().size() * (train.length() - window + 1);
            o.printf(Locale.ROOT, "%-7s %2d epochs %5.1f s | F1 point-wise best %.4f, POT %.4f | point-adjusted "
                    + "best %.4f, POT %.4f (precision %.3f, recall %.3f) | interpretation %.4f%n", name,
                    report.epochs().size(), trainSeconds, bestPw.quality().f1(), pw.f1(), bestPa.quality().f1(),
                    pa.f1(), pa.precision(), pa.recall(), hits);
            printTopAlarms(detector, test, scores, o);
            SeriesChart.writePng(outDir.resolve(name + ".png"), test, scores, pot.value(), labels,
                    name + ": test series, scores and POT threshold");
            return new Figures(bestPw.quality().f1(), bestPa.quality().f1(), pw.f1(), pa.f1(), hits,
                    windows / trainSeconds, test.length() / scoreSeconds, test.length() / streamSeconds);
        }
    }

    private static void printTopAlarms(SeriesDetector detector, TimeSeries test, double[] scores, PrintStream o) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(scores[y], scores[x]));
        for (int k = 0; k < 3; k++) {
            Explanation e = detector.explain(test, order[k]);
            o.printf(Locale.ROOT, "        alarm at point %d, %.1f nats: %s%n", order[k], scores[order[k]],
                    e.top(3).stream().map(c -> String.format(Locale.ROOT, "%s %.1f", c.column(), c.nats()))
                            .collect(Collectors.joining(", ")));
        }
    }

    static boolean[] labels(TimeSeries label) {
        boolean[] out = new boolean[label.length()];
        for (int t = 0; t < out.length; t++) {
            out[t] = label.value(t, 0) > 0.5;
        }
        return out;
    }
}

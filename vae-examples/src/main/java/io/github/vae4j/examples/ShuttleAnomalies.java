package io.github.vae4j.examples;

import io.github.vae4j.AnomalyThreshold;
import io.github.vae4j.FitReport;
import io.github.vae4j.Vae;
import io.github.vae4j.tabular.Explanation;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.Table;
import io.github.vae4j.viz.Roc;
import io.github.vae4j.viz.RocCurve;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Anomaly detection on a table, the tabular API's default settings: the Statlog Shuttle data (bundled), by the ODDS
 * protocol (Rayana 2016). Rows of class Rad.Flow are normal, class High is left out, every other class is an outlier;
 * the model trains on 60% of the normal rows, drawn with a fixed seed, and scores the other normal rows with every
 * outlier. Prints the AUROC, what a threshold at a 1% false-positive rate (chosen on half of the held-out normal rows)
 * catches on the rest, and the most unusual rows with the columns that made them so; draws the ROC curve.
 *
 * <pre>
 * ./mvnw -q -pl vae-examples exec:java -Dexec.mainClass=io.github.vae4j.examples.ShuttleAnomalies
 * </pre>
 */
public final class ShuttleAnomalies {

    private ShuttleAnomalies() {
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
        return Programs.run("ShuttleAnomalies", out, err, (o, stop) -> {
            Cli cli = new Cli("ShuttleAnomalies", "Anomaly detection on the Statlog Shuttle table by the ODDS "
                    + "protocol: AUROC, a threshold, explanations.")
                    .option("data", "FILE", "the Shuttle CSV (default: the bundled copy)", null)
                    .option("out", "DIR", "output folder", Programs.defaultOut("vae4j-shuttle"))
                    .option("epochs", "N", "training epochs", "10")
                    .option("k", "N", "importance samples per scored row", "20")
                    .option("normal-rows", "N", "use only this many normal rows (for a quick run)", "45586")
                    .option("seed", "N", "seed of the split and the model", "42");
            Cli.Args a = cli.parse(args, o);
            if (a == null) {
                return 0;
            }
            Path file = a.has("data") ? a.path("data") : Dataset.bundledFile("shuttle/shuttle.csv.gz");
            Path outDir = a.path("out");
            Files.createDirectories(outDir);
            long seed = a.longValue("seed");

            Schema all = Table.inferSchema(file);
            Table labelled = Table.readCsv(file, all);
            Schema features = all.toBuilder().drop("Class").build();
            Table x = Table.readCsv(file, features);
            int cls = all.indexOf("Class");
            List<String> classes = all.column(cls).levels();
            List<Integer> normal = new ArrayList<>();
            List<Integer> outliers = new ArrayList<>();
            for (int r = 0; r < labelled.rowCount(); r++) {
                String c = classes.get((int) labelled.raw(r, cls));
                if (c.equals("Rad.Flow")) {
                    normal.add(r);
                } else if (!c.equals("High")) {
                    outliers.add(r);
                }
            }
            Collections.shuffle(normal, new Random(seed));
            normal = normal.subList(0, Math.min(normal.size(), a.integer("normal-rows", 10, Integer.MAX_VALUE)));
            int trainRows = (int) Math.round(normal.size() * 0.6);
            List<Integer> test = new ArrayList<>(normal.subList(trainRows, normal.size()));
            int normalTest = test.size();
            test.addAll(outliers);
            boolean[] anomaly = new boolean[test.size()];
            Arrays.fill(anomaly, normalTest, anomaly.length, true);
            Table train = x.select(normal.subList(0, trainRows).stream().mapToInt(Integer::intValue).toArray());
            Table testRows = x.select(test.stream().mapToInt(Integer::intValue).toArray());
            o.printf(Locale.ROOT, "%s: %s%nTraining on %,d normal rows; scoring %,d normal rows and %,d outliers. "
                    + "Output: %s%n", file, features, train.rowCount(), normalTest, outliers.size(),
                    outDir.toAbsolutePath());

            try (Vae vae = Vae.builder().schema(features).epochs(a.integer("epochs", 1, 10_000)).seed(seed)
                    .build()) {
                FitReport report = vae.fit(train);
                o.printf(Locale.ROOT, "Trained %d epochs at %,.0f rows/s: ELBO %.2f nats per row%n",
                        report.epochs().size(), report.last().examplesPerSecond(), report.last().elbo());
                int k = a.integer("k", 1, Vae.MAX_IMPORTANCE_SAMPLES);
                long started = System.nanoTime();
                double[] scores = vae.anomalyScores(testRows, k);
                o.printf(Locale.ROOT, "Scored %,d rows (-log p(x), k = %d) in %.1f s%n", scores.length, k,
                        (System.nanoTime() - started) / 1e9);
                RocCurve roc = Roc.curve(scores, anomaly);
                o.printf(Locale.ROOT, "AUROC %.5f%n", roc.auc());
                Path rocFile = outDir.resolve("roc.png");
                Roc.writePng(rocFile, roc, "Shuttle, ODDS protocol: -log p(x) of a tabular VAE");

                // the threshold from half of the held-out normal rows, judged on the other half and the outliers
                int half = normalTest / 2;
                AnomalyThreshold threshold = AnomalyThreshold.forFalsePositiveRate(Arrays.copyOf(scores, half),
                        0.01);
                int falsePositives = 0;
                int caught = 0;
                for (int i = half; i < scores.length; i++) {
                    if (threshold.isAnomaly(scores[i])) {
                        if (anomaly[i]) {
                            caught++;
                        } else {
                            falsePositives++;
                        }
                    }
                }
                o.printf(Locale.ROOT, "Threshold at 1%% false positives on %,d normal rows: %.2f nats. On the other "
                        + "%,d normal rows it flags %,d (%.2f%%); it catches %,d of the %,d outliers (%.1f%%)%n",
                        half, threshold.value(), normalTest - half, falsePositives,
                        100.0 * falsePositives / (normalTest - half), caught, outliers.size(),
                        100.0 * caught / outliers.size());

                int[] top = IntStream.range(0, scores.length).boxed()
                        .sorted(Comparator.comparingDouble(i -> -scores[i])).limit(5).mapToInt(Integer::intValue)
                        .toArray();
                List<Explanation> explained = vae.explain(testRows.select(top));
                o.println("The most unusual rows: the columns they owe it to, and how far their latent code lies "
                        + "from the prior (nats)");
                for (int j = 0; j < top.length; j++) {
                    int row = test.get(top[j]);
                    String values = IntStream.range(0, features.size())
                            .mapToObj(c -> features.column(c).name() + "=" + x.value(row, c))
                            .collect(Collectors.joining(" "));
                    String why = explained.get(j).top(3).stream()
                            .map(c -> String.format(Locale.ROOT, "%s %.1f", c.column(), c.nats()))
                            .collect(Collectors.joining(", "));
                    o.printf(Locale.ROOT, "  line %d, class %s, score %.1f: %s%n    columns %s; latent code %.1f%n",
                            row + 2, classes.get((int) labelled.raw(row, cls)), scores[top[j]], values, why,
                            explained.get(j).latentNats());
                }
                Path model = outDir.resolve("shuttle.vae4j");
                vae.save(model);
                o.println("Wrote " + rocFile + " and " + model);
            }
            return 0;
        });
    }
}

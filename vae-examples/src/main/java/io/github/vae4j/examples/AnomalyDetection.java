package io.github.vae4j.examples;

import io.github.vae4j.Vae;
import io.github.vae4j.viz.ImageGrid;
import io.github.vae4j.viz.Roc;
import io.github.vae4j.viz.RocCurve;
import io.github.vae4j.viz.Tiles;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Anomaly detection with a variational autoencoder: trains on the images of one class only (by default digit 0, the
 * "normal" class), scores every test image with the anomaly score {@code -log p(x)} (the importance-weighted
 * estimate of {@code Vae.logLikelihood}, k = 20), and measures how well the score tells the other classes (the
 * anomalies) from the normal one: the ROC curve and its area (AUROC; 0.5 is chance, 1 perfect).
 *
 * <pre>
 * ./mvnw -q -pl vae-examples exec:java -Dexec.mainClass=io.github.vae4j.examples.AnomalyDetection \
 *     -Dexec.args="--normal-class 1"
 * </pre>
 */
public final class AnomalyDetection {

    private AnomalyDetection() {
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
        return Programs.run("AnomalyDetection", out, err, (o, stop) -> {
            Cli cli = new Cli("AnomalyDetection", "Trains on one class, scores all test images with -log p(x) and "
                    + "reports how well the score finds the other classes: ROC curve and AUROC.")
                    .option("data", "DIR", "folder with MNIST-style IDX files (default: the bundled MNIST sample)",
                            null)
                    .option("out", "DIR", "output folder", Programs.defaultOut("vae4j-anomaly"))
                    .option("normal-class", "N", "the class to train on; every other class is an anomaly", "0")
                    .option("epochs", "N", "training epochs", "50")
                    .option("latent", "N", "latent size", "10")
                    .option("hidden", "N,N,...", "hidden layer sizes", "512,384,256")
                    .option("k", "N", "importance samples per test image for log p(x)", "20")
                    .option("test-rows", "N", "score at most this many test rows (default all)", null)
                    .option("seed", "N", "seed of weights, shuffling and sampling", "42")
                    .flag("no-progress", "no progress bar, only one line per epoch");
            Cli.Args a = cli.parse(args, o);
            if (a == null) {
                return 0;
            }
            int normal = a.integer("normal-class", 0, 255);
            int k = a.integer("k", 1, Vae.MAX_IMPORTANCE_SAMPLES);
            Dataset data = a.has("data") ? Dataset.fromFolder(a.path("data"), a.string("data"), null)
                    : Dataset.bundledMnist();
            if (a.has("test-rows")) {
                data = data.limit(Integer.MAX_VALUE, a.integer("test-rows", 1, Integer.MAX_VALUE));
            }
            float[][] train = DigitsOneAndEight.select(data.trainImages(), data.trainLabels(), new int[] {normal},
                    null);
            if (train.length == 0) {
                throw new Dataset.DataException("no training images of class " + normal + " in " + data.name());
            }
            float[][] test = data.testImages();
            int[] labels = data.testLabels();
            boolean[] anomaly = new boolean[labels.length];
            for (int i = 0; i < labels.length; i++) {
                anomaly[i] = labels[i] != normal;
            }
            Path outDir = a.path("out");
            Files.createDirectories(outDir);
            o.printf(Locale.ROOT, "%s: training on the %,d images of class %d; scoring %,d test images. Output: %s%n",
                    data.name(), train.length, normal, test.length, outDir.toAbsolutePath());
            try (Vae vae = Vae.builder().latent(a.integer("latent", 1, 4096)).hidden(a.integers("hidden", 1, 16384))
                    .epochs(a.integer("epochs", 0, 100_000)).seed(a.longValue("seed"))
                    .inputSize(data.width() * data.height()).build()) {
                boolean bar = !a.flag("no-progress") && ConsoleProgress.interactive();
                if (!ConsoleTraining.fit(vae, train, "class " + normal, o, bar, null, stop,
                        outDir.resolve("model.vae4j"))) {
                    return 0;
                }
                long started = System.nanoTime();
                double[] logP = vae.logLikelihood(test, k);
                double[] score = Arrays.stream(logP).map(v -> -v).toArray();
                o.printf(Locale.ROOT, "Scored %,d test images with log p(x), k = %d, in %.1f s%n", test.length, k,
                        (System.nanoTime() - started) / 1e9);
                o.println("Mean anomaly score -log p(x) per class, nats (lower is more normal):");
                for (int c : IntStream.of(labels).distinct().sorted().toArray()) {
                    double[] s = IntStream.range(0, labels.length).filter(i -> labels[i] == c)
                            .mapToDouble(i -> score[i]).toArray();
                    o.printf(Locale.ROOT, "  %-12s %5d images  %8.2f%s%n", data.className(c), s.length,
                            Arrays.stream(s).average().orElse(Double.NaN), c == normal ? "  (normal)" : "");
                }
                if (IntStream.range(0, anomaly.length).noneMatch(i -> anomaly[i])
                        || IntStream.range(0, anomaly.length).allMatch(i -> anomaly[i])) {
                    throw new Dataset.DataException("the test rows need both the normal class and others for a "
                            + "ROC curve");
                }
                RocCurve roc = Roc.curve(score, anomaly);
                o.printf(Locale.ROOT, "AUROC %.4f (0.5 is chance, 1 is perfect): %d anomalies, %d normal test "
                        + "images%n", roc.auc(), roc.positives(), roc.negatives());
                Path rocFile = outDir.resolve("roc.png");
                Roc.writePng(rocFile, roc, "Anomaly score -log p(x), class " + data.className(normal) + " as normal");
                Integer[] order = IntStream.range(0, score.length).boxed().toArray(Integer[]::new);
                Arrays.sort(order, Comparator.comparingDouble(i -> score[i]));
                int shown = Math.min(10, order.length / 2);
                float[][] extremes = new float[2 * shown][];
                for (int i = 0; i < shown; i++) {
                    extremes[i] = test[order[i]];
                    extremes[shown + i] = test[order[order.length - 1 - i]];
                }
                Path extremesFile = outDir.resolve("most-normal-and-most-anomalous.png");
                ImageGrid.writePng(extremesFile, extremes, Tiles.of(data.width(), data.height()), shown);
                new Gallery("vae4j: anomaly detection, class " + data.className(normal) + " as normal")
                        .note(String.format(Locale.ROOT, "Trained on %,d images of class %s only; every test image "
                                + "scored with -log p(x) (importance-weighted, k = %d). AUROC %.4f.", train.length,
                                data.className(normal), k, roc.auc()))
                        .figure("roc.png", "ROC curve", "True-positive rate (anomalies found) against false-positive "
                                + "rate (normal images flagged) as the threshold on -log p(x) falls.")
                        .figure("most-normal-and-most-anomalous.png", "Extremes", "Top row: the " + shown
                                + " test images with the lowest scores (most normal); bottom row: the " + shown
                                + " with the highest (most anomalous).")
                        .write(outDir);
                o.println("Wrote " + rocFile + ", " + extremesFile + " and " + outDir.resolve("index.html"));
            }
            return 0;
        });
    }
}

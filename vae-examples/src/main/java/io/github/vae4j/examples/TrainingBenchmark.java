package io.github.vae4j.examples;

import io.github.vae4j.EpochReport;
import io.github.vae4j.Vae;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures training and inference speed of the default model (784-512-384-256-10, Bernoulli, batch 100 unless
 * {@code --batch} says otherwise, Adam 1e-3): whole training epochs with examples/s, the test ELBO after each epoch,
 * heap and resident memory (ND4J's native buffers are outside the JVM's counters; the resident set holds them); then
 * encode and decode throughput and one-row encode latency. Reports medians over repeated runs.
 *
 * <pre>
 * --data mnist|fashion|DIR  the bundled MNIST sample (8,000 train / 2,000 test, default), Fashion-MNIST from
 *                           /usr/share/datasets/fashion-mnist (60,000 / 10,000), or a folder of IDX files as the
 *                           other examples read it
 * --epochs N                training epochs per run (default 10)
 * --runs N                  training runs, each from a fresh model with the same seed (default 1)
 * --out FILE                CSV of per-epoch figures (default benchmark-&lt;data&gt;.csv); a PNG chart of examples/s
 *                           and test ELBO per epoch is written beside it
 * --iwae K                  importance samples for the final log p(x) estimate on the test set (default 100, 0: none)
 * --conv N,N,...            a convolutional model: these filters (kernel 3, stride 2, SAME) on the 28 x 28 images
 * --hidden N,N,...          dense hidden layers (default 512,384,256; 256 with --conv)
 * --latent N                latent size (default 10)
 * --seed N                  the models' seed (default 42)
 * --batch N                 examples per step (default 100)
 * </pre>
 */
public final class TrainingBenchmark {

    private TrainingBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args options, see the class comment
     * @throws IOException if the data cannot be read or the CSV written
     */
    public static void main(String[] args) throws IOException {
        Cli cli = new Cli("TrainingBenchmark", "Trains a model for whole epochs and reports examples/s, the test ELBO "
                + "after each epoch, memory, and inference speed.")
                .option("data", "mnist|fashion|DIR", "the bundled MNIST sample, Fashion-MNIST from "
                        + Dataset.DEBIAN_FASHION_MNIST + ", or a folder of IDX files", "mnist")
                .option("epochs", "N", "training epochs per run", "10")
                .option("runs", "N", "training runs, each from a fresh model with the same seed", "1")
                .option("out", "FILE", "CSV of per-epoch figures, with a PNG chart beside it (default "
                        + "benchmark-<data>.csv)", null)
                .option("iwae", "K", "importance samples for the final log p(x) estimate on the test set, 0: none",
                        "100")
                .option("conv", "N,N,...", "a convolutional model: these filters (kernel 3, stride 2, SAME)", null)
                .option("hidden", "N,N,...", "dense hidden layers (default 512,384,256; 256 with --conv)", null)
                .option("latent", "N", "latent size", "10")
                .option("seed", "N", "the models' seed", "42")
                .option("batch", "N", "examples per step", "100");
        String data;
        int epochs;
        int runs;
        String out;
        int iwae;
        int[] conv;
        int[] hidden;
        int latent;
        int seed;
        int batch;
        try {
            Cli.Args a = cli.parse(args, System.out);
            if (a == null) {
                return;
            }
            data = a.string("data");
            epochs = a.integer("epochs", 1, 100_000);
            runs = a.integer("runs", 1, 1_000);
            out = a.string("out");
            iwae = a.integer("iwae", 0, Vae.MAX_IMPORTANCE_SAMPLES);
            conv = a.has("conv") ? a.integers("conv", 1, 4096) : new int[0];
            hidden = a.has("hidden") ? a.integers("hidden", 1, 16384) : null;
            latent = a.integer("latent", 1, 4096);
            seed = a.integer("seed", 0, Integer.MAX_VALUE);
            batch = a.integer("batch", 1, 1_000_000);
        } catch (Cli.UsageException e) {
            System.err.println("TrainingBenchmark: " + e.getMessage() + "; run with --help to see the options");
            Programs.exit(Programs.USAGE);
            return;
        }
        float[][][] sets = load(data);
        float[][] train = sets[0];
        float[][] test = sets[1];
        Path csv = Path.of(out != null ? out : "benchmark-" + Path.of(data).getFileName() + ".csv");
        System.out.printf(Locale.ROOT, "data %s: %d train, %d test rows of %d%n", data, train.length, test.length,
                train[0].length);
        System.out.printf(Locale.ROOT, "java %s, %d cores, max heap %d MB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        List<double[]> perEpochSpeeds = new ArrayList<>();
        List<Double> chartEpochs = new ArrayList<>();
        List<Double> chartSpeed = new ArrayList<>();
        List<Double> chartElbo = new ArrayList<>();
        Vae last = null;
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(csv))) {
            w.println("run,epoch,examples_per_s,train_loss,train_reconstruction,train_kl,test_elbo,heap_used_mb,"
                    + "rss_mb");
            for (int run = 1; run <= runs; run++) {
                if (last != null) {
                    last.close();
                }
                Vae.Builder builder = Vae.builder().epochs(1).seed(seed).latent(latent).batchSize(batch);
                if (conv.length > 0) {
                    int side = (int) Math.round(Math.sqrt(train[0].length));
                    builder.image(side, side, 1).conv(conv);
                }
                if (hidden != null) {
                    builder.hidden(hidden);
                }
                Vae vae = builder.build();
                last = vae;
                if (run == 1) {
                    System.out.printf(Locale.ROOT, "model %s, %,d parameters%n", vae, vae.parameterCount());
                }
                double[] speeds = new double[epochs];
                for (int e = 0; e < epochs; e++) {
                    EpochReport r = vae.fit(train).last();
                    double testElbo = Arrays.stream(vae.elbo(test)).average().orElseThrow();
                    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
                    long rss = rssMegabytes();
                    speeds[e] = r.examplesPerSecond();
                    System.out.printf(Locale.ROOT,
                            "run %d epoch %2d: %8.0f examples/s  loss %7.2f (rec %7.2f, KL %5.2f)  test ELBO %8.2f"
                                    + "  heap %4d MB  RSS %4d MB%n",
                            run, r.epoch(), r.examplesPerSecond(), r.loss(), r.reconstruction(), r.kl(), testElbo,
                            heap, rss);
                    w.printf(Locale.ROOT, "%d,%d,%.1f,%.4f,%.4f,%.4f,%.4f,%d,%d%n", run, r.epoch(),
                            r.examplesPerSecond(), r.loss(), r.reconstruction(), r.kl(), testElbo, heap, rss);
                    w.flush();
                    if (run == 1) {
                        chartEpochs.add((double) r.epoch());
                        chartSpeed.add(r.examplesPerSecond());
                        chartElbo.add(testElbo);
                    }
                }
                perEpochSpeeds.add(speeds);
            }
        }
        // the first epoch includes JIT warm-up; the median is over the others
        List<Double> steady = new ArrayList<>();
        for (double[] s : perEpochSpeeds) {
            for (int e = s.length > 1 ? 1 : 0; e < s.length; e++) {
                steady.add(s[e]);
            }
        }
        System.out.printf(Locale.ROOT, "training: median %.0f examples/s over %d epochs (first epoch of each run left"
                + " out); peak RSS %d MB%n", median(steady), steady.size(), peakRssMegabytes());
        System.out.println("backend: " + last.backendDescription());
        if (iwae > 0) {
            long t0 = System.nanoTime();
            double logPx = Arrays.stream(last.logLikelihood(test, iwae)).average().orElseThrow();
            System.out.printf(Locale.ROOT, "test log p(x), IWAE with %d samples: %.2f nats (%d rows, %.0f s)%n", iwae,
                    logPx, test.length, (System.nanoTime() - t0) / 1e9);
        }
        inference(last, test);
        writeChart(csv.resolveSibling(csv.getFileName().toString().replaceAll("\\.csv$", "") + ".png"),
                (conv.length > 0 ? "convolutional model " + Arrays.toString(conv) : "default model") + ", " + data,
                chartEpochs, chartSpeed, chartElbo);
        last.close();
        System.out.println("per-epoch figures: " + csv.toAbsolutePath());
    }

    private static void writeChart(Path file, String title, List<Double> epochs, List<Double> speed,
            List<Double> elbo) throws IOException {
        org.knowm.xchart.XYChart chart = new org.knowm.xchart.XYChartBuilder().width(900).height(500)
                .title("vae4j training, " + title).xAxisTitle("epoch").build();
        chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        chart.addSeries("examples/s (left)", epochs, speed).setYAxisGroup(0);
        chart.addSeries("test ELBO, nats (right)", epochs, elbo).setYAxisGroup(1);
        chart.setYAxisGroupTitle(0, "examples/s");
        chart.setYAxisGroupTitle(1, "test ELBO (nats)");
        org.knowm.xchart.BitmapEncoder.saveBitmap(chart, file.toString(),
                org.knowm.xchart.BitmapEncoder.BitmapFormat.PNG);
        System.out.println("chart: " + file.toAbsolutePath());
    }

    private static void inference(Vae vae, float[][] test) {
        float[][] rows = Arrays.copyOf(test, Math.min(test.length, 2000));
        for (int i = 0; i < 5; i++) {
            vae.decode(vae.encode(rows));
        }
        List<Double> enc = new ArrayList<>();
        List<Double> dec = new ArrayList<>();
        float[][] z = vae.encode(rows);
        for (int i = 0; i < 10; i++) {
            long t0 = System.nanoTime();
            vae.encode(rows);
            long t1 = System.nanoTime();
            vae.decode(z);
            long t2 = System.nanoTime();
            enc.add(rows.length / ((t1 - t0) / 1e9));
            dec.add(rows.length / ((t2 - t1) / 1e9));
        }
        float[][] one = {rows[0]};
        for (int i = 0; i < 2000; i++) {
            vae.encode(one);
        }
        List<Double> latency = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            long t0 = System.nanoTime();
            vae.encode(one);
            latency.add((System.nanoTime() - t0) / 1e3);
        }
        System.out.printf(Locale.ROOT, "inference: encode %.0f rows/s, decode %.0f rows/s (batches of %d, median of"
                + " 10); one-row encode latency median %.1f us (p90 %.1f us, 2000 calls)%n", median(enc), median(dec),
                rows.length, median(latency), percentile(latency, 0.9));
    }

    private static float[][][] load(String data) throws IOException {
        try {
            Dataset d = switch (data) {
                case "mnist" -> Dataset.bundledMnist();
                case "fashion" -> Dataset.fromFolder(Dataset.DEBIAN_FASHION_MNIST, "Fashion-MNIST",
                        Dataset.FASHION_CLASSES);
                default -> Dataset.fromFolder(Path.of(data), data, null);
            };
            return new float[][][] {d.trainImages(), d.testImages()};
        } catch (Dataset.DataException e) {
            throw new IOException(e.getMessage() + (data.equals("fashion")
                    ? "; install Fashion-MNIST with 'apt-get install dataset-fashion-mnist' or pass --data DIR" : ""), e);
        }
    }

    private static long rssMegabytes() {
        return statusField("VmRSS:");
    }

    private static long peakRssMegabytes() {
        return statusField("VmHWM:");
    }

    private static long statusField(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    private static double percentile(List<Double> values, double q) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return v[lo] + (v[hi] - v[lo]) * (pos - lo);
    }
}

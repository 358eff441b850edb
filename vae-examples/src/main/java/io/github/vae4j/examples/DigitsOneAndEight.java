package io.github.vae4j.examples;

import io.github.vae4j.Vae;
import io.github.vae4j.viz.LatentManifold;
import io.github.vae4j.viz.LatentScatter;
import io.github.vae4j.viz.Tiles;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A model with a two-dimensional latent space trained on two digits only, by default 1 and 8: with so little to
 * tell apart, the latent axes take up the ways the digits vary besides their identity, above all the thickness of
 * the stroke and the slant. Writes the decoded manifold and the scatter plot of the test digits' posterior means,
 * and prints how the latent coordinates correlate with measured ink (thickness) and slant.
 *
 * <pre>
 * ./mvnw -q -pl vae-examples exec:java -Dexec.mainClass=io.github.vae4j.examples.DigitsOneAndEight
 * </pre>
 */
public final class DigitsOneAndEight {

    private DigitsOneAndEight() {
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
        return Programs.run("DigitsOneAndEight", out, err, (o, stop) -> {
            Cli cli = new Cli("DigitsOneAndEight", "Trains a model with a 2-dimensional latent space on two digits "
                    + "and draws its latent space: the axes capture thickness and slant.")
                    .option("data", "DIR", "folder with MNIST IDX files (default: the bundled sample)", null)
                    .option("out", "DIR", "output folder", Programs.defaultOut("vae4j-ones-and-eights"))
                    .option("digits", "A,B", "the digits to train on", "1,8")
                    .option("epochs", "N", "training epochs", "50")
                    .option("hidden", "N,N,...", "hidden layer sizes", "512,384,256")
                    .option("grid", "N", "manifold points along each axis", "12")
                    .option("seed", "N", "seed of weights, shuffling and sampling", "42")
                    .flag("no-progress", "no progress bar, only one line per epoch");
            Cli.Args a = cli.parse(args, o);
            if (a == null) {
                return 0;
            }
            int[] digits = a.integers("digits", 0, 255);
            String names = java.util.Arrays.stream(digits).mapToObj(Integer::toString)
                    .collect(java.util.stream.Collectors.joining(", ")).replaceAll(", (\\d+)$", " and $1");
            Dataset data = a.has("data") ? Dataset.fromFolder(a.path("data"), "MNIST", null) : Dataset.bundledMnist();
            Path outDir = a.path("out");
            Files.createDirectories(outDir);
            float[][] train = select(data.trainImages(), data.trainLabels(), digits, null);
            List<Integer> testLabels = new ArrayList<>();
            float[][] test = select(data.testImages(), data.testLabels(), digits, testLabels);
            if (train.length == 0 || test.length == 0) {
                throw new Dataset.DataException("no training or no test images of digits " + a.string("digits")
                        + " in " + data.name());
            }
            int[] labels = testLabels.stream().mapToInt(Integer::intValue).toArray();
            o.printf(Locale.ROOT, "%s: %,d training and %,d test images of digits %s. Output: %s%n", data.name(),
                    train.length, test.length, names, outDir.toAbsolutePath());
            Tiles tiles = Tiles.of(data.width(), data.height());
            try (Vae vae = Vae.builder().latent(2).hidden(a.integers("hidden", 1, 16384))
                    .epochs(a.integer("epochs", 0, 100_000)).seed(a.longValue("seed"))
                    .inputSize(data.width() * data.height()).build()) {
                boolean bar = !a.flag("no-progress") && ConsoleProgress.interactive();
                if (!ConsoleTraining.fit(vae, train, "latent 2", o, bar, null, stop, outDir.resolve("model.vae4j"))) {
                    return 0;
                }
                int grid = a.integer("grid", 1, 100);
                Path manifold = outDir.resolve("manifold.png");
                LatentManifold.writePng(manifold, vae, grid, tiles.withScale(2).withMargin(0));
                Path scatter = outDir.resolve("latent-scatter.png");
                float[][] z = vae.encode(test);
                LatentScatter.writePng(scatter, z, labels, k -> "digit " + k, "Posterior means of test digits "
                        + names, LatentScatter.DEFAULT_WIDTH, LatentScatter.DEFAULT_HEIGHT);
                o.println();
                o.println("How the latent coordinates follow measured features of the test digits (Pearson "
                        + "correlation, within each digit):");
                o.println("  digit   n     z1~ink  z1~slant  z2~ink  z2~slant");
                for (int digit : digits) {
                    List<float[]> zs = new ArrayList<>();
                    List<float[]> xs = new ArrayList<>();
                    for (int i = 0; i < labels.length; i++) {
                        if (labels[i] == digit) {
                            zs.add(z[i]);
                            xs.add(test[i]);
                        }
                    }
                    double[] ink = new double[xs.size()];
                    double[] slant = new double[xs.size()];
                    double[] z1 = new double[xs.size()];
                    double[] z2 = new double[xs.size()];
                    for (int i = 0; i < xs.size(); i++) {
                        ink[i] = ink(xs.get(i));
                        slant[i] = slant(xs.get(i), data.width(), data.height());
                        z1[i] = zs.get(i)[0];
                        z2[i] = zs.get(i)[1];
                    }
                    o.printf(Locale.ROOT, "  %5d %5d   %+6.2f  %+7.2f   %+6.2f  %+7.2f%n", digit, xs.size(),
                            correlation(z1, ink), correlation(z1, slant), correlation(z2, ink),
                            correlation(z2, slant));
                }
                o.println("(ink: mean pixel intensity, a measure of stroke thickness; slant: how far the ink leans "
                        + "to the right per row upwards, from its second moments)");
                new Gallery("vae4j: digits " + names + " in two latent dimensions")
                        .note("A variational autoencoder with a 2-dimensional latent space trained on the digits "
                                + names + " only. Besides telling the digits apart, the latent directions follow "
                                + "how they are drawn: the slant and the thickness of the stroke (the program prints "
                                + "the correlations).")
                        .figure("manifold.png", "Learned manifold", "Decoded latent points on a " + grid + " x "
                                + grid + " grid at standard normal quantiles 0.05 to 0.95; z1 grows to the right, "
                                + "z2 upwards.")
                        .figure("latent-scatter.png", "Latent space", "Posterior means of the test digits.")
                        .write(outDir);
                o.println("Wrote " + manifold + ", " + scatter + " and " + outDir.resolve("index.html"));
            }
            return 0;
        });
    }

    static float[][] select(float[][] images, int[] labels, int[] digits, List<Integer> keptLabels) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < images.length; i++) {
            for (int d : digits) {
                if (labels[i] == d) {
                    out.add(images[i]);
                    if (keptLabels != null) {
                        keptLabels.add(d);
                    }
                    break;
                }
            }
        }
        return out.toArray(new float[0][]);
    }

    /** Mean intensity: more ink means thicker strokes. */
    static double ink(float[] image) {
        double s = 0;
        for (float v : image) {
            s += v;
        }
        return s / image.length;
    }

    /**
     * Slant from the ink's second moments: the horizontal shift per row going up, {@code -cov(x, y) / var(y)} with y
     * growing downwards; positive leans right.
     */
    static double slant(float[] image, int width, int height) {
        double m = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double w = image[y * width + x];
                m += w;
                mx += w * x;
                my += w * y;
            }
        }
        if (m == 0) {
            return 0;
        }
        mx /= m;
        my /= m;
        double cxy = 0;
        double cyy = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double w = image[y * width + x];
                cxy += w * (x - mx) * (y - my);
                cyy += w * (y - my) * (y - my);
            }
        }
        return cyy == 0 ? 0 : -cxy / cyy;
    }

    static double correlation(double[] a, double[] b) {
        int n = a.length;
        if (n < 2) {
            return Double.NaN;
        }
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }
}

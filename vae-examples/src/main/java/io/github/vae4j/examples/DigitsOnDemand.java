package io.github.vae4j.examples;

import io.github.vae4j.Training;
import io.github.vae4j.Vae;
import io.github.vae4j.spi.RandomStream;
import io.github.vae4j.viz.ImageGrid;
import io.github.vae4j.viz.Tiles;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Digits on demand: a conditional VAE (Sohn et al. 2015) of the MNIST sample, its condition the digit's one-hot
 * label, draws each digit on request. A classifier that knows nothing of the VAE (the 3 nearest training digits in
 * pixel space) judges the samples: the share of conditional samples it assigns to the digit asked for, against the
 * same share for an unconditional model's samples paired with random requests (chance: about 10%). Writes a grid with
 * one row per digit.
 *
 * <pre>
 * ./mvnw -q -pl vae-examples exec:java -Dexec.mainClass=io.github.vae4j.examples.DigitsOnDemand
 * </pre>
 */
public final class DigitsOnDemand {

    /** Classes of the condition: the ten digits. */
    static final int DIGITS = 10;

    private DigitsOnDemand() {
    }

    /**
     * Runs the program; {@code --help} lists the options.
     *
     * @param args command-line options
     */
    public static void main(String[] args) {
        Programs.exit(run(args, System.out, System.err));
    }

    /** What came out: the judge's accuracy on real test digits, and its agreement with each model's requests. */
    record Result(double judgeAccuracy, double conditionalAgreement, double unconditionalAgreement,
            double conditionalTestElbo, double unconditionalTestElbo) {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Programs.run("DigitsOnDemand", out, err, (o, stop) -> {
            Cli cli = new Cli("DigitsOnDemand", "Trains a conditional VAE of the MNIST sample and draws each digit on "
                    + "request; a 3-nearest-neighbour classifier judges the samples.")
                    .option("out", "DIR", "output folder", Programs.defaultOut("vae4j-digits-on-demand"))
                    .option("epochs", "N", "training epochs of each model", "30")
                    .option("latent", "N", "latent size (2: the class is left to the condition; see the guide)", "2")
                    .option("samples", "N", "samples per digit", "100")
                    .option("seed", "N", "seed of weights, shuffling and sampling", "42");
            Cli.Args a = cli.parse(args, o);
            if (a == null) {
                return 0;
            }
            Path outDir = a.path("out");
            Files.createDirectories(outDir);
            Result r = measure(Dataset.bundledMnist(), a.integer("epochs", 1, 100_000), a.integer("latent", 1, 4096),
                    a.integer("samples", 1, 100_000), a.longValue("seed"), outDir, o);
            o.printf(Locale.ROOT, "Judge (3 nearest training digits, pixel space): %.1f%% right on the real test "
                    + "digits%n", 100 * r.judgeAccuracy());
            o.printf(Locale.ROOT, "Conditional samples the judge assigns to the digit asked for: %.1f%%%n",
                    100 * r.conditionalAgreement());
            o.printf(Locale.ROOT, "Unconditional samples against random requests (baseline): %.1f%%%n",
                    100 * r.unconditionalAgreement());
            o.printf(Locale.ROOT, "Test ELBO, nats per digit: conditional (given its label) %.2f, unconditional %.2f%n",
                    r.conditionalTestElbo(), r.unconditionalTestElbo());
            o.println("Wrote " + outDir.resolve("digits-on-demand.png"));
            return 0;
        });
    }

    /**
     * Trains both models, judges their samples and writes the grid {@code digits-on-demand.png}.
     *
     * @param data MNIST images in [0, 1] with labels
     * @param epochs epochs of each model
     * @param latent latent size of each model
     * @param perDigit samples per digit
     * @param seed seed of both models and of the requests
     * @param outDir where the grid goes
     * @param log progress lines
     * @return the figures
     * @throws java.io.IOException if the picture cannot be written
     */
    static Result measure(Dataset data, int epochs, int latent, int perDigit, long seed, Path outDir,
            PrintStream log) throws java.io.IOException {
        NearestNeighbours judge = new NearestNeighbours(data.trainImages(), data.trainLabels(), 3, DIGITS);
        double judgeAccuracy = judge.accuracy(data.testImages(), data.testLabels());
        float[][] requests = new float[DIGITS * perDigit][];
        int[] asked = new int[requests.length];
        for (int i = 0; i < requests.length; i++) {
            asked[i] = i / perDigit;
            requests[i] = oneHot(asked[i]);
        }
        Training plan = Training.builder().epochs(epochs).build();
        double conditional;
        double conditionalElbo;
        try (Vae cvae = Vae.builder().latent(latent).hidden(512, 256).conditions(DIGITS).seed(seed).build()) {
            cvae.fit(data.trainImages(), oneHot(data.trainLabels()), plan);
            float[][] samples = cvae.sample(requests);
            conditional = agreement(judge.classify(samples), asked);
            conditionalElbo = mean(cvae.elbo(data.testImages(), oneHot(data.testLabels())));
            float[][] grid = new float[DIGITS * DIGITS][];
            for (int d = 0; d < DIGITS; d++) {
                float[][] row = cvae.sample(DIGITS, oneHot(d), seed + d);
                System.arraycopy(row, 0, grid, d * DIGITS, DIGITS);
            }
            ImageGrid.writePng(outDir.resolve("digits-on-demand.png"), grid, Tiles.of(data.width(), data.height()),
                    DIGITS);
            log.printf(Locale.ROOT, "Conditional model trained: %d epochs%n", epochs);
        }
        double unconditional;
        double unconditionalElbo;
        try (Vae vae = Vae.builder().latent(latent).hidden(512, 256).seed(seed).build()) {
            vae.fit(data.trainImages(), plan);
            float[][] samples = vae.sample(requests.length);
            RandomStream random = new RandomStream(seed);
            int[] randomRequests = new int[samples.length];
            for (int i = 0; i < randomRequests.length; i++) {
                randomRequests[i] = random.nextInt(DIGITS);
            }
            unconditional = agreement(judge.classify(samples), randomRequests);
            unconditionalElbo = mean(vae.elbo(data.testImages()));
            log.printf(Locale.ROOT, "Unconditional model trained: %d epochs%n", epochs);
        }
        return new Result(judgeAccuracy, conditional, unconditional, conditionalElbo, unconditionalElbo);
    }

    /** @return the one-hot condition of a digit */
    static float[] oneHot(int digit) {
        float[] c = new float[DIGITS];
        c[digit] = 1f;
        return c;
    }

    static float[][] oneHot(int[] digits) {
        return Arrays.stream(digits).mapToObj(DigitsOnDemand::oneHot).toArray(float[][]::new);
    }

    private static double agreement(int[] judged, int[] asked) {
        int same = 0;
        for (int i = 0; i < judged.length; i++) {
            same += judged[i] == asked[i] ? 1 : 0;
        }
        return (double) same / judged.length;
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }
}

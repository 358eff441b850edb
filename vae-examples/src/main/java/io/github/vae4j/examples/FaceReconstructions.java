package io.github.vae4j.examples;

import io.github.vae4j.EpochReport;
import io.github.vae4j.FitReport;
import io.github.vae4j.GaussianVariance;
import io.github.vae4j.Likelihood;
import io.github.vae4j.StepReport;
import io.github.vae4j.TrainingListener;
import io.github.vae4j.Vae;
import io.github.vae4j.data.Idx;
import io.github.vae4j.viz.ImageGrid;
import io.github.vae4j.viz.Interpolation;
import io.github.vae4j.viz.Tiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Faces the model never saw: trains a convolutional variational autoencoder (latent 200 by default, as in the
 * tutorial this project grew from) on the bundled Olivetti faces (AT&amp;T Laboratories Cambridge: 400 grayscale
 * 64 x 64 photographs, 40 people with 10 each), people 0-34 for training and people 35-39 held out, and writes the
 * held-out faces beside their reconstructions, samples from the prior and interpolations between held-out people.
 * Prints the training speed and the test ELBO and importance-weighted log-likelihood per image of the held-out people.
 *
 * <pre>
 * ./mvnw -q install -DskipTests
 * ./mvnw -q -pl vae-examples exec:java -Dexec.mainClass=io.github.vae4j.examples.FaceReconstructions
 * ./mvnw -q -pl vae-examples exec:java -Dexec.mainClass=io.github.vae4j.examples.FaceReconstructions \
 *     -Dexec.args="--latent 32 --out /tmp/faces-32"
 * </pre>
 */
public final class FaceReconstructions {

    /** The class-path folder of the bundled faces. */
    static final String DATA = "/datasets/olivetti/";
    /** Height and width of the faces, in pixels. */
    static final int SIDE = 64;
    /** The first person of the held-out people; people 0 to this one less train the model. */
    static final int FIRST_UNSEEN = 35;
    /** Held-out faces per person in the reconstruction picture. */
    static final int SHOWN_PER_PERSON = 4;
    /** Frames of an interpolation, the two ends included. */
    static final int STEPS = 10;
    /** The pictures the program writes, with index.html. */
    static final List<String> FILES = List.of("unseen-reconstructions.png", "samples.png", "interpolation.png",
            "interpolation.gif", "index.html");

    /**
     * The faces, split by person.
     *
     * @param train faces of people 0 to {@link #FIRST_UNSEEN} - 1, rows of 64 x 64 intensities in [0, 1]
     * @param trainPeople the person of each training face
     * @param test faces of the held-out people
     * @param testPeople the person of each test face
     */
    record Faces(float[][] train, int[] trainPeople, float[][] test, int[] testPeople) {
    }

    /**
     * What to do.
     *
     * @param out the output folder
     * @param latent latent size
     * @param conv convolution filters, input side first
     * @param hidden dense hidden layer sizes
     * @param likelihood the decoder's distribution
     * @param variance how a Gaussian decoder's variance is obtained
     * @param epochs passes over the training faces
     * @param batch faces per gradient step
     * @param seed seed of weights, shuffling and sampling
     * @param iwaeK importance samples per face for the log-likelihood estimate
     * @param printEvery print every this many epochs
     * @param mirror whether to train on the training faces mirrored left to right too
     */
    record Settings(Path out, int latent, int[] conv, int[] hidden, Likelihood likelihood, GaussianVariance variance,
            int epochs, int batch, long seed, int iwaeK, int printEvery, boolean mirror) {
    }

    /**
     * What came out; the figures are nats per image, NaN where not reached.
     *
     * @param completed false if the run was stopped with Ctrl-C
     * @param untrainedElbo mean ELBO of the held-out faces before training
     * @param testElbo mean ELBO of the held-out faces after training
     * @param testLogLikelihood mean importance-weighted log p(x) of the held-out faces
     * @param trainElbo mean ELBO of the training faces after training
     * @param examplesPerSecond training speed over all epochs
     * @param rmse root-mean-square error of the held-out reconstructions, in gray levels 0-255
     * @param edgeRatio the held-out reconstructions' {@link #edges edge strength} over the originals'
     * @param files the files written
     */
    record Result(boolean completed, double untrainedElbo, double testElbo, double testLogLikelihood,
            double trainElbo, double examplesPerSecond, double rmse, double edgeRatio, List<Path> files) {
    }

    private FaceReconstructions() {
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
        return Programs.run("FaceReconstructions", out, err, (o, stop) -> {
            Cli.Args a = cli().parse(args, o);
            if (a == null) {
                return 0;
            }
            run(settings(a), bundledFaces(), o, stop);
            return 0;
        });
    }

    static Cli cli() {
        return new Cli("FaceReconstructions", "Trains a convolutional VAE on the Olivetti faces of people 0-34 and "
                + "reconstructs the faces of people 35-39, whom it never saw; writes the pictures and an index.html.")
                .option("out", "DIR", "output folder", Programs.defaultOut("vae4j-faces"))
                .option("latent", "N", "latent size", "200")
                .option("conv", "N,N,...", "filters of each 3x3, stride-2 convolution, input side first", "32,64,128")
                .option("hidden", "N,N,...", "dense hidden layer sizes after the convolutions", "512")
                .option("likelihood", "NAME", "gaussian, or bernoulli (pixel / 255 as the probability of white)",
                        "gaussian")
                .option("variance", "V", "a Gaussian decoder's variance: a number (fixed, in squared intensity "
                        + "units), learned, or learned:FLOOR", "learned:0.01")
                .option("epochs", "N", "passes over the training faces", "150")
                .option("batch", "N", "faces per gradient step", "35")
                .option("seed", "N", "seed of weights, shuffling and sampling", "42")
                .option("iwae-k", "N", "importance samples per held-out face", "1000")
                .option("print-every", "N", "print one line every N epochs", "25")
                .flag("no-mirror", "train on the 350 faces only, not also on their mirror images (700 an epoch)");
    }

    static Settings settings(Cli.Args a) throws Cli.UsageException {
        Likelihood likelihood;
        try {
            likelihood = Likelihood.parse(a.string("likelihood"));
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException(e.getMessage());
        }
        if (likelihood == Likelihood.TABULAR) {
            throw new Cli.UsageException("--likelihood must be bernoulli or gaussian for images");
        }
        return new Settings(a.path("out"), a.integer("latent", 1, 4096), a.integers("conv", 1, 4096),
                a.integers("hidden", 1, 16384), likelihood, variance(a.string("variance")),
                a.integer("epochs", 0, 1_000_000), a.integer("batch", 1, 100_000), a.longValue("seed"),
                a.integer("iwae-k", 1, Vae.MAX_IMPORTANCE_SAMPLES), a.integer("print-every", 1, Integer.MAX_VALUE),
                !a.flag("no-mirror"));
    }

    /** Reads {@code --variance}: a number (fixed), {@code learned} or {@code learned:FLOOR}. */
    static GaussianVariance variance(String v) throws Cli.UsageException {
        String t = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("learned")) {
                return GaussianVariance.learned();
            }
            return t.startsWith("learned:") ? GaussianVariance.learned(Double.parseDouble(t.substring(8)))
                    : GaussianVariance.fixed(Double.parseDouble(t));
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException("--variance needs a positive number, learned or learned:FLOOR, got '" + v
                    + "'");
        }
    }

    /** The faces bundled on the class path as {@code /datasets/olivetti/}, split by person. */
    static Faces bundledFaces() throws Dataset.DataException {
        try (InputStream images = FaceReconstructions.class.getResourceAsStream(DATA + "faces-idx3-ubyte.gz");
                InputStream labels = FaceReconstructions.class.getResourceAsStream(DATA + "labels-idx1-ubyte.gz")) {
            if (images == null || labels == null) {
                throw new Dataset.DataException("the bundled Olivetti faces are not on the class path "
                        + "(/datasets/olivetti/); build with ./mvnw install");
            }
            float[][] x = Idx.readImages(images, "bundled Olivetti faces");
            int[] people = Idx.readLabels(labels, "bundled Olivetti labels");
            if (x.length != people.length || x.length == 0 || x[0].length != SIDE * SIDE) {
                throw new Dataset.DataException("the bundled Olivetti faces hold " + x.length + " images of "
                        + (x.length == 0 ? 0 : x[0].length) + " pixels and " + people.length + " labels; expected "
                        + "one label per 64 x 64 image");
            }
            return split(x, people);
        } catch (IOException e) {
            throw new Dataset.DataException("cannot read the bundled Olivetti faces: " + e.getMessage(), e);
        }
    }

    /** Splits faces by person: people below {@link #FIRST_UNSEEN} train, the others test. */
    static Faces split(float[][] x, int[] people) {
        int[] train = IntStream.range(0, x.length).filter(i -> people[i] < FIRST_UNSEEN).toArray();
        int[] test = IntStream.range(0, x.length).filter(i -> people[i] >= FIRST_UNSEEN).toArray();
        return new Faces(rows(x, train), labels(people, train), rows(x, test), labels(people, test));
    }

    /** Trains, measures and draws. */
    static Result run(Settings s, Faces faces, PrintStream out, GracefulStop stop) throws IOException {
        Files.createDirectories(s.out());
        out.printf(Locale.ROOT, "Olivetti faces: %d training faces of people 0-%d, %d held-out faces of people %d-%d, "
                + "64 x 64 pixels. Output: %s%n", faces.train().length, FIRST_UNSEEN - 1, faces.test().length,
                FIRST_UNSEEN, FIRST_UNSEEN + faces.test().length / 10 - 1, s.out().toAbsolutePath());
        List<Path> files = new ArrayList<>();
        try (Vae vae = Vae.builder().image(SIDE, SIDE, 1).conv(s.conv()).hidden(s.hidden()).latent(s.latent())
                .likelihood(s.likelihood()).gaussianVariance(s.variance()).epochs(s.epochs()).batchSize(s.batch())
                .seed(s.seed()).build()) {
            out.printf(Locale.ROOT, "Training %s: %,d parameters, %d epochs of batch %d on %s%n", vae,
                    vae.parameterCount(), s.epochs(), s.batch(), vae.backendDescription());
            double untrained = mean(vae.elbo(faces.test()));
            out.printf(Locale.ROOT, "Held-out ELBO before training: %.1f nats per image%n", untrained);
            float[][] train = s.mirror() ? withMirrored(faces.train()) : faces.train();
            FitReport report;
            try {
                report = vae.fit(train, progress(out, s.epochs(), s.printEvery(), stop));
            } catch (GracefulStop.StopRequested e) {
                ConsoleTraining.saveInterrupted(vae, s.out().resolve("faces.vae4j"), out);
                return new Result(false, untrained, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, files);
            }
            Result r = measure(vae, faces, s, report, untrained, files, out);
            files.addAll(pictures(vae, faces, s));
            Path model = s.out().resolve("faces.vae4j");
            vae.save(model);
            files.add(model);
            files.add(gallery(s, vae.toString(), report.epochs().size(), r).write(s.out()));
            out.println("Wrote " + files.size() + " files; open " + s.out().resolve("index.html").toAbsolutePath());
            return r;
        }
    }

    /** Prints and returns the speed, the ELBO and IWAE figures and the reconstructions' error and sharpness. */
    private static Result measure(Vae vae, Faces faces, Settings s, FitReport report, double untrained,
            List<Path> files, PrintStream out) {
        double speed = examplesPerSecond(report);
        out.printf(Locale.ROOT, "Trained %d epochs in %.1f s: %,.0f faces per second (median epoch %,.0f)%n",
                report.epochs().size(), report.totalSeconds(), speed, medianSpeed(report));
        double trainElbo = mean(vae.elbo(faces.train()));
        double elbo = mean(vae.elbo(faces.test()));
        out.printf(Locale.ROOT, "ELBO: %.1f nats per image on the training faces, %.1f on the held-out faces (one "
                + "latent sample each)%n", trainElbo, elbo);
        long started = System.nanoTime();
        double iwae = mean(vae.logLikelihood(faces.test(), s.iwaeK()));
        out.printf(Locale.ROOT, "Held-out log-likelihood, importance-weighted (IWAE, k = %d): %.1f nats per image "
                + "(%d faces, %.1f s)%n", s.iwaeK(), iwae, faces.test().length, (System.nanoTime() - started) / 1e9);
        float[][] recon = vae.reconstruct(faces.test());
        double rmse = rmse(faces.test(), recon);
        double edgeRatio = edges(recon) / edges(faces.test());
        out.printf(Locale.ROOT, "Held-out reconstructions: RMSE %.1f gray levels; edge strength %.2f of the "
                + "originals' (1 is as sharp as the photographs)%n", rmse, edgeRatio);
        return new Result(true, untrained, elbo, iwae, trainElbo, speed, rmse, edgeRatio, files);
    }

    /** Writes the reconstructions, samples and interpolations. */
    static List<Path> pictures(Vae vae, Faces faces, Settings s) throws IOException {
        Tiles tiles = Tiles.of(SIDE, SIDE).withScale(1).withMargin(2);
        float[][] shown = firstOfEachPerson(faces.test(), faces.testPeople(), SHOWN_PER_PERSON);
        Path recon = s.out().resolve(FILES.get(0));
        ImageGrid.writeReconstructionsPng(recon, vae, shown, tiles, SHOWN_PER_PERSON, ImageGrid.Arrangement.BESIDE);
        Path samples = s.out().resolve(FILES.get(1));
        ImageGrid.writeSamplesPng(samples, vae, 3, 10, tiles, s.seed());
        float[][] ends = firstOfEachPerson(faces.test(), faces.testPeople(), 1);
        float[][] from = {ends[0], ends[2 % ends.length]};
        float[][] to = {ends[1 % ends.length], ends[ends.length - 1]};
        Path strip = s.out().resolve(FILES.get(2));
        ImageGrid.writePng(strip, interpolationRows(vae, from, to), tiles, STEPS + 2);
        Path gif = s.out().resolve(FILES.get(3));
        Interpolation.writeGif(gif, vae, from, to, 24, tiles.withScale(2).withMargin(4), 2, 80, 900);
        return List.of(recon, samples, strip, gif);
    }

    /** Per pair a row: the first original, the decoded walk between the posterior means, the second original. */
    static float[][] interpolationRows(Vae vae, float[][] from, float[][] to) {
        List<float[][]> frames = Interpolation.frames(vae, from, to, STEPS);
        float[][] rows = new float[from.length * (STEPS + 2)][];
        for (int j = 0; j < from.length; j++) {
            int base = j * (STEPS + 2);
            rows[base] = from[j];
            for (int i = 0; i < STEPS; i++) {
                rows[base + 1 + i] = frames.get(i)[j];
            }
            rows[base + STEPS + 1] = to[j];
        }
        return rows;
    }

    /** The first {@code perPerson} faces of each person, in order of first appearance. */
    static float[][] firstOfEachPerson(float[][] x, int[] people, int perPerson) {
        Map<Integer, Integer> taken = new HashMap<>();
        return IntStream.range(0, x.length).filter(i -> taken.merge(people[i], 1, Integer::sum) <= perPerson)
                .mapToObj(i -> x[i]).toArray(float[][]::new);
    }

    /** The images followed by their mirror images, left to right. */
    static float[][] withMirrored(float[][] images) {
        float[][] all = Arrays.copyOf(images, 2 * images.length);
        for (int i = 0; i < images.length; i++) {
            float[] m = new float[SIDE * SIDE];
            for (int y = 0; y < SIDE; y++) {
                for (int c = 0; c < SIDE; c++) {
                    m[y * SIDE + c] = images[i][y * SIDE + SIDE - 1 - c];
                }
            }
            all[images.length + i] = m;
        }
        return all;
    }

    /** Root-mean-square difference of two sets of images, in gray levels 0-255, values clamped to [0, 1]. */
    static double rmse(float[][] a, float[][] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int p = 0; p < a[i].length; p++) {
                sum += Math.pow(clamp(a[i][p]) - clamp(b[i][p]), 2);
            }
        }
        return 255 * Math.sqrt(sum / (a.length * (double) SIDE * SIDE));
    }

    /**
     * Edge strength: the mean absolute difference between horizontally and vertically neighbouring pixels of 64 x 64
     * images, values clamped to [0, 1]. Blurred images have weaker edges than the photographs.
     */
    static double edges(float[][] images) {
        double sum = 0;
        for (float[] x : images) {
            for (int y = 0; y < SIDE; y++) {
                for (int c = 0; c < SIDE; c++) {
                    float v = clamp(x[y * SIDE + c]);
                    sum += (c > 0 ? Math.abs(v - clamp(x[y * SIDE + c - 1])) : 0)
                            + (y > 0 ? Math.abs(v - clamp(x[(y - 1) * SIDE + c])) : 0);
                }
            }
        }
        return sum / (images.length * 2.0 * SIDE * (SIDE - 1));
    }

    private static float clamp(float v) {
        return v < 0f ? 0f : Math.min(v, 1f);
    }

    /** Examples per second over all epochs. */
    static double examplesPerSecond(FitReport report) {
        return report.epochs().stream().mapToLong(EpochReport::examples).sum()
                / report.epochs().stream().mapToDouble(EpochReport::seconds).sum();
    }

    /** The median over epochs of examples per second: the speed on a machine busy only part of the time. */
    static double medianSpeed(FitReport report) {
        double[] v = report.epochs().stream().mapToDouble(EpochReport::examplesPerSecond).sorted().toArray();
        return v.length == 0 ? Double.NaN : (v[(v.length - 1) / 2] + v[v.length / 2]) / 2;
    }

    private static Gallery gallery(Settings s, String model, int epochs, Result r) {
        return new Gallery("vae4j: faces the model never saw")
                .note(String.format(Locale.ROOT, "The Olivetti faces (AT&T Laboratories Cambridge): a %s model "
                        + "trained for %d epochs on the 350 faces of people 0-%d%s. On the 50 faces of people %d-39, "
                        + "which it never saw: ELBO %.1f nats per image, importance-weighted log-likelihood "
                        + "(k = %d) %.1f nats.", model, epochs, FIRST_UNSEEN - 1, s.mirror() ? " and their mirror "
                        + "images" : "", FIRST_UNSEEN, r.testElbo(), s.iwaeK(), r.testLogLikelihood()))
                .figure(FILES.get(0), "Held-out faces and their reconstructions", "The first " + SHOWN_PER_PERSON
                        + " faces of each held-out person (one person a row), each with its reconstruction on its "
                        + "right: the decoder's mean at the encoder's posterior mean.")
                .figure(FILES.get(1), "Samples from the prior", "30 draws z ~ N(0, I), decoded (the decoder's "
                        + "means).")
                .figure(FILES.get(2), "Interpolation between held-out people", "Each row: a held-out face, the "
                        + "decoded straight line from its posterior mean to another held-out person's in " + STEPS
                        + " steps, and that other face.")
                .figure(FILES.get(3), "Interpolation, animated", "The same walks in 24 frames.");
    }

    /** One line every few epochs, and Ctrl-C after each step. */
    private static TrainingListener progress(PrintStream out, int epochs, int every, GracefulStop stop) {
        int[] seen = {0};
        return new TrainingListener() {
            @Override
            public void onStep(StepReport step) {
                stop.check();
            }

            @Override
            public void onEpoch(EpochReport e) {
                if (++seen[0] == 1 || seen[0] % every == 0 || seen[0] == epochs) {
                    out.printf(Locale.ROOT, "epoch %4d/%d  loss %8.1f  reconstruction %8.1f  KL %6.1f nats  %5.2f s"
                            + "  (%,.0f faces/s)%n", seen[0], epochs, e.loss(), e.reconstruction(), e.kl(),
                            e.seconds(), e.examplesPerSecond());
                    out.flush();
                }
            }
        };
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static float[][] rows(float[][] x, int[] indices) {
        return Arrays.stream(indices).mapToObj(i -> x[i]).toArray(float[][]::new);
    }

    private static int[] labels(int[] people, int[] indices) {
        return Arrays.stream(indices).map(i -> people[i]).toArray();
    }
}

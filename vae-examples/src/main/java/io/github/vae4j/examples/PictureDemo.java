package io.github.vae4j.examples;

import io.github.vae4j.Vae;
import io.github.vae4j.viz.ImageGrid;
import io.github.vae4j.viz.Interpolation;
import io.github.vae4j.viz.LatentManifold;
import io.github.vae4j.viz.LatentScatter;
import io.github.vae4j.viz.Tiles;
import io.github.vae4j.viz.TrainingCurves;
import io.github.vae4j.viz.TrainingHistory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The demo behind {@link MnistDemo} and {@link FashionMnistDemo}: trains a model with a 10-dimensional latent space,
 * reports its test ELBO and importance-weighted log-likelihood, draws reconstructions, samples and training curves;
 * then trains a model with a 2-dimensional latent space and draws its latent space (scatter plot of test images and
 * decoded manifold) and an interpolation. Everything goes into one folder with an index.html.
 */
final class PictureDemo {

    /** Pictures the complete demo writes, with index.html. */
    static final List<String> FILES = List.of("reconstructions.png", "samples.png", "training-curve.png",
            "latent-scatter.png", "manifold.png", "interpolation.gif", "index.html");

    /** Test rows drawn in the latent scatter plot, at most. */
    static final int SCATTER_ROWS = 2000;

    /**
     * What to do.
     *
     * @param data the images
     * @param out the output folder
     * @param latent latent size of the first model
     * @param hidden dense hidden layer sizes of both models, or {@code null} for the builder's default
     * @param conv convolution filters of both models, input side first; empty for dense models
     * @param epochs epochs of the first model
     * @param epochs2d epochs of the model with latent size 2
     * @param batch examples per step
     * @param seed the seed of both models
     * @param iwaeRows test rows for the importance-weighted estimate
     * @param iwaeK importance samples per row
     * @param progressBar whether to show a progress bar during epochs
     */
    record Settings(Dataset data, Path out, int latent, int[] hidden, int[] conv, int epochs, int epochs2d, int batch, long seed,
            int iwaeRows, int iwaeK, boolean progressBar) {
    }

    /**
     * What came out.
     *
     * @param completed false if the run was stopped with Ctrl-C
     * @param testElbo mean test ELBO of the first model, nats per example (NaN if not reached)
     * @param testLogLikelihood mean importance-weighted log p(x) estimate on the first test rows (NaN if not reached)
     * @param files the files written
     */
    record Result(boolean completed, double testElbo, double testLogLikelihood, List<Path> files) {
    }

    private PictureDemo() {
    }

    /** The options both demos share. */
    static Cli cli(String program, String summary, String dataHelp, String dataDefault, String outDefault) {
        return new Cli(program, summary)
                .option("data", "DIR", dataHelp, dataDefault)
                .option("out", "DIR", "output folder for the pictures, index.html and saved models", outDefault)
                .option("epochs", "N", "epochs of the first model", "30")
                .option("epochs-2d", "N", "epochs of the latent-2 model", "30")
                .option("latent", "N", "latent size of the first model", "10")
                .option("hidden", "N,N,...", "dense hidden layer sizes, input side first (default 512,384,256, or "
                        + "256 with --conv)", null)
                .option("conv", "N,N,...", "a convolutional model: filters of each 3x3, stride-2 convolution, "
                        + "input side first, e.g. 32,64 (default none: a dense model)", null)
                .option("batch", "N", "examples per gradient step", "100")
                .option("seed", "N", "seed of weights, shuffling and sampling", "42")
                .option("train-rows", "N", "use at most this many training rows (default all)", null)
                .option("test-rows", "N", "use at most this many test rows (default all)", null)
                .option("iwae-rows", "N", "test rows for the importance-weighted log-likelihood", "500")
                .option("iwae-k", "N", "importance samples per row", "100")
                .flag("no-progress", "no progress bar, only one line per epoch");
    }

    /** Reads the shared options. */
    static Settings settings(Cli.Args a, Dataset data) throws Cli.UsageException {
        int trainRows = a.has("train-rows") ? a.integer("train-rows", 1, Integer.MAX_VALUE) : Integer.MAX_VALUE;
        int testRows = a.has("test-rows") ? a.integer("test-rows", 1, Integer.MAX_VALUE) : Integer.MAX_VALUE;
        int[] conv = a.has("conv") ? a.integers("conv", 1, 4096) : new int[0];
        int[] hidden = a.has("hidden") ? a.integers("hidden", 1, 16384) : null;
        return new Settings(data.limit(trainRows, testRows), a.path("out"), a.integer("latent", 1, 4096),
                hidden, conv, a.integer("epochs", 0, 100_000), a.integer("epochs-2d", 0, 100_000),
                a.integer("batch", 1, 1_000_000), a.longValue("seed"), a.integer("iwae-rows", 0, Integer.MAX_VALUE),
                a.integer("iwae-k", 1, Vae.MAX_IMPORTANCE_SAMPLES),
                !a.flag("no-progress") && ConsoleProgress.interactive());
    }

    /** Runs the demo. */
    static Result run(Settings s, PrintStream out, GracefulStop stop) throws IOException {
        Dataset d = s.data();
        Files.createDirectories(s.out());
        Tiles tiles = Tiles.of(d.width(), d.height());
        List<Path> files = new ArrayList<>();
        out.printf(Locale.ROOT, "%s: %,d training rows, %,d test rows of %d x %d pixels. Output: %s%n", d.name(),
                d.trainImages().length, d.testImages().length, d.width(), d.height(), s.out().toAbsolutePath());

        // ---- model 1: latent 10
        TrainingHistory history = new TrainingHistory();
        double elbo = Double.NaN;
        double logLikelihood = Double.NaN;
        List<Integer> hiddenSizes;
        try (Vae vae = builder(s).latent(s.latent()).epochs(s.epochs()).build()) {
            hiddenSizes = vae.config().hiddenSizes();
            out.printf(Locale.ROOT, "Training %s: %,d parameters on %s%n", vae, vae.parameterCount(),
                    vae.backendDescription());
            Path model = s.out().resolve("model.vae4j");
            if (!ConsoleTraining.fit(vae, d.trainImages(), "latent " + s.latent(), out, s.progressBar(), history, stop,
                    model)) {
                return new Result(false, elbo, logLikelihood, files);
            }
            elbo = Arrays.stream(vae.elbo(d.testImages())).average().orElse(Double.NaN);
            out.printf(Locale.ROOT, "Test ELBO: %.2f nats per example (%,d test rows, one latent sample each)%n", elbo,
                    d.testImages().length);
            int rows = Math.min(s.iwaeRows(), d.testImages().length);
            if (rows > 0 && !stop.requested()) {
                long started = System.nanoTime();
                logLikelihood = Arrays.stream(vae.logLikelihood(Arrays.copyOf(d.testImages(), rows), s.iwaeK()))
                        .average().orElse(Double.NaN);
                out.printf(Locale.ROOT, "Test log-likelihood, importance-weighted (IWAE, k = %d): %.2f nats per "
                        + "example (%,d test rows, %.1f s)%n", s.iwaeK(), logLikelihood, rows,
                        (System.nanoTime() - started) / 1e9);
            }
            float[][] originals = Arrays.copyOf(d.testImages(), Math.min(32, d.testImages().length));
            files.add(write(s.out(), "reconstructions.png", f -> ImageGrid.writeReconstructionsPng(f, vae, originals,
                    tiles, 8, ImageGrid.Arrangement.BESIDE)));
            files.add(write(s.out(), "samples.png", f -> ImageGrid.writeSamplesPng(f, vae, 10, 10, tiles, s.seed())));
            if (!history.epochs().isEmpty() || !history.steps().isEmpty()) {
                files.add(write(s.out(), "training-curve.png", f -> TrainingCurves.writePng(f, history.epochs(),
                        history.steps(), "Training, latent " + s.latent() + ", " + d.name(),
                        TrainingCurves.DEFAULT_WIDTH, TrainingCurves.DEFAULT_HEIGHT)));
            }
            vae.save(model);
            files.add(model);
            if (stop.requested()) {
                out.println("Stopped. The latent-" + s.latent() + " model is saved to " + model.toAbsolutePath());
                return new Result(false, elbo, logLikelihood, files);
            }
        }

        // ---- model 2: latent 2, for pictures of the latent space
        try (Vae vae2 = builder(s).latent(2).epochs(s.epochs2d()).build()) {
            out.printf(Locale.ROOT, "Training %s for pictures of the latent space%n", vae2);
            Path model = s.out().resolve("model-latent2.vae4j");
            if (!ConsoleTraining.fit(vae2, d.trainImages(), "latent 2", out, s.progressBar(), null, stop, model)) {
                return new Result(false, elbo, logLikelihood, files);
            }
            int n = Math.min(SCATTER_ROWS, d.testImages().length);
            float[][] test = Arrays.copyOf(d.testImages(), n);
            int[] labels = Arrays.copyOf(d.testLabels(), n);
            files.add(write(s.out(), "latent-scatter.png", f -> LatentScatter.writePng(f, vae2, test, labels,
                    d::className, "Posterior means of " + n + " test images, latent 2")));
            files.add(write(s.out(), "manifold.png", f -> LatentManifold.writePng(f, vae2, 20,
                    tiles.withScale(1).withMargin(0))));
            float[][][] pairs = interpolationPairs(d.testImages(), d.testLabels());
            files.add(write(s.out(), "interpolation.gif", f -> Interpolation.writeGif(f, vae2, pairs[0], pairs[1],
                    24, tiles.withScale(2).withMargin(4), 5, 80, 900)));
            vae2.save(model);
            files.add(model);
        }
        Path index = gallery(s, hiddenSizes, elbo, logLikelihood).write(s.out());
        files.add(index);
        out.println("Wrote " + files.size() + " files; open " + index.toAbsolutePath());
        return new Result(true, elbo, logLikelihood, files);
    }

    /** A builder with the settings both models share: the image shape, layers, batch and seed. */
    static Vae.Builder builder(Settings s) {
        Vae.Builder b = Vae.builder().image(s.data().height(), s.data().width(), 1).conv(s.conv())
                .batchSize(s.batch()).seed(s.seed());
        return s.hidden() != null ? b.hidden(s.hidden()) : b;
    }

    /** Pairs of test images of different classes: the first image of each class, to the first of the next class. */
    static float[][][] interpolationPairs(float[][] images, int[] labels) {
        List<float[]> from = new ArrayList<>();
        List<float[]> to = new ArrayList<>();
        int[] firstOf = new int[256];
        Arrays.fill(firstOf, -1);
        List<Integer> classes = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0 && labels[i] < 256 && firstOf[labels[i]] < 0) {
                firstOf[labels[i]] = i;
                classes.add(labels[i]);
            }
        }
        classes.sort(null);
        if (classes.size() < 2) {
            // one class only: walk between its first images
            for (int i = 0; i + 1 < Math.min(images.length, 11); i++) {
                from.add(images[i]);
                to.add(images[i + 1]);
            }
        } else {
            for (int c = 0; c < classes.size(); c++) {
                from.add(images[firstOf[classes.get(c)]]);
                to.add(images[firstOf[classes.get((c + 1) % classes.size())]]);
            }
        }
        if (from.isEmpty()) {
            from.add(images[0]);
            to.add(images[0]);
        }
        return new float[][][] {from.toArray(new float[0][]), to.toArray(new float[0][])};
    }

    private static Gallery gallery(Settings s, List<Integer> hiddenSizes, double elbo, double logLikelihood) {
        Dataset d = s.data();
        Gallery g = new Gallery("vae4j demo: " + d.name());
        g.note(String.format(Locale.ROOT, "A variational autoencoder with a %d-dimensional latent space (%shidden "
                + "layers %s, Bernoulli decoder) trained for %d epochs on %,d training images; test ELBO %.2f nats "
                + "per example%s. A second model with a 2-dimensional latent space, trained for %d epochs, draws "
                + "the latent space.", s.latent(), s.conv().length > 0 ? "convolutions with "
                        + Arrays.toString(s.conv()) + " filters, " : "", hiddenSizes, s.epochs(),
                d.trainImages().length, elbo, Double.isNaN(logLikelihood) ? "" : String.format(Locale.ROOT,
                        ", importance-weighted log-likelihood (k = %d) %.2f nats", s.iwaeK(), logLikelihood),
                s.epochs2d()));
        return g.figure("reconstructions.png", "Reconstructions", "Test images (left of each pair) and their "
                + "reconstructions by the latent-" + s.latent() + " model (right): the decoder's mean at the "
                + "encoder's posterior mean.")
                .figure("samples.png", "Samples from the prior", "100 draws z ~ N(0, I) decoded by the latent-"
                        + s.latent() + " model (the decoder's means, not noisy pixels).")
                .figure("training-curve.png", "Training curves", "Per-epoch means (thick) and per-step batch "
                        + "values (thin) of -ELBO and the reconstruction term above, and of the KL term below, "
                        + "in nats per example.")
                .figure("latent-scatter.png", "Latent space", "Posterior means of test images under the latent-2 "
                        + "model, coloured by class; the model never saw the labels.")
                .figure("manifold.png", "Learned manifold", "Decoded images of a 20 x 20 grid of latent points, "
                        + "z1 from left to right and z2 from bottom to top, at standard normal quantiles 0.05 to "
                        + "0.95 (as in Kingma and Welling's figures).")
                .figure("interpolation.gif", "Interpolation", "Walks along straight lines in the latent-2 space "
                        + "from one test image's posterior mean to another's, decoded at 24 points.");
    }

    /** Writes one picture and names it on the console. */
    private static Path write(Path folder, String name, PictureWriter writer) throws IOException {
        Path file = folder.resolve(name);
        writer.write(file);
        return file;
    }

    @FunctionalInterface
    private interface PictureWriter {
        void write(Path file) throws IOException;
    }
}

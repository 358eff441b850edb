package io.github.vae4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vae4j.Vae;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example programs end to end on a few hundred rows, one epoch, a small network. */
class ExamplesSmokeTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void mnistDemoWritesEveryPicture() throws Exception {
        Path folder = dir.resolve("demo");
        int code = MnistDemo.run(new String[] {"--train-rows", "300", "--test-rows", "100", "--epochs", "1",
            "--epochs-2d", "1", "--hidden", "64", "--iwae-rows", "20", "--iwae-k", "5", "--no-progress",
            "--out", folder.toString()}, out, err);
        assertThat(code).as(err()).isZero();
        for (String f : PictureDemo.FILES) {
            assertThat(folder.resolve(f)).as(f).isRegularFile();
            assertThat(Files.size(folder.resolve(f))).as(f).isPositive();
        }
        assertThat(folder.resolve("model.vae4j")).isRegularFile();
        BufferedImage samples = ImageIO.read(folder.resolve("samples.png").toFile());
        assertThat(samples.getWidth()).isEqualTo(10 * 56 + 11 * 2);
        assertThat(Files.readString(folder.resolve("index.html"))).contains("<img src=\"interpolation.gif\"",
                "<img src=\"manifold.png\"");
        assertThat(out()).contains("latent 10 epoch  1/1", "Test ELBO:", "IWAE, k = 5", "latent 2 epoch  1/1");
        try (Vae loaded = Vae.load(folder.resolve("model.vae4j"))) {
            assertThat(loaded.epochsCompleted()).isEqualTo(1);
        }
    }

    @Test
    void theDemoTrainsAConvolutionalModelWithTheSamePictures() throws Exception {
        Path folder = dir.resolve("conv");
        int code = MnistDemo.run(new String[] {"--train-rows", "200", "--test-rows", "100", "--epochs", "1",
            "--epochs-2d", "1", "--conv", "4,8", "--hidden", "32", "--iwae-rows", "10", "--iwae-k", "3",
            "--no-progress", "--out", folder.toString()}, out, err);
        assertThat(code).as(err()).isZero();
        for (String f : PictureDemo.FILES) {
            assertThat(folder.resolve(f)).as(f).isRegularFile();
        }
        assertThat(out()).contains("28x28x1-conv4-conv8(3/2 SAME)-32-10 BERNOULLI");
        assertThat(Files.readString(folder.resolve("index.html"))).contains("convolutions with [4, 8] filters");
        try (Vae loaded = Vae.load(folder.resolve("model.vae4j"))) {
            assertThat(loaded.config().convolutions().filters()).containsExactly(4, 8);
        }
    }

    @Test
    void activeUnitsComparesTwoPlansAndDrawsThem() throws Exception {
        Path folder = dir.resolve("units");
        int code = ActiveUnits.run(new String[] {"--train", "300", "--epochs", "2", "--latent", "4", "--hidden",
            "32", "--warmup", "3", "--out", folder.toString()}, out, err);
        assertThat(code).as(err()).isZero();
        assertThat(folder.resolve("active-units.png")).isRegularFile();
        assertThat(Files.readAllLines(folder.resolve("active-units.csv"))).hasSize(1 + 2 * 2)
                .anyMatch(l -> l.startsWith("plain,2,")).anyMatch(l -> l.startsWith("KL warm-up 3 steps"));
        assertThat(out()).contains("plain", "after 2 epochs", "latent units active");
    }

    @Test
    void csvTrainingWritesItsFileAndTrainsFromIt() throws Exception {
        Path file = dir.resolve("csv").resolve("digits.csv");
        int code = CsvTraining.run(new String[] {"--file", file.toString(), "--rows", "300", "--epochs", "2",
            "--latent", "2", "--hidden", "16", "--validation-fraction", "0.1"}, out, err);
        assertThat(code).as(err()).isZero();
        assertThat(Files.readAllLines(file)).hasSize(301).first().asString().startsWith("px0,px1,");
        assertThat(out()).contains("Writing 300 rows", "epoch 2:", "heap in use after GC", "test ELBO");
    }

    @Test
    void shuttleAnomaliesScoresExplainsAndDraws() throws Exception {
        Path folder = dir.resolve("shuttle");
        int code = ShuttleAnomalies.run(new String[] {"--normal-rows", "2000", "--epochs", "1", "--k", "2",
            "--out", folder.toString()}, out, err);
        assertThat(code).as(err()).isZero();
        assertThat(folder.resolve("roc.png")).isRegularFile();
        assertThat(folder.resolve("shuttle.vae4j")).isRegularFile();
        assertThat(out()).contains("AUROC", "Threshold at 1% false positives", "latent code");
    }

    @Test
    void sparkShuttleTrainsAndScoresOnSpark() throws Exception {
        Path folder = dir.resolve("spark-shuttle");
        int code = SparkShuttle.run(new String[] {"--normal-rows", "2000", "--epochs", "1", "--batch", "500", "--k",
            "2", "--master", "local[2]", "--out", folder.toString()}, out, err);
        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("synchronous steps", "AUROC", "The most unusual rows");
        assertThat(folder.resolve("shuttle-stage").resolve("metadata").resolve("part-00000")).isRegularFile();
        assertThat(folder.resolve("shuttle-stage").resolve("model.vae4j")).isRegularFile();
    }

    @Test
    void creditTablesImputesAndComparesSyntheticRows() throws Exception {
        Path folder = dir.resolve("credit");
        int code = CreditTables.run(new String[] {"--epochs", "1", "--latent", "2", "--out", folder.toString()},
                out, err);
        assertThat(code).as(err()).isZero();
        assertThat(Files.readAllLines(folder.resolve("synthetic-credit.csv"))).hasSize(4455);
        assertThat(out()).contains("Imputation of the held-out entries", "mean/mode", "Synthetic rows", "Income");
    }

    @Test
    void tabularBenchmarkWritesItsTableAndTrains() throws Exception {
        Path file = dir.resolve("t.csv");
        int code = TabularBenchmark.run(new String[] {"--file", file.toString(), "--rows", "500", "--epochs", "1",
            "--hidden", "16"}, out, err);
        assertThat(code).as(err()).isZero();
        assertThat(Files.readAllLines(file)).hasSize(501);
        assertThat(out()).contains("streamed from the CSV file", "from the table in memory", "scored 500 rows");
    }

    @Test
    void ctrlCStopsTrainingAndSavesTheModel() throws Exception {
        Path folder = dir.resolve("stopped");
        Cli.Args args = PictureDemo.cli("t", "t", "d", null, folder.toString()).parse(new String[] {"--epochs", "3",
            "--hidden", "32", "--no-progress"}, out);
        PictureDemo.Settings settings = PictureDemo.settings(args, Dataset.bundledMnist().limit(200, 50));
        try (GracefulStop stop = GracefulStop.install(out)) {
            stop.request();
            PictureDemo.Result result = PictureDemo.run(settings, out, stop);
            assertThat(result.completed()).isFalse();
        }
        assertThat(folder.resolve("model.vae4j")).isRegularFile();
        assertThat(folder.resolve("samples.png")).doesNotExist();
        assertThat(out()).contains("Stopped. Saved the model (completed epochs: 0)");
    }

    @Test
    void anomalyDetectionWritesTheRocCurve() {
        Path folder = dir.resolve("anomaly");
        int code = AnomalyDetection.run(new String[] {"--epochs", "1", "--hidden", "32", "--k", "2", "--test-rows",
            "200", "--no-progress", "--out", folder.toString()}, out, err);
        assertThat(code).as(err()).isZero();
        assertThat(folder.resolve("roc.png")).isRegularFile();
        assertThat(folder.resolve("most-normal-and-most-anomalous.png")).isRegularFile();
        assertThat(out()).contains("AUROC ");
    }

    @Test
    void digitsOneAndEightWritesManifoldAndScatter() {
        Path folder = dir.resolve("ones");
        int code = DigitsOneAndEight.run(new String[] {"--epochs", "1", "--hidden", "32", "--grid", "4",
            "--no-progress", "--out", folder.toString()}, out, err);
        assertThat(code).as(err()).isZero();
        assertThat(folder.resolve("manifold.png")).isRegularFile();
        assertThat(folder.resolve("latent-scatter.png")).isRegularFile();
        assertThat(out()).contains("z1~ink");
    }

    @Test
    void helpListsTheOptions() {
        assertThat(MnistDemo.run(new String[] {"--help"}, out, err)).isZero();
        assertThat(out()).contains("Usage: MnistDemo", "--data DIR", "--epochs N", "--out DIR", "--help");
        assertThat(AnomalyDetection.run(new String[] {"--help"}, out, err)).isZero();
        assertThat(out()).contains("--normal-class N");
    }

    @Test
    void wrongCommandLinesAndDataFoldersAreClearErrors() throws Exception {
        assertThat(MnistDemo.run(new String[] {"--epochs"}, out, err)).isEqualTo(Programs.USAGE);
        assertThat(err()).contains("--epochs needs a value", "--help");
        assertThat(MnistDemo.run(new String[] {"--epoch", "3"}, out, err)).isEqualTo(Programs.USAGE);
        assertThat(err()).contains("unknown option --epoch");
        assertThat(MnistDemo.run(new String[] {"--epochs", "many"}, out, err)).isEqualTo(Programs.USAGE);
        assertThat(err()).contains("--epochs needs a whole number, got 'many'");

        Path missing = dir.resolve("no-such-folder");
        assertThat(MnistDemo.run(new String[] {"--data", missing.toString()}, out, err)).isEqualTo(Programs.FAILURE);
        assertThat(err()).contains("data folder " + missing.toAbsolutePath() + " does not exist");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(MnistDemo.run(new String[] {"--data", empty.toString()}, out, err)).isEqualTo(Programs.FAILURE);
        assertThat(err()).contains("found no MNIST-style IDX files in");

        Path wrong = Files.createDirectories(dir.resolve("wrong"));
        Files.write(wrong.resolve("images-idx3-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 0});
        Files.write(wrong.resolve("labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 0});
        assertThat(MnistDemo.run(new String[] {"--data", wrong.toString()}, out, err)).isEqualTo(Programs.FAILURE);
        assertThat(err()).contains("is not an IDX image file");

        assertThat(FashionMnistDemo.run(new String[] {"--data", missing.toString()}, out, err))
                .isEqualTo(Programs.FAILURE);
        assertThat(err()).contains("sudo apt-get install dataset-fashion-mnist", "--data DIR");
    }
}

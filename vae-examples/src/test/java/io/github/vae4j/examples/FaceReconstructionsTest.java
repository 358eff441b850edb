package io.github.vae4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The faces example on a small convolutional model for a few epochs: the split, the figures and the pictures. */
class FaceReconstructionsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void thePeopleHeldOutAreNotTrainedOn() throws Exception {
        FaceReconstructions.Faces faces = FaceReconstructions.bundledFaces();
        assertThat(faces.train()).hasNumberOfRows(350);
        assertThat(faces.test()).hasNumberOfRows(50);
        assertThat(Arrays.stream(faces.trainPeople()).distinct().sorted().toArray())
                .isEqualTo(IntStream.range(0, 35).toArray());
        assertThat(faces.testPeople()).containsOnly(35, 36, 37, 38, 39);
        assertThat(faces.test()[0]).hasSize(64 * 64);
        for (float[] face : faces.test()) {
            assertThat(Arrays.stream(faces.train()).noneMatch(t -> Arrays.equals(t, face))).isTrue();
        }
        assertThat(FaceReconstructions.firstOfEachPerson(faces.test(), faces.testPeople(), 4)).hasNumberOfRows(20);
    }

    @Test
    void aFewEpochsImproveTheHeldOutElboAndWriteThePictures() throws Exception {
        Path folder = dir.resolve("faces");
        Cli.Args args = FaceReconstructions.cli().parse(new String[] {"--latent", "8", "--conv", "4,8",
            "--hidden", "32", "--epochs", "3", "--batch", "50", "--iwae-k", "5", "--out", folder.toString()}, out);
        FaceReconstructions.Result result;
        try (GracefulStop stop = GracefulStop.install(out)) {
            result = FaceReconstructions.run(FaceReconstructions.settings(args), FaceReconstructions.bundledFaces(),
                    out, stop);
        }
        assertThat(result.completed()).isTrue();
        assertThat(result.testElbo()).isFinite().isGreaterThan(result.untrainedElbo() + 200);
        assertThat(result.testLogLikelihood()).isFinite().isGreaterThan(result.untrainedElbo() + 200);
        assertThat(result.examplesPerSecond()).isPositive();
        for (String f : FaceReconstructions.FILES) {
            assertThat(folder.resolve(f)).as(f).isRegularFile();
            assertThat(Files.size(folder.resolve(f))).as(f).isPositive();
        }
        BufferedImage recon = ImageIO.read(folder.resolve("unseen-reconstructions.png").toFile());
        assertThat(recon.getHeight()).as("one row per held-out person").isEqualTo(5 * 64 + 6 * 2);
        BufferedImage strip = ImageIO.read(folder.resolve("interpolation.png").toFile());
        assertThat(strip.getWidth()).as("two faces and ten steps").isEqualTo(12 * 64 + 13 * 2);
        assertThat(out()).contains("people 0-34", "people 35-39", "faces per second", "IWAE, k = 5",
                "64x64x1-conv4-conv8(3/2 SAME)-32-8 GAUSSIAN");
    }

    @Test
    void helpAndWrongOptions() {
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        assertThat(FaceReconstructions.run(new String[] {"--help"}, out, err)).isZero();
        assertThat(out()).contains("Usage: FaceReconstructions", "--latent N", "--conv N,N,...", "(default 200)");
        assertThat(FaceReconstructions.run(new String[] {"--likelihood", "tabular"}, out, err))
                .isEqualTo(Programs.USAGE);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("bernoulli or gaussian");
    }
}

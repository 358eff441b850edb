package io.github.vae4j.io;

import static io.github.vae4j.io.TestModels.assertSameModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.vae4j.GaussianVariance;
import io.github.vae4j.Likelihood;
import io.github.vae4j.VaeConfig;
import io.github.vae4j.spi.ModelState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Backward compatibility: {@code model-format-v1.vae4j}, committed next to this class's package in the test resources,
 * was written by the version 1 writer and must stay readable by every later reader, with these exact values.
 *
 * <p>The fixture is never written by the tests. It was made once by {@link #main(String[])}; it must not be
 * regenerated once released, only added to (a {@code model-format-v2.vae4j} for the next version, and so on).
 */
class ModelFormatFixtureTest {

    static final String FIXTURE = "model-format-v1.vae4j";

    /** The model in the fixture: 6 inputs, 2 latent, one hidden layer of 4, Bernoulli; 90 parameters, Adam. */
    static SavedModel fixtureModel() {
        VaeConfig config = new VaeConfig(6, 2, List.of(4), Likelihood.BERNOULLI, GaussianVariance.learned(), 1.0, 10,
                16, 1e-3, 20_250_601L);
        float[] parameters = new float[90];
        float[] firstMoments = new float[90];
        float[] secondMoments = new float[90];
        for (int i = 0; i < 90; i++) { // exact in binary: the expected values are easy to state
            parameters[i] = (i - 45) / 64f;
            firstMoments[i] = i / 1024f;
            secondMoments[i] = i * i / 65536f;
        }
        Provenance provenance = new Provenance("0.1.0-SNAPSHOT", "17.0.15", "fixture, no backend", 640, 10,
                20_250_601L, -4.25, Instant.parse("2025-06-01T12:00:00.5Z"));
        TrainingProgress progress = new TrainingProgress(10, 400, new long[] {0x0123_4567_89ab_cdefL, 0, 0},
                new long[] {-2, 1, Double.doubleToRawLongBits(0.5)});
        return new SavedModel(config, provenance, new ModelState(parameters, List.of(firstMoments, secondMoments), 400),
                progress);
    }

    @Test
    void theVersion1FixtureReadsWithItsKnownValues() throws Exception {
        SavedModel model = ModelFile.fromBytes(fixtureBytes());

        VaeConfig c = model.config();
        assertThat(c.inputSize()).isEqualTo(6);
        assertThat(c.latentSize()).isEqualTo(2);
        assertThat(c.hiddenSizes()).containsExactly(4);
        assertThat(c.likelihood()).isEqualTo(Likelihood.BERNOULLI);
        assertThat(c.gaussianVariance()).isEqualTo(GaussianVariance.learned(0.001));
        assertThat(c.beta()).isEqualTo(1.0);
        assertThat(c.epochs()).isEqualTo(10);
        assertThat(c.batchSize()).isEqualTo(16);
        assertThat(c.learningRate()).isEqualTo(0.001);
        assertThat(c.seed()).isEqualTo(20_250_601L);
        Provenance p = model.provenance();
        assertThat(p.libraryVersion()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(p.javaVersion()).isEqualTo("17.0.15");
        assertThat(p.backend()).isEqualTo("fixture, no backend");
        assertThat(p.trainingExamples()).isEqualTo(640);
        assertThat(p.epochs()).isEqualTo(10);
        assertThat(p.finalElbo()).isEqualTo(-4.25);
        assertThat(p.createdAt()).isEqualTo(Instant.parse("2025-06-01T12:00:00.500Z"));
        assertThat(model.progress().epochsCompleted()).isEqualTo(10);
        assertThat(model.progress().stepsCompleted()).isEqualTo(400);
        assertThat(model.progress().shuffleRandom()).containsExactly(0x0123_4567_89ab_cdefL, 0, 0);
        assertThat(model.progress().noiseRandom()).containsExactly(-2, 1, 0x3fe0_0000_0000_0000L);
        ModelState s = model.state();
        assertThat(s.parameters()).hasSize(90);
        assertThat(s.parameters()[0]).isEqualTo(-0.703125f);
        assertThat(s.parameters()[45]).isEqualTo(0f);
        assertThat(s.parameters()[89]).isEqualTo(0.6875f);
        assertThat(s.optimizerSlots()).hasSize(2);
        assertThat(s.optimizerSlots().get(0)[89]).isEqualTo(89 / 1024f);
        assertThat(s.optimizerSlots().get(1)[89]).isEqualTo(7921 / 65536f);
        assertThat(s.optimizerStep()).isEqualTo(400);
        assertSameModel(model, fixtureModel());
    }

    @Test
    void theVersion1FixtureReadsFromAFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve(FIXTURE), fixtureBytes());

        assertSameModel(ModelFile.read(file), fixtureModel());
    }

    @Test
    void theWriterStillWritesTheVersion1FixtureByteForByte() throws Exception {
        // holds while this library writes version 1; once it writes a newer version, only the reading tests stay
        assumeTrue(ModelFile.FORMAT_VERSION == 1, "this library writes a newer format");

        assertThat(ModelFile.toBytes(fixtureModel())).isEqualTo(fixtureBytes());
    }

    private static byte[] fixtureBytes() throws IOException {
        try (InputStream in = ModelFormatFixtureTest.class.getResourceAsStream(FIXTURE)) {
            assertThat(in).as("test resource " + FIXTURE).isNotNull();
            return in.readAllBytes();
        }
    }

    /**
     * Writes the fixture; run by hand, once per format version, never by the tests.
     *
     * @param args the file to write, e.g. {@code vae-api/src/test/resources/io/github/vae4j/io/model-format-v1.vae4j}
     * @throws IOException if writing fails
     */
    public static void main(String[] args) throws IOException {
        ModelFile.write(Path.of(args[0]), fixtureModel());
    }
}

package io.github.vae4j.io;

import static io.github.vae4j.io.TestModels.assertSameModel;
import static io.github.vae4j.io.TestModels.config;
import static io.github.vae4j.io.TestModels.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vae4j.GaussianVariance;
import io.github.vae4j.Likelihood;
import io.github.vae4j.Optimizer;
import io.github.vae4j.VaeConfig;
import io.github.vae4j.spi.ModelState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelFileRoundTripTest {

    @TempDir
    Path dir;

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("Gaussian, learned variance, 3 slots", TestModels.small()),
                Arguments.of("Bernoulli, two hidden layers", model(1, config(784, Likelihood.BERNOULLI,
                        GaussianVariance.learned(), 512, 256), 2_000, 2, -97.25)),
                Arguments.of("Gaussian, fixed variance", model(2, config(10, Likelihood.GAUSSIAN,
                        GaussianVariance.fixed(0.25), 8), 300, 2, 12.5)),
                Arguments.of("no hidden layers", model(3, config(5, Likelihood.BERNOULLI,
                        GaussianVariance.learned(0.01)), 40, 2, -3.0)),
                Arguments.of("never trained: NaN ELBO", model(4, config(5, Likelihood.GAUSSIAN,
                        GaussianVariance.learned()), 64, 2, Double.NaN)),
                Arguments.of("no optimizer slots", model(5, config(4, Likelihood.BERNOULLI,
                        GaussianVariance.learned(), 3), 50, 0, -1.0)),
                Arguments.of("no parameters", model(6, config(4, Likelihood.BERNOULLI,
                        GaussianVariance.learned(), 3), 0, 2, -1.0)),
                Arguments.of("eight slots, 64 hidden layers", model(7, new VaeConfig(VaeConfig.MAX_LAYER_SIZE, 1,
                        java.util.Collections.nCopies(64, 3), Likelihood.GAUSSIAN, GaussianVariance.fixed(1e-300),
                        Long.MIN_VALUE), 10, 8, Double.NEGATIVE_INFINITY)),
                Arguments.of("extreme training defaults", withDefaults(model(8, config(4, Likelihood.BERNOULLI,
                        GaussianVariance.learned(), 3), 20, 1, 0.5), new TrainingDefaults(0, Integer.MAX_VALUE,
                        Double.MIN_VALUE))),
                Arguments.of("SGD with Nesterov's momentum", withOptimizer(model(9, config(4, Likelihood.BERNOULLI,
                        GaussianVariance.learned(), 3), 20, 1, 0.5), Optimizer.sgd(0.1, 0.9).withNesterov(true))),
                Arguments.of("plain SGD, no slots", withOptimizer(model(10, config(4, Likelihood.BERNOULLI,
                        GaussianVariance.learned(), 3), 20, 0, 0.5), Optimizer.sgd(0.1, 0))),
                Arguments.of("a run in progress without early stopping", withRun(model(11, config(4,
                        Likelihood.BERNOULLI, GaussianVariance.learned(), 3), 20, 2, 0.5), false)),
                Arguments.of("a run in progress with early stopping's best state", withRun(model(12, config(4,
                        Likelihood.BERNOULLI, GaussianVariance.learned(), 3), 20, 2, 0.5), true)),
                Arguments.of("a tabular model with its scaling", ModelFormatFixtureTest.fixtureModelV4()),
                Arguments.of("a tabular model never trained", withScaling(ModelFormatFixtureTest.fixtureModelV4(),
                        null)));
    }

    private static SavedModel withScaling(SavedModel m, io.github.vae4j.tabular.Scaling scaling) {
        return new SavedModel(m.config(), m.defaults(), m.provenance(), m.state(), m.progress(), scaling);
    }

    private static SavedModel withDefaults(SavedModel m, TrainingDefaults defaults) {
        return new SavedModel(m.config(), defaults, m.provenance(), m.state(), m.progress());
    }

    private static SavedModel withOptimizer(SavedModel m, Optimizer optimizer) {
        ModelState s = m.state();
        return new SavedModel(m.config(), m.defaults(), m.provenance(),
                new ModelState(s.parameters(), optimizer, s.optimizerSlots(), s.optimizerStep()), m.progress());
    }

    private static SavedModel withRun(SavedModel m, boolean best) {
        ModelState s = m.state();
        ModelState bestState = best ? new ModelState(s.parameters().clone(), s.optimizer(),
                List.of(s.optimizerSlots().get(1), s.optimizerSlots().get(0)), 3) : null;
        TrainingProgress p = m.progress();
        RunProgress run = new RunProgress(2, 30, best ? 6 : 0, best ? -12.5 : Double.NaN, best ? 1 : 0, bestState);
        return new SavedModel(m.config(), m.defaults(), m.provenance(), s, new TrainingProgress(p.epochsCompleted(),
                p.stepsCompleted(), p.shuffleRandom(), p.noiseRandom(), run));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyFieldSurvivesAFile(String name, SavedModel model) throws Exception {
        Path file = dir.resolve("model.vae4j");
        ModelFile.write(file, model);

        SavedModel read = ModelFile.read(file);

        assertSameModel(read, model);
        assertThat(Files.readAllBytes(file)).isEqualTo(ModelFile.toBytes(model));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyFieldSurvivesBytesAndStreams(String name, SavedModel model) throws Exception {
        byte[] bytes = ModelFile.toBytes(model);
        assertSameModel(ModelFile.fromBytes(bytes), model);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.write(out, model);
        assertThat(out.toByteArray()).isEqualTo(bytes);
        assertSameModel(ModelFile.read(new ByteArrayInputStream(bytes)), model);
    }

    @Test
    void theLayoutFollowsTheDocumentation() {
        SavedModel model = TestModels.small();
        byte[] bytes = ModelFile.toBytes(model);
        ByteBuffer b = ByteBuffer.wrap(bytes);

        assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("VAE4J");
        assertThat(bytes[5]).isEqualTo((byte) '\r');
        assertThat(bytes[6]).isEqualTo((byte) '\n');
        assertThat(bytes[7]).isEqualTo((byte) 0x1a);
        assertThat(b.getInt(8)).isEqualTo(ModelFile.FORMAT_VERSION);
        assertThat(b.getLong(12)).isEqualTo(bytes.length);
        assertThat(b.getInt(20)).isEqualTo(TestModels.crc(bytes, 0, 20));
        assertThat(b.getInt(bytes.length - 4)).isEqualTo(TestModels.crc(bytes, 0, bytes.length - 4));

        var at = TestModels.offsets(bytes); // walks the documented layout and checks the total length
        assertThat(b.getInt(at.get("input size"))).isEqualTo(6);
        assertThat(b.getInt(at.get("latent size"))).isEqualTo(3);
        assertThat(b.getInt(at.get("hidden layer count"))).isEqualTo(2);
        assertThat(b.getInt(at.get("hidden sizes") + 4)).isEqualTo(4);
        assertThat(new String(bytes, at.get("likelihood length") + 4, 8, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("GAUSSIAN");
        assertThat(bytes[at.get("variance kind")]).isEqualTo((byte) 1);
        assertThat(b.getDouble(at.get("variance value"))).isEqualTo(GaussianVariance.DEFAULT_FLOOR);
        assertThat(b.getDouble(at.get("beta"))).isEqualTo(0.75);
        assertThat(b.getInt(at.get("batch size"))).isEqualTo(32);
        assertThat(b.getLong(at.get("seed"))).isEqualTo(42L);
        assertThat(b.getDouble(at.get("final ELBO"))).isEqualTo(-123.456);
        assertThat(b.getLong(at.get("created seconds"))).isEqualTo(1_700_000_000L);
        assertThat(b.getInt(at.get("created nanos"))).isEqualTo(123_456_789);
        assertThat(b.getLong(at.get("steps completed"))).isEqualTo(13_125L);
        assertThat(b.getInt(at.get("parameter count"))).isEqualTo(1_000);
        assertThat(b.getInt(at.get("slot count"))).isEqualTo(3);
        assertThat(b.getFloat(at.get("parameters"))).isEqualTo(model.state().parameters()[0]);
        assertThat(b.getFloat(at.get("optimizer slot 3") + 4 * 999))
                .isEqualTo(model.state().optimizerSlots().get(2)[999]);
    }

    @Test
    void nanPayloadsAndSignedZerosKeepTheirBits() throws Exception {
        float[] odd = {Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xffa00000), -0.0f, 0.0f,
            Float.MIN_VALUE, Float.POSITIVE_INFINITY};
        double elbo = Double.longBitsToDouble(0x7ff8_0000_dead_beefL);
        SavedModel base = TestModels.small();
        SavedModel model = new SavedModel(base.config(), base.defaults(), new Provenance("v", "j", "", 0, 0, 0, elbo,
                Instant.ofEpochSecond(-5, 999_999_999)), new ModelState(odd, base.state().optimizer(),
                List.of(odd.clone()), 0), base.progress());

        SavedModel read = ModelFile.fromBytes(ModelFile.toBytes(model));

        for (int i = 0; i < odd.length; i++) {
            assertThat(Float.floatToRawIntBits(read.state().parameters()[i])).isEqualTo(Float.floatToRawIntBits(odd[i]));
        }
        assertThat(Double.doubleToRawLongBits(read.provenance().finalElbo())).isEqualTo(0x7ff8_0000_dead_beefL);
        assertThat(read.provenance().createdAt()).isEqualTo(Instant.ofEpochSecond(-5, 999_999_999));
        assertThat(read.provenance().backend()).isEmpty();
    }

    @Test
    void aMillionParametersRoundTripQuickly() throws Exception {
        // 1.4 million parameters and two Adam slots, about 17 MB: bulk float I/O makes this a matter of milliseconds
        SavedModel model = model(11, config(784, Likelihood.BERNOULLI, GaussianVariance.learned(), 512, 256),
                1_400_000, 2, -90.0);
        Path file = dir.resolve("big.vae4j");

        long start = System.nanoTime();
        ModelFile.write(file, model);
        SavedModel read = ModelFile.read(file);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertSameModel(read, model);
        assertThat(Files.size(file)).isGreaterThan(16_800_000L);
        // generous, for a loaded build machine; a one-value-at-a-time implementation takes far longer
        assertThat(millis).as("milliseconds to write and read 1.4M parameters").isLessThan(5_000);
    }
}

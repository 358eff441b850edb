package io.github.vae4j.io;

import static io.github.vae4j.io.TestModels.assertSameModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.vae4j.Convolutions;
import io.github.vae4j.GaussianVariance;
import io.github.vae4j.ImageShape;
import io.github.vae4j.LatentPrior;
import io.github.vae4j.Likelihood;
import io.github.vae4j.Optimizer;
import io.github.vae4j.VaeConfig;
import io.github.vae4j.spi.ModelState;
import io.github.vae4j.tabular.Scaling;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.UnknownLevels;
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
 * Likewise {@code model-format-v2.vae4j}, the first format with an image shape and convolutions, and
 * {@code model-format-v3.vae4j}, the first with the training settings apart from the architecture, the optimiser's
 * kind and hyperparameters, and an unfinished run's progress.
 *
 * <p>The fixtures are never written by the tests. Each was made once by {@link #main(String[])} (v1 by the version 1
 * writer); they must not be regenerated, only added to ({@code model-format-v3.vae4j} for the next version, and so
 * on).
 */
class ModelFormatFixtureTest {

    static final String FIXTURE = "model-format-v1.vae4j";

    static final String FIXTURE_V2 = "model-format-v2.vae4j";

    static final String FIXTURE_V3 = "model-format-v3.vae4j";

    static final String FIXTURE_V4 = "model-format-v4.vae4j";

    static final String FIXTURE_V5 = "model-format-v5.vae4j";
    static final String FIXTURE_V6 = "model-format-v6.vae4j";

    /**
     * The likelihood of a host's in the version 5 fixture: a Laplace distribution whose location is the decoder's
     * output and whose scale is the saved parameter. Only its name, heads and parameters matter to the file.
     */
    record FixtureLaplace(double scale) implements Likelihood {
        static final String NAME = "fixture.laplace";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public List<Double> parameters() {
            return List.of(scale);
        }

        @Override
        public int heads() {
            return 1;
        }

        @Override
        public double negativeLogDensity(double x, double[] theta, double[] gradient) {
            double d = x - theta[0];
            if (gradient != null) {
                gradient[0] = -Math.signum(d) / scale;
            }
            return Math.abs(d) / scale + Math.log(2 * scale);
        }

        @Override
        public double mean(double[] theta) {
            return theta[0];
        }

        @Override
        public double sample(double[] theta, io.github.vae4j.spi.RandomStream random) {
            double u = random.nextDouble() - 0.5;
            return theta[0] - scale * Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
        }
    }

    static {
        io.github.vae4j.Likelihoods.register(FixtureLaplace.NAME, p -> new FixtureLaplace(p.get(0)));
    }

    /**
     * The model in the version 5 fixture: dense, 4 inputs, one hidden layer of 3, latent 2, the host's likelihood
     * {@link FixtureLaplace} with scale 0.75, the prior a mixture of 4 Gaussians (radius 2, sigma 0.5); 50 parameter
     * values (the file does not check them against the layout, a backend does when it loads them); SGD with momentum,
     * never trained further; no scaling, no run in progress.
     */
    static SavedModel fixtureModelV5() {
        VaeConfig config = new VaeConfig(4, 2, List.of(3), null, Convolutions.NONE, new FixtureLaplace(0.75),
                GaussianVariance.learned(), 20_261_207L, null, LatentPrior.mixture(4, 2.0, 0.5));
        int n = 50;
        float[] parameters = new float[n];
        for (int i = 0; i < n; i++) {
            parameters[i] = (i - 25) / 16f;
        }
        Provenance provenance = new Provenance("0.1.0-SNAPSHOT", "17.0.15", "fixture v5, no backend", 128, 2,
                20_261_207L, -6.5, Instant.parse("2026-12-07T12:00:00Z"));
        TrainingProgress progress = new TrainingProgress(2, 4, new long[] {5, 0, 0}, new long[] {6, 0, 0});
        return new SavedModel(config, new TrainingDefaults(10, 64, 1, 0), provenance,
                new ModelState(parameters, Optimizer.sgd(0.01, 0.9), List.of(new float[n]), 4), progress, null);
    }

    /** The schema of the version 6 fixture: {@code shop} is a condition column. */
    static Schema fixtureSchemaV6() {
        return Schema.builder().numeric("amount", true, true).binary("card", "no", "yes")
                .categorical("shop", "food", "fuel", "travel").condition("shop").build();
    }

    /**
     * The model in the version 6 fixture: tabular and conditional, the schema above (modelled width 2 + 1 = 3, the
     * condition's 3), one hidden layer of 4, latent 2; its scaling; Adam over 60 values, never trained further.
     */
    static SavedModel fixtureModelV6() {
        VaeConfig config = new VaeConfig(0, 2, List.of(4), null, Convolutions.NONE, Likelihood.TABULAR,
                GaussianVariance.learned(), 20_261_208L, fixtureSchemaV6(), LatentPrior.STANDARD_NORMAL);
        int n = 60;
        float[] parameters = new float[n];
        for (int i = 0; i < n; i++) {
            parameters[i] = (i - 30) / 32f;
        }
        Provenance provenance = new Provenance("0.1.0-SNAPSHOT", "17.0.15", "fixture v6, no backend", 400, 3,
                20_261_208L, -4.5, Instant.parse("2026-12-08T12:00:00Z"));
        TrainingProgress progress = new TrainingProgress(3, 30, new long[] {7, 0, 0}, new long[] {8, 0, 0});
        return new SavedModel(config, new TrainingDefaults(3, 40, 1, 10), provenance,
                new ModelState(parameters, Optimizer.adam(1e-3), List.of(new float[n], new float[n]), 30), progress,
                new Scaling(new double[] {2.5, 0, 0}, new double[] {0.75, 1, 1}));
    }

    /** The schema of the version 4 fixture. */
    static Schema fixtureSchemaV4() {
        return Schema.builder().numeric("amount", true, true).binary("records", "no", "yes")
                .categorical("home", "owner", "rent", "parents").varianceFloor(0.05)
                .unknownLevels(UnknownLevels.AS_MISSING).build().toBuilder()
                .replace("home", c -> c.withNullable(true)).build();
    }

    /**
     * The model in the version 4 fixture: tabular, the schema above (encoded width 2 + 1 + 4 = 7), one hidden layer
     * of 3, latent 2; its scaling; defaults of 15 epochs, batches of 50, beta 1, gradients clipped at 10; Adam over
     * 41 values, never trained further; no run in progress.
     */
    static SavedModel fixtureModelV4() {
        VaeConfig config = new VaeConfig(0, 2, List.of(3), null, Convolutions.NONE, Likelihood.TABULAR,
                GaussianVariance.learned(), 20_261_201L, fixtureSchemaV4());
        int n = 41;
        float[] parameters = new float[n];
        float[] first = new float[n];
        float[] second = new float[n];
        for (int i = 0; i < n; i++) {
            parameters[i] = (i - 20) / 8f;
            first[i] = i / 64f;
            second[i] = i / 256f;
        }
        Provenance provenance = new Provenance("0.1.0-SNAPSHOT", "17.0.15", "fixture v4, no backend", 4454, 15,
                20_261_201L, -9.75, Instant.parse("2026-12-01T12:00:00Z"));
        TrainingProgress progress = new TrainingProgress(15, 1350, new long[] {3, 0, 0}, new long[] {4, 0, 0});
        return new SavedModel(config, new TrainingDefaults(15, 50, 1, 10), provenance,
                new ModelState(parameters, Optimizer.adam(1e-3), List.of(first, second), 1350), progress,
                new Scaling(new double[] {6.5, 0, 0}, new double[] {1.25, 1, 1}));
    }

    /**
     * The model in the version 3 fixture: dense, 5 inputs, one hidden layer of 3, latent 2, Gaussian with a learned
     * variance floored at 0.01; defaults of 20 epochs, batches of 64, beta 0.5; RMSProp (rate 2e-3, decay 0.95,
     * epsilon 1e-6) with one slot over 37 values; saved in a run after 3 of its epochs, with early stopping's best
     * state (epoch 4, validation ELBO -7.25).
     */
    static SavedModel fixtureModelV3() {
        VaeConfig config = new VaeConfig(5, 2, List.of(3), Likelihood.GAUSSIAN, GaussianVariance.learned(0.01),
                20_261_201L);
        int n = 37;
        float[] parameters = new float[n];
        float[] meanSquares = new float[n];
        float[] bestParameters = new float[n];
        float[] bestMeanSquares = new float[n];
        for (int i = 0; i < n; i++) {
            parameters[i] = (i - 18) / 16f;
            meanSquares[i] = i / 256f;
            bestParameters[i] = (18 - i) / 8f;
            bestMeanSquares[i] = i / 128f;
        }
        Optimizer rmsProp = Optimizer.rmsProp(2e-3).withDecay(0.95).withEpsilon(1e-6);
        Provenance provenance = new Provenance("0.1.0-SNAPSHOT", "17.0.15", "fixture v3, no backend", 250, 5,
                20_261_201L, -6.5, Instant.parse("2026-12-01T10:00:00Z"));
        RunProgress run = new RunProgress(3, 12, 4, -7.25, 1,
                new ModelState(bestParameters, rmsProp, List.of(bestMeanSquares), 16));
        TrainingProgress progress = new TrainingProgress(5, 20, new long[] {7, 0, 0}, new long[] {8, 1,
                Double.doubleToRawLongBits(-0.25)}, run);
        return new SavedModel(config, new TrainingDefaults(20, 64, 0.5), provenance,
                new ModelState(parameters, rmsProp, List.of(meanSquares), 20), progress);
    }

    /**
     * The model in the version 2 fixture: a 4x4x1 image, one 3x3 stride-2 convolution with 2 filters (to 2x2x2), one
     * hidden layer of 3, latent 2, Gaussian with fixed variance 0.25; 129 parameter values with Adam's two slots
     * (the format stores them without checking them against the configuration).
     */
    static SavedModel fixtureModelV2() {
        VaeConfig config = new VaeConfig(0, 2, List.of(3), new ImageShape(4, 4, 1),
                new Convolutions(List.of(2), 3, 2, Convolutions.Padding.SAME), Likelihood.GAUSSIAN,
                GaussianVariance.fixed(0.25), 20_261_122L);
        int n = 129;
        float[] parameters = new float[n];
        float[] firstMoments = new float[n];
        float[] secondMoments = new float[n];
        for (int i = 0; i < n; i++) {
            parameters[i] = (i - 64) / 32f;
            firstMoments[i] = -i / 512f;
            secondMoments[i] = i / 4096f;
        }
        Provenance provenance = new Provenance("0.1.0-SNAPSHOT", "17.0.15", "fixture v2, no backend", 96, 7,
                20_261_122L, 12.5, Instant.parse("2026-11-22T07:00:00Z"));
        TrainingProgress progress = new TrainingProgress(7, 84, new long[] {1, 2, 3}, new long[] {4, 5, 6});
        return new SavedModel(config, new TrainingDefaults(7, 8, 0.5), provenance,
                new ModelState(parameters, Optimizer.adam(2e-3), List.of(firstMoments, secondMoments), 84), progress);
    }

    /** The model in the fixture: 6 inputs, 2 latent, one hidden layer of 4, Bernoulli; 90 parameters, Adam. */
    static SavedModel fixtureModel() {
        VaeConfig config = new VaeConfig(6, 2, List.of(4), Likelihood.BERNOULLI, GaussianVariance.learned(),
                20_250_601L);
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
        return new SavedModel(config, new TrainingDefaults(10, 16, 1.0), provenance,
                new ModelState(parameters, Optimizer.adam(1e-3), List.of(firstMoments, secondMoments), 400), progress);
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
        assertThat(model.defaults()).isEqualTo(new TrainingDefaults(10, 16, 1.0));
        assertThat(model.state().optimizer()).isEqualTo(Optimizer.adam(0.001)); // the only optimiser of version 1
        assertThat(model.progress().run()).isNull();
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
    void aVersion1FileIsADenseModelAndIsRewrittenAsTheCurrentVersion() throws Exception {
        SavedModel v1 = ModelFile.fromBytes(fixtureBytes());
        assertThat(v1.config().image()).isNull();
        assertThat(v1.config().convolutions()).isEqualTo(Convolutions.NONE);

        byte[] rewritten = ModelFile.toBytes(v1);

        assertThat(java.nio.ByteBuffer.wrap(rewritten).getInt(8)).isEqualTo(ModelFile.FORMAT_VERSION);
        assertSameModel(ModelFile.fromBytes(rewritten), fixtureModel());
    }

    @Test
    void theVersion2FixtureReadsWithItsKnownValues() throws Exception {
        SavedModel model = ModelFile.fromBytes(bytes(FIXTURE_V2));

        VaeConfig c = model.config();
        assertThat(c.inputSize()).isEqualTo(16);
        assertThat(c.image()).isEqualTo(new ImageShape(4, 4, 1));
        assertThat(c.convolutions().filters()).containsExactly(2);
        assertThat(c.convolutions().kernelSize()).isEqualTo(3);
        assertThat(c.convolutions().stride()).isEqualTo(2);
        assertThat(c.convolutions().padding()).isEqualTo(Convolutions.Padding.SAME);
        assertThat(c.hiddenSizes()).containsExactly(3);
        assertThat(c.likelihood()).isEqualTo(Likelihood.GAUSSIAN);
        assertThat(c.gaussianVariance()).isEqualTo(GaussianVariance.fixed(0.25));
        assertThat(model.defaults()).isEqualTo(new TrainingDefaults(7, 8, 0.5));
        assertThat(model.state().optimizer()).isEqualTo(Optimizer.adam(2e-3));
        assertThat(model.provenance().backend()).isEqualTo("fixture v2, no backend");
        assertThat(model.state().parameters()).hasSize(129);
        assertThat(model.state().parameters()[128]).isEqualTo(2f);
        assertSameModel(model, fixtureModelV2());
    }

    @Test
    void aVersion2FileIsRewrittenAsTheCurrentVersionWithTheSameModel() throws Exception {
        SavedModel v2 = ModelFile.fromBytes(bytes(FIXTURE_V2));

        byte[] rewritten = ModelFile.toBytes(v2);

        assertThat(java.nio.ByteBuffer.wrap(rewritten).getInt(8)).isEqualTo(ModelFile.FORMAT_VERSION);
        assertSameModel(ModelFile.fromBytes(rewritten), fixtureModelV2());
    }

    @Test
    void theVersion3FixtureReadsWithItsKnownValues() throws Exception {
        SavedModel model = ModelFile.fromBytes(bytes(FIXTURE_V3));

        VaeConfig c = model.config();
        assertThat(c.inputSize()).isEqualTo(5);
        assertThat(c.image()).isNull();
        assertThat(c.hiddenSizes()).containsExactly(3);
        assertThat(c.likelihood()).isEqualTo(Likelihood.GAUSSIAN);
        assertThat(c.gaussianVariance()).isEqualTo(GaussianVariance.learned(0.01));
        assertThat(c.seed()).isEqualTo(20_261_201L);
        assertThat(model.defaults()).isEqualTo(new TrainingDefaults(20, 64, 0.5));
        ModelState s = model.state();
        assertThat(s.optimizer()).isEqualTo(new Optimizer.RmsProp(2e-3, 0.95, 1e-6));
        assertThat(s.optimizerStep()).isEqualTo(20);
        assertThat(s.parameters()).hasSize(37);
        assertThat(s.parameters()[36]).isEqualTo(1.125f);
        assertThat(s.optimizerSlots()).hasSize(1);
        assertThat(s.optimizerSlots().get(0)[36]).isEqualTo(36 / 256f);
        RunProgress run = model.progress().run();
        assertThat(run.epochs()).isEqualTo(3);
        assertThat(run.steps()).isEqualTo(12);
        assertThat(run.bestEpoch()).isEqualTo(4);
        assertThat(run.bestValidationElbo()).isEqualTo(-7.25);
        assertThat(run.epochsSinceBest()).isEqualTo(1);
        assertThat(run.bestState().optimizerStep()).isEqualTo(16);
        assertThat(run.bestState().parameters()[36]).isEqualTo(-2.25f);
        assertThat(run.bestState().optimizerSlots().get(0)[36]).isEqualTo(36 / 128f);
        assertThat(model.provenance().backend()).isEqualTo("fixture v3, no backend");
        assertSameModel(model, fixtureModelV3());
    }

    @Test
    void theVersion6FixtureReadsAConditionalModelAndItsConditionColumn() throws Exception {
        SavedModel model = ModelFile.fromBytes(bytes(FIXTURE_V6));

        VaeConfig c = model.config();
        assertThat(c.schema()).isEqualTo(fixtureSchemaV6());
        assertThat(c.schema().conditionNames()).containsExactly("shop");
        assertThat(c.inputSize()).isEqualTo(3);
        assertThat(c.conditions()).isEqualTo(3);
        assertThat(c.rowWidth()).isEqualTo(6);
        assertThat(model.state().parameters()[59]).isEqualTo(29 / 32f);
        assertSameModel(model, fixtureModelV6());
    }

    @Test
    void theWriterWritesTheVersion6FixtureByteForByte() throws Exception {
        assumeTrue(ModelFile.FORMAT_VERSION == 6, "this library writes a newer format");

        assertThat(ModelFile.toBytes(fixtureModelV6())).isEqualTo(bytes(FIXTURE_V6));
    }

    @Test
    void theVersion5FixtureReadsAHostsLikelihoodAndAMixturePriorWithTheirParameters() throws Exception {
        SavedModel model = ModelFile.fromBytes(bytes(FIXTURE_V5));

        VaeConfig c = model.config();
        assertThat(c.likelihood()).isEqualTo(new FixtureLaplace(0.75));
        assertThat(c.hasCustomLikelihood()).isTrue();
        assertThat(c.prior()).isEqualTo(LatentPrior.mixture(4, 2.0, 0.5));
        assertThat(model.state().optimizer()).isEqualTo(Optimizer.sgd(0.01, 0.9));
        assertThat(model.state().parameters()[49]).isEqualTo(1.5f);
        assertSameModel(model, fixtureModelV5());
    }

    @Test
    void theWriterWritesTheVersion5FixtureByteForByte() throws Exception {
        // version 6 adds the condition width to the configuration: the version 5 bytes are no longer written
        assumeTrue(ModelFile.FORMAT_VERSION == 5, "this library writes a newer format");

        assertThat(ModelFile.toBytes(fixtureModelV5())).isEqualTo(bytes(FIXTURE_V5));
    }

    @Test
    void aFileNamingALikelihoodNoOneRegisteredIsRefusedNamingIt() throws Exception {
        byte[] v5 = bytes(FIXTURE_V5);
        byte[] renamed = new String(v5, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace(FixtureLaplace.NAME, "fixture.laplacz").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        // the checksums no longer match: recompute them as a writer would have
        byte[] rewritten = TestModels.rechecksum(renamed);
        assertThatThrownBy(() -> ModelFile.fromBytes(rewritten)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("unknown likelihood 'fixture.laplacz'")
                .hasMessageContaining("Likelihoods.register");
    }

    @Test
    void theVersion4FixtureReadsWithItsKnownValues() throws Exception {
        SavedModel model = ModelFile.fromBytes(bytes(FIXTURE_V4));

        VaeConfig c = model.config();
        assertThat(c.likelihood()).isEqualTo(Likelihood.TABULAR);
        assertThat(c.schema()).isEqualTo(fixtureSchemaV4());
        assertThat(c.inputSize()).isEqualTo(7);
        assertThat(c.schema().column(0).logTransform()).isTrue();
        assertThat(c.schema().unknownLevels()).isEqualTo(UnknownLevels.AS_MISSING);
        assertThat(model.defaults()).isEqualTo(new TrainingDefaults(15, 50, 1, 10));
        assertThat(model.scaling().centerOf(0)).isEqualTo(6.5);
        assertThat(model.scaling().scaleOf(0)).isEqualTo(1.25);
        assertThat(model.state().parameters()[40]).isEqualTo(2.5f);
        assertThat(model.progress().run()).isNull();
        assertSameModel(model, fixtureModelV4());
    }

    @Test
    void aVersion3FileIsRewrittenAsTheCurrentVersionWithTheSameModel() throws Exception {
        SavedModel v3 = ModelFile.fromBytes(bytes(FIXTURE_V3));

        byte[] rewritten = ModelFile.toBytes(v3);

        assertThat(java.nio.ByteBuffer.wrap(rewritten).getInt(8)).isEqualTo(ModelFile.FORMAT_VERSION);
        assertSameModel(ModelFile.fromBytes(rewritten), fixtureModelV3());
    }

    @Test
    void theWriterWritesTheVersion4FixtureByteForByte() throws Exception {
        // version 5 adds a count of likelihood parameters after the name: the version 4 bytes are no longer written
        assumeTrue(ModelFile.FORMAT_VERSION == 4, "this library writes a newer format");

        assertThat(ModelFile.toBytes(fixtureModelV4())).isEqualTo(bytes(FIXTURE_V4));
    }

    @Test
    void theWriterWritesTheVersion3FixtureByteForByte() throws Exception {
        assumeTrue(ModelFile.FORMAT_VERSION == 3, "this library writes a newer format");

        assertThat(ModelFile.toBytes(fixtureModelV3())).isEqualTo(bytes(FIXTURE_V3));
    }

    private static byte[] fixtureBytes() throws IOException {
        return bytes(FIXTURE);
    }

    private static byte[] bytes(String fixture) throws IOException {
        try (InputStream in = ModelFormatFixtureTest.class.getResourceAsStream(fixture)) {
            assertThat(in).as("test resource " + fixture).isNotNull();
            return in.readAllBytes();
        }
    }

    /**
     * Writes the fixture; run by hand, once per format version, never by the tests.
     *
     * @param args the file to write, e.g. {@code vae-api/src/test/resources/io/github/vae4j/io/model-format-v4.vae4j}
     * @throws IOException if writing fails
     */
    public static void main(String[] args) throws IOException {
        ModelFile.write(Path.of(args[0]), fixtureModelV6());
    }
}

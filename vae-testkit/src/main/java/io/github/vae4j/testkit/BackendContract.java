package io.github.vae4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vae4j.EpochReport;
import io.github.vae4j.FitReport;
import io.github.vae4j.GaussianVariance;
import io.github.vae4j.Likelihood;
import io.github.vae4j.StepReport;
import io.github.vae4j.TrainingDivergedException;
import io.github.vae4j.TrainingListener;
import io.github.vae4j.Vae;
import io.github.vae4j.io.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public contract of {@link Vae} that every backend keeps: validation and bad input, state, determinism,
 * threads, persistence, exact resume, and training to a stated ELBO on the bundled MNIST sample. Each backend (and
 * kernel set) runs it through a subclass that says how to select it: in {@code vae-nd4j} {@code HostTunedContractTest}
 * and {@code PortableContractTest}, in {@code vae-cuda} the suite with the CUDA backend on the class path. Part of the
 * backend test kit ({@code vae-testkit}), with the MNIST sample and {@link SpiGradientCheck}; it knows only vae-api's
 * public types.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendContract {

    private static final int WIDTH = 784;
    private float[][] train;
    private float[][] test;
    private Vae trained;

    /** Selects the backend under test, before the first model is built; the default does nothing. */
    protected void selectBackend() {
    }

    /** Undoes {@link #selectBackend()} after the suite; the default does nothing. */
    protected void deselectBackend() {
    }

    /** @return a fragment of {@link Vae#backendDescription()} that shows the backend under test computes */
    protected abstract String expectedDescription();

    @BeforeAll
    void trainSmallModel() {
        selectBackend();
        train = Arrays.copyOf(MnistSample.train(), 1000);
        test = Arrays.copyOf(MnistSample.test(), 300);
        trained = small().epochs(2).build();
        trained.fit(train);
    }

    @AfterAll
    void close() {
        trained.close();
        deselectBackend();
    }

    @Test
    void theBackendUnderTestComputes() {
        assertThat(trained.backendDescription()).contains(expectedDescription());
    }

    @Test
    void trainsToAStatedElboOnTheMnistSample() {
        // 784-256-128-8, 3 epochs of the 8,000 training digits, on the 2,000 test digits: -142.9 to -144.2 nats for
        // seeds 42 to 44 on either CPU kernel set (2-core AMD EPYC); an untrained model sits near -545
        try (Vae vae = Vae.builder().latent(8).hidden(256, 128).epochs(3).seed(42).build()) {
            vae.fit(MnistSample.train());
            double elbo = Arrays.stream(vae.elbo(MnistSample.test())).average().orElseThrow();
            assertThat(elbo).isGreaterThan(-150.0);
        }
    }

    private static Vae.Builder small() {
        return Vae.builder().latent(4).hidden(64, 32).batchSize(50).seed(7);
    }

    // ------------------------------------------------------------------------------------------- the builder

    @Test
    void builderRejectsImpossibleValuesAtTheCallThatSetsThem() {
        assertThatThrownBy(() -> Vae.builder().latent(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latent size").hasMessageContaining("0");
        assertThatThrownBy(() -> Vae.builder().latent(-3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Vae.builder().hidden(64, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hidden layer 1");
        assertThatThrownBy(() -> Vae.builder().hidden((int[]) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Vae.builder().inputSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Vae.builder().batchSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch size");
        assertThatThrownBy(() -> Vae.builder().epochs(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Vae.builder().learningRate(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> Vae.builder().learningRate(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Vae.builder().learningRate(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Vae.builder().beta(-0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Vae.builder().beta(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GaussianVariance.fixed(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GaussianVariance.learned(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Vae.builder().likelihood(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        var c = Vae.builder().config();
        assertThat(c.latentSize()).isEqualTo(10);
        assertThat(c.hiddenSizes()).containsExactly(512, 384, 256);
        assertThat(c.likelihood()).isEqualTo(Likelihood.BERNOULLI);
        var d = Vae.builder().trainingDefaults();
        assertThat(d.epochs()).isEqualTo(10);
        assertThat(d.batchSize()).isEqualTo(100);
        assertThat(d.beta()).isEqualTo(1.0);
        try (Vae vae = Vae.builder().build()) {
            assertThat(vae.optimizer()).isEqualTo(io.github.vae4j.Optimizer.adam(1e-3));
            var plan = vae.defaultTraining();
            assertThat(plan.epochs()).hasValue(10);
            assertThat(plan.batchSize()).hasValue(100);
            assertThat(plan.beta()).hasValue(1.0);
            assertThat(plan.optimizer()).contains(io.github.vae4j.Optimizer.adam(1e-3));
        }
    }

    @Test
    void inferenceBeforeTheModelHasSizesIsAnIllegalState() {
        try (Vae vae = small().build()) {
            float[][] x = {new float[WIDTH]};
            assertThatThrownBy(() -> vae.encode(x)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("encode").hasMessageContaining("fit");
            assertThatThrownBy(() -> vae.decode(new float[1][4])).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> vae.reconstruct(x)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> vae.sample(3)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> vae.elbo(x)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> vae.logLikelihood(x, 5)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> vae.save(Path.of("never"))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(vae::inputSize).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void givenInputSizeTheModelIsUsableBeforeTraining() {
        try (Vae vae = small().inputSize(WIDTH).build()) {
            assertThat(vae.encode(test)).hasNumberOfRows(test.length);
            assertThat(vae.parameterCount()).isPositive();
        }
    }

    // ----------------------------------------------------------------------------------------- bad input

    private static float[][] copy(float[][] m) {
        float[][] c = new float[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    private float[][] corrupted(Consumer<float[][]> change) {
        float[][] data = copy(Arrays.copyOf(train, 200));
        change.accept(data);
        return data;
    }

    @Test
    void fitRejectsBadDataNamingRowAndColumnAndChangesNothing() {
        float[][] before = trained.encode(test);
        int epochs = trained.epochsCompleted();
        assertRejected(corrupted(d -> d[17] = new float[WIDTH - 1]), "row 17", "783 columns", "expected 784");
        assertRejected(corrupted(d -> d[5][300] = Float.NaN), "row 5, column 300", "NaN");
        assertRejected(corrupted(d -> d[9][2] = Float.POSITIVE_INFINITY), "row 9, column 2", "Infinity");
        assertRejected(corrupted(d -> d[199][783] = 1.5f), "row 199, column 783", "1.5", "[0, 1]");
        assertRejected(corrupted(d -> d[0][0] = -0.01f), "row 0, column 0", "Bernoulli");
        assertRejected(corrupted(d -> d[3] = null), "row 3", "null");
        assertRejected(new float[0][], "no rows");
        assertThatThrownBy(() -> trained.fit((float[][]) null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(trained.epochsCompleted()).isEqualTo(epochs);
        assertThat(trained.encode(test)).isDeepEqualTo(before);
    }

    private void assertRejected(float[][] data, String... fragments) {
        var thrown = assertThatThrownBy(() -> trained.fit(data)).isInstanceOf(IllegalArgumentException.class);
        for (String f : fragments) {
            thrown.hasMessageContaining(f);
        }
    }

    @Test
    void firstFitRejectsRaggedRowsBeforeCreatingTheModel() {
        try (Vae vae = small().build()) {
            float[][] ragged = {new float[10], new float[10], new float[9]};
            assertThatThrownBy(() -> vae.fit(ragged)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("row 2").hasMessageContaining("9 columns");
            assertThatThrownBy(() -> vae.fit(new float[][] {new float[0]})).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("empty");
            assertThatThrownBy(() -> vae.encode(ragged)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void inferenceRejectsBadInput() {
        assertThatThrownBy(() -> trained.encode(new float[][] {new float[WIDTH], new float[5]}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1")
                .hasMessageContaining("input size");
        assertThatThrownBy(() -> trained.decode(new float[][] {{0, 0, 0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latent size");
        assertThatThrownBy(() -> trained.decode(new float[][] {{0, Float.NaN, 0, 0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 1");
        float[][] outOfRange = copy(Arrays.copyOf(test, 2));
        outOfRange[1][10] = 2f;
        assertThatThrownBy(() -> trained.elbo(outOfRange)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 1, column 10");
        assertThatThrownBy(() -> trained.logLikelihood(outOfRange, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trained.logLikelihood(test, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k");
        assertThatThrownBy(() -> trained.sample(-1)).isInstanceOf(IllegalArgumentException.class);
        // encoding is not a likelihood evaluation: values outside [0, 1] are allowed there
        assertThat(trained.encode(outOfRange)).hasNumberOfRows(2);
    }

    @Test
    void emptyInputsGiveEmptyOutputs() {
        assertThat(trained.encode(new float[0][])).isEmpty();
        assertThat(trained.decode(new float[0][])).isEmpty();
        assertThat(trained.sample(0)).isEmpty();
        assertThat(trained.elbo(new float[0][])).isEmpty();
    }

    // ------------------------------------------------------------------------------------------- results

    @Test
    void shapesAndRanges() {
        float[][] z = trained.encode(test);
        assertThat(z).hasNumberOfRows(test.length);
        assertThat(z[0]).hasSize(4);
        float[][] x = trained.decode(z);
        assertThat(x).hasNumberOfRows(test.length);
        assertThat(x[0]).hasSize(WIDTH);
        for (float[] row : x) {
            for (float v : row) {
                assertThat(v).isBetween(0f, 1f);
            }
        }
        assertThat(trained.reconstruct(test)).isDeepEqualTo(x);
        assertThat(trained.sample(7)).hasNumberOfRows(7);
        assertThat(trained.inputSize()).isEqualTo(WIDTH);
        assertThat(trained.latentSize()).isEqualTo(4);
    }

    @Test
    void encodingIsDeterministicAndEvaluationRepeatable() {
        assertThat(trained.encode(test)).isDeepEqualTo(trained.encode(test));
        assertThat(trained.elbo(test)).containsExactly(trained.elbo(test));
        assertThat(trained.logLikelihood(Arrays.copyOf(test, 20), 10))
                .containsExactly(trained.logLikelihood(Arrays.copyOf(test, 20), 10));
        assertThat(trained.sample(5, 99)).isDeepEqualTo(trained.sample(5, 99));
        assertThat(Arrays.deepEquals(trained.sample(5, 99), trained.sample(5, 100))).isFalse();
    }

    @Test
    void chunkingDoesNotChangeResults() {
        // 700 rows cross the 256-row chunks of the facade; each row alone must agree up to float rounding
        // (BLAS takes other kernels for one row than for many, so the last bits may differ)
        float[][] many = Arrays.copyOf(MnistSample.test(), 700);
        float[][] all = trained.encode(many);
        for (int i : new int[] {0, 255, 256, 511, 699}) {
            assertThat(trained.encode(new float[][] {many[i]})[0])
                    .containsExactly(all[i], org.assertj.core.data.Offset.offset(1e-4f));
        }
    }

    @Test
    void importanceWeightingTightensTheBound() {
        double elbo = Arrays.stream(trained.elbo(test)).average().orElseThrow();
        double iwae = Arrays.stream(trained.logLikelihood(test, 50)).average().orElseThrow();
        assertThat(iwae).isGreaterThan(elbo);
        assertThat(iwae - elbo).isLessThan(50);
    }

    @Test
    void logLikelihoodWithManySamplesStreamsThemAndAgreesWithFewerChunks() {
        float[][] one = {test[0]};
        // 5000 samples take the one-row, several-pieces path (pieces of 4096)
        double big = trained.logLikelihood(one, 5000)[0];
        double mid = trained.logLikelihood(one, 4000)[0];
        assertThat(big).isFinite();
        assertThat(Math.abs(big - mid)).isLessThan(1.0);
    }

    @Test
    void sixteenThreadsOfInferenceAgreeWithOne() throws Exception {
        float[][] expectedZ = trained.encode(test);
        float[][] expectedX = trained.decode(expectedZ);
        double[] expectedElbo = trained.elbo(test);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                results.add(pool.submit(() -> {
                    for (int rep = 0; rep < 3; rep++) {
                        if (!Arrays.deepEquals(trained.encode(test), expectedZ)
                                || !Arrays.deepEquals(trained.decode(expectedZ), expectedX)
                                || !Arrays.equals(trained.elbo(test), expectedElbo)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }

    // ------------------------------------------------------------------------------------------ training

    @Test
    void sameSeedSameModelAndSecondFitContinues() {
        try (Vae a = small().epochs(1).build(); Vae b = small().epochs(1).build()) {
            FitReport ra = a.fit(train);
            FitReport rb = b.fit(train);
            assertThat(a.encode(test)).isDeepEqualTo(b.encode(test));
            assertThat(ra.last().loss()).isEqualTo(rb.last().loss());
            FitReport second = a.fit(train);
            assertThat(second.epochs()).hasSize(1);
            assertThat(second.last().epoch()).isEqualTo(2);
            assertThat(a.epochsCompleted()).isEqualTo(2);
            assertThat(second.last().loss()).isLessThan(ra.last().loss());
        }
    }

    @Test
    void listenersSeeEveryStepAndEpochAndCanStopTraining() {
        try (Vae vae = small().epochs(2).build()) {
            List<StepReport> steps = new ArrayList<>();
            List<EpochReport> epochs = new ArrayList<>();
            vae.fit(Arrays.copyOf(train, 120), new TrainingListener() {
                @Override
                public void onStep(StepReport step) {
                    steps.add(step);
                }

                @Override
                public void onEpoch(EpochReport epoch) {
                    epochs.add(epoch);
                }
            });
            // 120 rows in batches of 50: 50, 50, 20
            assertThat(steps).hasSize(6);
            assertThat(steps.get(2).rows()).isEqualTo(20);
            assertThat(steps.get(5).globalStep()).isEqualTo(6);
            assertThat(epochs).extracting(EpochReport::epoch).containsExactly(1, 2);

            RuntimeException stop = new RuntimeException("stop");
            assertThatThrownBy(() -> vae.fit(train, new TrainingListener() {
                @Override
                public void onStep(StepReport step) {
                    if (step.step() == 3) {
                        throw stop;
                    }
                }
            })).isSameAs(stop);
            assertThat(vae.epochsCompleted()).isEqualTo(2);
            assertThat(vae.encode(test)).hasNumberOfRows(test.length);
        }
    }

    @Test
    void divergenceStopsWithAClearErrorAndRollsBack() {
        float[][] huge = new float[100][8];
        for (int i = 0; i < huge.length; i++) {
            for (int j = 0; j < 8; j++) {
                huge[i][j] = (i % 2 == 0 ? 1 : -1) * 3e19f;
            }
        }
        try (Vae vae = Vae.builder().inputSize(8).latent(2).hidden(8).likelihood(Likelihood.GAUSSIAN)
                .gaussianVariance(GaussianVariance.fixed(1e-3)).epochs(3).batchSize(10).build()) {
            float[][] probe = {new float[8]};
            float[][] before = vae.encode(probe);
            assertThatThrownBy(() -> vae.fit(huge)).isInstanceOf(TrainingDivergedException.class)
                    .hasMessageContaining("epoch 1").hasMessageContaining("step 1")
                    .satisfies(e -> assertThat(((TrainingDivergedException) e).epoch()).isEqualTo(1));
            assertThat(vae.encode(probe)).isDeepEqualTo(before);
            assertThat(vae.epochsCompleted()).isZero();
        }
    }

    // --------------------------------------------------------------------------------------- persistence

    @Test
    void saveAndLoadGiveIdenticalResults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.vae4j");
        trained.save(file);
        try (Vae loaded = Vae.load(file)) {
            assertThat(loaded.encode(test)).isDeepEqualTo(trained.encode(test));
            assertThat(loaded.elbo(test)).containsExactly(trained.elbo(test));
            assertThat(loaded.config()).isEqualTo(trained.config());
            assertThat(loaded.epochsCompleted()).isEqualTo(trained.epochsCompleted());
        }
    }

    @Test
    void aSavedModelResumesExactlyAsAnUninterruptedRun(@TempDir Path dir) throws Exception {
        float[][] data = Arrays.copyOf(train, 400);
        try (Vae straight = small().epochs(2).build(); Vae first = small().epochs(1).build()) {
            straight.fit(data);
            first.fit(data);
            Path file = dir.resolve("half.vae4j");
            first.save(file);
            try (Vae resumed = Vae.load(file)) {
                resumed.fit(data);
                assertThat(resumed.epochsCompleted()).isEqualTo(2);
                assertThat(resumed.encode(test)).isDeepEqualTo(straight.encode(test));
            }
        }
    }

    @Test
    void checkpointsAreWrittenEveryNEpochsAndResumeExactly(@TempDir Path dir) throws Exception {
        float[][] data = Arrays.copyOf(train, 300);
        Path checkpoint = dir.resolve("checkpoint.vae4j");
        try (Vae straight = small().epochs(3).build();
                Vae stopped = small().epochs(3).checkpoint(checkpoint, 2).build()) {
            straight.fit(data);
            RuntimeException crash = new RuntimeException("crash in epoch 3");
            assertThatThrownBy(() -> stopped.fit(data, new TrainingListener() {
                @Override
                public void onStep(StepReport step) {
                    if (step.epoch() == 3 && step.step() == 2) {
                        throw crash;
                    }
                }
            })).isSameAs(crash);
            try (Vae resumed = Vae.load(checkpoint)) {
                assertThat(resumed.epochsCompleted()).isEqualTo(2);
                assertThat(resumed.hasUnfinishedRun()).isTrue();
                // the run of 3 epochs continues: one more reaches the uninterrupted run's end
                FitReport rest = resumed.fit(data);
                assertThat(rest.epochs()).extracting(EpochReport::epoch).containsExactly(3);
                assertThat(resumed.hasUnfinishedRun()).isFalse();
                assertThat(resumed.encode(test)).isDeepEqualTo(straight.encode(test));
            }
        }
        assertThatThrownBy(() -> small().checkpoint(checkpoint, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void interruptingTheTrainingThreadStopsAfterAStep() throws Exception {
        try (Vae vae = small().epochs(50).build()) {
            java.util.concurrent.atomic.AtomicReference<FitReport> report = new java.util.concurrent.atomic.AtomicReference<>();
            Thread trainer = new Thread(() -> report.set(vae.fit(train, new TrainingListener() {
                @Override
                public void onEpoch(EpochReport epoch) {
                    if (epoch.epoch() == 1) {
                        Thread.currentThread().interrupt();
                    }
                }
            })));
            trainer.start();
            trainer.join(60_000);
            assertThat(trainer.isAlive()).isFalse();
            assertThat(report.get().stoppedEarly()).isTrue();
            assertThat(report.get().epochs()).hasSize(1);
            assertThat(vae.epochsCompleted()).isEqualTo(1);
        }
    }

    @Test
    void fitWaitsForRunningInferenceAndInferenceSeesWholeModels() throws Exception {
        try (Vae vae = small().epochs(1).build()) {
            vae.fit(Arrays.copyOf(train, 200));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                java.util.concurrent.atomic.AtomicBoolean training = new java.util.concurrent.atomic.AtomicBoolean(true);
                List<Future<Integer>> readers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    readers.add(pool.submit(() -> {
                        int calls = 0;
                        while (training.get()) {
                            float[][] z = vae.encode(test);
                            assertThat(z).hasNumberOfRows(test.length);
                            for (float[] row : z) {
                                for (float v : row) {
                                    assertThat(v).isFinite();
                                }
                            }
                            calls++;
                        }
                        return calls;
                    }));
                }
                Thread.sleep(50);
                FitReport r = vae.fit(train);
                training.set(false);
                assertThat(r.epochs()).hasSize(1);
                for (Future<Integer> f : readers) {
                    assertThat(f.get()).isPositive();
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 1000, -1})
    void damagedFilesAreRejected(int damage, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.vae4j");
        trained.save(file);
        byte[] bytes = Files.readAllBytes(file);
        if (damage < 0) {
            bytes = Arrays.copyOf(bytes, bytes.length / 2);
        } else {
            bytes[damage] ^= 0x40;
        }
        Files.write(file, bytes);
        assertThatThrownBy(() -> Vae.load(file)).isInstanceOf(ModelFormatException.class);
    }

    @Test
    void closedModelsRefuseWork() {
        Vae vae = small().inputSize(WIDTH).build();
        vae.close();
        assertThatThrownBy(() -> vae.encode(test)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}

package io.github.vae4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.spi.StepSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer's policies on {@link MeanBackend}, whose model is one vector m moved by plain gradient descent towards
 * the rows' mean, so that every step can be worked out by hand.
 */
class TrainerTest {

    @TempDir
    Path dir;

    /** n rows of 2 columns, all {@code value}. */
    private static float[][] rows(int n, float value) {
        float[][] r = new float[n][2];
        for (float[] row : r) {
            Arrays.fill(row, value);
        }
        return r;
    }

    private static Vae gaussian() {
        return Vae.builder().latent(1).likelihood(Likelihood.GAUSSIAN).batchSize(10).seed(5).build();
    }

    @Test
    void earlyStoppingEndsAtThePatienceAndLeavesTheBestEpoch() {
        // m starts at -1 and moves towards the training rows' 1 by m -= 0.1 (m - 1) per step, one step an epoch:
        // m_k = 1 - 2 * 0.9^k. The validation rows are 0, so the validation ELBO -(0.5 |m|^2 + 0.5 |m|^2) = -2 m^2
        // is best when m is nearest 0:
        // at epoch 7 (m = 0.0434; epoch 6 gives -0.0629, epoch 8 0.1391)
        try (Vae vae = gaussian()) {
            float[][] validation = rows(3, 0);
            Training plan = Training.builder().epochs(50).batchSize(10).optimizer(Optimizer.sgd(0.1, 0)).beta(0)
                    .validation(validation).earlyStopping(3).build();
            FitReport report = vae.fit(rows(10, 1), plan);

            assertThat(report.stopReason()).isEqualTo(StopReason.EARLY_STOPPING);
            assertThat(report.stoppedEarly()).isTrue();
            assertThat(report.epochs()).hasSize(10);
            assertThat(report.bestEpoch()).isEqualTo(7);
            assertThat(report.validationExamples()).isEqualTo(3);
            double m7 = 1 - 2 * Math.pow(0.9, 7);
            assertThat(report.best().orElseThrow().validationElbo()).isCloseTo(-2 * m7 * m7, within(1e-6));
            // the model holds epoch 7, and its validation ELBO is the report's to the last bit
            double now = Arrays.stream(vae.elbo(validation)).average().orElseThrow();
            assertThat(now).isEqualTo(report.best().orElseThrow().validationElbo());
            assertThat(vae.decode(new float[][] {{0}})[0][0]).isCloseTo((float) m7, within(1e-5f));
            assertThat(vae.epochsCompleted()).isEqualTo(10);
        }
    }

    @Test
    void withoutValidationTheBestEpochIsTheLastAndValidationIsNaN() {
        try (Vae vae = gaussian()) {
            FitReport report = vae.fit(rows(10, 1), Training.builder().epochs(3).build());
            assertThat(report.bestEpoch()).isEqualTo(3);
            assertThat(report.stopReason()).isEqualTo(StopReason.COMPLETED);
            assertThat(report.last().validationElbo()).isNaN();
            assertThat(report.last().hasValidation()).isFalse();
            assertThat(report.validationExamples()).isZero();
        }
    }

    @Test
    void klWarmupAndFreeBitsReachTheBackendStepByStep() {
        try (Vae vae = gaussian()) {
            List<StepReport> steps = new ArrayList<>();
            List<EpochReport> epochs = new ArrayList<>();
            Training plan = Training.builder().epochs(2).batchSize(5).beta(2).klWarmup(4).freeBits(0.3)
                    .listener(new TrainingListener() {
                        @Override
                        public void onStep(StepReport step) {
                            steps.add(step);
                        }

                        @Override
                        public void onEpoch(EpochReport epoch) {
                            epochs.add(epoch);
                        }
                    }).build();
            vae.fit(rows(15, 1), plan);
            MeanBackend.MeanModel model = MeanBackend.last();
            assertThat(model.settings).extracting(StepSettings::beta).containsExactly(0.0, 0.5, 1.0, 1.5, 2.0, 2.0);
            assertThat(model.settings).extracting(StepSettings::freeBits).containsOnly(0.3);
            assertThat(steps).extracting(StepReport::beta).containsExactly(0.0, 0.5, 1.0, 1.5, 2.0, 2.0);
            assertThat(epochs).extracting(EpochReport::beta).containsExactly(1.0, 2.0);
            // the reported KL is the true one, the loss the objective the step used
            StepReport first = steps.get(0);
            assertThat(first.kl()).isEqualTo(1.0); // 0.5 * (1 + 1) at m = (-1, -1)
            assertThat(first.loss()).isEqualTo(first.reconstruction()); // beta 0
        }
    }

    @Test
    void schedulesSetEachStepsLearningRate() {
        try (Vae vae = gaussian()) {
            // 20 rows in batches of 10: 2 steps an epoch, 3 epochs, 6 steps; warm-up 2, then cosine to 0
            vae.fit(rows(20, 1), Training.builder().epochs(3).batchSize(10).optimizer(Optimizer.sgd(0.5, 0))
                    .learningRateSchedule(LearningRateSchedule.cosine(2, 0)).build());
            List<Double> rates = MeanBackend.last().rates;
            assertThat(rates).hasSize(6);
            assertThat(rates.get(0)).isEqualTo(0.25);
            assertThat(rates.get(1)).isEqualTo(0.5);
            assertThat(rates.get(2)).isEqualTo(0.5);
            assertThat(rates.get(3)).isCloseTo(0.5 * 0.5 * (1 + Math.cos(Math.PI / 3)), within(1e-12));
            assertThat(rates.get(5)).isCloseTo(0, within(1e-12));
        }
        try (Vae vae = gaussian()) {
            vae.fit(rows(10, 1), Training.builder().epochs(5).optimizer(Optimizer.sgd(0.8, 0))
                    .learningRateSchedule(LearningRateSchedule.stepDecay(2, 0.5)).build());
            assertThat(MeanBackend.last().rates).containsExactly(0.8, 0.8, 0.4, 0.4, 0.2);
        }
    }

    @Test
    void clippingScalesOnlyGradientsAboveTheLimitAndReportsTheNorm() {
        try (Vae vae = gaussian()) {
            List<StepReport> steps = new ArrayList<>();
            // gradient at m = (-1, -1) towards rows of 3: (m - 3) + 0 = (-4, -4), norm 5.657
            vae.fit(rows(10, 3), Training.builder().epochs(1).beta(0).clipGradientNorm(2)
                    .listener(new TrainingListener() {
                        @Override
                        public void onStep(StepReport step) {
                            steps.add(step);
                        }
                    }).build());
            assertThat(steps.get(0).gradientNorm()).isCloseTo(4 * Math.sqrt(2), within(1e-6));
            assertThat(MeanBackend.last().scales).hasSize(1);
            assertThat(MeanBackend.last().scales.get(0)).isCloseTo(2 / (4 * Math.sqrt(2)), within(1e-6));
        }
        try (Vae vae = gaussian()) {
            vae.fit(rows(10, 3), Training.builder().epochs(1).beta(0).clipGradientNorm(100).build());
            assertThat(MeanBackend.last().scales).isEmpty();
        }
    }

    @Test
    void aListenerStopsTrainingCleanly() {
        try (Vae vae = gaussian()) {
            TrainingListener stopAfterThirdStep = new TrainingListener() {
                int steps;

                @Override
                public void onStep(StepReport step) {
                    steps++;
                }

                @Override
                public boolean shouldStop() {
                    return steps == 3;
                }
            };
            FitReport report = vae.fit(rows(20, 1), Training.builder().epochs(10).batchSize(10)
                    .listener(stopAfterThirdStep).build());
            assertThat(report.stopReason()).isEqualTo(StopReason.LISTENER);
            assertThat(report.epochs()).hasSize(1);
            assertThat(MeanBackend.last().rates).hasSize(3);
            assertThat(vae.hasUnfinishedRun()).isFalse();
        }
    }

    @Test
    void aBadRowInAFileRollsTheModelBackAndNamesTheLine() throws Exception {
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 25; i++) {
            csv.append("1,1\n");
        }
        csv.append("1,oops\n");
        Path file = Files.writeString(dir.resolve("data.csv"), csv, StandardCharsets.UTF_8);
        try (Vae vae = gaussian()) {
            // batches of 10 with a shuffle buffer of 5: two steps are taken before the bad line is read
            assertThatThrownBy(() -> vae.fit(DataSource.csv(file), Training.builder().epochs(1).batchSize(10)
                    .shuffleBuffer(5).build())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(file + " line 27, column 1 (b): 'oops' is not a number");
            assertThat(MeanBackend.last().rates).hasSize(2);
            assertThat(vae.decode(new float[][] {{0}})[0]).containsExactly(MeanBackend.START, MeanBackend.START);
            assertThat(vae.epochsCompleted()).isZero();
        }
    }

    @Test
    void aSourceOfTheWrongWidthIsRefusedBeforeAnythingChanges() throws Exception {
        Path file = Files.writeString(dir.resolve("three.csv"), "a,b,c\n1,2,3\n", StandardCharsets.UTF_8);
        try (Vae vae = gaussian()) {
            vae.fit(rows(10, 1), Training.builder().epochs(1).build());
            assertThatThrownBy(() -> vae.fit(DataSource.csv(file), Training.defaults()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has rows of 3 values, expected 2");
            assertThatThrownBy(() -> vae.fit(rows(10, 1), Training.builder().validation(new float[][] {{1, 2, 3}})
                    .build())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("validation row 0 has 3 columns, expected 2");
            assertThat(vae.epochsCompleted()).isEqualTo(1);
        }
    }

    @Test
    void divergenceRollsBackToTheLastEpoch() {
        try (Vae vae = gaussian()) {
            vae.fit(rows(10, 1), Training.builder().epochs(1).build());
            float[] before = vae.decode(new float[][] {{0}})[0];
            float[][] huge = rows(10, 3e30f);
            assertThatThrownBy(() -> vae.fit(huge, Training.builder().epochs(2).build()))
                    .isInstanceOf(TrainingDivergedException.class).hasMessageContaining("epoch 2, step 1")
                    .hasMessageContaining("rolled back to the end of epoch 1");
            assertThat(vae.decode(new float[][] {{0}})[0]).containsExactly(before);
            assertThat(vae.epochsCompleted()).isEqualTo(1);
        }
    }

    @Test
    void aLossThatExplodesWithoutLeavingTheFloatRangeIsDivergenceToo() throws Exception {
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 20; i++) {
            String v = i < 10 ? "1" : "1e5"; // 0.5 (1e5)^2 = 5e9 nats against about 1: finite, and lost
            csv.append(v).append(',').append(v).append('\n');
        }
        Path file = Files.writeString(dir.resolve("explodes.csv"), csv, StandardCharsets.UTF_8);
        try (Vae vae = gaussian()) {
            vae.fit(rows(10, 1), Training.builder().epochs(1).build());
            float[] before = vae.decode(new float[][] {{0}})[0];
            assertThatThrownBy(() -> vae.fit(DataSource.csv(file), Training.builder().epochs(1).batchSize(5)
                    .shuffleBuffer(5).build()))
                    .isInstanceOf(TrainingDivergedException.class).hasMessageContaining("epoch 2, step ")
                    .hasMessageContaining("the loss exploded to ").hasMessageContaining("e+09 nats per example")
                    .hasMessageContaining("rolled back to the end of epoch 1");
            assertThat(vae.decode(new float[][] {{0}})[0]).containsExactly(before);
            assertThat(vae.epochsCompleted()).isEqualTo(1);
        }
    }

    @Test
    void aStreamedValidationSplitGivesTheSameRowsAsTheSameSplitInMemory() throws Exception {
        StringBuilder csv = new StringBuilder("a,b\n");
        float[][] data = new float[200][];
        for (int i = 0; i < 200; i++) {
            data[i] = new float[] {i % 7, i % 3};
            csv.append(i % 7).append(',').append(i % 3).append('\n');
        }
        Path file = Files.writeString(dir.resolve("split.csv"), csv, StandardCharsets.UTF_8);
        Training plan = Training.builder().epochs(2).batchSize(200).shuffleBuffer(500).validationFraction(0.25)
                .optimizer(Optimizer.sgd(0.1, 0)).build();
        try (Vae inMemory = gaussian(); Vae streamed = gaussian()) {
            FitReport a = inMemory.fit(data, plan);
            FitReport b = streamed.fit(DataSource.csv(file), plan);
            assertThat(b.validationExamples()).isEqualTo(a.validationExamples()).isBetween(30L, 70L);
            assertThat(b.trainingExamples()).isEqualTo(a.trainingExamples()).isEqualTo(200 - a.validationExamples());
            // one batch of every training row: the same gradient whatever the order, up to rounding
            assertThat(b.last().validationElbo()).isCloseTo(a.last().validationElbo(), within(1e-4));
        }
    }

    @Test
    void aCheckpointMidRunResumesTheRunExactly() throws Exception {
        Path checkpoint = dir.resolve("run.vae4j");
        float[][] train = new float[30][];
        for (int i = 0; i < 30; i++) {
            train[i] = new float[] {i % 5, -(i % 4)};
        }
        Training plan = Training.builder().epochs(6).batchSize(7).optimizer(Optimizer.sgd(0.2, 0)).klWarmup(9)
                .learningRateSchedule(LearningRateSchedule.cosine(3, 0.1)).validationFraction(0.2)
                .earlyStopping(10).checkpoint(checkpoint, 2).build();
        float[] straight;
        try (Vae vae = gaussian()) {
            vae.fit(train, plan);
            straight = vae.decode(new float[][] {{0}})[0];
        }
        try (Vae vae = gaussian()) {
            RuntimeException crash = new RuntimeException("crash");
            assertThatThrownBy(() -> vae.fit(train, plan.toBuilder().listener(new TrainingListener() {
                @Override
                public void onEpoch(EpochReport epoch) {
                    if (epoch.epoch() == 5) {
                        throw crash;
                    }
                }
            }).build())).isSameAs(crash);
        }
        try (Vae resumed = Vae.load(checkpoint)) {
            assertThat(resumed.hasUnfinishedRun()).isTrue();
            assertThat(resumed.epochsCompleted()).isEqualTo(4);
            FitReport rest = resumed.fit(train, plan);
            assertThat(rest.epochs()).extracting(EpochReport::epoch).containsExactly(5, 6);
            assertThat(resumed.decode(new float[][] {{0}})[0]).containsExactly(straight);
            assertThat(MeanBackend.last().rates).hasSize(2 * (int) ((rest.trainingExamples() + 6) / 7));
        }
        try (Vae done = Vae.load(checkpoint)) {
            assertThat(done.hasUnfinishedRun()).isFalse(); // the plan's checkpoint: written at the run's end
        }
    }
}

package io.github.vae4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vae4j.DataSource;
import io.github.vae4j.EpochReport;
import io.github.vae4j.FitReport;
import io.github.vae4j.LearningRateSchedule;
import io.github.vae4j.Optimizer;
import io.github.vae4j.StopReason;
import io.github.vae4j.Training;
import io.github.vae4j.TrainingListener;
import io.github.vae4j.Vae;
import io.github.vae4j.nd4j.optim.RmsProp;
import io.github.vae4j.testkit.MnistSample;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training plans on real data, through the public API only: the bundled MNIST sample (8,000 digits to train, 2,000
 * to test). The bounds were measured with seed 42 and hold with a margin.
 */
class TrainingPlanMnistTest {

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    @Test
    void earlyStoppingStopsBeforeTheLimitAndKeepsTheBestValidationEpoch() {
        // 1,000 digits overfit: the validation ELBO stops improving after about 30 epochs (best 32, stop at 35)
        float[][] train = Arrays.copyOf(MnistSample.train(), 1000);
        float[][] validation = Arrays.copyOf(MnistSample.test(), 1000);
        try (Vae vae = Vae.builder().seed(42).build()) {
            FitReport report = vae.fit(train, Training.builder().epochs(100).validation(validation).earlyStopping(3)
                    .build());
            assertThat(report.stopReason()).isEqualTo(StopReason.EARLY_STOPPING);
            assertThat(report.epochs().size()).isLessThan(100);
            assertThat(report.bestEpoch()).isLessThan(report.last().epoch());
            assertThat(report.last().epoch() - report.bestEpoch()).isEqualTo(3);
            EpochReport best = report.best().orElseThrow();
            assertThat(report.epochs()).allSatisfy(e -> assertThat(e.validationElbo())
                    .isLessThanOrEqualTo(best.validationElbo()));
            assertThat(best.validationElbo()).isGreaterThan(-140);
            // the model holds the best epoch: its validation ELBO now is that epoch's, to the last bit
            assertThat(mean(vae.elbo(validation))).isEqualTo(best.validationElbo());
        }
    }

    @Test
    void klWarmupAndFreeBitsKeepMoreLatentUnitsActive() {
        // latent 32, Adam 3e-3, 12 epochs of 80 steps: plain training lets 15 of the 32 units collapse to the prior
        // (17 active); a KL warm-up over the first 5 epochs and free bits of 0.25 nats keep all 32
        float[][] train = MnistSample.train();
        float[][] test = MnistSample.test();
        int plain;
        int helped;
        Training.Builder base = Training.builder().epochs(12).optimizer(Optimizer.adam(3e-3));
        try (Vae vae = Vae.builder().latent(32).seed(42).build()) {
            vae.fit(train, base.build());
            plain = vae.activeUnits(test);
        }
        try (Vae vae = Vae.builder().latent(32).seed(42).build()) {
            vae.fit(train, base.klWarmup(400).freeBits(0.25).build());
            helped = vae.activeUnits(test);
        }
        System.out.printf("active units of 32 after 12 epochs: plain %d, KL warm-up and free bits %d%n", plain, helped);
        assertThat(plain).isLessThan(28);
        assertThat(helped).isGreaterThan(plain + 5);
    }

    @Test
    void rmsPropAndSgdWithMomentumTrainTheSample() {
        // 5 epochs of 784-256-128-10: RMSProp reaches a test ELBO of -140.6, SGD with momentum (its gradient clipped,
        // as plain SGD diverges on the first steps' large gradients) -150.4; Adam -134
        float[][] train = MnistSample.train();
        float[][] test = MnistSample.test();
        try (Vae vae = Vae.builder().latent(10).hidden(256, 128).seed(42).build()) {
            FitReport r = vae.fit(train, Training.builder().epochs(5).optimizer(Optimizer.rmsProp(1e-3)).build());
            assertThat(r.epochs()).extracting(EpochReport::loss).isSortedAccordingTo((a, b) -> Double.compare(b, a));
            assertThat(mean(vae.elbo(test))).isGreaterThan(-150);
            assertThat(vae.optimizer()).isEqualTo(Optimizer.rmsProp(1e-3));
        }
        try (Vae vae = Vae.builder().latent(10).hidden(256, 128).seed(42).build()) {
            vae.fit(train, Training.builder().epochs(5).optimizer(Optimizer.sgd(0.01, 0.9)).clipGradientNorm(50)
                    .build());
            assertThat(mean(vae.elbo(test))).isGreaterThan(-165);
        }
    }

    @Test
    void aCsvFileTrainsAsTheSameRowsInMemory(@TempDir Path dir) throws Exception {
        float[][] rows = Arrays.copyOf(MnistSample.train(), 600);
        Path file = dir.resolve("digits.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder();
            for (int c = 0; c < 784; c++) {
                header.append(c == 0 ? "" : ",").append("p").append(c);
            }
            w.write(header + "\n");
            for (float[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < row.length; c++) {
                    line.append(c == 0 ? "" : ",").append(row[c] == 0 ? "0" : Float.toString(row[c]));
                }
                w.write(line + "\n");
            }
        }
        Training plan = Training.builder().epochs(3).shuffleBuffer(250).validationFraction(0.1).build();
        try (Vae fromFile = Vae.builder().latent(5).hidden(64).seed(1).build();
                Vae inMemory = Vae.builder().latent(5).hidden(64).seed(1).build()) {
            FitReport a = fromFile.fit(DataSource.csv(file), plan);
            FitReport b = inMemory.fit(rows, plan);
            assertThat(a.trainingExamples()).isEqualTo(b.trainingExamples());
            assertThat(a.validationExamples()).isEqualTo(b.validationExamples()).isPositive();
            // other shuffles, the same data: the same ELBO within a nat or two
            assertThat(a.last().validationElbo()).isCloseTo(b.last().validationElbo(),
                    org.assertj.core.data.Offset.offset(3.0));
            assertThat(a.last().validationElbo()).isGreaterThan(a.epochs().get(0).validationElbo());
        }
    }

    @Test
    void aPlanTrainedModelResumesFromItsCheckpointExactly(@TempDir Path dir) throws Exception {
        float[][] train = Arrays.copyOf(MnistSample.train(), 500);
        Path checkpoint = dir.resolve("run.vae4j");
        Training plan = Training.builder().epochs(4).batchSize(64).optimizer(Optimizer.rmsProp(2e-3))
                .learningRateSchedule(LearningRateSchedule.cosine(5, 0.1)).klWarmup(20).freeBits(0.05)
                .clipGradientNorm(200).validationFraction(0.2).earlyStopping(10).checkpoint(checkpoint, 1).build();
        float[][] straight;
        try (Vae vae = Vae.builder().latent(4).hidden(32).seed(3).build()) {
            vae.fit(train, plan);
            straight = vae.encode(MnistSample.test());
        }
        try (Vae vae = Vae.builder().latent(4).hidden(32).seed(3).build()) {
            RuntimeException crash = new RuntimeException("power cut in epoch 3");
            try {
                vae.fit(train, plan.toBuilder().listener(new TrainingListener() {
                    @Override
                    public void onStep(io.github.vae4j.StepReport step) {
                        if (step.epoch() == 3 && step.step() == 2) {
                            throw crash;
                        }
                    }
                }).build());
            } catch (RuntimeException e) {
                assertThat(e).isSameAs(crash);
            }
        }
        try (Vae resumed = Vae.load(checkpoint)) {
            assertThat(resumed.hasUnfinishedRun()).isTrue();
            assertThat(resumed.optimizer()).isEqualTo(Optimizer.rmsProp(2e-3));
            FitReport rest = resumed.fit(train, plan);
            assertThat(rest.epochs()).extracting(EpochReport::epoch).containsExactly(3, 4);
            assertThat(resumed.encode(MnistSample.test())).isDeepEqualTo(straight);
        }
        try (Vae reloaded = Vae.load(checkpoint)) {
            assertThat(reloaded.hasUnfinishedRun()).isFalse();
            assertThat(reloaded.encode(MnistSample.test())).isDeepEqualTo(straight);
            assertThat(String.format(Locale.ROOT, "%s", reloaded.defaultTraining().optimizer().orElseThrow()))
                    .contains("RmsProp");
        }
    }
}

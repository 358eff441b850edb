package io.github.vae4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vae4j.DataSource;
import io.github.vae4j.Training;
import io.github.vae4j.Vae;
import io.github.vae4j.testkit.MnistSample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conditional VAEs through the public API: trained on the bundled MNIST sample with one-hot labels as conditions,
 * the model must use them; bad conditions are refused before anything changes; the model file keeps them.
 */
class ConditionalVaeTest {

    private static final int DIGITS = 10;
    private static float[][] train;
    private static float[][] trainLabels;
    private static float[][] test;
    private static float[][] testLabels;

    @BeforeAll
    static void data() {
        int[] labels = MnistSample.labels();
        train = Arrays.copyOf(MnistSample.train(), 3000);
        trainLabels = oneHot(Arrays.copyOf(labels, 3000));
        test = Arrays.copyOf(MnistSample.test(), 500);
        testLabels = oneHot(Arrays.copyOfRange(labels, MnistSample.TRAIN, MnistSample.TRAIN + 500));
    }

    static float[][] oneHot(int[] labels) {
        float[][] out = new float[labels.length][DIGITS];
        for (int i = 0; i < labels.length; i++) {
            out[i][labels[i]] = 1f;
        }
        return out;
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    private static Vae.Builder small() {
        return Vae.builder().latent(4).hidden(128).conditions(DIGITS).seed(3);
    }

    /** Each test digit's label moved one digit on: a wrong condition for every row. */
    private static float[][] wrong(float[][] labels) {
        float[][] out = new float[labels.length][DIGITS];
        for (int i = 0; i < labels.length; i++) {
            for (int d = 0; d < DIGITS; d++) {
                out[i][(d + 1) % DIGITS] = labels[i][d];
            }
        }
        return out;
    }

    @Test
    void aModelOfDigitsUsesItsLabels() {
        try (Vae vae = small().build()) {
            vae.fit(train, trainLabels, Training.builder().epochs(8).build());
            double right = mean(vae.elbo(test, testLabels));
            double wrong = mean(vae.elbo(test, wrong(testLabels)));
            System.out.printf("conditional MNIST test ELBO: true label %.2f, wrong label %.2f%n", right, wrong);
            // measured with seed 3: -161.8 given the true label against -176.8 given a wrong one
            assertThat(right).as("test ELBO given the true label").isGreaterThan(-170);
            assertThat(right - wrong).as("nats per digit the true label is worth").isGreaterThan(8);
            double[] iwae = vae.logLikelihood(test, testLabels, 20);
            assertThat(mean(iwae)).as("IWAE tightens the ELBO").isGreaterThan(right);
            // a decoded latent point changes with the condition
            float[][] z = vae.encode(Arrays.copyOf(test, 2), Arrays.copyOf(testLabels, 2));
            float[][] asLabelled = vae.decode(z, Arrays.copyOf(testLabels, 2));
            float[][] asOther = vae.decode(z, Arrays.copyOf(wrong(testLabels), 2));
            assertThat(distance(asLabelled[0], asOther[0])).isGreaterThan(1);
            assertThat(vae.reconstruct(Arrays.copyOf(test, 3), Arrays.copyOf(testLabels, 3))).hasDimensions(3, 784);
            double[] activity = vae.latentActivity(test, testLabels);
            assertThat(activity).hasSize(4);
            assertThat(Arrays.stream(activity).max().orElseThrow()).as("some dimension is used").isGreaterThan(0.01);
            assertThatThrownBy(() -> vae.latentActivity(test)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("latentActivity(x, conditions)");
        }
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    @Test
    void rowsThatCarryTheirConditionTrainAsRowsWithConditionsApart() {
        float[][] rows = Arrays.copyOf(train, 400);
        float[][] labels = Arrays.copyOf(trainLabels, 400);
        float[][] joined = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            joined[i] = Arrays.copyOf(rows[i], 784 + DIGITS);
            System.arraycopy(labels[i], 0, joined[i], 784, DIGITS);
        }
        Training plan = Training.builder().epochs(2).build();
        try (Vae apart = small().build(); Vae together = small().build()) {
            apart.fit(rows, labels, plan);
            together.fit(DataSource.of(joined), plan);
            assertThat(together.sample(3, testLabels[0], 5)).isDeepEqualTo(apart.sample(3, testLabels[0], 5));
            assertThat(together.inputSize()).isEqualTo(784);
            assertThat(together.conditions()).isEqualTo(DIGITS);
        }
    }

    @Test
    void samplesOfOneConditionAreRepeatableAndOnePerConditionOtherwise(@TempDir Path dir) throws Exception {
        try (Vae vae = small().build()) {
            vae.fit(Arrays.copyOf(train, 300), Arrays.copyOf(trainLabels, 300), Training.builder().epochs(1).build());
            assertThat(vae.sample(4, testLabels[0], 9)).isDeepEqualTo(vae.sample(4, testLabels[0], 9));
            assertThat(vae.sample(Arrays.copyOf(testLabels, 6))).hasNumberOfRows(6);
            assertThat(vae.sample(0, testLabels[0])).isEmpty();
            Path file = dir.resolve("cvae.vae4j");
            vae.save(file);
            try (Vae loaded = Vae.load(file)) {
                assertThat(loaded.conditions()).isEqualTo(DIGITS);
                assertThat(loaded.sample(4, testLabels[1], 9)).isDeepEqualTo(vae.sample(4, testLabels[1], 9));
                assertThat(loaded.elbo(Arrays.copyOf(test, 5), Arrays.copyOf(testLabels, 5)))
                        .containsExactly(vae.elbo(Arrays.copyOf(test, 5), Arrays.copyOf(testLabels, 5)));
            }
        }
    }

    @Test
    void aConvolutionalModelTakesConditionsBesideItsImages() {
        float[][] images = Arrays.copyOf(train, 200);
        try (Vae vae = Vae.builder().image(28, 28, 1).conv(4, 8).hidden(32).latent(3).conditions(DIGITS).seed(1)
                .build()) {
            var report = vae.fit(images, Arrays.copyOf(trainLabels, 200), Training.builder().epochs(2).build());
            assertThat(report.last().elbo()).isGreaterThan(report.epochs().get(0).elbo());
            assertThat(vae.sample(2, testLabels[0])).hasDimensions(2, 784);
        }
    }

    @Test
    void badConditionsAreRefusedBeforeAnythingChanges() {
        float[][] rows = Arrays.copyOf(train, 20);
        float[][] labels = Arrays.copyOf(trainLabels, 20);
        try (Vae vae = small().build(); Vae plain = Vae.builder().latent(2).hidden(16).build()) {
            assertThatThrownBy(() -> vae.fit(rows)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("fit(rows, conditions)");
            float[][] narrow = Arrays.copyOf(labels, 20);
            narrow[3] = new float[9];
            assertThatThrownBy(() -> vae.fit(rows, narrow)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("conditions row 3 has 9 columns, expected 10");
            float[][] nan = Arrays.stream(labels).map(float[]::clone).toArray(float[][]::new);
            nan[5][2] = Float.NaN;
            assertThatThrownBy(() -> vae.fit(rows, nan)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("conditions row 5, column 2 is NaN");
            assertThatThrownBy(() -> vae.fit(rows, Arrays.copyOf(labels, 19)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("19 conditions for 20 rows");
            assertThat(vae.epochsCompleted()).isZero();
            vae.fit(rows, labels, Training.builder().epochs(1).build());
            assertThatThrownBy(() -> vae.sample(2)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("sample(n, condition)");
            assertThatThrownBy(() -> vae.encode(rows)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> vae.elbo(rows)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("elbo(x, conditions)");
            assertThatThrownBy(() -> vae.sample(2, new float[3])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has 3 columns, expected 10");
            assertThatThrownBy(() -> vae.decode(new float[][] {new float[4]}, new float[][] {{Float.POSITIVE_INFINITY,
                0, 0, 0, 0, 0, 0, 0, 0, 0}})).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("row 0, column 0 is Infinity");
            plain.fit(rows, Training.builder().epochs(1).build());
            assertThatThrownBy(() -> plain.encode(rows, labels)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("conditions(width)");
        }
        assertThatThrownBy(() -> Vae.builder().conditions(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Vae.builder().inputSize(5).hidden().conditions(2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one hidden layer");
    }

    @Test
    void manyThreadsSampleAndScoreGivenConditionsAtOnce() throws Exception {
        try (Vae vae = small().build()) {
            vae.fit(Arrays.copyOf(train, 300), Arrays.copyOf(trainLabels, 300), Training.builder().epochs(1).build());
            float[][] rows = Arrays.copyOf(test, 40);
            float[][] labels = Arrays.copyOf(testLabels, 40);
            double[] expected = vae.elbo(rows, labels);
            float[][] samples = vae.sample(5, labels[0], 11);
            int threads = 2 * Runtime.getRuntime().availableProcessors() + 2;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < threads * 3; t++) {
                    results.add(pool.submit(() -> Arrays.equals(vae.elbo(rows, labels), expected)
                            && Arrays.deepEquals(vae.sample(5, labels[0], 11), samples)));
                }
                for (Future<Boolean> f : results) {
                    assertThat(f.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}

package io.github.vae4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vae4j.Convolutions;
import io.github.vae4j.FitReport;
import io.github.vae4j.Likelihood;
import io.github.vae4j.Vae;
import io.github.vae4j.VaeConfig;
import io.github.vae4j.testkit.MnistSample;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Convolutional models from the public API: configuration and its errors, training on the bundled MNIST sample to a
 * stated ELBO, every inference method, and persistence.
 */
class ConvolutionalVaeTest {

    private static float[][] train;
    private static float[][] test;
    private static Vae trained;
    private static FitReport report;

    @BeforeAll
    static void trainSmallConvolutionalModel() {
        train = MnistSample.train();
        test = Arrays.copyOf(MnistSample.test(), 500);
        trained = small().epochs(3).build();
        report = trained.fit(train);
    }

    @AfterAll
    static void close() {
        trained.close();
    }

    private static Vae.Builder small() {
        return Vae.builder().image(28, 28, 1).conv(8, 16).hidden(64).latent(8).batchSize(50).seed(3);
    }

    // ------------------------------------------------------------------------------------- configuration

    @Test
    void theIssueExampleGivesTheDocumentedArchitecture() {
        VaeConfig c = Vae.builder().image(28, 28, 1).conv(32, 64).latent(4).config();
        assertThat(c.inputSize()).isEqualTo(784);
        assertThat(c.convolutions()).isEqualTo(
                new Convolutions(java.util.List.of(32, 64), 3, 2, Convolutions.Padding.SAME));
        assertThat(c.hiddenSizes()).as("dense default with convolutions").containsExactly(256);
        assertThat(c.encoderWidths()).containsExactly(14 * 14 * 32, 7 * 7 * 64, 256);
        assertThat(c.convolutions().shapes(c.image())).extracting(Object::toString)
                .containsExactly("28x28x1", "14x14x32", "7x7x64");
        try (Vae vae = Vae.builder().image(28, 28, 1).conv(32, 64).latent(4).build()) {
            assertThat(vae.toString()).contains("28x28x1-conv32-conv64(3/2 SAME)-256-4 BERNOULLI");
            // 1->32 and 32->64 3x3 convolutions, 3136->256, two heads 256->4; 4->256, 256->3136, 64->32 and 32->1
            long expected = (9 * 32 + 32) + (9 * 32 * 64 + 64) + (3136 * 256 + 256) + 2 * (256 * 4 + 4)
                    + (4 * 256 + 256) + (256 * 3136 + 3136) + (9 * 64 * 32 + 32) + (9 * 32 + 1);
            assertThat(vae.parameterCount()).isEqualTo(expected);
        }
    }

    @Test
    void impossibleConfigurationsAreClearErrors() {
        assertThatThrownBy(() -> Vae.builder().conv(8).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("convolutions need an image shape");
        assertThatThrownBy(() -> Vae.builder().image(28, 28, 1).inputSize(100).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("28x28x1").hasMessageContaining("784").hasMessageContaining("100");
        assertThatThrownBy(() -> Vae.builder().image(28, 28, 1).conv(8, 8, 8).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("convolution 2 maps height 7 to 4")
                .hasMessageContaining("maps back to 8, not 7");
        assertThatThrownBy(() -> Vae.builder().image(4, 4, 1).conv(2).convKernel(5).convPadding(
                Convolutions.Padding.VALID).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("smaller than the kernel size 5");
        assertThatThrownBy(() -> Vae.builder().image(0, 28, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0x28x1");
        assertThatThrownBy(() -> Vae.builder().conv(8, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("convolution 1");
        assertThatThrownBy(() -> Vae.builder().convKernel(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Vae.builder().convStride(65)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Vae.builder().convPadding(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void rowsOfTheWrongWidthNameTheImageShapeAndChangeNothing() {
        float[][] before = trained.encode(test);
        float[][] narrow = new float[3][780];
        assertThatThrownBy(() -> trained.fit(narrow)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 0 has 780 columns, expected 784")
                .hasMessageContaining("image shape 28x28x1");
        assertThatThrownBy(() -> trained.encode(narrow)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image shape 28x28x1");
        float[][] bad = Arrays.copyOf(train, 10);
        bad[7] = train[7].clone();
        bad[7][300] = 1.5f;
        assertThatThrownBy(() -> trained.fit(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 7, column 300 is 1.5");
        assertThat(trained.encode(test)).isDeepEqualTo(before);
    }

    // ------------------------------------------------------------------------------------------- training

    @Test
    void trainsOnMnistToAStatedElbo() {
        double testElbo = mean(trained.elbo(test));
        System.out.printf("MNIST sample, conv 8-16, 8000 digits, 3 epochs: train loss %.2f, test ELBO %.2f%n",
                report.last().loss(), testElbo);
        // untrained: about -545 nats; measured -145.8 (seed 3)
        assertThat(report.epochs().get(2).loss()).isLessThan(report.epochs().get(0).loss());
        assertThat(testElbo).isGreaterThan(-155.0);
    }

    @Test
    void everyInferenceMethodWorksOnImages() {
        float[][] z = trained.encode(test);
        assertThat(z).hasNumberOfRows(test.length);
        assertThat(z[0]).hasSize(8);
        float[][] x = trained.decode(z);
        assertThat(x[0]).hasSize(784);
        for (float[] row : x) {
            for (float v : row) {
                assertThat(v).isBetween(0f, 1f);
            }
        }
        assertThat(trained.reconstruct(test)[0]).hasSize(784);
        assertThat(trained.sample(5, 11)).isDeepEqualTo(trained.sample(5, 11));
        float[][] few = Arrays.copyOf(test, 50);
        double iwae = mean(trained.logLikelihood(few, 20));
        double elbo = mean(trained.elbo(few));
        assertThat(iwae).isGreaterThan(elbo);
        // a reconstruction is closer to its own digit than to another
        float[][] rec = trained.reconstruct(Arrays.copyOf(test, 2));
        assertThat(distance(rec[0], test[0])).isLessThan(distance(rec[0], test[1]));
    }

    @Test
    void encodingAndDecodingOnFourThreadsAtOnceGiveTheSerialAnswers() throws Exception {
        float[][][] codes = new float[4][][];
        float[][][] decodings = new float[4][][];
        for (int t = 0; t < 4; t++) {
            codes[t] = trained.encode(Arrays.copyOfRange(test, t * 60, t * 60 + 120));
            decodings[t] = trained.decode(codes[t]);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<float[][][]>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int from = t * 60;
                results.add(pool.submit(() -> {
                    float[][][] last = null;
                    for (int round = 0; round < 5; round++) {
                        float[][] rows = Arrays.copyOfRange(test, from, from + 120);
                        float[][] z = trained.encode(rows);
                        last = new float[][][] {z, trained.decode(z)};
                    }
                    return last;
                }));
            }
            for (int t = 0; t < 4; t++) {
                float[][][] r = results.get(t).get();
                // the convolutions' threads take the same blocks whoever calls, so the bits match
                assertThat(r[0]).as("thread %s's codes", t).isDeepEqualTo(codes[t]);
                assertThat(r[1]).as("thread %s's decodings", t).isDeepEqualTo(decodings[t]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void saveAndLoadKeepEncodeAndTrainingState(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("conv.vae4j");
        trained.save(file);
        try (Vae loaded = Vae.load(file)) {
            assertThat(loaded.config()).isEqualTo(trained.config());
            assertThat(loaded.encode(test)).isDeepEqualTo(trained.encode(test));
            assertThat(loaded.elbo(test)).isEqualTo(trained.elbo(test));
            assertThat(loaded.toString()).contains("conv8-conv16");
        }
    }

    @Test
    void aGaussianConvolutionalModelTrainsWithTwoOutputHeads() {
        try (Vae vae = Vae.builder().image(28, 28, 1).conv(4).hidden(32).latent(4).likelihood(Likelihood.GAUSSIAN)
                .epochs(2).batchSize(50).build()) {
            FitReport r = vae.fit(Arrays.copyOf(train, 1000));
            assertThat(r.last().loss()).isLessThan(r.epochs().get(0).loss());
            assertThat(vae.decode(new float[1][4])[0]).hasSize(784);
        }
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }
}

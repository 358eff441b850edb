package io.github.vae4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.FitReport;
import io.github.vae4j.Likelihood;
import io.github.vae4j.Vae;
import io.github.vae4j.testkit.StudentTLikelihood;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host's likelihood from end to end, written against public types only ({@link StudentTLikelihood}): it trains,
 * saves and loads by name with its parameter, decodes to its locations, samples, and on data with heavy tails
 * explains held-out rows better than the built-in Gaussian.
 */
class HostsLikelihoodTest {

    private static final int WIDTH = 8;

    @BeforeAll
    static void register() {
        StudentTLikelihood.register();
    }

    /** Rows of two hidden factors mixed into 8 values, with Student's t noise of 2 degrees of freedom. */
    private static float[][] heavyTailed(int n, long seed) {
        Random r = new Random(seed);
        double[][] mix = new double[WIDTH][2];
        Random m = new Random(99);
        for (double[] row : mix) {
            row[0] = m.nextGaussian();
            row[1] = m.nextGaussian();
        }
        float[][] out = new float[n][WIDTH];
        for (float[] row : out) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            for (int j = 0; j < WIDTH; j++) {
                double chi = r.nextGaussian() * r.nextGaussian() + r.nextGaussian() * r.nextGaussian();
                // heavy tails, cut at 30 (an unbounded input drives the encoder's log-variance out of range)
                double t = Math.max(-30, Math.min(30, r.nextGaussian() / Math.sqrt(Math.max(1e-6, chi) / 2)));
                row[j] = (float) (mix[j][0] * a + mix[j][1] * b + 0.2 * t);
            }
        }
        return out;
    }

    private static Vae.Builder model(Likelihood likelihood) {
        return Vae.builder().inputSize(WIDTH).latent(2).hidden(32).likelihood(likelihood).epochs(15).batchSize(50)
                .learningRate(3e-3).seed(1);
    }

    @Test
    void itTrainsSavesAndLoadsByNameWithItsParameter(@TempDir Path dir) throws Exception {
        float[][] train = heavyTailed(1500, 1);
        float[][] probe = Arrays.copyOf(heavyTailed(40, 2), 40);
        try (Vae vae = model(new StudentTLikelihood(3)).build()) {
            FitReport report = vae.fit(train);
            assertThat(report.last().elbo()).isFinite().isGreaterThan(report.epochs().get(0).elbo());
            Path file = dir.resolve("t.vae4j");
            vae.save(file);
            try (Vae back = Vae.load(file)) {
                assertThat(back.config().likelihood()).isEqualTo(new StudentTLikelihood(3));
                assertThat(back.encode(probe)).isDeepEqualTo(vae.encode(probe));
                assertThat(back.elbo(probe)).containsExactly(vae.elbo(probe));
                assertThat(back.logLikelihood(probe, 20)).containsExactly(vae.logLikelihood(probe, 20));
            }
            float[][] z = vae.encode(probe);
            float[][] locations = vae.decode(z);
            assertThat(locations).hasDimensions(40, WIDTH);
            float[][] samples = vae.sample(25, 3);
            assertThat(samples).hasNumberOfRows(25);
            for (float[] s : samples) {
                for (float v : s) {
                    assertThat(v).isFinite();
                }
            }
            assertThat(vae.reconstruct(probe)[0][0]).isCloseTo(locations[0][0], within(0f));
        }
    }

    @Test
    void onHeavyTailsItExplainsHeldOutRowsBetterThanTheGaussian() {
        float[][] train = heavyTailed(1500, 1);
        float[][] test = heavyTailed(500, 3);
        double t;
        double gaussian;
        try (Vae vae = model(new StudentTLikelihood(3)).build()) {
            vae.fit(train);
            t = Arrays.stream(vae.logLikelihood(test, 50)).average().orElseThrow();
        }
        try (Vae vae = model(Likelihood.GAUSSIAN).build()) {
            vae.fit(train);
            gaussian = Arrays.stream(vae.logLikelihood(test, 50)).average().orElseThrow();
        }
        assertThat(t).as("held-out log p(x), Student's t %s against Gaussian %s nats", t, gaussian)
                .isGreaterThan(gaussian + 20); // measured: -30.9 against -97.7
    }
}

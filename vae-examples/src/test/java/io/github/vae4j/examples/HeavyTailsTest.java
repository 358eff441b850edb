package io.github.vae4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vae4j.FitReport;
import io.github.vae4j.Likelihood;
import io.github.vae4j.Training;
import io.github.vae4j.Vae;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Heavy tails through the array Gaussian path: Shuttle's nine columns standardised (the largest |z| is 122), a Gaussian
 * likelihood, latent 3, hidden 32, 3 epochs. Before the encoder's heads were bounded this ended at 1.6e26 nats per
 * example at batch 100 and in NaN from batch 400; now each batch size ends below 100 nats. The data are
 * {@link HeavyTails}'s.
 */
class HeavyTailsTest {

    private static float[][] standardised;

    @BeforeAll
    static void read() throws Exception {
        standardised = HeavyTails.standardised(Dataset.bundledFile("shuttle/shuttle.csv.gz"));
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {100, 1000})
    void standardisedShuttleTrainsToAFiniteLossBelowAHundredNats(int batch) {
        float max = 0;
        for (float[] x : standardised) {
            for (float v : x) {
                max = Math.max(max, Math.abs(v));
            }
        }
        assertThat(max).as("the tail the test is about").isGreaterThan(100);
        try (Vae vae = Vae.builder().latent(3).hidden(32).likelihood(Likelihood.GAUSSIAN).seed(1).build()) {
            FitReport report = vae.fit(standardised, Training.builder().epochs(3).batchSize(batch).build());
            assertThat(report.epochs()).hasSize(3);
            assertThat(report.last().loss()).as("nats per example").isBetween(-50.0, 100.0);
            assertThat(report.last().kl()).as("KL, nats per example").isLessThan(10);
        }
    }
}

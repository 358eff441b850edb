package io.github.vae4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vae4j.FitReport;
import io.github.vae4j.Likelihood;
import io.github.vae4j.Training;
import io.github.vae4j.Vae;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Heavy tails through the array Gaussian path: Shuttle's nine columns standardised (the largest |z| is 122), a Gaussian
 * likelihood, latent 3, hidden 32, 3 epochs. Before the encoder's heads were bounded this ended at 1.6e26 nats per
 * example at batch 100 and in NaN from batch 400; now each batch size ends below 100 nats.
 */
class HeavyTailsTest {

    private static float[][] standardised;

    @BeforeAll
    static void read() throws IOException {
        List<float[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                HeavyTailsTest.class.getResourceAsStream("/datasets/shuttle/shuttle.csv.gz")),
                StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                float[] x = new float[9];
                for (int i = 0; i < 9; i++) {
                    x[i] = Float.parseFloat(f[i]);
                }
                rows.add(x);
            }
        }
        standardised = rows.toArray(new float[0][]);
        for (int c = 0; c < 9; c++) {
            double mean = 0;
            for (float[] x : standardised) {
                mean += x[c];
            }
            mean /= standardised.length;
            double ss = 0;
            for (float[] x : standardised) {
                ss += (x[c] - mean) * (x[c] - mean);
            }
            double sd = Math.sqrt(ss / standardised.length);
            for (float[] x : standardised) {
                x[c] = (float) ((x[c] - mean) / sd);
            }
        }
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

package io.github.vae4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.Likelihood;
import io.github.vae4j.Vae;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file written by vae4j 0.1.0-SNAPSHOT on 2026-11-22 (format version 1): a 6-4-2 Bernoulli model trained for
 * 3 epochs with seed 7. It must keep loading, into a working model with the same outputs, in every later release.
 */
class SavedModelCompatibilityTest {

    private static final float[][] PROBE = {
        {0f, 0.75f, 0.25f, 1f, 0.5f, 0f},
        {0.5f, 0f, 0.75f, 0.25f, 1f, 0.5f},
        {1f, 0.5f, 0f, 0.75f, 0.25f, 1f},
    };

    @Test
    void aModelFileFromVersion1StillLoadsAndGivesItsOutputs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.vae4j");
        try (InputStream in = getClass().getResourceAsStream("model-v1-dense-6-4-2.vae4j")) {
            Files.copy(in, file);
        }
        try (Vae vae = Vae.load(file)) {
            assertThat(vae.inputSize()).isEqualTo(6);
            assertThat(vae.latentSize()).isEqualTo(2);
            assertThat(vae.config().hiddenSizes()).containsExactly(4);
            assertThat(vae.config().likelihood()).isEqualTo(Likelihood.BERNOULLI);
            assertThat(vae.epochsCompleted()).isEqualTo(3);
            float[][] z = vae.encode(PROBE);
            float[][] expected = {{-0.22686727f, -0.47867113f}, {-0.044004418f, -0.6711823f}, {0.0694572f, -0.21656391f}};
            for (int i = 0; i < z.length; i++) {
                assertThat(z[i]).containsExactly(expected[i], within(1e-5f));
            }
            // one-sample ELBOs with each row's noise keyed by its values (since the tabular release; before, the
            // noise came from one stream in row order and these were -8.502151, -5.128453, -4.281244)
            assertThat(vae.elbo(PROBE)).containsExactly(new double[] {-4.414258, -5.708367, -3.956378}, within(1e-4));
            assertThat(vae.fit(PROBE).last().epoch()).isEqualTo(6); // and trains on, 3 epochs per fit as saved
        }
    }
}

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
 * Model files written by earlier builds of vae4j, one per format version, each loaded by this library into a working
 * model that gives the answers its writer printed (posterior means, decoder means, an imputation), and trains on. They
 * must keep loading in every later release:
 * <ul>
 *   <li>{@code model-v1-dense-6-4-2.vae4j}: format 1, written on 2026-11-22, a 6-4-2 Bernoulli model, 3 epochs, seed 7;
 *   <li>{@code model-v2-conv.vae4j}: format 2, written by commit 1780865's parent (the last build writing format 2):
 *       an 8x8x1 image, one 3x3 stride-2 convolution of 4 filters, 16 hidden, latent 2, 3 epochs, seed 11;
 *   <li>{@code model-v3-rmsprop.vae4j}: format 3, written by commit 91506f0's parent: 6-5-2 Bernoulli, 4 epochs of a
 *       training plan with RMSProp (1e-2) and batches of 50, seed 13;
 *   <li>{@code model-v4-tabular.vae4j}: format 4, written by commit dc2282f: a tabular model of a nullable
 *       log-transformed number, a binary and a categorical column, 6 hidden, latent 2, 4 epochs, seed 17.
 * </ul>
 * The writers' programs built the data below from the same formulas.
 */
class SavedModelCompatibilityTest {

    private static final float[][] PROBE = {
        {0f, 0.75f, 0.25f, 1f, 0.5f, 0f},
        {0.5f, 0f, 0.75f, 0.25f, 1f, 0.5f},
        {1f, 0.5f, 0f, 0.75f, 0.25f, 1f},
    };

    private static Path copy(Path dir, String name) throws Exception {
        Path file = dir.resolve(name);
        try (InputStream in = SavedModelCompatibilityTest.class.getResourceAsStream(name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private static void assertClose(float[] actual, float[] expected, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s, value %s", what, i)
                    .isCloseTo(expected[i], within(1e-5f * Math.max(1, Math.abs(expected[i]))));
        }
    }

    @Test
    void aConvolutionalModelFileOfFormat2LoadsAndGivesItsWritersAnswers(@TempDir Path dir) throws Exception {
        try (Vae vae = Vae.load(copy(dir, "model-v2-conv.vae4j"))) {
            assertThat(vae.config().image()).isEqualTo(new io.github.vae4j.ImageShape(8, 8, 1));
            assertThat(vae.config().convolutions().filters()).containsExactly(4);
            float[][] images = new float[3][64];
            for (int r = 0; r < 3; r++) {
                for (int i = 0; i < 64; i++) {
                    images[r][i] = (float) (0.5 + 0.5 * Math.sin((i / 8) * 0.3 + (i % 8) * 0.7 + r * 0.11 + 1.5));
                }
            }
            float[][] z = vae.encode(images);
            assertClose(z[0], new float[] {1.0506092f, 0.475569f}, "row 0");
            assertClose(z[1], new float[] {1.0347112f, 0.45616537f}, "row 1");
            assertClose(z[2], new float[] {1.0315475f, 0.42471722f}, "row 2");
            float[] x = vae.decode(new float[][] {{0.5f, -1f}})[0];
            assertClose(new float[] {x[0], x[9], x[63]}, new float[] {0.5080381f, 0.5079564f, 0.5014861f}, "decoded");
            assertThat(vae.fit(images).last().epoch()).isEqualTo(6);
        }
    }

    @Test
    void aModelFileOfFormat3WithRmsPropLoadsAndGivesItsWritersAnswers(@TempDir Path dir) throws Exception {
        try (Vae vae = Vae.load(copy(dir, "model-v3-rmsprop.vae4j"))) {
            assertThat(vae.optimizer().kind()).isEqualTo("RMSPROP");
            assertThat(vae.optimizer().learningRate()).isEqualTo(1e-2);
            float[][] rows = new float[3][6];
            for (int r = 0; r < 3; r++) {
                for (int j = 0; j < 6; j++) {
                    rows[r][j] = (float) (0.5 + 0.45 * Math.cos(r * 0.37 + j * 1.1 + 0.7));
                }
            }
            float[][] z = vae.encode(rows);
            assertClose(z[0], new float[] {0.059768125f, -0.116528f}, "row 0");
            assertClose(z[1], new float[] {0.023499193f, -0.03531801f}, "row 1");
            assertClose(z[2], new float[] {-0.009866725f, 0.042274546f}, "row 2");
            assertClose(vae.decode(new float[][] {{0.5f, -1f}})[0], new float[] {0.49617556f, 0.49672168f,
                0.5018434f, 0.48035377f, 0.4904874f, 0.48824582f}, "decoded");
            assertThat(vae.epochsCompleted()).isEqualTo(4);
            vae.fit(rows);
            assertThat(vae.optimizer().kind()).as("it trains on with its optimiser").isEqualTo("RMSPROP");
        }
    }

    @Test
    void aTabularModelFileOfFormat4LoadsAndGivesItsWritersAnswers(@TempDir Path dir) throws Exception {
        io.github.vae4j.tabular.Schema schema = io.github.vae4j.tabular.Schema.builder().numeric("amount", true, true)
                .binary("card", "no", "yes").categorical("shop", "food", "fuel", "toys")
                .unknownLevels(io.github.vae4j.tabular.UnknownLevels.REJECT).build(); // the default when written
        try (Vae vae = Vae.load(copy(dir, "model-v4-tabular.vae4j"))) {
            assertThat(vae.schema()).isEqualTo(schema);
            io.github.vae4j.tabular.Table.Builder b = io.github.vae4j.tabular.Table.builder(schema);
            String[] shops = {"food", "fuel", "toys"};
            for (int r = 0; r < 3; r++) {
                int i = r + 1000;
                b.add(i % 7 == 3 ? null : 5.0 + (i * 37 % 50), i % 3 == 0 ? "no" : "yes", shops[i * 5 % 7 % 3]);
            }
            float[][] z = vae.encode(b.build());
            assertClose(z[0], new float[] {0.72147655f, -1.8315575f}, "row 0");
            assertClose(z[1], new float[] {0.71248704f, -0.10370123f}, "row 1");
            assertClose(z[2], new float[] {0.6838655f, -0.5622176f}, "row 2");
            io.github.vae4j.tabular.Table filled = vae.impute(io.github.vae4j.tabular.Table.builder(schema)
                    .add(null, "no", "toys").build());
            assertThat(filled.raw(0, 0)).as("the imputed amount").isCloseTo(67.22097f, within(1e-3f));
        }
    }

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

package io.github.vae4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.tabular.Explanation;
import io.github.vae4j.tabular.Scaling;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.Table;
import io.github.vae4j.tabular.TableSource;
import io.github.vae4j.tabular.TabularEncoding;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The table methods on vae-api's test backend ({@link MeanBackend}: its "model" is one vector m in the encoded layout,
 * the decoder's mean for every z), where every answer can be worked out by hand: the facade's encoding, its chunks
 * and its decoding back to the columns' units and levels, apart from any real network.
 */
class TableMethodsTest {

    private static final Schema SCHEMA = Schema.builder().numeric("amount", true, false).binary("card", "no", "yes")
            .categorical("shop", "food", "fuel", "toys").build().toBuilder()
            .replace("card", c -> c.withNullable(true)).replace("shop", c -> c.withNullable(true)).build();

    /** 300 rows: amounts 10 to 40, cards mostly yes, shops mostly fuel. */
    private static Table rows() {
        Table.Builder b = Table.builder(SCHEMA);
        for (int i = 0; i < 300; i++) {
            b.add(10.0 + i % 31, i % 4 == 0 ? "no" : "yes", i % 5 == 0 ? "food" : "fuel");
        }
        return b.build();
    }

    /** A model trained to the encoded rows' mean: beta 0, so m goes to the mean of x. */
    private static Vae trained() {
        Vae vae = Vae.builder().schema(SCHEMA).latent(2).beta(0).learningRate(0.5).epochs(60).batchSize(300)
                .seed(3).build();
        vae.fit(rows());
        return vae;
    }

    @Test
    void theModelLearnsTheEncodedMeanAndImputesItInTheColumnsUnitsAndLevels() {
        try (Vae vae = trained()) {
            float[][] encoded = vae.encodeRows(rows());
            float[] m = MeanBackend.last().m;
            for (int j = 0; j < m.length; j++) {
                double mean = 0;
                for (float[] row : encoded) {
                    mean += row[j];
                }
                assertThat(m[j]).as("m[%s]", j).isCloseTo((float) (mean / encoded.length), within(1e-4f));
            }
            Table gaps = Table.builder(SCHEMA).add(null, "no", null).add(25.0, null, "toys").build();
            Table filled = vae.impute(gaps);
            TabularEncoding encoding = new TabularEncoding(SCHEMA, vae.scaling());
            float[] expected = new float[SCHEMA.size()];
            encoding.decodeMean(m, 0, expected);
            assertThat((double) filled.raw(0, 0)).as("the missing amount: m's, in the column's units")
                    .isCloseTo(expected[0], within(1e-3)).isCloseTo(25.0, within(0.5));
            assertThat(filled.value(0, 1)).as("present entries stay").isEqualTo("no");
            assertThat(filled.value(0, 2)).as("the most probable shop").isEqualTo("fuel");
            assertThat(filled.value(1, 1)).as("the most probable card").isEqualTo("yes");
            assertThat(filled.value(1, 2)).isEqualTo("toys");
        }
    }

    @Test
    void explanationsAreEachColumnsTermInNatsLargestFirst() {
        try (Vae vae = trained()) {
            Table one = Table.builder(SCHEMA).add(1000.0, "no", "toys").build();
            float[] x = vae.encodeRows(one)[0];
            float[] m = MeanBackend.last().m;
            List<Explanation> why = vae.explain(one);
            assertThat(why).hasSize(1);
            for (int c = 0; c < SCHEMA.size(); c++) {
                int to = c + 1 < SCHEMA.size() ? SCHEMA.inputOffset(c + 1) : SCHEMA.inputWidth();
                double nats = 0;
                for (int j = SCHEMA.inputOffset(c); j < to; j++) {
                    nats += 0.5 * (x[j] - m[j]) * (x[j] - m[j]);
                }
                assertThat(why.get(0).of(SCHEMA.column(c).name())).as(SCHEMA.column(c).name())
                        .isCloseTo(nats, within(1e-6 * Math.max(1, nats)));
            }
            assertThat(why.get(0).contributions().get(0).column()).as("the amount is far off").isEqualTo("amount");
            assertThat(why.get(0).latentNats()).as("the test backend's KL, 0.5 ||m||^2")
                    .isCloseTo(MeanBackend.last().kl(), within(1e-6));
        }
    }

    @Test
    void encodingSamplingAndScoresGoThroughTheEncodedLayout() {
        try (Vae vae = trained()) {
            Table table = rows();
            float[][] z = vae.encode(table);
            float[][] x = vae.encodeRows(table);
            float[] m = MeanBackend.last().m;
            int n = m.length;
            for (int r : new int[] {0, 7, 299}) {
                for (int j = 0; j < 2; j++) {
                    assertThat(z[r][j]).as("row %s, dimension %s: x - m", r, j).isEqualTo(x[r][j % n] - m[j % n]);
                }
            }
            Table synthetic = vae.sampleTable(5, 11);
            Table imputed = vae.impute(Table.builder(SCHEMA).add(null, null, null).build());
            for (int r = 0; r < 5; r++) {
                for (int c = 0; c < SCHEMA.size(); c++) {
                    assertThat(synthetic.value(r, c)).as("sample %s, column %s: the test decoder draws m", r, c)
                            .isEqualTo(imputed.value(0, c));
                }
            }
            double[] scores = vae.anomalyScores(Table.builder(SCHEMA).add(25.0, "yes", "fuel")
                    .add(5000.0, "yes", "fuel").build(), 10);
            assertThat(scores[1] - scores[0]).as("the far row's reconstruction term dominates").isGreaterThan(1000);
        }
    }

    @Test
    void tableCallsCheckTheSchemaAndTheTraining() {
        Schema other = Schema.builder().numeric("amount").build();
        try (Vae untrained = Vae.builder().schema(SCHEMA).latent(2).build()) {
            assertThatThrownBy(() -> untrained.impute(rows())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("impute needs a trained model: fit(Table) fits the columns' scaling");
        }
        try (Vae vae = trained()) {
            assertThatThrownBy(() -> vae.impute(Table.builder(other).add(1.0).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the table's schema is not the model's");
            assertThatThrownBy(() -> vae.fit(new float[][] {{1, 2}}))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("trains on tables");
        }
        try (Vae dense = Vae.builder().inputSize(3).latent(2).build()) {
            assertThatThrownBy(() -> dense.explain(rows())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("needs a model with a schema");
        }
    }

    @Test
    void aSourceThatBringsItsScalingIsTrainedWithItAndALaterFitMustAgree() {
        double[] center = {20, 0, 0};
        double[] scale = {4, 1, 1};
        Scaling given = new Scaling(center, scale);
        try (Vae vae = Vae.builder().schema(SCHEMA).latent(2).epochs(1).build()) {
            vae.fit(TableSource.of(SCHEMA, rows().asSource(), given), Training.builder().build());
            assertThat(vae.scaling()).isEqualTo(given);
            Scaling other = new Scaling(new double[] {21, 0, 0}, scale);
            assertThatThrownBy(() -> vae.fit(TableSource.of(SCHEMA, rows().asSource(), other),
                    Training.builder().build())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("another scaling than the model's");
            vae.fit(TableSource.of(SCHEMA, rows().asSource(), given), Training.builder().build());
            assertThat(vae.epochsCompleted()).isEqualTo(2);
        }
        assertThatThrownBy(() -> TableSource.of(SCHEMA, rows().asSource(), new Scaling(new double[2],
                new double[] {1, 1}))).isInstanceOf(IllegalArgumentException.class);
    }
}

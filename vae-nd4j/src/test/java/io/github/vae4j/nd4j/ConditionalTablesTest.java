package io.github.vae4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vae4j.Vae;
import io.github.vae4j.tabular.Explanation;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.Table;
import io.github.vae4j.tabular.TableComparison;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tabular model whose schema names a condition column, on the bundled credit table: {@code Status} (good or bad)
 * is given, the other 13 columns are modelled. Asked for {@code Status = bad}, the model gives rows like the real
 * bad ones; scores take each row's status into account.
 */
class ConditionalTablesTest {

    private static Schema schema;
    private static Table credit;
    private static Vae vae;

    @BeforeAll
    static void train() throws Exception {
        Path file = Path.of(ConditionalTablesTest.class.getResource("/datasets/credit/credit.csv").toURI());
        schema = Table.inferSchema(file).withConditions("Status");
        credit = Table.readCsv(file, schema);
        vae = Vae.builder().schema(schema).latent(8).epochs(30).seed(1).build();
        vae.fit(credit);
    }

    @AfterAll
    static void close() {
        vae.close();
    }

    private static Table withStatus(Table t, String status) {
        int c = schema.indexOf("Status");
        return t.select(IntStream.range(0, t.rowCount()).filter(r -> t.value(r, c).equals(status)).toArray());
    }

    @Test
    void rowsAskedForAsBadAreCloserToTheRealBadRowsThanToTheGoodOnes() {
        Table synthetic = vae.sampleTable(2000, Map.of("Status", "bad"), 7);
        int status = schema.indexOf("Status");
        assertThat(IntStream.range(0, synthetic.rowCount()).mapToObj(r -> synthetic.value(r, status)))
                .containsOnly("bad");
        double toBad = TableComparison.of(withStatus(credit, "bad"), synthetic).meanColumnDifference();
        double toGood = TableComparison.of(withStatus(credit, "good"), synthetic).meanColumnDifference();
        System.out.printf("credit, rows asked for as bad: mean column difference to the real bad rows %.3f, to the "
                + "good rows %.3f%n", toBad, toGood);
        assertThat(toBad).isLessThan(toGood);
        assertThat(vae.sampleTable(5, Map.of("Status", "good"), 3).value(4, 1))
                .isEqualTo(vae.sampleTable(5, Map.of("Status", "good"), 3).value(4, 1));
    }

    @Test
    void aRowScoresBetterGivenItsOwnStatusThanTheOther() {
        Table sample = credit.rows(0, 400);
        int status = schema.indexOf("Status");
        Table.Builder flipped = Table.builder(schema);
        float[] raw = new float[schema.size()];
        for (int r = 0; r < sample.rowCount(); r++) {
            sample.rawRow(r, raw);
            raw[status] = 1 - raw[status];
            flipped.addRaw(raw);
        }
        double own = Arrays.stream(vae.anomalyScores(sample)).average().orElseThrow();
        double other = Arrays.stream(vae.anomalyScores(flipped.build())).average().orElseThrow();
        System.out.printf("credit, mean anomaly score given the row's own status %.3f, given the other %.3f%n", own,
                other);
        assertThat(own).isLessThan(other);
        Explanation e = vae.explain(sample.rows(0, 1)).get(0);
        assertThat(e.contributions().stream().map(Explanation.Contribution::column)).hasSize(schema.size() - 1)
                .doesNotContain("Status");
        assertThat(vae.impute(sample).rowCount()).isEqualTo(400);
    }

    @Test
    void aReadingNormalByDayIsAnAnomalyAtNight() {
        // a server's load: about 10 by day, about 2 at night; the time of day is the context, not modelled
        Schema load = Schema.builder().categorical("time", "day", "night").numeric("load").numeric("latency")
                .condition("time").build();
        java.util.Random random = new java.util.Random(5);
        Table.Builder b = Table.builder(load);
        for (int i = 0; i < 2000; i++) {
            boolean day = i % 2 == 0;
            double l = (day ? 10 : 2) + random.nextGaussian();
            b.add(day ? "day" : "night", l, 5 + 0.5 * l + 0.3 * random.nextGaussian());
        }
        try (Vae model = Vae.builder().schema(load).latent(2).hidden(32).epochs(30).seed(2).build()) {
            model.fit(b.build());
            Table busy = Table.builder(load).add("day", 10.0, 10.0).add("night", 10.0, 10.0).add("night", 2.0, 6.0)
                    .build();
            double[] scores = model.anomalyScores(busy);
            System.out.printf("load 10 by day %.2f nats, at night %.2f; load 2 at night %.2f%n", scores[0],
                    scores[1], scores[2]);
            assertThat(scores[1]).as("the same reading at night").isGreaterThan(scores[0] + 10);
            assertThat(scores[2]).as("a quiet night").isLessThan(scores[1] - 10);
        }
    }

    @Test
    void conditionsThatDoNotFitTheSchemaAreRefusedByName() {
        assertThatThrownBy(() -> vae.sampleTable(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no value for the condition column 'Status'");
        assertThatThrownBy(() -> vae.sampleTable(3, Map.of("Status", "meh")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'meh' is not a level of the condition column 'Status'");
        assertThatThrownBy(() -> vae.sampleTable(3, Map.of("Status", "bad", "Age", 30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Age' is not a condition column");
        assertThatThrownBy(() -> schema.withConditions("Colour")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("condition 'Colour' is not a column");
        assertThatThrownBy(() -> Vae.builder().schema(schema).conditions(2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("condition columns");
    }

    @Test
    void theModelFileKeepsTheConditionColumns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("credit.vae4j");
        vae.save(file);
        try (Vae loaded = Vae.load(file)) {
            assertThat(loaded.schema().conditionNames()).containsExactly("Status");
            assertThat(loaded.conditions()).isEqualTo(schema.conditionWidth());
            Table a = loaded.sampleTable(4, Map.of("Status", "bad"), 11);
            Table b = vae.sampleTable(4, Map.of("Status", "bad"), 11);
            for (int c = 0; c < schema.size(); c++) {
                assertThat(a.value(3, c)).isEqualTo(b.value(3, c));
            }
        }
    }
}

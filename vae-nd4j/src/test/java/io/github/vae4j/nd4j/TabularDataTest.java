package io.github.vae4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.AnomalyThreshold;
import io.github.vae4j.FitReport;
import io.github.vae4j.Training;
import io.github.vae4j.Vae;
import io.github.vae4j.tabular.Column;
import io.github.vae4j.tabular.ColumnKind;
import io.github.vae4j.tabular.Explanation;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.Table;
import io.github.vae4j.tabular.TableComparison;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables end to end through the public API, on the bundled Shuttle and credit data, with default settings: what a
 * host that has never seen the files does. Bounds measured with the seeds below, with a margin.
 */
class TabularDataTest {

    private static Path shuttle;
    private static Path credit;

    @BeforeAll
    static void files() throws URISyntaxException {
        shuttle = Path.of(TabularDataTest.class.getResource("/datasets/shuttle/shuttle.csv.gz").toURI());
        credit = Path.of(TabularDataTest.class.getResource("/datasets/credit/credit.csv").toURI());
    }

    /** The area under the ROC curve of scores against labels (true = anomaly), by the rank sum. */
    static double auroc(double[] scores, boolean[] anomaly) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double rankSum = 0;
        long positives = 0;
        for (int k = 0; k < order.length; k++) {
            if (anomaly[order[k]]) {
                rankSum += k + 1;
                positives++;
            }
        }
        long negatives = scores.length - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    @Test
    void shuttleOddsProtocolWithDefaultSettings(@TempDir Path dir) throws Exception {
        // the ODDS protocol: Rad.Flow normal, High left out, the rest outliers; train on 60% of the normal rows
        Schema all = Table.inferSchema(shuttle);
        Table labelled = Table.readCsv(shuttle, all);
        Schema features = all.toBuilder().drop("Class").build();
        Table x = Table.readCsv(shuttle, features);
        int cls = all.indexOf("Class");
        List<String> classes = all.column(cls).levels();
        List<Integer> normal = new ArrayList<>();
        List<Integer> outliers = new ArrayList<>();
        for (int r = 0; r < labelled.rowCount(); r++) {
            String c = classes.get((int) labelled.raw(r, cls));
            if (c.equals("Rad.Flow")) {
                normal.add(r);
            } else if (!c.equals("High")) {
                outliers.add(r);
            }
        }
        assertThat(normal).hasSize(45_586);
        assertThat(outliers).hasSize(3_511);
        Collections.shuffle(normal, new Random(42));
        int train = (int) Math.round(normal.size() * 0.6);
        List<Integer> test = new ArrayList<>(normal.subList(train, normal.size()));
        int normalTest = test.size();
        test.addAll(outliers);
        boolean[] anomaly = new boolean[test.size()];
        Arrays.fill(anomaly, normalTest, anomaly.length, true);
        Table testRows = x.select(test.stream().mapToInt(Integer::intValue).toArray());
        try (Vae vae = Vae.builder().schema(features).build()) {
            vae.fit(x.select(normal.subList(0, train).stream().mapToInt(Integer::intValue).toArray()));
            double[] scores = vae.anomalyScores(testRows, 20);
            double auc = auroc(scores, anomaly);
            System.out.printf("Shuttle, ODDS protocol, default settings: AUROC %.5f%n", auc);
            assertThat(auc).isGreaterThan(0.995); // 0.9997 measured

            // a threshold at 1% false positives on the held-out normal rows catches nearly every outlier
            AnomalyThreshold t = AnomalyThreshold.forFalsePositiveRate(Arrays.copyOf(scores, normalTest), 0.01);
            boolean[] flagged = t.flag(scores);
            int caught = 0;
            for (int i = normalTest; i < flagged.length; i++) {
                caught += flagged[i] ? 1 : 0;
            }
            assertThat((double) caught / outliers.size()).isGreaterThan(0.95);

            // a row's score is a function of the row: alone, or among others in another order, the same
            int[] few = {normalTest + 3, 5, normalTest + 10};
            double[] together = vae.anomalyScores(testRows.select(few), 20);
            for (int i = 0; i < few.length; i++) {
                double alone = vae.anomalyScores(testRows.select(new int[] {few[i]}), 20)[0];
                assertThat(alone).isCloseTo(together[i], within(1e-4 * Math.max(1, Math.abs(alone))));
                assertThat(scores[few[i]]).isCloseTo(together[i], within(1e-4 * Math.max(1, Math.abs(alone))));
            }

            // an outlier's explanation: its columns' terms, largest first, sum to its reconstruction term
            Explanation e = vae.explain(testRows.select(new int[] {normalTest})).get(0);
            assertThat(e.contributions()).hasSize(9);
            assertThat(e.contributions()).isSortedAccordingTo(
                    Comparator.comparingDouble(Explanation.Contribution::nats).reversed());
            assertThat(e.total()).isGreaterThan(
                    vae.explain(testRows.select(new int[] {0})).get(0).total());

            // saved and loaded, the model scores the same
            Path file = dir.resolve("shuttle.vae4j");
            vae.save(file);
            try (Vae loaded = Vae.load(file)) {
                assertThat(loaded.schema()).isEqualTo(features);
                assertThat(loaded.anomalyScores(testRows.select(few), 20)).containsExactly(together);
                Table read = Table.readCsv(shuttle, loaded.schema());
                assertThat(read.rowCount()).isEqualTo(58_000);
            }
        }
    }

    @Test
    void creditImputationBeatsMeansAndModesAndSamplesLookReal() throws Exception {
        // mixed kinds with gaps: every column nullable, 10% of the present entries held out and imputed
        Schema inferred = Table.inferSchema(credit);
        assertThat(inferred.column(inferred.indexOf("Income")).nullable()).isTrue();
        assertThat(inferred.column(inferred.indexOf("Home")).kind()).isEqualTo(ColumnKind.CATEGORICAL);
        Schema.Builder b = inferred.toBuilder();
        inferred.columns().forEach(c -> b.replace(c.name(), col -> col.withNullable(true)));
        Schema schema = b.build();
        Table full = Table.readCsv(credit, schema);
        Random random = new Random(7);
        boolean[][] held = new boolean[full.rowCount()][schema.size()];
        for (int r = 0; r < full.rowCount(); r++) {
            for (int c = 0; c < schema.size(); c++) {
                held[r][c] = !full.isMissing(r, c) && random.nextDouble() < 0.1;
            }
        }
        Table masked = full.withMissing((r, c) -> held[r][c]);
        try (Vae vae = Vae.builder().schema(schema).latent(8).epochs(40).seed(1).build()) {
            FitReport report = vae.fit(masked);
            assertThat(report.last().elbo()).isGreaterThan(report.epochs().get(0).elbo());
            Table imputed = vae.impute(masked);
            int modelRight = 0;
            int baselineRight = 0;
            int categorical = 0;
            for (int c = 0; c < schema.size(); c++) {
                Column col = schema.column(c);
                double mean = 0;
                int n = 0;
                Map<Float, Integer> counts = new HashMap<>();
                for (int r = 0; r < masked.rowCount(); r++) {
                    if (!masked.isMissing(r, c)) {
                        mean += masked.raw(r, c);
                        n++;
                        counts.merge(masked.raw(r, c), 1, Integer::sum);
                    }
                }
                mean /= n;
                float mode = Collections.max(counts.entrySet(), Map.Entry.comparingByValue()).getKey();
                double modelError = 0;
                double baselineError = 0;
                for (int r = 0; r < full.rowCount(); r++) {
                    assertThat(imputed.isMissing(r, c)).isFalse();
                    if (!held[r][c] && !masked.isMissing(r, c)) {
                        assertThat(imputed.raw(r, c)).isEqualTo(masked.raw(r, c)); // present entries stay
                    }
                    if (!held[r][c]) {
                        continue;
                    }
                    float truth = full.raw(r, c);
                    if (col.kind() == ColumnKind.NUMERIC) {
                        modelError += Math.abs(imputed.raw(r, c) - truth);
                        baselineError += Math.abs(mean - truth);
                    } else {
                        categorical++;
                        modelRight += imputed.raw(r, c) == truth ? 1 : 0;
                        baselineRight += mode == truth ? 1 : 0;
                    }
                }
                if (col.kind() == ColumnKind.NUMERIC) {
                    assertThat(modelError).as("%s: mean absolute error against the column mean's", col.name())
                            .isLessThan(baselineError);
                }
            }
            System.out.printf("credit, categorical imputation accuracy: model %.3f, mode %.3f%n",
                    (double) modelRight / categorical, (double) baselineRight / categorical);
            assertThat(modelRight).isGreaterThan(baselineRight);

            Table synthetic = vae.sampleTable(full.rowCount(), 3);
            assertThat(synthetic.rowCount()).isEqualTo(full.rowCount());
            assertThat(vae.sampleTable(5, 3).value(4, 0)).isEqualTo(vae.sampleTable(5, 3).value(4, 0));
            TableComparison comparison = TableComparison.of(full, synthetic);
            double realAge = comparison.columns().get(schema.indexOf("Age")).real()[0];
            double fakeAge = comparison.columns().get(schema.indexOf("Age")).synthetic()[0];
            assertThat(fakeAge).isCloseTo(realAge, within(0.1 * realAge));
            assertThat(comparison.rmsCorrelationDifference()).isLessThan(0.2);
        }
    }

    @Test
    void aCsvStreamTrainsATabularModelAndBadUseIsNamed() throws Exception {
        Schema schema = Table.inferSchema(credit);
        try (Vae vae = Vae.builder().schema(schema).latent(4).hidden(32).build()) {
            assertThatThrownBy(() -> vae.anomalyScores(Table.readCsv(credit, schema)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs a trained model");
            assertThatThrownBy(() -> vae.fit(new float[][] {{1}})).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("trains on tables");
            Schema other = schema.toBuilder().drop("Price").build();
            assertThatThrownBy(() -> vae.fit(Table.readCsv(credit, other))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not the model's");
            FitReport report = vae.fit(Table.csvSource(credit, schema), Training.builder().epochs(3)
                    .validationFraction(0.1).build());
            assertThat(report.validationExamples()).isPositive();
            assertThat(report.last().validationElbo()).isGreaterThan(report.epochs().get(0).validationElbo());
            assertThat(vae.scaling().centerOf(schema.indexOf("Age"))).isCloseTo(37, within(2.0));
            assertThat(vae.encode(Table.readCsv(credit, schema))).hasNumberOfRows(4454);
        }
        try (Vae plain = Vae.builder().latent(2).build()) {
            assertThatThrownBy(() -> plain.fit(Table.readCsv(credit, schema)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs a model with a schema");
        }
    }

    @Test
    void levelsAndValuesNeverSeenInTrainingAreScoredNotRefused(@TempDir Path dir) throws Exception {
        Schema schema = Table.inferSchema(credit);
        Table train = Table.readCsv(credit, schema);
        String header = "Status,Seniority,Home,Time,Age,Marital,Records,Job,Expenses,Income,Assets,Debt,Amount,Price";
        String row = "good,9,rent,60,30,married,no,freelance,73,129,0,0,800,846";
        Path test = Files.writeString(dir.resolve("test.csv"), String.join("\n", header, row,
                row.replace("rent", "boat"), row.replace("married", "eloped"), row.replace(",800,", ",800000000,"),
                row.replace("good", "unsure")) + "\n");
        try (Vae vae = Vae.builder().schema(schema).latent(4).hidden(32).seed(3).build()) {
            vae.fit(train, Training.builder().epochs(5).build());
            Table scored = Table.readCsv(test, schema);
            assertThat(scored.value(1, schema.indexOf("Home"))).isEqualTo("boat");
            double[] s = vae.anomalyScores(scored);
            assertThat(s).doesNotContain(Double.NaN);
            for (int r = 1; r < s.length; r++) {
                assertThat(s[r]).as("row %s against the row as seen in training, %s", r, s[0]).isGreaterThan(s[0]);
            }
            assertThat(vae.explain(scored).get(1).top(1).get(0).column()).isEqualTo("Home");
            assertThat(vae.impute(scored).value(2, schema.indexOf("Marital"))).isEqualTo("eloped");
            assertThatThrownBy(() -> vae.fit(scored)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("table row 1, column 'Home' holds a level the schema does not have");
            assertThatThrownBy(() -> vae.fit(Table.csvSource(test, schema), Training.defaults())).isInstanceOf(
                    IllegalArgumentException.class).hasMessageContaining("test.csv line 3, column 'Home' holds a level");
        }
    }
}

package io.github.vae4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.Vae;
import io.github.vae4j.io.ModelFile;
import io.github.vae4j.tabular.Explanation;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.Table;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A tabular model (mixed columns with gaps) scoring a Dataset's columns, against the single-machine answers. */
class SparkTabularTest {

    private static final Schema SCHEMA = Schema.builder().numeric("amount", true, true).binary("card", "no", "yes")
            .categorical("shop", "food", "fuel", "travel").build();
    private static final StructType FRAME = new StructType(new StructField[] {
        new StructField("id", DataTypes.IntegerType, false, Metadata.empty()),
        new StructField("amount", DataTypes.DoubleType, true, Metadata.empty()),
        new StructField("card", DataTypes.StringType, true, Metadata.empty()),
        new StructField("shop", DataTypes.StringType, true, Metadata.empty())});

    private static SparkSession spark;
    private static List<Object[]> values;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("vae4j-tabular-test")
                .config("spark.ui.enabled", "false").getOrCreate();
        Random r = new Random(3);
        String[] shops = {"food", "fuel", "travel"};
        values = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int shop = r.nextInt(3);
            Double amount = r.nextInt(10) == 0 ? null : Math.exp(2 + shop + 0.3 * r.nextGaussian());
            values.add(new Object[] {amount, shop == 2 || r.nextBoolean() ? "yes" : "no", shops[shop]});
        }
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Table table(List<Object[]> rows) {
        Table.Builder b = Table.builder(SCHEMA);
        rows.forEach(b::add);
        return b.build();
    }

    private static Dataset<Row> frame(List<Object[]> rows) {
        List<Row> list = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Object[] v = rows.get(i);
            list.add(RowFactory.create(i, v[0], v[1], v[2]));
        }
        return spark.createDataFrame(list, FRAME).repartition(2);
    }

    /** The rows in their order, in 2 partitions. */
    private static Dataset<Row> ordered(List<Object[]> rows) {
        List<Row> list = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Object[] v = rows.get(i);
            list.add(RowFactory.create(i, v[0], v[1], v[2]));
        }
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(list, 2),
                FRAME);
    }

    @Test
    void aTabularModelTrainsOnTwoPartitionsAsOnOneMachine() throws IOException {
        SparkVae estimator = new SparkVae().setSchema(SCHEMA).setHidden(16).setLatent(2).setEpochs(2).setBatchSize(40)
                .setSeed(4).setValidationFraction(0.1);
        SparkVaeModel model = estimator.fit(ordered(values));
        try (Vae local = estimator.builder().build(); Vae spread = model.toVae()) {
            local.fit(table(values), estimator.plan());
            for (int c = 0; c < 3; c++) {
                assertThat(spread.scaling().centerOf(c)).isCloseTo(local.scaling().centerOf(c), within(1e-9));
                assertThat(spread.scaling().scaleOf(c)).isCloseTo(local.scaling().scaleOf(c), within(1e-9));
            }
            float[] a = ModelFile.fromBytes(local.toBytes()).state().parameters();
            float[] b = ModelFile.fromBytes(model.modelFile()).state().parameters();
            double worst = 0;
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1e-2, Math.abs(a[i])));
            }
            assertThat(worst).as("largest relative difference of a parameter").isLessThan(1e-5);
            assertThat(spread.trainingDefaults().clipGradientNorm()).isEqualTo(10);
        }
        assertThat(model.transform(ordered(values)).filter("problem is null").count()).isEqualTo(values.size());

        List<Object[]> bad = new ArrayList<>(values);
        bad.set(250, new Object[] {1.0, "no", "boat"});
        assertThatThrownBy(() -> estimator.fit(ordered(bad))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("training row 50 of partition 1, column 'shop': unknown level 'boat'");
        assertThatThrownBy(() -> new SparkVae().setSchema(SCHEMA).fit(ordered(values).drop("card")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column 'card'");
    }

    @Test
    void aSchemaWithAConditionColumnTrainsAndScoresAsOnOneMachine() throws IOException {
        Schema conditional = SCHEMA.withConditions("shop");
        SparkVae estimator = new SparkVae().setSchema(conditional).setHidden(16).setLatent(2).setEpochs(2)
                .setBatchSize(40).setSeed(4);
        SparkVaeModel model = estimator.fit(ordered(values));
        try (Vae local = estimator.builder().build(); Vae spread = model.toVae()) {
            local.fit(conditionalTable(conditional), estimator.plan());
            float[] a = ModelFile.fromBytes(local.toBytes()).state().parameters();
            float[] b = ModelFile.fromBytes(model.modelFile()).state().parameters();
            assertThat(b).hasSameSizeAs(a);
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).isCloseTo(a[i], within(1e-5f * Math.max(1, Math.abs(a[i]))));
            }
            assertThat(spread.schema().conditionNames()).containsExactly("shop");
            double[] scores = spread.anomalyScores(conditionalTable(conditional), 8);
            List<Row> out = model.setImportanceSamples(8).transform(ordered(values)).orderBy("id").collectAsList();
            for (int i = 0; i < values.size(); i += 37) {
                assertThat(out.get(i).getDouble(4)).isCloseTo(scores[i],
                        within(1e-5 * Math.max(1, Math.abs(scores[i]))));
            }
        }
    }

    private static Table conditionalTable(Schema schema) {
        Table.Builder b = Table.builder(schema);
        values.forEach(b::add);
        return b.build();
    }

    @Test
    void aTabularModelScoresExplainsAndEncodesColumnsAsOnOneMachine() {
        try (Vae vae = Vae.builder().schema(SCHEMA).hidden(16).latent(2).epochs(5).seed(1).build()) {
            Table train = table(values);
            vae.fit(train);
            SparkVaeModel model = new SparkVaeModel("t", vae.toBytes()).setImportanceSamples(8)
                    .setExplanationCol("why");
            List<Row> out = model.transform(frame(values)).orderBy("id").collectAsList();
            double[] scores = vae.anomalyScores(train, 8);
            float[][] z = vae.encode(train);
            List<Explanation> why = vae.explain(train);
            for (int i = 0; i < values.size(); i++) {
                Row row = out.get(i);
                assertThat(row.isNullAt(6)).as("problem of row %s", i).isTrue();
                assertThat(row.getDouble(4)).isCloseTo(scores[i], within(1e-5 * Math.max(1, Math.abs(scores[i]))));
                assertThat(((Vector) row.get(5)).apply(1)).isCloseTo(z[i][1], within(1e-5));
                Map<String, Double> map = row.getJavaMap(7);
                assertThat(map.get("shop")).isCloseTo(why.get(i).of("shop"), within(1e-5));
                assertThat(map.get(SparkVaeModel.LATENT_KEY)).isCloseTo(why.get(i).latentNats(), within(1e-4));
            }

            List<Object[]> bad = List.of(new Object[] {12.0, "maybe", "food"}, new Object[] {-3.0, "no", "food"},
                    new Object[] {5.0, null, "fuel"}, new Object[] {5.0, "no", "fuel"});
            List<Row> scored = model.transform(frame(bad)).orderBy("id").collectAsList();
            assertThat(scored.get(0).isNullAt(6)).as("a level never seen is scored, not a problem").isTrue();
            assertThat(scored.get(0).getDouble(4)).as("scored as the least likely level").isFinite();
            assertThat(scored.get(1).getString(6)).contains("column 'amount' is -3.0, below 0");
            assertThat(scored.get(2).getString(6)).contains("column 'card' is missing, and the column is not nullable");
            assertThat(scored.get(3).isNullAt(6)).isTrue();
            assertThat(scored.get(1).isNullAt(4)).isTrue();

            assertThatThrownBy(() -> model.transform(frame(bad).drop("shop")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column 'shop'");
            assertThatThrownBy(() -> model.setReconstructionCol("r").transform(frame(bad)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no reconstruction column");
            assertThatThrownBy(() -> model.setInputCols("amount"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 input columns for a schema of 3");
        }
    }
}

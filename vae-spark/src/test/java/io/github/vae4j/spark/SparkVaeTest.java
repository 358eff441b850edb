package io.github.vae4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.FitReport;
import io.github.vae4j.Vae;
import io.github.vae4j.io.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark stages in {@code local[2]}, with up to 3 attempts a task, against the single-machine model. */
class SparkVaeTest {

    private static final int WIDTH = 20;
    private static final StructType SCHEMA = new StructType(new StructField[] {
        new StructField("id", DataTypes.IntegerType, false, Metadata.empty()),
        new StructField("features", SQLDataTypes.VectorType(), true, Metadata.empty())});

    private static SparkSession spark;
    private static JavaSparkContext jsc;
    private static float[][] rows;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2,3]").appName("vae4j-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.plugins", FailOncePlugin.class.getName()).getOrCreate();
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        rows = rows(600, 1);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @AfterEach
    void noInjectedFailure() {
        FailOncePlugin.disarm();
    }

    /** Rows in [0, 1] with structure: two hidden factors through a sigmoid. */
    static float[][] rows(int n, long seed) {
        Random r = new Random(seed);
        double[][] load = new double[WIDTH][2];
        for (double[] l : load) {
            l[0] = r.nextGaussian() * 2;
            l[1] = r.nextGaussian() * 2;
        }
        Random noise = new Random(seed + 1);
        float[][] x = new float[n][WIDTH];
        for (int i = 0; i < n; i++) {
            double a = noise.nextGaussian();
            double b = noise.nextGaussian();
            for (int j = 0; j < WIDTH; j++) {
                x[i][j] = (float) (1 / (1 + Math.exp(-(load[j][0] * a + load[j][1] * b))));
            }
        }
        return x;
    }

    static Dataset<Row> frame(float[][] x, int partitions) {
        List<Row> list = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            double[] d = new double[x[i].length];
            for (int j = 0; j < d.length; j++) {
                d[j] = x[i][j];
            }
            list.add(RowFactory.create(i, Vectors.dense(d)));
        }
        return spark.createDataFrame(jsc.parallelize(list, partitions), SCHEMA);
    }

    private static Vae trained() {
        Vae vae = Vae.builder().hidden(32).latent(3).epochs(3).seed(5).build();
        vae.fit(rows);
        return vae;
    }

    @Test
    void scoresAndLatentMeansAreTheSingleMachineAnswersAndTheModelLoadsOncePerExecutor(@TempDir Path dir)
            throws IOException {
        try (Vae vae = trained()) {
            Path file = dir.resolve("model.vae4j");
            vae.save(file);
            int loads = ExecutorModels.scorerLoads();
            SparkVaeModel model = SparkVaeModel.fromFile(file.toString()).setImportanceSamples(10).setBatchRows(64)
                    .setReconstructionCol("reconstruction");
            List<Row> scored = model.transform(frame(rows, 2)).orderBy("id").collectAsList();
            model.transform(frame(rows, 3)).count();
            assertThat(ExecutorModels.scorerLoads() - loads).as("loads in this executor JVM").isEqualTo(1);

            double[] logP = vae.logLikelihood(rows, 10);
            float[][] z = vae.encode(rows);
            float[][] r = vae.reconstruct(rows);
            assertThat(scored).hasSize(rows.length);
            for (int i = 0; i < rows.length; i++) {
                Row row = scored.get(i);
                assertThat(row.getDouble(2)).isCloseTo(-logP[i], within(1e-5 * Math.max(1, Math.abs(logP[i]))));
                Vector latent = (Vector) row.get(3);
                for (int j = 0; j < 3; j++) {
                    assertThat(latent.apply(j)).isCloseTo(z[i][j], within(1e-5));
                }
                assertThat(row.isNullAt(4)).isTrue();
                assertThat(((Vector) row.get(5)).apply(7)).isCloseTo(r[i][7], within(1e-5));
            }
        }
    }

    @Test
    void aRowThatCannotBeScoredGetsAProblemUnlessStrict(@TempDir Path dir) throws IOException {
        try (Vae vae = trained()) {
            SparkVaeModel model = new SparkVaeModel("m", vae.toBytes()).setImportanceSamples(2);
            double[] good = new double[WIDTH];
            double[] wide = new double[WIDTH + 1];
            double[] nan = new double[WIDTH];
            nan[4] = Double.NaN;
            double[] above = new double[WIDTH];
            above[2] = 1.5;
            List<Row> list = List.of(RowFactory.create(0, Vectors.dense(good)), RowFactory.create(1, null),
                    RowFactory.create(2, Vectors.dense(wide)), RowFactory.create(3, Vectors.dense(nan)),
                    RowFactory.create(4, Vectors.dense(above)));
            Dataset<Row> frame = spark.createDataFrame(list, SCHEMA);
            List<Row> out = model.transform(frame).orderBy("id").collectAsList();
            assertThat(out.get(0).isNullAt(4)).isTrue();
            assertThat(out.get(0).isNullAt(2)).isFalse();
            assertThat(out.subList(1, 5)).allSatisfy(r -> assertThat(r.isNullAt(2)).isTrue());
            assertThat(out.get(1).getString(4)).isEqualTo("the features are null");
            assertThat(out.get(2).getString(4)).isEqualTo("the features have 21 values, the model takes 20");
            assertThat(out.get(3).getString(4)).contains("feature 4 is NaN");
            assertThat(out.get(4).getString(4)).contains("feature 2 is 1.5, outside [0, 1]");

            assertThatThrownBy(() -> model.setStrict(true).transform(frame).collectAsList())
                    .hasStackTraceContaining("of partition")
                    .hasStackTraceContaining("column 'features': the features ");
            assertThatThrownBy(() -> model.transform(frame.drop("features")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column 'features'");
            assertThatThrownBy(() -> model.transform(frame.withColumnRenamed("id", "score")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already has a column 'score'");
            assertThatThrownBy(() -> model.setFeaturesCol("id").transform(frame))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be an ML Vector");
        }
    }

    private static SparkVae estimator() {
        return new SparkVae().setHidden(16).setLatent(3).setEpochs(2).setBatchSize(50).setSeed(9).setKlWarmup(4)
                .setClipGradientNorm(50).setValidationFraction(0.1).setLearningRate(2e-3);
    }

    private static float[] parameters(byte[] modelFile) throws IOException {
        return ModelFile.fromBytes(modelFile).state().parameters();
    }

    private static double worstRelativeDifference(float[] a, float[] b) {
        assertThat(b).hasSameSizeAs(a);
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1e-2, Math.abs(a[i])));
        }
        return worst;
    }

    @Test
    void trainingOnTwoPartitionsEqualsTrainingOnOneMachine() throws IOException {
        SparkVae estimator = estimator();
        SparkVaeModel model = estimator.fit(frame(rows, 2));
        try (Vae local = estimator.builder().build()) {
            FitReport report = local.fit(rows, estimator.plan());
            assertThat(report.epochs()).hasSize(2);
            double worst = worstRelativeDifference(parameters(local.toBytes()), parameters(model.modelFile()));
            assertThat(worst).as("largest relative difference of a parameter").isLessThan(1e-5);
        }
        assertThat(model.parent()).isSameAs(estimator);
        FitReport summary = model.summary().orElseThrow();
        assertThat(summary.epochs()).hasSize(2);
        assertThat(summary.validationExamples()).isPositive();
        assertThat(summary.last().validationElbo()).isFinite();
        try (Vae trained = model.toVae()) {
            assertThat(trained.epochsCompleted()).isEqualTo(2);
            assertThat(trained.inputSize()).isEqualTo(WIDTH);
        }
    }

    @Test
    void parameterAveragingOnOnePartitionIsTheSingleMachineRunAndOnTwoStillTrains() throws IOException {
        SparkVae estimator = estimator().setLocalSteps(3);
        SparkVaeModel one = estimator.fit(frame(rows, 1));
        try (Vae local = estimator.builder().build()) {
            FitReport reference = local.fit(rows, estimator.plan());
            assertThat(worstRelativeDifference(parameters(local.toBytes()), parameters(one.modelFile())))
                    .as("one partition, 3 local steps a round").isLessThan(1e-5);
            FitReport two = estimator.fit(frame(rows, 2)).summary().orElseThrow();
            assertThat(two.last().elbo()).isGreaterThan(two.epochs().get(0).elbo());
            assertThat(two.last().validationElbo()).isCloseTo(reference.last().validationElbo(), within(20.0))
                    .isNotCloseTo(reference.last().validationElbo(), within(1e-4));
        }
    }

    @Test
    void aTaskThatFailsOnItsFirstAttemptChangesNothing() throws IOException {
        SparkVaeModel plain = estimator().setAggregation("ordered").fit(frame(rows, 2));
        // the 12th first attempt of partition 1 is a step's share: the data's preparation runs 2 tasks there
        FailOncePlugin.arm(1, 12);
        SparkVaeModel retried = estimator().setAggregation("ordered").fit(frame(rows, 2));
        FailOncePlugin.disarm();
        assertThat(FailOncePlugin.killed()).as("attempts Spark killed").isEqualTo(1);
        assertThat(FailOncePlugin.retried()).as("the killed task ran again").isGreaterThanOrEqualTo(1);
        assertThat(parameters(retried.modelFile())).containsExactly(parameters(plain.modelFile()));
    }

    @Test
    void aPipelineWithTheStagesSavesAndLoads(@TempDir Path dir) throws IOException {
        Dataset<Row> frame = frame(rows, 2);
        SparkVae estimator = estimator().setEpochs(1).setValidationFraction(0);
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {estimator}).fit(frame);
        SparkVaeModel model = (SparkVaeModel) fitted.stages()[0];
        model.setImportanceSamples(4).setScoreCol("nll");
        String path = dir.resolve("pipeline").toString();
        fitted.write().save(path);
        PipelineModel loaded = PipelineModel.load(path);
        SparkVaeModel back = (SparkVaeModel) loaded.stages()[0];
        assertThat(back.uid()).isEqualTo(model.uid());
        assertThat(back.getOrDefault(back.importanceSamples())).isEqualTo(4);
        assertThat(back.modelFile()).isEqualTo(model.modelFile());
        List<Row> a = fitted.transform(frame).orderBy("id").select("nll").collectAsList();
        List<Row> b = loaded.transform(frame).orderBy("id").select("nll").collectAsList();
        assertThat(b).isEqualTo(a);

        String estimatorPath = dir.resolve("estimator").toString();
        estimator.write().save(estimatorPath);
        SparkVae again = SparkVae.load(estimatorPath);
        assertThat(again.getOrDefault(again.hidden())).containsExactly(16);
        assertThat(again.getOrDefault(again.batchSize())).isEqualTo(50);
        assertThat(again.uid()).isEqualTo(estimator.uid());
    }

    @Test
    void badTrainingInputIsNamedBeforeAnyStep() {
        float[][] bad = Arrays.stream(rows(40, 3)).map(float[]::clone).toArray(float[][]::new);
        bad[30][5] = 2f;
        assertThatThrownBy(() -> estimator().fit(frame(bad, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("training row 10 of partition 1, column 'features': feature 5 is 2.0, outside");
        assertThatThrownBy(() -> estimator().setFeaturesCol("x").fit(frame(rows, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column 'x'");
        assertThatThrownBy(() -> estimator().setLikelihood("poisson")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("likelihood must be bernoulli, gaussian or tabular, got 'poisson'");
        assertThatThrownBy(() -> estimator().setBatchSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch size must be positive, got 0");
        // the stage's settings are checked by the builder and the plan themselves, with their messages
        assertThatThrownBy(() -> estimator().setLatent(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latent size must be between 1 and");
        assertThatThrownBy(() -> estimator().setLikelihood("Tabular")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("takes setSchema");
        assertThatThrownBy(() -> estimator().setValidationFraction(1)).isInstanceOf(IllegalArgumentException.class);
        SparkVae named = estimator().setLikelihood(" Gaussian ");
        assertThat(named.getOrDefault(named.likelihood())).isEqualTo("gaussian");
    }
}

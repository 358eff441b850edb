package io.github.vae4j.examples;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.github.vae4j.spark.SparkVae;
import io.github.vae4j.spark.SparkVaeModel;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * vae4j on Spark: trains on the Statlog Shuttle table and scores it, by the ODDS protocol (rows of class Rad.Flow
 * normal, class High left out, every other class an outlier; train on 60% of the normal rows, score the rest with
 * every outlier). Reads the CSV with Spark, assembles and standardises the nine sensor columns with MLlib, trains a
 * Gaussian model with {@link SparkVae} and scores with {@link SparkVaeModel}; prints the AUROC (MLlib's
 * {@code BinaryClassificationEvaluator}) and the most unusual rows, and saves the fitted stage.
 *
 * <pre>
 * scripts/spark-shuttle.sh                                  # local[2], the bundled data
 * spark-submit --class io.github.vae4j.examples.SparkShuttle --jars ... vae-examples.jar --data hdfs:///shuttle.csv.gz
 * </pre>
 */
public final class SparkShuttle {

    private SparkShuttle() {
    }

    /**
     * Runs the program; {@code --help} lists the options.
     *
     * @param args command-line options
     */
    public static void main(String[] args) {
        Programs.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Programs.run("SparkShuttle", out, err, (o, stop) -> {
            Cli cli = new Cli("SparkShuttle", "Anomaly detection on the Shuttle table with vae4j's Spark stages.")
                    .option("data", "PATH", "the Shuttle CSV, any Hadoop path (default: the bundled copy)", null)
                    .option("out", "DIR", "output folder", Programs.defaultOut("vae4j-spark-shuttle"))
                    .option("master", "URL", "Spark master when spark-submit sets none", "local[2]")
                    .option("partitions", "N", "partitions of the training rows", "2")
                    .option("epochs", "N", "training epochs", "10")
                    .option("batch", "N", "rows of each step's global batch", "1000")
                    .option("k", "N", "importance samples per scored row", "20")
                    .option("normal-rows", "N", "use only this many normal rows (for a quick run)", "45586")
                    .option("seed", "N", "seed of the split and the model", "42");
            Cli.Args a = cli.parse(args, o);
            if (a == null) {
                return 0;
            }
            String data = a.has("data") ? a.string("data")
                    : Dataset.bundledFile("shuttle/shuttle.csv.gz").toString();
            Path outDir = a.path("out");
            Files.createDirectories(outDir);
            long seed = a.longValue("seed");
            SparkSession.Builder builder = SparkSession.builder().appName("vae4j Shuttle");
            if (!new org.apache.spark.SparkConf().contains("spark.master")) {
                builder.master(a.string("master"));
            }
            SparkSession spark = builder.config("spark.ui.enabled", "false").getOrCreate();
            try {
                String[] sensors = {"V1", "V2", "V3", "V4", "V5", "V6", "V7", "V8", "V9"};
                org.apache.spark.sql.Dataset<Row> table = spark.read().option("header", "true")
                        .option("inferSchema", "true").csv(data)
                        .filter(col("Class").notEqual("High"))
                        .withColumn("label", when(col("Class").equalTo("Rad.Flow"), lit(0.0)).otherwise(lit(1.0)));
                table = new VectorAssembler().setInputCols(sensors).setOutputCol("raw").transform(table);
                org.apache.spark.sql.Dataset<Row> normal = table.filter(col("label").equalTo(0.0))
                        .limit(a.integer("normal-rows", 10, Integer.MAX_VALUE));
                org.apache.spark.sql.Dataset<Row>[] split = normal.randomSplit(new double[] {0.6, 0.4}, seed);
                int partitions = a.integer("partitions", 1, 10_000);
                org.apache.spark.sql.Dataset<Row> train = split[0].repartition(partitions).cache();
                org.apache.spark.sql.Dataset<Row> test = split[1].union(table.filter(col("label").equalTo(1.0)));
                StandardScalerModel scaler = new StandardScaler().setInputCol("raw").setOutputCol("features")
                        .setWithMean(true).setWithStd(true).fit(train);
                org.apache.spark.sql.Dataset<Row> trainRows = scaler.transform(train);
                long trainCount = trainRows.count();
                o.printf(Locale.ROOT, "%s on %s: training on %,d normal rows in %d partitions%n", data,
                        spark.sparkContext().master(), trainCount, partitions);

                long started = System.nanoTime();
                SparkVae estimator = new SparkVae().setLikelihood("gaussian").setEpochs(a.integer("epochs", 1, 10_000))
                        .setBatchSize(a.integer("batch", 1, 1_000_000)).setSeed(seed).setClipGradientNorm(10);
                SparkVaeModel model = estimator.fit(trainRows);
                double seconds = (System.nanoTime() - started) / 1e9;
                int steps = (int) Math.ceil(trainCount / (double) a.integer("batch", 1, 1_000_000))
                        * a.integer("epochs", 1, 10_000);
                o.printf(Locale.ROOT, "Trained in %.1f s: %d synchronous steps, %.0f ms a step%n", seconds, steps,
                        1000 * seconds / steps);

                started = System.nanoTime();
                org.apache.spark.sql.Dataset<Row> scored = model.setImportanceSamples(a.integer("k", 1, 100_000))
                        .transform(scaler.transform(test)).cache();
                long scoredCount = scored.count();
                seconds = (System.nanoTime() - started) / 1e9;
                double auroc = new BinaryClassificationEvaluator().setLabelCol("label").setRawPredictionCol("score")
                        .setMetricName("areaUnderROC").evaluate(scored);
                o.printf(Locale.ROOT, "Scored %,d rows in %.1f s (%,.0f rows/s): AUROC %.5f%n", scoredCount, seconds,
                        scoredCount / seconds, auroc);
                List<Row> top = scored.orderBy(col("score").desc()).select("Class", "score").limit(5)
                        .collectAsList();
                o.println("The most unusual rows:");
                for (Row r : top) {
                    o.printf(Locale.ROOT, "  class %-9s score %.1f nats%n", r.getString(0), r.getDouble(1));
                }
                String stage = outDir.resolve("shuttle-stage").toString();
                model.write().overwrite().save(stage);
                o.println("Saved the fitted stage to " + stage + " (SparkVaeModel.load reads it back)");
                scored.unpersist();
                train.unpersist();
            } finally {
                spark.stop();
            }
            return 0;
        });
    }
}

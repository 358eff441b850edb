package io.github.vae4j.examples;

import io.github.vae4j.EpochReport;
import io.github.vae4j.FitReport;
import io.github.vae4j.Vae;
import io.github.vae4j.spark.SparkVae;
import io.github.vae4j.spark.SparkVaeModel;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What vae4j's Spark stages cost, on the bundled MNIST sample and the default model (784-512-384-256-10,
 * Bernoulli): rows scored per second, seconds per synchronous training step at a global batch, and the parts of a
 * step that are Spark's (an empty job, the parameters' broadcast, the gradients' reduction). {@code --single} runs
 * the same training on one machine without Spark instead, for the step time to compare with. Run each setting in
 * its own JVM (the backend's threads are fixed when it loads), as {@code scripts/spark-benchmark.sh} does.
 */
public final class SparkBenchmark {

    private static final StructType SCHEMA = new StructType(new StructField[] {
        new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty())});

    private SparkBenchmark() {
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
        return Programs.run("SparkBenchmark", out, err, (o, stop) -> {
            Cli cli = new Cli("SparkBenchmark", "Scoring and training speed of vae4j's Spark stages.")
                    .option("master", "URL", "Spark master", "local[2]")
                    .option("partitions", "N", "partitions of the rows", "2")
                    .option("batch", "N", "global batch of a training step", "1000")
                    .option("epochs", "N", "training epochs (the first is not counted)", "3")
                    .option("k", "N", "importance samples per scored row", "10")
                    .option("aggregation", "HOW", "tree or ordered", "tree")
                    .option("local-steps", "N", "local steps between synchronisations (parameter averaging)", "1")
                    .flag("single", "train on one machine without Spark instead");
            Cli.Args a = cli.parse(args, o);
            if (a == null) {
                return 0;
            }
            Dataset mnist = Dataset.bundledMnist();
            int batch = a.integer("batch", 1, 1_000_000);
            int epochs = a.integer("epochs", 2, 1000);
            float[][] train = mnist.trainImages();
            SparkVae estimator = new SparkVae().setBatchSize(batch).setEpochs(epochs)
                    .setAggregation(a.string("aggregation")).setLocalSteps(a.integer("local-steps", 1, 1000));
            int steps = (train.length + batch - 1) / batch;
            if (a.flag("single")) {
                try (Vae vae = Vae.builder().batchSize(batch).epochs(epochs).build()) {
                    FitReport report = vae.fit(train);
                    o.printf(Locale.ROOT, "one machine, no Spark: %s ms a step of %d rows; train ELBO after epoch %d: "
                            + "%.2f nats (%s)%n", stepMillis(report, steps), batch, epochs, report.last().elbo(),
                            vae.backendDescription());
                    int k = a.integer("k", 1, 100_000);
                    List<Double> rates = new ArrayList<>();
                    for (int turn = 0; turn < 4; turn++) {
                        long started = System.nanoTime();
                        vae.logLikelihood(mnist.testImages(), k);
                        vae.encode(mnist.testImages());
                        rates.add(mnist.testImages().length / ((System.nanoTime() - started) / 1e9));
                    }
                    o.printf(Locale.ROOT, "one machine, scoring and encoding, k = %d: %s rows/s (turns 2 to 4: %s)%n",
                            k, round(median(rates.subList(1, 4))), rates.subList(1, 4).stream()
                                    .map(SparkBenchmark::round).toList());
                }
                return 0;
            }
            SparkSession spark = SparkSession.builder().master(a.string("master")).appName("vae4j benchmark")
                    .config("spark.ui.enabled", "false").getOrCreate();
            try {
                JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
                int partitions = a.integer("partitions", 1, 10_000);
                org.apache.spark.sql.Dataset<Row> frame = frame(spark, jsc, train, partitions).cache();
                frame.count();
                SparkVaeModel model = estimator.fit(frame);
                FitReport report = model.summary().orElseThrow();
                o.printf(Locale.ROOT, "%s, %d partitions, %d local steps a synchronisation: %s ms a step of %d rows;"
                        + " train ELBO after epoch %d: %.2f nats%n", spark.sparkContext().master(), partitions,
                        a.integer("local-steps", 1, 1000), stepMillis(report, steps), batch, epochs,
                        report.last().elbo());

                int k = a.integer("k", 1, 100_000);
                org.apache.spark.sql.Dataset<Row> test = frame(spark, jsc, mnist.testImages(), partitions).cache();
                test.count();
                model.setImportanceSamples(k);
                List<Double> rates = new ArrayList<>();
                for (int turn = 0; turn < 4; turn++) {
                    long started = System.nanoTime();
                    long n = model.transform(test).filter("score is not null").count();
                    rates.add(n / ((System.nanoTime() - started) / 1e9));
                }
                o.printf(Locale.ROOT, "scoring, k = %d: %s rows/s (turns 2 to 4: %s)%n", k,
                        round(median(rates.subList(1, 4))), rates.subList(1, 4).stream().map(SparkBenchmark::round)
                                .toList());

                // the parts of a step that are Spark's
                JavaRDD<Integer> empty = jsc.parallelize(List.of(0, 1), partitions);
                List<Double> job = new ArrayList<>();
                List<Double> broadcast = new ArrayList<>();
                List<Double> reduce = new ArrayList<>();
                float[] parameters = new float[1_403_428];
                for (int turn = 0; turn < 12; turn++) {
                    long t0 = System.nanoTime();
                    empty.map(x -> x).count();
                    long t1 = System.nanoTime();
                    Broadcast<float[]> b = jsc.broadcast(parameters);
                    empty.map(x -> b.value().length).count();
                    b.destroy();
                    long t2 = System.nanoTime();
                    empty.map(x -> new float[parameters.length]).treeReduce((x, y) -> {
                        for (int i = 0; i < x.length; i++) {
                            x[i] += y[i];
                        }
                        return x;
                    }, 2);
                    long t3 = System.nanoTime();
                    if (turn >= 2) {
                        job.add((t1 - t0) / 1e6);
                        broadcast.add((t2 - t1) / 1e6 - (t1 - t0) / 1e6);
                        reduce.add((t3 - t2) / 1e6 - (t1 - t0) / 1e6);
                    }
                }
                o.printf(Locale.ROOT, "an empty job: %s ms; broadcasting the 1.4 M parameters: %s ms more; reducing "
                        + "the gradients of %d partitions: %s ms more (medians of 10)%n", round(median(job)),
                        round(median(broadcast)), partitions, round(median(reduce)));
            } finally {
                spark.stop();
            }
            return 0;
        });
    }

    /** The median step time over epochs 2 to N, ms. */
    private static String stepMillis(FitReport report, int steps) {
        List<Double> ms = new ArrayList<>();
        for (EpochReport e : report.epochs().subList(1, report.epochs().size())) {
            ms.add(1000 * e.seconds() / steps);
        }
        return round(median(ms)) + " (epochs 2 to " + report.epochs().size() + ": "
                + ms.stream().map(SparkBenchmark::round).toList() + ")";
    }

    private static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark, JavaSparkContext jsc, float[][] x,
            int partitions) {
        List<Row> rows = new ArrayList<>(x.length);
        for (float[] r : x) {
            double[] d = new double[r.length];
            for (int j = 0; j < d.length; j++) {
                d[j] = r[j];
            }
            rows.add(RowFactory.create(Vectors.dense(d)));
        }
        return spark.createDataFrame(jsc.parallelize(rows, partitions), SCHEMA);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String round(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}

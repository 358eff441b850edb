package io.github.vae4j.examples;

import io.github.vae4j.Vae;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.Table;
import io.github.vae4j.tabular.TableComparison;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Synthetic rows of a chosen class, to balance a data set: a tabular model of the credit table (bundled) whose schema
 * names {@code Status} as a condition column draws rows with {@code Status = bad}. {@link TableComparison} measures
 * them against the real bad rows and the real good ones; an unconditional model's rows are the baseline. Then each
 * row is scored given its own status, and given the other one.
 *
 * <pre>
 * ./mvnw -q -pl vae-examples exec:java -Dexec.mainClass=io.github.vae4j.examples.CreditOnDemand
 * </pre>
 */
public final class CreditOnDemand {

    private CreditOnDemand() {
    }

    /**
     * Runs the program; {@code --help} lists the options.
     *
     * @param args command-line options
     */
    public static void main(String[] args) {
        Programs.exit(run(args, System.out, System.err));
    }

    /** The mean column differences of the synthetic bad rows, and of the baseline's rows, to the real classes. */
    record Result(double conditionalToBad, double conditionalToGood, double baselineToBad, double baselineToGood,
            double ownStatusScore, double otherStatusScore) {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Programs.run("CreditOnDemand", out, err, (o, stop) -> {
            Cli cli = new Cli("CreditOnDemand", "Synthetic credit rows of the class Status = bad from a model given "
                    + "Status as a condition column, compared with the real bad and good rows.")
                    .option("data", "FILE", "the credit CSV (default: the bundled copy)", null)
                    .option("rows", "N", "synthetic rows", "2000")
                    .option("epochs", "N", "training epochs", "40")
                    .option("k", "N", "importance samples of each anomaly score", "100")
                    .option("seed", "N", "seed of the models and the draws", "1");
            Cli.Args a = cli.parse(args, o);
            if (a == null) {
                return 0;
            }
            Path file = a.has("data") ? a.path("data") : Dataset.bundledFile("credit/credit.csv");
            Result r = measure(file, a.integer("rows", 1, 1_000_000), a.integer("epochs", 1, 100_000),
                    a.longValue("seed"), a.integer("k", 1, Vae.MAX_IMPORTANCE_SAMPLES), o);
            o.printf(Locale.ROOT, "%nMean column difference (TableComparison.meanColumnDifference, lower is "
                    + "closer):%n");
            o.printf(Locale.ROOT, "  rows asked for as Status = bad:  to the real bad rows %.3f, to the good rows "
                    + "%.3f%n", r.conditionalToBad(), r.conditionalToGood());
            o.printf(Locale.ROOT, "  an unconditional model's rows:   to the real bad rows %.3f, to the good rows "
                    + "%.3f%n", r.baselineToBad(), r.baselineToGood());
            o.printf(Locale.ROOT, "Mean anomaly score (nats) given the row's own status %.3f, given the other %.3f%n",
                    r.ownStatusScore(), r.otherStatusScore());
            return 0;
        });
    }

    /**
     * Trains the conditional model and the unconditional baseline, and measures both.
     *
     * @param file the credit CSV
     * @param rows synthetic rows to draw
     * @param epochs training epochs of each model
     * @param seed seed of the models and the draws
     * @param k importance samples of each anomaly score
     * @param log where the comparison of the synthetic bad rows is printed
     * @return the figures
     * @throws java.io.IOException if the file cannot be read
     */
    static Result measure(Path file, int rows, int epochs, long seed, int k, PrintStream log)
            throws java.io.IOException {
        Schema plain = Table.inferSchema(file);
        Schema schema = plain.withConditions("Status");
        Table credit = Table.readCsv(file, schema);
        Table bad = withStatus(credit, "bad");
        Table good = withStatus(credit, "good");
        log.printf(Locale.ROOT, "%s: %,d rows, %,d bad and %,d good; %s%n", file, credit.rowCount(), bad.rowCount(),
                good.rowCount(), schema);
        double toBad;
        double toGood;
        double own;
        double other;
        try (Vae vae = Vae.builder().schema(schema).latent(8).epochs(epochs).seed(seed).build()) {
            vae.fit(credit);
            Table synthetic = vae.sampleTable(rows, Map.of("Status", "bad"), seed);
            TableComparison comparison = TableComparison.of(bad, synthetic);
            log.printf(Locale.ROOT, "%nThe real bad rows against %,d rows asked for as Status = bad:%n%s", rows,
                    comparison);
            toBad = comparison.meanColumnDifference();
            toGood = TableComparison.of(good, synthetic).meanColumnDifference();
            own = mean(vae.anomalyScores(credit, k));
            other = mean(vae.anomalyScores(flipped(credit), k));
        }
        double baseBad;
        double baseGood;
        try (Vae vae = Vae.builder().schema(plain).latent(8).epochs(epochs).seed(seed).build()) {
            vae.fit(Table.readCsv(file, plain));
            Table drawn = vae.sampleTable(rows, seed);
            Table.Builder b = Table.builder(schema);
            float[] raw = new float[schema.size()];
            for (int r = 0; r < drawn.rowCount(); r++) {
                drawn.rawRow(r, raw);
                b.addRaw(raw);
            }
            Table synthetic = b.build();
            baseBad = TableComparison.of(bad, synthetic).meanColumnDifference();
            baseGood = TableComparison.of(good, synthetic).meanColumnDifference();
        }
        return new Result(toBad, toGood, baseBad, baseGood, own, other);
    }

    private static Table withStatus(Table t, String status) {
        int c = t.schema().indexOf("Status");
        return t.select(IntStream.range(0, t.rowCount()).filter(r -> status.equals(t.value(r, c))).toArray());
    }

    /** The table with each row's status swapped: binary codes 0 and 1. */
    private static Table flipped(Table t) {
        int c = t.schema().indexOf("Status");
        Table.Builder b = Table.builder(t.schema());
        float[] raw = new float[t.schema().size()];
        for (int r = 0; r < t.rowCount(); r++) {
            t.rawRow(r, raw);
            raw[c] = 1 - raw[c];
            b.addRaw(raw);
        }
        return b.build();
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }
}

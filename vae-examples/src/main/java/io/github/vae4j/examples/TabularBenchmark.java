package io.github.vae4j.examples;

import io.github.vae4j.EpochReport;
import io.github.vae4j.FitReport;
import io.github.vae4j.Training;
import io.github.vae4j.Vae;
import io.github.vae4j.spi.RandomStream;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.Table;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Training throughput of a tabular model on a CSV file of 100,000 rows and 30 columns: 20 numeric (a few of them
 * skewed and with gaps), 5 binary and 5 categorical columns, all driven by 4 hidden factors so there is structure to
 * learn. Writes the file if it is missing, infers its schema, and trains the default model from the file streamed and
 * from the table in memory, printing examples per second per epoch.
 *
 * <pre>
 * ./mvnw -q -pl vae-examples exec:java -Dexec.mainClass=io.github.vae4j.examples.TabularBenchmark
 * </pre>
 */
public final class TabularBenchmark {

    private TabularBenchmark() {
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
        return Programs.run("TabularBenchmark", out, err, (o, stop) -> {
            Cli cli = new Cli("TabularBenchmark", "Training speed of a tabular model from a 100,000-row, 30-column "
                    + "CSV file.")
                    .option("file", "PATH", "the CSV file, written if missing",
                            Programs.defaultOut("vae4j-tabular") + "/table-100k-30.csv")
                    .option("rows", "N", "rows to write when the file is missing", "100000")
                    .option("epochs", "N", "training epochs of each run", "3")
                    .option("hidden", "N,N,...", "hidden layer sizes", "512,384,256");
            Cli.Args a = cli.parse(args, o);
            if (a == null) {
                return 0;
            }
            Path file = a.path("file");
            if (!Files.exists(file)) {
                write(file, a.integer("rows", 1, Integer.MAX_VALUE), o);
            }
            long started = System.nanoTime();
            Schema schema = Table.inferSchema(file);
            o.printf(Locale.ROOT, "%s (%,.0f MB): schema inferred in %.1f s: %s%n", file, Files.size(file) / 1e6,
                    (System.nanoTime() - started) / 1e9, schema);
            int epochs = a.integer("epochs", 1, 1000);
            int[] hidden = a.integers("hidden", 1, 16384);
            try (Vae vae = Vae.builder().schema(schema).hidden(hidden).build()) {
                FitReport report = vae.fit(Table.csvSource(file, schema), Training.builder().epochs(epochs).build());
                print(o, "streamed from the CSV file", report);
            }
            started = System.nanoTime();
            Table table = Table.readCsv(file, schema);
            o.printf(Locale.ROOT, "read into memory in %.1f s%n", (System.nanoTime() - started) / 1e9);
            try (Vae vae = Vae.builder().schema(schema).hidden(hidden).build()) {
                FitReport report = vae.fit(table, Training.builder().epochs(epochs).build());
                print(o, "from the table in memory", report);
                started = System.nanoTime();
                double[] scores = vae.anomalyScores(table.rows(0, Math.min(10_000, table.rowCount())), 20);
                o.printf(Locale.ROOT, "scored %,d rows (k = 20) at %,.0f rows/s%n", scores.length,
                        scores.length / ((System.nanoTime() - started) / 1e9));
            }
            return 0;
        });
    }

    private static void print(PrintStream o, String what, FitReport report) {
        double[] speeds = report.epochs().stream().mapToDouble(EpochReport::examplesPerSecond).toArray();
        double[] sorted = speeds.clone();
        Arrays.sort(sorted);
        o.printf(Locale.ROOT, "%s: %s examples/s per epoch (median %,.0f), ELBO %.2f nats per row%n", what,
                Arrays.stream(speeds).mapToObj(v -> String.format(Locale.ROOT, "%,.0f", v)).toList(),
                sorted[sorted.length / 2], report.last().elbo());
    }

    /** Writes the synthetic table: 4 standard normal factors a row, each column a noisy function of them. */
    static void write(Path file, int rows, PrintStream o) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        o.printf(Locale.ROOT, "Writing %,d rows to %s ...%n", rows, file);
        RandomStream random = new RandomStream(2026);
        double[][] loading = new double[30][4];
        for (double[] l : loading) {
            for (int j = 0; j < 4; j++) {
                l[j] = random.nextGaussian();
            }
        }
        String[][] levels = new String[5][];
        for (int k = 0; k < 5; k++) {
            levels[k] = new String[3 + k];
            for (int j = 0; j < levels[k].length; j++) {
                levels[k][j] = "c" + k + "_" + (char) ('a' + j);
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < 30; c++) {
                String name = c < 20 ? "num" + c : c < 25 ? "bin" + (c - 20) : "cat" + (c - 25);
                line.append(c == 0 ? "" : ",").append(name);
            }
            w.write(line.append('\n').toString());
            double[] f = new double[4];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < 4; j++) {
                    f[j] = random.nextGaussian();
                }
                line.setLength(0);
                for (int c = 0; c < 30; c++) {
                    double s = 0;
                    for (int j = 0; j < 4; j++) {
                        s += loading[c][j] * f[j];
                    }
                    s += 0.5 * random.nextGaussian();
                    String v;
                    if (c < 20) {
                        boolean gap = c >= 16 && random.nextDouble() < 0.05;
                        v = gap ? "" : c >= 12 ? String.format(Locale.ROOT, "%.3f", Math.exp(s / 2))
                                : String.format(Locale.ROOT, "%.4f", 10 * s + 100);
                    } else if (c < 25) {
                        v = s > 0 ? "yes" : "no";
                    } else {
                        String[] lv = levels[c - 25];
                        int k = (int) Math.floor((Math.tanh(s / 2) + 1) / 2 * lv.length);
                        v = lv[Math.min(lv.length - 1, Math.max(0, k))];
                    }
                    line.append(c == 0 ? "" : ",").append(v);
                }
                w.write(line.append('\n').toString());
            }
        }
    }
}

package io.github.vae4j.examples;

import io.github.vae4j.Vae;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.Table;
import io.github.vae4j.viz.Roc;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Anomaly detection on tables as a new user does it, with the defaults only: for each table and seed of a folder of
 * splits ({@code NAME/sSEED/train.csv}, {@code test.csv}, {@code labels.txt}, as {@code split.py} of the ADBench data
 * writes them), reads the training rows with an inferred schema, trains {@code Vae.builder().schema(...).seed(seed)},
 * scores the test rows with {@code anomalyScores} and prints the AUROC against the labels (1 = anomaly). Writes
 * {@code table, seed, method, auroc} rows for {@code scripts/adbench-summary.py}. {@code scripts/adbench.sh} makes
 * the splits, runs the baselines and this program, and prints the comparison.
 *
 * <pre>
 * ./mvnw -q -pl vae-examples exec:java -Dexec.mainClass=io.github.vae4j.examples.TableAnomalies \
 *     -Dexec.args="--splits target/adbench/splits --seeds 0,1,2"
 * </pre>
 */
public final class TableAnomalies {

    private TableAnomalies() {
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
        return Programs.run("TableAnomalies", out, err, (o, stop) -> {
            Cli cli = new Cli("TableAnomalies", "Trains the default tabular model on each split's training rows, "
                    + "scores its test rows and prints the AUROC.")
                    .option("splits", "DIR", "folder of NAME/sSEED/{train.csv,test.csv,labels.txt}", null)
                    .option("seeds", "N,N,...", "seeds (split and model)", "0")
                    .option("tables", "NAME,NAME,...", "tables (default: every folder under --splits)", null)
                    .option("tsv", "FILE", "also write table, seed, method, AUROC rows to this file", null);
            Cli.Args a = cli.parse(args, o);
            if (a == null) {
                return 0;
            }
            if (!a.has("splits")) {
                throw new Cli.UsageException("--splits is needed: a folder that split.py wrote");
            }
            Path splits = a.path("splits");
            int[] seeds = a.integers("seeds", 0, Integer.MAX_VALUE);
            List<String> tables = a.has("tables") ? Arrays.asList(a.string("tables").split(",")) : folders(splits);
            List<String> tsv = new ArrayList<>();
            for (String table : tables) {
                for (int seed : seeds) {
                    Path dir = splits.resolve(table).resolve("s" + seed);
                    long start = System.nanoTime();
                    double auroc = auroc(dir, seed);
                    o.printf(Locale.ROOT, "%-16s seed %d  AUROC %.4f  (%.1f s)%n", table, seed, auroc,
                            (System.nanoTime() - start) / 1e9);
                    tsv.add(String.format(Locale.ROOT, "%s\t%d\tvae4j\t%.6f", table, seed, auroc));
                }
            }
            if (a.has("tsv")) {
                Files.write(a.path("tsv"), tsv, StandardCharsets.UTF_8);
            }
            return 0;
        });
    }

    /** Trains on one split's training rows with the defaults and scores its test rows. */
    static double auroc(Path dir, long seed) throws IOException, Dataset.DataException {
        Table train = Table.readCsv(dir.resolve("train.csv"));
        Schema schema = train.schema();
        Table test = Table.readCsv(dir.resolve("test.csv"), schema);
        boolean[] anomaly = labels(dir.resolve("labels.txt"), test.rowCount());
        try (Vae vae = Vae.builder().schema(schema).seed(seed).build()) {
            vae.fit(train);
            return Roc.auroc(vae.anomalyScores(test), anomaly);
        }
    }

    private static boolean[] labels(Path file, int rows) throws IOException, Dataset.DataException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() != rows) {
            throw new Dataset.DataException(file + " has " + lines.size() + " labels for " + rows + " test rows");
        }
        boolean[] out = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = lines.get(i).strip().equals("1");
        }
        return out;
    }

    private static List<String> folders(Path splits) throws IOException {
        try (var s = Files.list(splits)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

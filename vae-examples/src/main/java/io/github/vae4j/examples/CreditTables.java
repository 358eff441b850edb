package io.github.vae4j.examples;

import io.github.vae4j.FitReport;
import io.github.vae4j.Vae;
import io.github.vae4j.tabular.Column;
import io.github.vae4j.tabular.ColumnKind;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.Table;
import io.github.vae4j.tabular.TableComparison;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A table of mixed kinds with gaps, the credit scoring data (bundled): numeric, binary and categorical columns, and
 * missing entries. The program infers the schema, holds out a share of the present entries, trains on the rest (gaps
 * and all: missing entries are left out of the ELBO), imputes the held-out entries and compares them with the column
 * means and modes; then samples synthetic rows in the original units and levels and compares them with the real ones.
 *
 * <pre>
 * ./mvnw -q -pl vae-examples exec:java -Dexec.mainClass=io.github.vae4j.examples.CreditTables
 * </pre>
 */
public final class CreditTables {

    private CreditTables() {
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
        return Programs.run("CreditTables", out, err, (o, stop) -> {
            Cli cli = new Cli("CreditTables", "Mixed columns and missing values: imputation against means and modes, "
                    + "synthetic rows against real ones.")
                    .option("data", "FILE", "the credit CSV (default: the bundled copy)", null)
                    .option("out", "DIR", "output folder", Programs.defaultOut("vae4j-credit"))
                    .option("hold-out", "F", "fraction of the present entries held out to impute", "0.1")
                    .option("epochs", "N", "training epochs", "40")
                    .option("latent", "N", "latent dimensions", "8")
                    .option("seed", "N", "seed of the held-out entries and of the model", "1");
            Cli.Args a = cli.parse(args, o);
            if (a == null) {
                return 0;
            }
            Path file = a.has("data") ? a.path("data") : Dataset.bundledFile("credit/credit.csv");
            Path outDir = a.path("out");
            Files.createDirectories(outDir);
            long seed = a.longValue("seed");
            double fraction = a.decimal("hold-out", 0, 0.9);

            Schema inferred = Table.inferSchema(file);
            o.printf(Locale.ROOT, "%s: %s%n", file, inferred);
            // every column may now have gaps: the held-out entries
            Schema.Builder nullable = inferred.toBuilder();
            inferred.columns().forEach(c -> nullable.replace(c.name(), col -> col.withNullable(true)));
            Schema schema = nullable.build();
            Table full = Table.readCsv(file, schema);
            Random random = new Random(seed);
            boolean[][] held = new boolean[full.rowCount()][schema.size()];
            int heldCount = 0;
            for (int r = 0; r < full.rowCount(); r++) {
                for (int c = 0; c < schema.size(); c++) {
                    held[r][c] = !full.isMissing(r, c) && random.nextDouble() < fraction;
                    heldCount += held[r][c] ? 1 : 0;
                }
            }
            Table masked = full.withMissing((r, c) -> held[r][c]);
            o.printf(Locale.ROOT, "%,d rows; %,d present entries held out to impute%n", full.rowCount(), heldCount);

            try (Vae vae = Vae.builder().schema(schema).latent(a.integer("latent", 1, 4096))
                    .epochs(a.integer("epochs", 1, 100_000)).seed(seed).build()) {
                FitReport report = vae.fit(masked);
                o.printf(Locale.ROOT, "Trained %d epochs at %,.0f rows/s: ELBO %.2f nats per row%n",
                        report.epochs().size(), report.last().examplesPerSecond(), report.last().elbo());
                Table imputed = vae.impute(masked);
                o.println();
                o.println("Imputation of the held-out entries: mean absolute error (numeric) or accuracy (others)");
                o.printf(Locale.ROOT, "  %-10s %-12s %6s %12s %12s%n", "column", "kind", "n", "vae4j",
                        "mean/mode");
                int right = 0;
                int baselineRight = 0;
                int categorical = 0;
                for (int c = 0; c < schema.size(); c++) {
                    Column col = schema.column(c);
                    double mean = 0;
                    int present = 0;
                    Map<Float, Integer> counts = new HashMap<>();
                    for (int r = 0; r < masked.rowCount(); r++) {
                        if (!masked.isMissing(r, c)) {
                            mean += masked.raw(r, c);
                            present++;
                            counts.merge(masked.raw(r, c), 1, Integer::sum);
                        }
                    }
                    mean /= present;
                    float mode = Collections.max(counts.entrySet(), Map.Entry.comparingByValue()).getKey();
                    double model = 0;
                    double baseline = 0;
                    int n = 0;
                    for (int r = 0; r < full.rowCount(); r++) {
                        if (!held[r][c]) {
                            continue;
                        }
                        n++;
                        float truth = full.raw(r, c);
                        if (col.kind() == ColumnKind.NUMERIC) {
                            model += Math.abs(imputed.raw(r, c) - truth);
                            baseline += Math.abs(mean - truth);
                        } else {
                            model += imputed.raw(r, c) == truth ? 1 : 0;
                            baseline += mode == truth ? 1 : 0;
                        }
                    }
                    if (col.kind() != ColumnKind.NUMERIC) {
                        right += (int) model;
                        baselineRight += (int) baseline;
                        categorical += n;
                    }
                    o.printf(Locale.ROOT, "  %-10s %-12s %6d %12.3f %12.3f%n", col.name(),
                            col.kind().name().toLowerCase(Locale.ROOT), n, model / n, baseline / n);
                }
                o.printf(Locale.ROOT, "  binary and categorical together: accuracy %.3f against %.3f for the modes%n",
                        (double) right / categorical, (double) baselineRight / categorical);

                Table synthetic = vae.sampleTable(full.rowCount(), seed);
                Path synthFile = outDir.resolve("synthetic-credit.csv");
                synthetic.writeCsv(synthFile);
                o.println();
                o.println("Synthetic rows against the real ones:");
                o.print(TableComparison.of(full, synthetic));
                Path model = outDir.resolve("credit.vae4j");
                vae.save(model);
                o.println("Wrote " + synthFile + " and " + model);
            }
            return 0;
        });
    }
}

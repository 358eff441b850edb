package io.github.vae4j.examples;

import io.github.vae4j.FitReport;
import io.github.vae4j.Likelihood;
import io.github.vae4j.Training;
import io.github.vae4j.TrainingDivergedException;
import io.github.vae4j.Vae;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Heavy tails through the array Gaussian path: the bundled Shuttle table's nine columns standardised (the largest |z|
 * is 122), {@code Likelihood.GAUSSIAN}, latent 3, hidden 32, 3 epochs, at several batch sizes and seeds; prints the
 * final epoch's loss and KL, nats per example.
 *
 * <pre>
 * ./mvnw -q -pl vae-examples exec:java -Dexec.mainClass=io.github.vae4j.examples.HeavyTails
 * </pre>
 */
public final class HeavyTails {

    private HeavyTails() {
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
        return Programs.run("HeavyTails", out, err, (o, stop) -> {
            Cli cli = new Cli("HeavyTails", "Trains a Gaussian model on standardised Shuttle at several batch sizes "
                    + "and prints the final loss.")
                    .option("batches", "N,N,...", "batch sizes", "100,200,400,1000,2000")
                    .option("seeds", "N,N,...", "seeds", "1,2,3")
                    .option("epochs", "N", "epochs", "3");
            Cli.Args a = cli.parse(args, o);
            if (a == null) {
                return 0;
            }
            float[][] x = standardised(Dataset.bundledFile("shuttle/shuttle.csv.gz"));
            o.printf(Locale.ROOT, "standardised Shuttle: %,d rows, 9 columns; Gaussian, latent 3, hidden 32%n",
                    x.length);
            for (int batch : a.integers("batches", 1, 1_000_000)) {
                for (int seed : a.integers("seeds", 0, Integer.MAX_VALUE)) {
                    try (Vae vae = Vae.builder().latent(3).hidden(32).likelihood(Likelihood.GAUSSIAN).seed(seed)
                            .build()) {
                        FitReport r = vae.fit(x, Training.builder().epochs(a.integer("epochs", 1, 1000))
                                .batchSize(batch).build());
                        o.printf(Locale.ROOT, "batch %5d  seed %d  loss %10.2f  KL %6.2f nats per example%n", batch,
                                seed, r.last().loss(), r.last().kl());
                    } catch (TrainingDivergedException e) {
                        o.printf(Locale.ROOT, "batch %5d  seed %d  diverged: %s%n", batch, seed, e.getMessage());
                    }
                }
            }
            return 0;
        });
    }

    /** The nine numeric columns, each standardised to mean 0 and standard deviation 1. */
    static float[][] standardised(Path file) throws java.io.IOException {
        List<float[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                float[] v = new float[9];
                for (int i = 0; i < 9; i++) {
                    v[i] = Float.parseFloat(f[i]);
                }
                rows.add(v);
            }
        }
        float[][] x = rows.toArray(new float[0][]);
        for (int c = 0; c < 9; c++) {
            double mean = 0;
            for (float[] v : x) {
                mean += v[c];
            }
            mean /= x.length;
            double ss = 0;
            for (float[] v : x) {
                ss += (v[c] - mean) * (v[c] - mean);
            }
            double sd = Math.sqrt(ss / x.length);
            for (float[] v : x) {
                v[c] = (float) ((v[c] - mean) / sd);
            }
        }
        return x;
    }
}

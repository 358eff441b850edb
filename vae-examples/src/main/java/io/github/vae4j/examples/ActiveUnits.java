package io.github.vae4j.examples;

import io.github.vae4j.EpochReport;
import io.github.vae4j.FitReport;
import io.github.vae4j.Optimizer;
import io.github.vae4j.Training;
import io.github.vae4j.TrainingListener;
import io.github.vae4j.Vae;
import io.github.vae4j.viz.RunComparison;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Posterior collapse and two remedies, on the bundled MNIST sample: a model with 32 latent dimensions trained twice
 * with the same seed and optimiser, once plainly and once with KL warm-up and free bits. After each epoch it
 * measures the validation ELBO (the 2,000 test digits) and the number of active latent units (Burda et al. 2015:
 * dimensions whose posterior mean varies across the digits by more than 0.01), and draws both runs.
 *
 * <pre>
 * ./mvnw -q -pl vae-examples exec:java -Dexec.mainClass=io.github.vae4j.examples.ActiveUnits
 * </pre>
 */
public final class ActiveUnits {

    private ActiveUnits() {
    }

    /**
     * Runs the program; {@code --help} lists the options.
     *
     * @param args command-line options
     */
    public static void main(String[] args) {
        Programs.exit(run(args, System.out, System.err));
    }

    /** One run's reports and active units per epoch. */
    private record History(String name, FitReport report, int[] activeUnits) {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Programs.run("ActiveUnits", out, err, (o, stop) -> {
            Cli cli = new Cli("ActiveUnits", "Trains a latent-32 model plainly and with KL warm-up and free bits, "
                    + "and draws validation ELBO and active latent units per epoch.")
                    .option("out", "DIR", "output folder", Programs.defaultOut("vae4j-active-units"))
                    .option("epochs", "N", "training epochs of each run", "20")
                    .option("latent", "N", "latent dimensions", "32")
                    .option("hidden", "N,N,...", "hidden layer sizes", "512,384,256")
                    .option("learning-rate", "R", "Adam's learning rate of both runs", "0.003")
                    .option("warmup", "STEPS", "steps of KL warm-up in the second run (80 steps an epoch)", "400")
                    .option("free-bits", "NATS", "free-bits floor per latent dimension in the second run", "0.25")
                    .option("train", "N", "training digits of the sample (at most 8000)", "8000")
                    .option("seed", "N", "seed of weights, shuffling and noise", "42");
            Cli.Args a = cli.parse(args, o);
            if (a == null) {
                return 0;
            }
            Dataset data = Dataset.bundledMnist().limit(a.integer("train", 1, 8000), 2000);
            Path outDir = a.path("out");
            Files.createDirectories(outDir);
            int epochs = a.integer("epochs", 1, 10_000);
            int latent = a.integer("latent", 1, 4096);
            Optimizer adam = Optimizer.adam(a.decimal("learning-rate", 1e-6, 1));
            int warmup = a.integer("warmup", 0, Integer.MAX_VALUE);
            double freeBits = a.decimal("free-bits", 0, 100);
            float[][] validation = data.testImages();
            o.printf(Locale.ROOT, "%s: %,d training digits, %,d validation digits; latent %d, Adam %s, %d epochs "
                    + "per run. Output: %s%n", data.name(), data.trainImages().length, validation.length, latent,
                    adam.learningRate(), epochs, outDir.toAbsolutePath());
            List<History> runs = new ArrayList<>();
            for (boolean helped : new boolean[] {false, true}) {
                String name = helped ? String.format(Locale.ROOT, "KL warm-up %d steps + free bits %s", warmup,
                        freeBits) : "plain";
                List<Integer> units = new ArrayList<>();
                try (Vae vae = Vae.builder().latent(latent).hidden(a.integers("hidden", 1, 16384))
                        .seed(a.longValue("seed")).build()) {
                    Training.Builder plan = Training.builder().epochs(epochs).optimizer(adam).validation(validation)
                            .listener(new TrainingListener() {
                                @Override
                                public void onEpoch(EpochReport e) {
                                    units.add(vae.activeUnits(validation));
                                    o.printf(Locale.ROOT, "  %-40s epoch %3d  validation ELBO %8.2f  active units "
                                            + "%2d  KL %6.2f nats  beta %.2f%n", name, e.epoch(), e.validationElbo(),
                                            units.get(units.size() - 1), e.kl(), e.beta());
                                    stop.check();
                                }
                            });
                    if (helped) {
                        plan.klWarmup(warmup).freeBits(freeBits);
                    }
                    FitReport report = vae.fit(data.trainImages(), plan.build());
                    runs.add(new History(name, report, units.stream().mapToInt(Integer::intValue).toArray()));
                }
            }
            Path csv = outDir.resolve("active-units.csv");
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
                w.println("run,epoch,validation_elbo,active_units,train_elbo,kl,beta");
                for (History h : runs) {
                    List<EpochReport> es = h.report().epochs();
                    for (int i = 0; i < es.size(); i++) {
                        EpochReport e = es.get(i);
                        w.printf(Locale.ROOT, "%s,%d,%.4f,%d,%.4f,%.4f,%.4f%n", h.name(), e.epoch(),
                                e.validationElbo(), h.activeUnits()[i], e.elbo(), e.kl(), e.beta());
                    }
                }
            }
            Path png = outDir.resolve("active-units.png");
            List<RunComparison.Run> drawn = new ArrayList<>();
            for (History h : runs) {
                drawn.add(new RunComparison.Run(h.name(), h.report().epochs(), h.activeUnits()));
            }
            RunComparison.writePng(png, String.format(Locale.ROOT, "MNIST sample, latent %d: validation ELBO and "
                    + "active units", latent), drawn);
            o.println();
            for (History h : runs) {
                EpochReport last = h.report().last();
                o.printf(Locale.ROOT, "%-40s after %d epochs: validation ELBO %.2f nats, %d of %d latent units "
                        + "active%n", h.name(), last.epoch(), last.validationElbo(),
                        h.activeUnits()[h.activeUnits().length - 1], latent);
            }
            o.println("Wrote " + png + " and " + csv);
            return 0;
        });
    }
}

package io.github.vae4j.examples;

import io.github.vae4j.DataSource;
import io.github.vae4j.EpochReport;
import io.github.vae4j.FitReport;
import io.github.vae4j.Training;
import io.github.vae4j.TrainingListener;
import io.github.vae4j.Vae;
import io.github.vae4j.spi.RandomStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Training from a CSV file larger than the heap: the file is read once per epoch through {@link DataSource#csv} and
 * shuffled through a bounded buffer, so memory does not grow with the file. If the file does not exist it is
 * written first, from the bundled MNIST sample: each row a training digit moved by up to 2 pixels in each direction,
 * pixels as decimals in [0, 1] (200,000 rows make about 450 MB). After each epoch the program prints the heap in use
 * and the process's resident memory, which stay flat.
 *
 * <pre>
 * scripts/csv-larger-than-heap.sh          # java -Xmx128m, 200,000 rows, 3 epochs
 * </pre>
 */
public final class CsvTraining {

    private CsvTraining() {
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
        return Programs.run("CsvTraining", out, err, (o, stop) -> {
            Cli cli = new Cli("CsvTraining", "Trains the default model from a CSV file, read as a stream each epoch "
                    + "in bounded memory; writes the file from the bundled MNIST sample if it is missing.")
                    .option("file", "PATH", "the CSV file: a header, then 784 pixel values in [0, 1] a row",
                            Programs.defaultOut("vae4j-csv") + "/digits.csv")
                    .option("rows", "N", "rows to write when the file is missing", "200000")
                    .option("epochs", "N", "training epochs", "3")
                    .option("latent", "N", "latent dimensions", "10")
                    .option("hidden", "N,N,...", "hidden layer sizes", "512,384,256")
                    .option("validation-fraction", "F", "fraction of the rows held out for validation", "0.02")
                    .option("seed", "N", "seed of weights, shuffling, the split and the file's shifts", "42");
            Cli.Args a = cli.parse(args, o);
            if (a == null) {
                return 0;
            }
            Path file = a.path("file");
            Dataset sample = Dataset.bundledMnist();
            if (!Files.exists(file)) {
                writeShiftedDigits(file, sample.trainImages(), a.integer("rows", 1, Integer.MAX_VALUE),
                        a.longValue("seed"), o);
            }
            long maxHeap = Runtime.getRuntime().maxMemory();
            o.printf(Locale.ROOT, "%s: %,.0f MB; the JVM's heap may grow to %,d MB%n", file.toAbsolutePath(),
                    Files.size(file) / 1e6, maxHeap >> 20);
            Training plan = Training.builder().epochs(a.integer("epochs", 1, 10_000))
                    .validationFraction(a.decimal("validation-fraction", 1e-6, 0.5))
                    .listener(new TrainingListener() {
                        @Override
                        public void onEpoch(EpochReport e) {
                            System.gc();
                            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                            o.printf(Locale.ROOT, "epoch %d: %,d rows at %,.0f examples/s, train ELBO %.2f, "
                                    + "validation ELBO %.2f nats; heap in use after GC %,d MB of %,d MB; resident "
                                    + "%s MB (peak %s MB)%n", e.epoch(), e.examples(), e.examplesPerSecond(),
                                    e.elbo(), e.validationElbo(), heap.getUsed() >> 20, maxHeap >> 20,
                                    residentMb("VmRSS"), residentMb("VmHWM"));
                            stop.check();
                        }
                    }).build();
            try (Vae vae = Vae.builder().latent(a.integer("latent", 1, 4096)).hidden(a.integers("hidden", 1, 16384))
                    .seed(a.longValue("seed")).build()) {
                FitReport report = vae.fit(DataSource.csv(file), plan);
                double test = Arrays.stream(vae.elbo(sample.testImages())).average().orElseThrow();
                o.printf(Locale.ROOT, "Trained on %,d rows an epoch (%,d held out); test ELBO on the %,d bundled test "
                        + "digits: %.2f nats%n", report.trainingExamples(), report.validationExamples(),
                        sample.testImages().length, test);
            }
            return 0;
        });
    }

    /** Writes {@code rows} digits, each a random training digit moved by -2 to 2 pixels in each direction. */
    static void writeShiftedDigits(Path file, float[][] digits, int rows, long seed, PrintStream out)
            throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        out.printf(Locale.ROOT, "Writing %,d rows to %s ...%n", rows, file.toAbsolutePath());
        RandomStream random = new RandomStream(seed).split(77);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (BufferedWriter w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(8192);
            for (int c = 0; c < 784; c++) {
                line.append(c == 0 ? "" : ",").append("px").append(c);
            }
            w.write(line.append('\n').toString());
            for (int r = 0; r < rows; r++) {
                float[] digit = digits[random.nextInt(digits.length)];
                int dx = random.nextInt(5) - 2;
                int dy = random.nextInt(5) - 2;
                line.setLength(0);
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        int sx = x - dx;
                        int sy = y - dy;
                        int level = sx < 0 || sx >= 28 || sy < 0 || sy >= 28 ? 0
                                : Math.round(digit[sy * 28 + sx] * 255);
                        if (y + x > 0) {
                            line.append(',');
                        }
                        appendLevel(line, level);
                    }
                }
                w.write(line.append('\n').toString());
            }
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Appends level / 255 with 3 decimals, or "0" and "1". */
    private static void appendLevel(StringBuilder s, int level) {
        if (level == 0) {
            s.append('0');
        } else if (level == 255) {
            s.append('1');
        } else {
            int thousandths = Math.round(level * 1000f / 255);
            s.append("0.");
            if (thousandths < 100) {
                s.append('0');
            }
            if (thousandths < 10) {
                s.append('0');
            }
            s.append(thousandths);
        }
    }

    /** The process's resident memory field of /proc/self/status, in MB; "n/a" where there is none. */
    private static String residentMb(String field) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith(field + ":")) {
                    List<String> parts = Arrays.asList(l.trim().split("\\s+"));
                    return Long.toString(Long.parseLong(parts.get(1)) / 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
        return "n/a";
    }
}

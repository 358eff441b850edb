package io.github.vae4j.benchmarks;

import io.github.vae4j.Training;
import io.github.vae4j.Vae;
import io.github.vae4j.nd4j.engine.Blas;
import io.github.vae4j.nd4j.engine.Nd4jRuntime;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.Table;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The speed of {@code anomalyScores} on a table at its default {@value Vae#DEFAULT_SCORE_SAMPLES} importance samples,
 * against the products-alone bound for the same work: the default tabular model (hidden 512, 384, 256, latent 10) of
 * a table of {@value #COLUMNS} numeric columns, and in turns with scoring {@value #ROWS} rows through the public API,
 * the matrix products of the same scoring and nothing else: the encoder's over the rows once, the decoder's over every
 * (row, sample) pair, {@value #PAIRS} pairs to a product as the backend decodes them (the k samples of a row in one
 * product, not k passes). The report is the median of each turn, rows per second, and their ratio.
 */
public final class ScoringBenchmark {

    private static final int COLUMNS = 30;
    private static final int ROWS = 200;
    private static final int PAIRS = 512;
    private static final int[] HIDDEN = {512, 384, 256};
    private static final int LATENT = 10;

    private ScoringBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args options, see {@link BenchmarkMain}
     */
    public static void main(String[] args) {
        BenchmarkMain.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return BenchmarkMain.run("ScoringBenchmark", "Times anomalyScores at its default k against the matrix "
                + "products of the same scoring alone.", 15, args, out, err, ScoringBenchmark::measure);
    }

    private static void measure(int rounds, PrintStream out) {
        Nd4jRuntime.init();
        Table table = table(2000, new Random(1));
        Table scored = table.rows(0, ROWS);
        Products products = new Products(new Random(2));
        List<Long> scoring = new ArrayList<>();
        List<Long> bound = new ArrayList<>();
        try (Vae vae = Vae.builder().schema(table.schema()).seed(1).build()) {
            vae.fit(table, Training.builder().epochs(1).build());
            for (int r = 0; r < rounds + 1; r++) {
                long t0 = System.nanoTime();
                vae.anomalyScores(scored);
                long t1 = System.nanoTime();
                products.run();
                long t2 = System.nanoTime();
                if (r > 0) {
                    scoring.add(t1 - t0);
                    bound.add(t2 - t1);
                }
            }
        }
        double scoringRate = ROWS / (BenchmarkArrays.median(scoring) / 1e9);
        double boundRate = ROWS / (BenchmarkArrays.median(bound) / 1e9);
        out.printf(Locale.ROOT, "anomalyScores, %d rows of %d numeric columns, k = %d, hidden %s, latent %d:%n",
                ROWS, COLUMNS, Vae.DEFAULT_SCORE_SAMPLES, Arrays.toString(HIDDEN), LATENT);
        out.printf(Locale.ROOT, "  public API:            median %8.0f rows/s%n", scoringRate);
        out.printf(Locale.ROOT, "  its products alone:    median %8.0f rows/s (%.2f GFLOP a row)%n", boundRate,
                products.flopsPerRow() / 1e9);
        out.printf(Locale.ROOT, "  share of the bound:    %.2f%n", scoringRate / boundRate);
    }

    /** A table of numeric columns driven by 3 hidden factors. */
    private static Table table(int rows, Random random) {
        Schema.Builder s = Schema.builder();
        for (int c = 0; c < COLUMNS; c++) {
            s.numeric("x" + c);
        }
        Table.Builder t = Table.builder(s.build());
        float[] raw = new float[COLUMNS];
        for (int r = 0; r < rows; r++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double c = random.nextGaussian();
            for (int j = 0; j < COLUMNS; j++) {
                raw[j] = (float) (Math.sin(j) * a + Math.cos(j) * b + (j % 3) * c + 0.1 * random.nextGaussian());
            }
            t.addRaw(raw);
        }
        return t.build();
    }

    /** The products of scoring {@value #ROWS} rows: the encoder's once, the decoder's over every pair. */
    private static final class Products {
        private final List<INDArray[]> encoder = new ArrayList<>();
        private final List<INDArray[]> decoder = new ArrayList<>();
        private final long flops;

        Products(Random random) {
            int in = COLUMNS;
            long f = 0;
            for (int h : HIDDEN) {
                encoder.add(product(in, h, ROWS, random));
                f += 2L * in * h * ROWS;
                in = h;
            }
            encoder.add(product(in, 2 * LATENT, ROWS, random)); // the mean and log-variance heads
            f += 2L * in * 2 * LATENT * ROWS;
            in = LATENT;
            long pairs = (long) ROWS * Vae.DEFAULT_SCORE_SAMPLES;
            for (int i = HIDDEN.length - 1; i >= 0; i--) {
                decoder.add(product(in, HIDDEN[i], PAIRS, random));
                f += 2L * in * HIDDEN[i] * pairs;
                in = HIDDEN[i];
            }
            decoder.add(product(in, 2 * COLUMNS, PAIRS, random)); // a numeric column's mean and variance heads
            f += 2L * in * 2 * COLUMNS * pairs;
            flops = f;
        }

        /** {weights (in x out), input (in x n), output (out x n)}. */
        private static INDArray[] product(int in, int out, int n, Random random) {
            return new INDArray[] {BenchmarkArrays.filled(in, out, random), BenchmarkArrays.filled(in, n, random),
                Nd4j.create(DataType.FLOAT, new long[] {out, n}, 'f')};
        }

        void run() {
            for (INDArray[] p : encoder) {
                Blas.gemm(p[0], p[1], p[2], true, false, 1.0, 0.0);
            }
            int calls = (ROWS * Vae.DEFAULT_SCORE_SAMPLES + PAIRS - 1) / PAIRS;
            for (int c = 0; c < calls; c++) {
                for (INDArray[] p : decoder) {
                    Blas.gemm(p[0], p[1], p[2], true, false, 1.0, 0.0);
                }
            }
        }

        double flopsPerRow() {
            return (double) flops / ROWS;
        }
    }


}

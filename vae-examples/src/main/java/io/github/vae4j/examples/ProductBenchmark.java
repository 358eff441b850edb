package io.github.vae4j.examples;

import io.github.vae4j.nd4j.Nd4jRuntime;
import io.github.vae4j.nd4j.nn.Blas;
import io.github.vae4j.nd4j.nn.Team;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures the matrix products of the default model (784-512-384-256-10, batch 100) three ways: on one thread;
 * on OpenBLAS's own threads, one per core; and cut into row blocks shared by vae4j's {@link Team}, each block a
 * single-threaded OpenBLAS call, as the backend runs them. Then one-row products (inference of a single example)
 * through {@code sgemm} and through {@link Blas}, which sends them to {@code sgemv}. The three ways take turns in
 * rounds of {@value #CALLS_PER_ROUND} calls, so that a machine whose speed drifts treats them alike, with a pause
 * after OpenBLAS's threaded round (its idle workers spin for a while and would slow the next round); the report is
 * the median per call in microseconds and GFLOP/s.
 *
 * <pre>
 * --rounds N   rounds per product (default 15)
 * </pre>
 */
public final class ProductBenchmark {

    private static final int CALLS_PER_ROUND = 20;
    private static final long OPENBLAS_SETTLE_MILLIS = 300;

    private ProductBenchmark() {
    }

    /** One product shape: {@code c (m x n) = op(a) op(b)}, {@code k} the inner size. */
    private record Shape(String what, int m, int n, int k, boolean transposeA, boolean transposeB) {
    }

    /**
     * Runs the benchmark.
     *
     * @param args options, see the class comment
     */
    public static void main(String[] args) {
        Programs.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Programs.run("ProductBenchmark", out, err, (o, stop) -> {
            Cli cli = new Cli("ProductBenchmark", "Times the default model's matrix products on one thread, on "
                    + "OpenBLAS's threads and on vae4j's team, and one-row products through sgemm and sgemv.")
                    .option("rounds", "N", "rounds per product", "15");
            Cli.Args a = cli.parse(args, o);
            if (a == null) {
                return 0;
            }
            measure(a.integer("rounds", 1, 100_000), o);
            return 0;
        });
    }

    private static void measure(int rounds, PrintStream out) throws InterruptedException {
        out.println("backend: " + Nd4jRuntime.init());
        int cores = Runtime.getRuntime().availableProcessors();
        Team one = new Team(1);
        Team team = Team.shared();
        List<Shape> shapes = List.of(
                new Shape("encoder 784->512 forward", 512, 100, 784, true, false),
                new Shape("encoder 512->384 forward", 384, 100, 512, true, false),
                new Shape("encoder 384->256 forward", 256, 100, 384, true, false),
                new Shape("encoder 784->512 weight gradient", 784, 512, 100, false, true),
                new Shape("decoder 512->784 forward", 784, 100, 512, true, false),
                new Shape("decoder 512->784 weight gradient", 512, 784, 100, false, true),
                new Shape("decoder 512->784 input gradient", 512, 100, 784, false, false));
        out.printf(Locale.ROOT, "%-50s %22s %22s %22s%n", "product (m x n x k), batch 100", "1 thread",
                "OpenBLAS, " + cores + " threads", "vae4j team, " + team.size() + " threads");
        for (Shape s : shapes) {
            Operands o = new Operands(s);
            double[] medians = new double[3];
            List<List<Long>> times = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int r = 0; r < rounds; r++) {
                for (int way = 0; way < 3; way++) {
                    Nd4j.factory().blas().setMaxThreads(way == 1 ? cores : 1);
                    Team t = way == 2 ? team : one;
                    for (int c = 0; c < CALLS_PER_ROUND; c++) {
                        long t0 = System.nanoTime();
                        Blas.gemm(o.a, o.b, o.c, s.transposeA(), s.transposeB(), 1.0, 0.0, t);
                        times.get(way).add(System.nanoTime() - t0);
                    }
                    if (way == 1) {
                        // OpenBLAS's idle workers spin for about 0.1 s after a product; let them go to sleep first
                        Thread.sleep(OPENBLAS_SETTLE_MILLIS);
                    }
                }
            }
            Nd4j.factory().blas().setMaxThreads(1);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-50s", s.what() + " ("
                    + s.m() + "x" + s.n() + "x" + s.k() + ")"));
            for (int way = 0; way < 3; way++) {
                medians[way] = median(times.get(way)) / 1e3;
                line.append(String.format(Locale.ROOT, " %8.0f us %6.1f GFLOP/s", medians[way],
                        2.0 * s.m() * s.n() * s.k() / medians[way] / 1e3));
            }
            out.println(line);
        }
        out.println();
        out.printf(Locale.ROOT, "%-50s %22s %22s%n", "one row (m x 1 x k)", "sgemm", "vae4j (sgemv)");
        for (Shape s : List.of(new Shape("encoder 784->512, one row", 512, 1, 784, true, false),
                new Shape("decoder 512->784, one row", 784, 1, 512, true, false))) {
            Operands o = new Operands(s);
            List<List<Long>> times = List.of(new ArrayList<>(), new ArrayList<>());
            for (int r = 0; r < rounds; r++) {
                for (int c = 0; c < CALLS_PER_ROUND; c++) {
                    long t0 = System.nanoTime();
                    o.sgemm();
                    long t1 = System.nanoTime();
                    Blas.gemm(o.a, o.b, o.c, s.transposeA(), s.transposeB(), 1.0, 0.0, one);
                    long t2 = System.nanoTime();
                    times.get(0).add(t1 - t0);
                    times.get(1).add(t2 - t1);
                }
            }
            out.printf(Locale.ROOT, "%-50s %19.1f us %19.1f us%n", s.what(), median(times.get(0)) / 1e3,
                    median(times.get(1)) / 1e3);
        }
    }

    /** Column-major operands of one shape, filled with uniform values in [-1, 1). */
    private static final class Operands {
        final Shape s;
        final INDArray a;
        final INDArray b;
        final INDArray c;

        Operands(Shape s) {
            this.s = s;
            Random random = new Random(s.m() * 31L + s.n() * 7L + s.k());
            a = filled(s.transposeA() ? s.k() : s.m(), s.transposeA() ? s.m() : s.k(), random);
            b = filled(s.transposeB() ? s.n() : s.k(), s.transposeB() ? s.k() : s.n(), random);
            c = Nd4j.create(DataType.FLOAT, new long[] {s.m(), s.n()}, 'f');
        }

        /** The same product with one {@code cblas_sgemm} call. */
        void sgemm() {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasColMajor,
                    s.transposeA() ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                    s.transposeB() ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans, s.m(), s.n(),
                    s.k(), 1f, (FloatPointer) a.data().addressPointer(), (int) a.rows(),
                    (FloatPointer) b.data().addressPointer(), (int) b.rows(), 0f,
                    (FloatPointer) c.data().addressPointer(), s.m());
        }

        private static INDArray filled(int rows, int cols, Random random) {
            float[] values = new float[rows * cols];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextFloat() * 2 - 1;
            }
            return Nd4j.create(values, new long[] {rows, cols}, 'f');
        }
    }

    private static double median(List<Long> values) {
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}

package io.github.vae4j.benchmarks;

import io.github.vae4j.StepReport;
import io.github.vae4j.TrainingListener;
import io.github.vae4j.Vae;
import io.github.vae4j.nd4j.engine.Blas;
import io.github.vae4j.nd4j.engine.ComputeThreads;
import io.github.vae4j.nd4j.engine.Nd4jRuntime;
import io.github.vae4j.testkit.MnistSample;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures the matrix products of the default model (784-512-384-256-10, batch 100) three ways: on one thread;
 * on OpenBLAS's own threads, one per core; and cut into row blocks shared by vae4j's {@link ComputeThreads}, each block a
 * single-threaded OpenBLAS call, as the backend runs them. Then one-row products (inference of a single example)
 * through {@code sgemm} and through {@link Blas}, which sends them to {@code sgemv}. The three ways take turns in
 * rounds of {@value #CALLS_PER_ROUND} calls, so that a machine whose speed drifts treats them alike, with a pause
 * after OpenBLAS's threaded round (its idle workers spin for a while and would slow the next round); the report is
 * the median per call in microseconds and GFLOP/s.
 *
 * <p>Last, the share of a training step that its matrix products are: every product of one step of the default
 * model (forward, weight, bias and input gradients, on the team), called in a loop with nothing else, taking turns
 * with whole training steps through the public API on the bundled MNIST sample ({@value #STEPS_PER_TURN} of each a
 * turn); the report is the median of each and their ratio.
 *
 * <pre>
 * --rounds N   rounds per product (default 15)
 * </pre>
 */
public final class ProductBenchmark {

    private static final int CALLS_PER_ROUND = 20;
    private static final long OPENBLAS_SETTLE_MILLIS = 300;
    private static final int STEPS_PER_TURN = 10;
    private static final int BATCH = 100;
    /** The dense layers of the default model, {in, out}, in parameter order. */
    private static final int[][] LAYERS = {{784, 512}, {512, 384}, {384, 256}, {256, 10}, {256, 10}, {10, 256},
        {256, 384}, {384, 512}, {512, 784}};

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
        BenchmarkMain.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return BenchmarkMain.run("ProductBenchmark", "Times the default model's matrix products on one thread, on "
                + "OpenBLAS's threads and on vae4j's team, and one-row products through sgemm and sgemv.", 15, args, out,
                err, (rounds, o) -> {
                    measure(rounds, o);
                    stepShare(rounds, o);
                });
    }

    private static void measure(int rounds, PrintStream out) throws InterruptedException {
        out.println("backend: " + Nd4jRuntime.init());
        int cores = Runtime.getRuntime().availableProcessors();
        ComputeThreads one = new ComputeThreads(1);
        ComputeThreads team = ComputeThreads.shared();
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
                    ComputeThreads t = way == 2 ? team : one;
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
                medians[way] = BenchmarkArrays.median(times.get(way)) / 1e3;
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
            out.printf(Locale.ROOT, "%-50s %19.1f us %19.1f us%n", s.what(), BenchmarkArrays.median(times.get(0)) / 1e3,
                    BenchmarkArrays.median(times.get(1)) / 1e3);
        }
    }

    /**
     * Every matrix product of a training step of the default model against whole training steps, taking turns.
     */
    private static void stepShare(int rounds, PrintStream out) {
        float[][] train = MnistSample.train();
        Vae vae = Vae.builder().epochs(1).seed(42).build();
        vae.fit(Arrays.copyOf(train, 20 * BATCH));
        StepProducts products = new StepProducts(new Random(3));
        List<Long> productTimes = new ArrayList<>();
        List<Long> stepTimes = new ArrayList<>();
        int next = 0;
        for (int r = 0; r < rounds + 1; r++) {
            List<Long> p = new ArrayList<>();
            for (int i = 0; i < STEPS_PER_TURN; i++) {
                long t0 = System.nanoTime();
                products.run();
                p.add(System.nanoTime() - t0);
            }
            int rows = (STEPS_PER_TURN + 1) * BATCH;
            if (next + rows > train.length) {
                next = 0;
            }
            List<Long> s = new ArrayList<>();
            long[] last = {0};
            vae.fit(Arrays.copyOfRange(train, next, next + rows), new TrainingListener() {
                @Override
                public void onStep(StepReport report) {
                    long now = System.nanoTime();
                    if (last[0] != 0) {
                        s.add(now - last[0]);
                    }
                    last[0] = now;
                }
            });
            next += rows;
            if (r > 0) {
                // the first turn of each warms up
                productTimes.addAll(p);
                stepTimes.addAll(s);
            }
        }
        double productsMs = BenchmarkArrays.median(productTimes) / 1e6;
        double stepMs = BenchmarkArrays.median(stepTimes) / 1e6;
        out.println();
        out.printf(Locale.ROOT, "one training step (batch %d, bundled MNIST, public API): median %.2f ms%n", BATCH,
                stepMs);
        out.printf(Locale.ROOT, "its %d matrix products alone, on the team:             median %.2f ms%n",
                products.count(), productsMs);
        out.printf(Locale.ROOT, "the products' share of a step: %.0f%%%n", 100 * productsMs / stepMs);
    }

    /** The products of one training step of the default model: forward, then the gradients layer by layer. */
    private static final class StepProducts {
        final INDArray[] w = new INDArray[LAYERS.length];
        final INDArray[] x = new INDArray[LAYERS.length];
        final INDArray[] y = new INDArray[LAYERS.length];
        final INDArray[] dy = new INDArray[LAYERS.length];
        final INDArray[] dx = new INDArray[LAYERS.length];
        final INDArray[] gradW = new INDArray[LAYERS.length];
        final INDArray[] gradB = new INDArray[LAYERS.length];
        final INDArray onesR = Nd4j.ones(DataType.FLOAT, BATCH, 1).dup('f');

        StepProducts(Random random) {
            for (int i = 0; i < LAYERS.length; i++) {
                int in = LAYERS[i][0];
                int outWidth = LAYERS[i][1];
                w[i] = BenchmarkArrays.filled(in, outWidth, random);
                x[i] = BenchmarkArrays.filled(in, BATCH, random);
                dy[i] = BenchmarkArrays.filled(outWidth, BATCH, random);
                y[i] = Nd4j.create(DataType.FLOAT, new long[] {outWidth, BATCH}, 'f');
                dx[i] = Nd4j.create(DataType.FLOAT, new long[] {in, BATCH}, 'f');
                gradW[i] = Nd4j.create(DataType.FLOAT, new long[] {in, outWidth}, 'f');
                gradB[i] = Nd4j.create(DataType.FLOAT, new long[] {outWidth, 1}, 'f');
            }
        }

        void run() {
            for (int i = 0; i < LAYERS.length; i++) {
                Blas.gemm(w[i], x[i], y[i], true, false, 1.0, 0.0);
            }
            for (int i = LAYERS.length - 1; i >= 0; i--) {
                Blas.gemm(x[i], dy[i], gradW[i], false, true, 1.0, 0.0);
                Blas.gemm(dy[i], onesR, gradB[i], false, false, 1.0, 0.0);
                if (i > 0) {
                    // the first encoder layer's input is the data: no gradient
                    Blas.gemm(w[i], dy[i], dx[i], false, false, 1.0, 0.0);
                }
            }
        }

        int count() {
            return 4 * LAYERS.length - 1;
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
            a = BenchmarkArrays.filled(s.transposeA() ? s.k() : s.m(), s.transposeA() ? s.m() : s.k(), random);
            b = BenchmarkArrays.filled(s.transposeB() ? s.n() : s.k(), s.transposeB() ? s.k() : s.n(), random);
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

    }

}

package io.github.vae4j.benchmarks;

import io.github.vae4j.Convolutions;
import io.github.vae4j.ImageShape;
import io.github.vae4j.nd4j.engine.Nd4jRuntime;
import io.github.vae4j.nd4j.nn.ConvLayer;
import io.github.vae4j.nd4j.nn.Layer;
import io.github.vae4j.nd4j.nn.OpsConvLayer;
import io.github.vae4j.nd4j.nn.ParameterStore;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times the four convolution layers of the convolutional model ({@code --conv 32,64}: 3x3 kernels, stride 2, SAME,
 * on 28x28x1 images) at batch 100, forward and backward (weight, bias and, but for the first layer, input
 * gradients), by the two routes of the CPU backend: patch products ({@link ConvLayer}, the default) and ND4J's
 * {@code conv2d}/{@code deconv2d} ops ({@link OpsConvLayer}). The routes take turns in rounds of
 * {@value #CALLS_PER_ROUND} calls; the report is the median per call in microseconds.
 *
 * <pre>
 * --rounds N   rounds per layer (default 10)
 * </pre>
 */
public final class ConvolutionBenchmark {

    private static final int CALLS_PER_ROUND = 10;
    private static final int BATCH = 100;

    private ConvolutionBenchmark() {
    }

    /** One layer of the model: its name, shapes and direction, and whether backward computes the input gradient. */
    private record Case(String what, ImageShape in, ImageShape out, boolean transposed, boolean inputGradient) {
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
        return BenchmarkMain.run("ConvolutionBenchmark", "Times the convolutional model's convolution layers by patch "
                + "products and by ND4J's ops.", 10, args, out, err, ConvolutionBenchmark::measure);
    }

    private static void measure(int rounds, PrintStream out) {
        out.println("backend: " + Nd4jRuntime.init());
        Convolutions conv = new Convolutions(List.of(32, 64), 3, 2, Convolutions.Padding.SAME);
        List<Case> cases = List.of(
                new Case("conv 28x28x1 -> 14x14x32", new ImageShape(28, 28, 1), new ImageShape(14, 14, 32), false,
                        false),
                new Case("conv 14x14x32 -> 7x7x64", new ImageShape(14, 14, 32), new ImageShape(7, 7, 64), false, true),
                new Case("transposed 7x7x64 -> 14x14x32", new ImageShape(7, 7, 64), new ImageShape(14, 14, 32), true,
                        true),
                new Case("transposed 14x14x32 -> 28x28x1", new ImageShape(14, 14, 32), new ImageShape(28, 28, 1),
                        true, true));
        out.printf(Locale.ROOT, "%-34s %28s %28s%n", "layer, batch " + BATCH + ", median us",
                "patch products fwd / bwd", "ND4J ops fwd / bwd");
        double[] totals = new double[4];
        for (Case c : cases) {
            Random random = new Random(7);
            long count = ConvLayer.parameterCount(3, c.in().channels(), c.out().channels());
            List<Layer> layers = new ArrayList<>();
            for (int route = 0; route < 2; route++) {
                ParameterStore store = new ParameterStore(DataType.FLOAT, count);
                Layer layer = route == 0 ? new ConvLayer(c.what(), c.in(), c.out(), conv, c.transposed(), store)
                        : new OpsConvLayer(c.what(), c.in(), c.out(), conv, c.transposed(), store);
                layer.initialise(random::nextDouble);
                layers.add(layer);
            }
            INDArray x = Nd4j.rand(DataType.FLOAT, c.in().size(), BATCH).castTo(DataType.FLOAT).dup('f');
            INDArray y = Nd4j.create(DataType.FLOAT, new long[] {c.out().size(), BATCH}, 'f');
            INDArray dy = Nd4j.rand(DataType.FLOAT, c.out().size(), BATCH).castTo(DataType.FLOAT).dup('f');
            INDArray dx = c.inputGradient() ? Nd4j.create(DataType.FLOAT, new long[] {c.in().size(), BATCH}, 'f')
                    : null;
            List<List<Long>> times = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>());
            for (int r = 0; r < rounds + 1; r++) {
                for (int route = 0; route < 2; route++) {
                    Layer layer = layers.get(route);
                    for (int call = 0; call < CALLS_PER_ROUND; call++) {
                        long t0 = System.nanoTime();
                        layer.forward(x, y);
                        long t1 = System.nanoTime();
                        layer.backward(x, dy, dx, false, null);
                        long t2 = System.nanoTime();
                        if (r > 0) { // the first round warms up
                            times.get(2 * route).add(t1 - t0);
                            times.get(2 * route + 1).add(t2 - t1);
                        }
                    }
                }
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-34s", c.what()));
            for (int route = 0; route < 2; route++) {
                double f = median(times.get(2 * route)) / 1e3;
                double b = median(times.get(2 * route + 1)) / 1e3;
                totals[2 * route] += f;
                totals[2 * route + 1] += b;
                line.append(String.format(Locale.ROOT, " %13.0f / %12.0f", f, b));
            }
            out.println(line);
        }
        out.printf(Locale.ROOT, "%-34s %13.0f / %12.0f %13.0f / %12.0f%n", "a step's convolutions", totals[0],
                totals[1], totals[2], totals[3]);
    }

    private static double median(List<Long> values) {
        long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }
}

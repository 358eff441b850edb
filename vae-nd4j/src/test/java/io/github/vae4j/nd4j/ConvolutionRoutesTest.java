package io.github.vae4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vae4j.Convolutions;
import io.github.vae4j.ImageShape;
import io.github.vae4j.nd4j.engine.Nd4jRuntime;
import io.github.vae4j.nd4j.nn.ConvLayer;
import io.github.vae4j.nd4j.nn.Layer;
import io.github.vae4j.nd4j.nn.OpsConvLayer;
import io.github.vae4j.nd4j.nn.ParameterStore;
import io.github.vae4j.spi.RandomStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The patch-product convolutions ({@link ConvLayer}) give ND4J's {@code conv2d}/{@code deconv2d} values
 * ({@link OpsConvLayer}) at the shapes of the default convolutional model, in float, forward and backward, with
 * batches that cross the threads' and the chunks' boundaries. The float64 gradient checks of both routes are in
 * {@link GradientCheckTest}.
 */
class ConvolutionRoutesTest {

    @BeforeAll
    static void start() {
        Nd4jRuntime.init();
    }

    static Stream<Arguments> layers() {
        Convolutions same = new Convolutions(List.of(32, 64), 3, 2, Convolutions.Padding.SAME);
        Convolutions valid = new Convolutions(List.of(8), 3, 2, Convolutions.Padding.VALID);
        Convolutions five = new Convolutions(List.of(4), 5, 1, Convolutions.Padding.SAME);
        return Stream.of(
                Arguments.of("conv 28x28x1 -> 14x14x32", new ImageShape(28, 28, 1), new ImageShape(14, 14, 32), same,
                        false, 7),
                Arguments.of("conv 14x14x32 -> 7x7x64", new ImageShape(14, 14, 32), new ImageShape(7, 7, 64), same,
                        false, 150),
                Arguments.of("transposed 7x7x64 -> 14x14x32", new ImageShape(7, 7, 64), new ImageShape(14, 14, 32),
                        same, true, 150),
                Arguments.of("transposed 14x14x32 -> 28x28x1", new ImageShape(14, 14, 32), new ImageShape(28, 28, 1),
                        same, true, 7),
                Arguments.of("conv VALID 15x15x3 -> 7x7x8", new ImageShape(15, 15, 3), new ImageShape(7, 7, 8), valid,
                        false, 5),
                Arguments.of("transposed VALID 7x7x8 -> 15x15x3", new ImageShape(7, 7, 8), new ImageShape(15, 15, 3),
                        valid, true, 5),
                Arguments.of("conv kernel 5 stride 1 9x9x2 -> 9x9x4", new ImageShape(9, 9, 2), new ImageShape(9, 9, 4),
                        five, false, 4),
                Arguments.of("transposed kernel 5 stride 1 9x9x4 -> 9x9x2", new ImageShape(9, 9, 4),
                        new ImageShape(9, 9, 2), five, true, 4));
    }

    @ParameterizedTest(name = "{0}, batch {5}")
    @MethodSource("layers")
    void patchProductsGiveTheValuesOfNd4jsOps(String name, ImageShape in, ImageShape out, Convolutions conv,
            boolean transposed, int batch) {
        long count = ConvLayer.parameterCount(conv.kernelSize(), in.channels(), out.channels());
        ParameterStore patchStore = new ParameterStore(DataType.FLOAT, count);
        ParameterStore opsStore = new ParameterStore(DataType.FLOAT, count);
        Layer patches = new ConvLayer(name, in, out, conv, transposed, patchStore);
        Layer ops = new OpsConvLayer(name, in, out, conv, transposed, opsStore);
        RandomStream r = new RandomStream(3);
        patches.initialise(r::nextDouble);
        patchStore.parameters().putScalar(count - 1, 0.25); // a bias that is not zero
        opsStore.parameters().assign(patchStore.parameters());
        INDArray x = uniform(r, in.size(), batch);
        INDArray dy = uniform(r, out.size(), batch);

        INDArray yPatches = Nd4j.create(DataType.FLOAT, new long[] {out.size(), batch}, 'f');
        INDArray yOps = Nd4j.create(DataType.FLOAT, new long[] {out.size(), batch}, 'f');
        patches.forward(x, yPatches);
        ops.forward(x, yOps);
        assertClose(name + " output", yPatches, yOps);

        INDArray start = uniform(r, in.size(), batch);
        INDArray dxPatches = start.dup('f');
        INDArray dxOps = start.dup('f');
        patches.backward(x, dy, dxPatches, false, null);
        ops.backward(x, dy, dxOps, false, null);
        assertClose(name + " input gradient", dxPatches, dxOps);
        assertClose(name + " parameter gradients", patchStore.gradients(), opsStore.gradients());
        patches.backward(x, dy, dxPatches, true, null);
        ops.backward(x, dy, dxOps, true, null);
        assertClose(name + " input gradient, accumulated", dxPatches, dxOps);
        assertClose(name + " parameter gradients, again", patchStore.gradients(), opsStore.gradients());
    }

    /** Every element within 1e-4 of the other, relative to the array's largest magnitude. */
    private static void assertClose(String what, INDArray actual, INDArray expected) {
        double scale = Math.max(1e-12, expected.amaxNumber().doubleValue());
        double worst = actual.sub(expected).amaxNumber().doubleValue() / scale;
        assertThat(worst).as(what + ": largest difference over largest value").isLessThan(1e-5);
    }

    private static INDArray uniform(RandomStream r, int rows, int cols) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (2 * r.nextDouble() - 1);
        }
        return Nd4j.create(v, new long[] {rows, cols}, 'f');
    }
}

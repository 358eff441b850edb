package io.github.vae4j.nd4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vae4j.nd4j.nn.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The ReLU backward pass on heap copies gives the bits of ND4J's two ops, at a view's offset too. */
class ActivationsTest {

    @BeforeAll
    static void start() {
        Nd4jRuntime.init();
    }

    @ParameterizedTest(name = "{0} rows")
    @ValueSource(ints = {1, 7, 512, 3000})
    void theHeapPassEqualsNd4jsOpsBitForBit(int rows) {
        int columns = 60; // 3000 x 60 is above the heap pass's limit: the ops run, and must agree too
        Random random = new Random(rows);
        float[] a = new float[rows * columns];
        float[] g = new float[rows * columns];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextInt(3) == 0 ? 0f : random.nextFloat() * (random.nextInt(10) == 0 ? 1e-40f : 2f);
            g[i] = (float) random.nextGaussian();
        }
        // a frame-like view at an offset of a larger buffer, as the network's arrays are
        INDArray store = Nd4j.create(DataType.FLOAT, 2L * rows * columns + 5);
        INDArray activations = ParameterStore.view(store, 5, rows, columns);
        INDArray gradients = ParameterStore.view(store, 5 + (long) rows * columns, rows, columns);
        activations.assign(Nd4j.create(a, new long[] {rows, columns}, 'f'));
        gradients.assign(Nd4j.create(g, new long[] {rows, columns}, 'f'));
        ElementwiseOps ops = new ElementwiseOps();
        INDArray expectedA = activations.dup('f');
        INDArray expectedG = gradients.dup('f');
        ops.step(expectedA, expectedA);
        ops.mul(expectedG, expectedA, expectedG);

        Activations.reluBackwardInPlace(ops, activations, gradients);

        float[] actual = gradients.dup('f').data().asFloat();
        float[] expected = expectedG.data().asFloat();
        for (int i = 0; i < expected.length; i++) {
            assertThat(Float.floatToIntBits(actual[i] == 0f ? 0f : actual[i]))
                    .as("value %s (activation %s, gradient %s)", i, a[i], g[i])
                    .isEqualTo(Float.floatToIntBits(expected[i] == 0f ? 0f : expected[i]));
        }
        assertThat(store.getFloat(4L)).as("nothing before the views changed").isZero();
        assertThat(rows * columns > Activations.MAX_HEAP_VALUES).isEqualTo(rows == 3000);
    }
}

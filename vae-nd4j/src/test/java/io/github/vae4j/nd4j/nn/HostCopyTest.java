package io.github.vae4j.nd4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vae4j.nd4j.Nd4jRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between the heap and views that start inside a larger buffer, as split frame views and layer parameters do.
 * ND4J's NIO buffers start at the allocation, not at the view: an index without the view's offset reads and writes
 * the wrong values silently.
 */
class HostCopyTest {

    @BeforeAll
    static void backend() {
        Nd4jRuntime.init();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5})
    void floatCopiesReadAndWriteTheViewsOwnValues(int offset) {
        INDArray base = Nd4j.createFromArray(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        INDArray view = ParameterStore.view(base, offset, 3, 2);
        float[] read = new float[8];
        HostCopy.toHost(view, 6, read, 2);
        assertThat(read).containsExactly(0, 0, offset, offset + 1, offset + 2, offset + 3, offset + 4, offset + 5);
        double[] negated = new double[6];
        HostCopy.toHost(view, 6, negated, 0, -1);
        assertThat(negated[0]).isEqualTo(-offset);
        HostCopy.toNative(new float[] {-1, -2, -3}, 3, view);
        assertThat(view.getFloat(0, 0)).isEqualTo(-1);
        assertThat(view.getFloat(2, 0)).isEqualTo(-3);
        assertThat(base.getFloat(offset == 0 ? 3 : 0)).as("outside the first three").isEqualTo(offset == 0 ? 3 : 0);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void latentScratchRoundTripsAViewAtAnOffset(DataType type) {
        INDArray base = Nd4j.createFromArray(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}).castTo(type);
        INDArray view = ParameterStore.view(base, 4, 2, 2);
        LatentScratch scratch = new LatentScratch(4, 2, Kernels.hostTuned());
        double[] values = scratch.read(1, view);
        assertThat(values).containsExactly(4, 5, 6, 7);
        values[2] = 0.25;
        scratch.write(values, view);
        assertThat(base.toDoubleVector()).containsExactly(0, 1, 2, 3, 4, 5, 0.25, 7, 8, 9);
    }
}

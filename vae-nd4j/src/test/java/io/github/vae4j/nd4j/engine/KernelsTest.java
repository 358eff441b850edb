package io.github.vae4j.nd4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.nd4j.nn.ParameterStore;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Both kernel sets do the same thing to the same arrays: copies into and out of views that start inside a larger
 * buffer (as split frame views and layer parameters do), sums, products, bias broadcasts and the ReLU backward pass,
 * in FLOAT and DOUBLE. Values are compared exactly where both sets compute in the same precision.
 */
public class KernelsTest {

    @BeforeAll
    static void backend() {
        Nd4jRuntime.init();
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty(Kernels.KERNELS_PROPERTY);
    }

    /** @return each kernel set with FLOAT and DOUBLE arrays, at offsets 1 and 5 of a 12-value buffer */
    public static Stream<Arguments> setsAndTypes() {
        return Stream.of(Kernels.hostTuned(), Kernels.portable())
                .flatMap(k -> Stream.of(Arguments.of(k, DataType.FLOAT, 1), Arguments.of(k, DataType.FLOAT, 5),
                        Arguments.of(k, DataType.DOUBLE, 1), Arguments.of(k, DataType.DOUBLE, 5)));
    }

    /** @return the buffer 0 to 11 of {@code type} */
    public static INDArray base(DataType type) {
        return Nd4j.createFromArray(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}).castTo(type);
    }

    @ParameterizedTest(name = "{0} {1} at offset {2}")
    @MethodSource("setsAndTypes")
    void copiesReadAndWriteTheViewsOwnValuesOnly(Kernels kernels, DataType type, int offset) {
        INDArray base = base(type);
        INDArray view = ParameterStore.view(base, offset, 3, 2);
        float[] read = new float[8];
        kernels.read(view, 6, read, 2);
        assertThat(read).containsExactly(0, 0, offset, offset + 1, offset + 2, offset + 3, offset + 4, offset + 5);
        double[] negated = new double[7];
        kernels.read(view, 4, negated, 1, -1);
        assertThat(negated).containsExactly(0, -offset, -offset - 1, -offset - 2, -offset - 3, 0, 0);
        assertThat(kernels.sum(view, 4)).isEqualTo(4.0 * offset + 6);

        kernels.write(new float[] {9, -1, -2, -3}, 1, 3, view);
        assertThat(view.getDouble(0, 0)).isEqualTo(-1);
        assertThat(view.getDouble(2, 0)).isEqualTo(-3);
        assertThat(view.getDouble(0, 1)).as("after the first three").isEqualTo(offset + 3);
        assertThat(base.getDouble(0)).as("before the view").isEqualTo(0);
        assertThat(base.getDouble(offset + 6)).as("after the view").isEqualTo(offset + 6);
        kernels.write(new double[] {0.25, 0.5}, 2, view);
        assertThat(view.getDouble(1, 0)).isEqualTo(0.5);
        assertThat(view.getDouble(2, 0)).isEqualTo(-3);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("typesOnce")
    void productsBiasBroadcastAndReluBackwardAgree(DataType type, String label) {
        INDArray a = Nd4j.rand(type, 7, 5).dup('f');
        INDArray b = Nd4j.rand(type, 7, 4).dup('f');
        INDArray column = Nd4j.rand(type, 5, 1).dup('f');
        INDArray activations = Nd4j.rand(type, 5, 4).subi(0.5).dup('f');
        INDArray gradient = Nd4j.rand(type, 5, 4).dup('f');
        INDArray[] results = new INDArray[2];
        INDArray[] relu = new INDArray[2];
        Kernels[] sets = {Kernels.hostTuned(), Kernels.portable()};
        for (int k = 0; k < 2; k++) {
            INDArray c = Nd4j.create(type, new long[] {5, 4}, 'f');
            sets[k].fillColumns(column, c);
            assertThat(c.getColumn(3).ravel().toDoubleVector()).containsExactly(column.ravel().toDoubleVector());
            sets[k].gemm(a, b, c, true, false, 0.5, 1.0);
            results[k] = c;
            INDArray g = gradient.dup('f');
            sets[k].reluBackward(new ElementwiseOps(), activations.dup('f'), g);
            relu[k] = g;
        }
        double tolerance = type == DataType.FLOAT ? 1e-6 : 1e-14;
        assertThat(results[1].ravel().toDoubleVector()).containsExactly(results[0].ravel().toDoubleVector(),
                within(tolerance));
        assertThat(relu[1].ravel().toDoubleVector()).containsExactly(relu[0].ravel().toDoubleVector());
        assertThat(relu[0].ravel().toDoubleVector()).contains(0.0);
    }

    static Stream<Arguments> typesOnce() {
        return Stream.of(Arguments.of(DataType.FLOAT, "FLOAT"), Arguments.of(DataType.DOUBLE, "DOUBLE"));
    }

    @Test
    void thePropertyChoosesTheCpuSetAndRejectsUnknownNames() {
        assertThat(Kernels.forCpu()).isSameAs(Kernels.hostTuned());
        System.setProperty(Kernels.KERNELS_PROPERTY, "portable");
        assertThat(Kernels.forCpu()).isSameAs(Kernels.portable());
        System.setProperty(Kernels.KERNELS_PROPERTY, " Host-Tuned ");
        assertThat(Kernels.forCpu()).isSameAs(Kernels.hostTuned());
        System.setProperty(Kernels.KERNELS_PROPERTY, "fast");
        assertThatThrownBy(Kernels::forCpu).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vae4j.nd4j.kernels").hasMessageContaining("'fast'")
                .hasMessageContaining("host-tuned").hasMessageContaining("portable");
    }
}

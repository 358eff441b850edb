package io.github.vae4j.nd4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vae4j.nd4j.engine.Kernels;
import io.github.vae4j.nd4j.engine.KernelsTest;
import io.github.vae4j.nd4j.engine.Nd4jRuntime;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The latent layer's heap arrays read and write a view's own values, on both kernel sets. */
class LatentHeapArraysTest {

    @BeforeAll
    static void backend() {
        Nd4jRuntime.init();
    }

    static Stream<Arguments> setsAndTypes() {
        return KernelsTest.setsAndTypes();
    }

    @ParameterizedTest(name = "{0} {1} at offset {2}")
    @MethodSource("setsAndTypes")
    void roundTripsAViewAtAnOffset(Kernels kernels, DataType type, int offset) {
        INDArray base = KernelsTest.base(type);
        INDArray view = ParameterStore.view(base, offset, 2, 2);
        LatentHeapArrays scratch = new LatentHeapArrays(4, 2, kernels);
        double[] values = scratch.read(1, view);
        assertThat(values).startsWith(offset, offset + 1, offset + 2, offset + 3);
        values[2] = 0.25;
        scratch.write(values, view);
        assertThat(base.getDouble(offset + 2)).isEqualTo(0.25);
        assertThat(base.getDouble(offset + 4)).isEqualTo(offset + 4);
    }
}

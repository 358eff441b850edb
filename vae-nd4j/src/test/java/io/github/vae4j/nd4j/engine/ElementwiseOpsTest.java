package io.github.vae4j.nd4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reused op objects compute from the arrays' current values, and the cache holds one op per distinct call. */
class ElementwiseOpsTest {

    @BeforeAll
    static void backend() {
        Nd4jRuntime.init();
    }

    @Test
    void everyOpAgainstHandComputedValuesTwiceWithNewInputsBetween() {
        ElementwiseOps ops = new ElementwiseOps();
        INDArray x = Nd4j.create(DataType.DOUBLE, new long[] {2, 2}, 'f');
        INDArray y = Nd4j.create(DataType.DOUBLE, new long[] {2, 2}, 'f');
        INDArray z = Nd4j.create(DataType.DOUBLE, new long[] {2, 2}, 'f');
        for (int round = 0; round < 2; round++) {
            double a = round == 0 ? -1.5 : 2.0;
            double b = round == 0 ? 0.25 : -4.0;
            x.assign(a);
            y.assign(b);
            ops.sigmoid(x, z);
            assertThat(z.getDouble(0)).isCloseTo(1 / (1 + Math.exp(-a)), within(1e-12));
            ops.exp(x, z);
            assertThat(z.getDouble(1)).isCloseTo(Math.exp(a), within(1e-12));
            ops.abs(x, z);
            ops.log(z, z);
            assertThat(z.getDouble(2)).isCloseTo(Math.log(Math.abs(a)), within(1e-12));
            ops.square(x, z);
            assertThat(z.getDouble(3)).isCloseTo(a * a, within(1e-12));
            ops.add(x, 0.5, z);
            assertThat(z.getDouble(0)).isCloseTo(a + 0.5, within(1e-12));
            ops.mul(x, 3.0, z);
            assertThat(z.getDouble(0)).isCloseTo(3 * a, within(1e-12));
            ops.reverseSub(x, 1.0, z);
            assertThat(z.getDouble(0)).isCloseTo(1 - a, within(1e-12));
            ops.relu(x, z);
            assertThat(z.getDouble(0)).isEqualTo(Math.max(a, 0));
            ops.step(x, z);
            assertThat(z.getDouble(0)).isEqualTo(a > 0 ? 1.0 : 0.0);
            ops.mul(x, y, z);
            assertThat(z.getDouble(0)).isCloseTo(a * b, within(1e-12));
            ops.div(x, y, z);
            assertThat(z.getDouble(0)).isCloseTo(a / b, within(1e-12));
            ops.add(x, y, z);
            assertThat(z.getDouble(0)).isCloseTo(a + b, within(1e-12));
            ops.sub(x, y, z);
            assertThat(z.getDouble(0)).isCloseTo(a - b, within(1e-12));
            ops.sub(y, z, z);
            assertThat(z.getDouble(0)).as("output aliasing an input").isCloseTo(b - (a - b), within(1e-12));
            z.assign(1e-40);
            z.putScalar(3, 0.5);
            ops.flushBelow(z, 1e-30);
            assertThat(z.getDouble(0)).isZero();
            assertThat(z.getDouble(3)).isEqualTo(0.5);
        }
        // the second round reused every op object of the first
        assertThat(ops.size()).isEqualTo(16);
    }

    @Test
    void callsWithNewArraysEachTimeDoNotGrowTheCacheWithoutBound() {
        ElementwiseOps ops = new ElementwiseOps();
        for (int i = 0; i < ElementwiseOps.MAX_CACHED + 10; i++) {
            INDArray fresh = Nd4j.create(DataType.FLOAT, 3);
            ops.relu(fresh, fresh);
        }
        assertThat(ops.size()).isLessThanOrEqualTo(ElementwiseOps.MAX_CACHED);
    }
}

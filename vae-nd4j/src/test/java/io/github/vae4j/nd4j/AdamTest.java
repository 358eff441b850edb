package io.github.vae4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.nd4j.engine.ComputeThreads;
import io.github.vae4j.nd4j.engine.Nd4jRuntime;
import io.github.vae4j.nd4j.optim.Adam;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The optimiser against hand-computed and double-precision updates, across blocks and threads. */
class AdamTest {

    @BeforeAll
    static void backend() {
        Nd4jRuntime.init();
    }

    @Test
    void firstTwoStepsMatchHandComputedValues() {
        // step 1: m = 0.1 g, v = 0.001 g^2, m_hat = g, v_hat = g^2, so p -= lr * g / (|g| + 1e-8) = lr * sign(g)
        INDArray p = Nd4j.createFromArray(1.0f, -2.0f, 0.5f);
        INDArray g = Nd4j.createFromArray(0.5f, -4.0f, 0.0f);
        Adam adam = new Adam(0.01, p, g);
        adam.step();
        assertThat(p.toFloatVector()).containsExactly(new float[] {0.99f, -1.99f, 0.5f}, within(1e-6f));
        // step 2 with g = (1, -4, 0): m = 0.9 * 0.05 + 0.1 = 0.145, v = 0.999 * 0.00025 + 0.001 = 0.00124975,
        // m_hat = 0.145 / 0.19 = 0.763158, v_hat = 0.00124975 / 0.001999 = 0.625188, update 0.01 * 0.763158 / 0.790688
        g.putScalar(0, 1.0f);
        adam.step();
        assertThat(p.getFloat(0)).isCloseTo(0.99f - 0.0096518f, within(2e-6f));
        assertThat(p.getFloat(1)).isCloseTo(-1.98f, within(2e-6f));  // same gradient twice: m_hat / sqrt(v_hat) = -1
        assertThat(p.getFloat(2)).isEqualTo(0.5f);
        assertThat(adam.stepCount()).isEqualTo(2);
    }

    @Test
    void manyBlocksOnTwoThreadsMatchADoublePrecisionReference() {
        int n = (1 << 16) * 3 + 123;  // several blocks, the last one short
        float[] p0 = random(n, 1);
        INDArray p = Nd4j.createFromArray(p0.clone());
        INDArray g = Nd4j.create(DataType.FLOAT, n);
        Adam adam = new Adam(0.003, p, g, new ComputeThreads(2));
        double[] ref = new double[n];
        double[] m = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            ref[i] = p0[i];
        }
        for (int step = 1; step <= 5; step++) {
            float[] grad = random(n, 100 + step);
            g.data().asNioFloat().put(0, grad);
            adam.step();
            for (int i = 0; i < n; i++) {
                m[i] = 0.9 * m[i] + 0.1 * grad[i];
                v[i] = 0.999 * v[i] + 0.001 * grad[i] * grad[i];
                double mHat = m[i] / (1 - Math.pow(0.9, step));
                double vHat = v[i] / (1 - Math.pow(0.999, step));
                ref[i] -= 0.003 * mHat / (Math.sqrt(vHat) + 1e-8);
            }
        }
        float[] got = p.toFloatVector();
        for (int i = 0; i < n; i += 997) {
            assertThat((double) got[i]).as("parameter %s", i).isCloseTo(ref[i], within(1e-5));
        }
        assertThat((double) got[n - 1]).isCloseTo(ref[n - 1], within(1e-5));
    }

    @Test
    void oneThreadTwoThreadsAndABusyTeamGiveIdenticalParameters() {
        int n = (1 << 16) * 2 + 7;
        float[][] results = new float[3][];
        for (int run = 0; run < 3; run++) {
            INDArray p = Nd4j.createFromArray(random(n, 7));
            INDArray g = Nd4j.create(DataType.FLOAT, n);
            ComputeThreads team = new ComputeThreads(run == 0 ? 1 : 2);
            Adam adam = new Adam(0.01, p, g, team);
            for (int step = 0; step < 3; step++) {
                g.data().asNioFloat().put(0, random(n, 50 + step));
                if (run == 2) {
                    // the team is busy running this very part, so the update cannot use it and runs on this thread
                    boolean[] ran = new boolean[1];
                    assertThat(team.run(part -> {
                        if (part == 0) {
                            adam.step();
                            ran[0] = true;
                        }
                    })).isTrue();
                    assertThat(ran[0]).isTrue();
                } else {
                    adam.step();
                }
            }
            results[run] = p.toFloatVector();
        }
        assertThat(results[1]).containsExactly(results[0]);
        assertThat(results[2]).containsExactly(results[0]);
    }

    @Test
    void restoredMomentsContinueExactlyAsTheOriginal() {
        int n = (1 << 14) + 5;
        INDArray p = Nd4j.createFromArray(random(n, 3));
        INDArray g = Nd4j.createFromArray(random(n, 4));
        Adam adam = new Adam(0.01, p, g);
        adam.step();
        adam.step();
        float[][] moments = adam.moments();
        INDArray copy = p.dup();
        Adam restored = new Adam(0.01, copy, g);
        restored.restore(moments[0], moments[1], adam.stepCount());
        adam.step();
        restored.step();
        assertThat(copy.toFloatVector()).containsExactly(p.toFloatVector());
        assertThat(restored.moments()[1]).containsExactly(adam.moments()[1]);
    }

    @Test
    void rejectsMismatchedArrays() {
        INDArray p = Nd4j.create(DataType.FLOAT, 4);
        assertThatThrownBy(() -> new Adam(0.01, p, Nd4j.create(DataType.FLOAT, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ");
        Adam adam = new Adam(0.01, p, Nd4j.create(DataType.FLOAT, 4));
        assertThatThrownBy(() -> adam.restore(new float[3], new float[4], 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("state has 3 values, this model has 4 parameters");
    }

    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}

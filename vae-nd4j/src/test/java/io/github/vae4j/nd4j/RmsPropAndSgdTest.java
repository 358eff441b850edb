package io.github.vae4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.Optimizer;
import io.github.vae4j.nd4j.engine.ComputeThreads;
import io.github.vae4j.nd4j.engine.Nd4jRuntime;
import io.github.vae4j.nd4j.optim.RmsProp;
import io.github.vae4j.nd4j.optim.Sgd;
import io.github.vae4j.nd4j.optim.Updater;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** RMSProp and SGD with momentum against hand-computed steps and an independent double-precision reference. */
class RmsPropAndSgdTest {

    @BeforeAll
    static void backend() {
        Nd4jRuntime.init();
    }

    @Test
    void rmsPropFirstTwoStepsMatchHandComputedValues() {
        // decay 0.9, eps 0: step 1 v = 0.1 g^2, p -= lr g / (|g| sqrt(0.1)) = lr sign(g) / 0.316228
        INDArray p = Nd4j.createFromArray(1.0f, -2.0f, 0.5f);
        INDArray g = Nd4j.createFromArray(0.5f, -4.0f, 0.0f);
        RmsProp rms = new RmsProp(new Optimizer.RmsProp(0.01, 0.9, 1e-8), p, g, ComputeThreads.shared());
        rms.step(0.01);
        assertThat(p.getFloat(0)).isCloseTo(1.0f - 0.0316228f, within(1e-6f));
        assertThat(p.getFloat(1)).isCloseTo(-2.0f + 0.0316228f, within(1e-6f));
        assertThat(p.getFloat(2)).isEqualTo(0.5f);
        // step 2, g0 = 1: v = 0.9 * 0.025 + 0.1 = 0.1225, p -= 0.01 * 1 / 0.35 = 0.0285714
        g.putScalar(0, 1.0f);
        rms.step(0.01);
        assertThat(p.getFloat(0)).isCloseTo(1.0f - 0.0316228f - 0.0285714f, within(2e-6f));
        assertThat(rms.stepCount()).isEqualTo(2);
        assertThat(rms.slots()[0][0]).isCloseTo(0.1225f, within(1e-7f));
    }

    @Test
    void sgdMomentumStartsItsBufferAtTheFirstGradient() {
        // momentum 0.9: b1 = g1 = 2, p = 1 - 0.1 * 2 = 0.8; b2 = 0.9 * 2 + 1 = 2.8, p = 0.8 - 0.28 = 0.52
        INDArray p = Nd4j.createFromArray(1.0f);
        INDArray g = Nd4j.createFromArray(2.0f);
        Sgd sgd = new Sgd(Optimizer.sgd(0.1, 0.9), p, g, ComputeThreads.shared());
        sgd.step(0.1);
        assertThat(p.getFloat(0)).isCloseTo(0.8f, within(1e-7f));
        g.putScalar(0, 1.0f);
        sgd.step(0.1);
        assertThat(p.getFloat(0)).isCloseTo(0.52f, within(1e-6f));
        assertThat(sgd.slots()[0][0]).isCloseTo(2.8f, within(1e-6f));
        // Nesterov: b1 = 2, p -= 0.1 (2 + 0.9 * 2) = 0.38 -> 0.62
        INDArray q = Nd4j.createFromArray(1.0f);
        Sgd nesterov = new Sgd(Optimizer.sgd(0.1, 0.9).withNesterov(true), q, Nd4j.createFromArray(2.0f),
                ComputeThreads.shared());
        nesterov.step(0.1);
        assertThat(q.getFloat(0)).isCloseTo(0.62f, within(1e-6f));
        // plain SGD keeps no state
        INDArray r = Nd4j.createFromArray(1.0f);
        Sgd plain = new Sgd(Optimizer.sgd(0.5, 0), r, Nd4j.createFromArray(2.0f), ComputeThreads.shared());
        plain.step(0.5);
        assertThat(r.getFloat(0)).isEqualTo(0f);
        assertThat(plain.slots()).isEmpty();
    }

    /** Applies five steps to many blocks on two threads and compares with a reference written here. */
    private static void againstReference(Optimizer optimizer, double[] rates) {
        int n = (1 << 14) * 3 + 77;
        float[] p0 = random(n, 1);
        INDArray p = Nd4j.createFromArray(p0.clone());
        INDArray g = Nd4j.create(DataType.FLOAT, n);
        Updater updater = Updater.create(optimizer, p, g, new ComputeThreads(2));
        double[] ref = new double[n];
        double[] state = new double[n];
        for (int i = 0; i < n; i++) {
            ref[i] = p0[i];
        }
        for (int step = 1; step <= rates.length; step++) {
            float[] grad = random(n, 100 + step);
            g.data().asNioFloat().put(0, grad);
            updater.step(rates[step - 1]);
            for (int i = 0; i < n; i++) {
                double gi = grad[i];
                if (optimizer instanceof Optimizer.RmsProp r) {
                    state[i] = r.decay() * state[i] + (1 - r.decay()) * gi * gi;
                    ref[i] -= rates[step - 1] * gi / (Math.sqrt(state[i]) + r.epsilon());
                } else if (optimizer instanceof Optimizer.Sgd s) {
                    state[i] = step == 1 ? gi : s.momentum() * state[i] + gi;
                    ref[i] -= rates[step - 1] * (s.nesterov() ? gi + s.momentum() * state[i] : state[i]);
                }
            }
        }
        float[] got = p.toFloatVector();
        for (int i = 0; i < n; i += 331) {
            assertThat((double) got[i]).as("%s parameter %s", optimizer, i).isCloseTo(ref[i], within(2e-5));
        }
        assertThat((double) got[n - 1]).isCloseTo(ref[n - 1], within(2e-5));
    }

    @Test
    void manyBlocksOnTwoThreadsMatchADoublePrecisionReference() {
        double[] rates = {0.003, 0.002, 0.003, 0.001, 0.0025}; // a schedule: each step its own rate
        againstReference(new Optimizer.RmsProp(1, 0.95, 1e-6), rates);
        againstReference(Optimizer.sgd(1, 0.9), rates);
        againstReference(Optimizer.sgd(1, 0.5).withNesterov(true), rates);
        againstReference(Optimizer.sgd(1, 0), rates);
    }

    @Test
    void stateRestoresExactlyAndRejectsTheWrongShape() {
        int n = 1000;
        INDArray p = Nd4j.createFromArray(random(n, 3));
        INDArray g = Nd4j.createFromArray(random(n, 4));
        RmsProp rms = new RmsProp(Optimizer.rmsProp(0.01), p, g, ComputeThreads.shared());
        rms.step(0.01);
        RmsProp copy = new RmsProp(Optimizer.rmsProp(0.01), p.dup(), g, ComputeThreads.shared());
        copy.restore(List.of(rms.slots()), rms.stepCount());
        assertThat(copy.slots()[0]).containsExactly(rms.slots()[0]);
        assertThatThrownBy(() -> copy.restore(List.of(new float[n], new float[n]), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 1 state arrays");
        assertThatThrownBy(() -> copy.restore(List.of(new float[3]), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 values");
        assertThatThrownBy(() -> copy.reconfigure(Optimizer.adam(1e-3))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rms.step(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
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

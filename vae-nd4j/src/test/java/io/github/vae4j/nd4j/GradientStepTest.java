package io.github.vae4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.Optimizer;
import io.github.vae4j.Vae;
import io.github.vae4j.VaeConfig;
import io.github.vae4j.spi.StepSettings;
import io.github.vae4j.spi.StepTerms;
import io.github.vae4j.testkit.MnistSample;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The backend's split step: the gradient apart from the update, its norm, scaling and exchange. */
class GradientStepTest {

    private static final VaeConfig CONFIG = Vae.builder().inputSize(784).latent(4).hidden(32).seed(11).config();

    private static Nd4jVaeModel model() {
        return new Nd4jVaeModel(CONFIG, Optimizer.adam(1e-3), DataType.FLOAT, "test");
    }

    private static float[] batch(int rows, int width, int offset) {
        float[] x = new float[rows * width];
        float[][] digits = MnistSample.train();
        for (int r = 0; r < rows; r++) {
            System.arraycopy(digits[offset + r], 0, x, r * width, width);
        }
        return x;
    }

    @Test
    void computingTheGradientChangesNoParameterAndTheSplitStepEqualsOneUpdate() {
        Nd4jVaeModel a = model();
        Nd4jVaeModel b = model();
        float[] x = batch(20, 784, 0);
        float[] eps = new float[20 * 4];
        Arrays.fill(eps, 0.3f);
        float[] before = a.state().parameters();
        StepTerms terms = a.computeGradient(x, eps, 20, new StepSettings(1, 0));
        assertThat(a.state().parameters()).containsExactly(before);
        assertThat(terms.objective()).isEqualTo(terms.reconstruction() + terms.kl());
        a.applyUpdate(1e-3);
        b.computeGradient(x, eps, 20, new StepSettings(1, 0));
        b.applyUpdate(1e-3);
        assertThat(a.state().parameters()).containsExactly(b.state().parameters());
        assertThat(a.state().parameters()).isNotEqualTo(before);
    }

    @Test
    void theNormScalingAndExchangeOfTheGradientAgree() {
        Nd4jVaeModel m = model();
        float[] x = batch(10, 784, 100);
        float[] eps = new float[10 * 4];
        m.computeGradient(x, eps, 10, new StepSettings(0.5, 0));
        float[] g = new float[(int) m.parameterCount()];
        m.copyGradient(g);
        double sum = 0;
        for (float v : g) {
            sum += (double) v * v;
        }
        assertThat(m.gradientNorm()).isCloseTo(Math.sqrt(sum), within(1e-9 * Math.sqrt(sum)));
        m.scaleGradient(0.25);
        assertThat(m.gradientNorm()).isCloseTo(0.25 * Math.sqrt(sum), within(1e-6 * Math.sqrt(sum)));
        // the sum of two workers' gradients, loaded back
        float[] twice = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            twice[i] = 2 * g[i];
        }
        m.loadGradient(twice);
        assertThat(m.gradientNorm()).isCloseTo(2 * Math.sqrt(sum), within(1e-6 * Math.sqrt(sum)));
        float[] back = new float[g.length];
        m.copyGradient(back);
        assertThat(back).containsExactly(twice);
    }

    @Test
    void aLargerBatchThanBeforeGetsALargerFrameAndTheSameGradientAsAFreshModel() {
        Nd4jVaeModel grown = model();
        float[] eps = new float[64 * 4];
        grown.computeGradient(batch(8, 784, 0), eps, 8, new StepSettings(1, 0));
        StepTerms big = grown.computeGradient(batch(64, 784, 0), eps, 64, new StepSettings(1, 0));
        Nd4jVaeModel fresh = model();
        StepTerms same = fresh.computeGradient(batch(64, 784, 0), eps, 64, new StepSettings(1, 0));
        assertThat(big).isEqualTo(same);
        float[] g1 = new float[(int) grown.parameterCount()];
        float[] g2 = new float[g1.length];
        grown.copyGradient(g1);
        fresh.copyGradient(g2);
        assertThat(g1).containsExactly(g2);
    }

    @Test
    void anOptimizerOfTheSameKindKeepsItsStateAndAnotherStartsAfresh() {
        Nd4jVaeModel m = model();
        m.computeGradient(batch(10, 784, 0), new float[40], 10, new StepSettings(1, 0));
        m.applyUpdate(1e-3);
        m.useOptimizer(Optimizer.adam(5e-4).withBetas(0.8, 0.99));
        assertThat(m.state().optimizerStep()).isEqualTo(1);
        assertThat(m.optimizer()).isEqualTo(Optimizer.adam(5e-4).withBetas(0.8, 0.99));
        m.useOptimizer(Optimizer.rmsProp(1e-3));
        assertThat(m.state().optimizerStep()).isZero();
        assertThat(m.state().optimizerSlots()).hasSize(1);
        assertThat(m.state().optimizerSlots().get(0)).containsOnly(0f);
    }
}

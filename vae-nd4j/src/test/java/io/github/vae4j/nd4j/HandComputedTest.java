package io.github.vae4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.Convolutions;
import io.github.vae4j.ImageShape;
import io.github.vae4j.Optimizer;
import io.github.vae4j.Vae;
import io.github.vae4j.VaeConfig;
import io.github.vae4j.internal.AssembledLoss;
import io.github.vae4j.nd4j.engine.ElementwiseOps;
import io.github.vae4j.nd4j.engine.Nd4jRuntime;
import io.github.vae4j.nd4j.likelihood.BernoulliLikelihood;
import io.github.vae4j.nd4j.likelihood.GaussianLikelihood;
import io.github.vae4j.nd4j.likelihood.LikelihoodModel;
import io.github.vae4j.nd4j.nn.ConvLayer;
import io.github.vae4j.nd4j.nn.ParameterStore;
import io.github.vae4j.spi.ModelState;
import io.github.vae4j.spi.StepSettings;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The loss terms against values worked out by hand (with a calculator, from the formulas in the Javadoc). */
class HandComputedTest {

    @BeforeAll
    static void start() {
        Nd4jRuntime.init();
    }

    /** -log p(x) summed over the features of one example (a column). */
    private static double nll(LikelihoodModel likelihood, double[][] heads, double[] x) {
        int f = x.length;
        INDArray[] h = new INDArray[heads.length];
        for (int k = 0; k < heads.length; k++) {
            h[k] = Nd4j.create(heads[k], new long[] {f, 1}, 'f');
        }
        INDArray[] scratch = new INDArray[4];
        for (int i = 0; i < 4; i++) {
            scratch[i] = Nd4j.create(DataType.DOUBLE, new long[] {f, 1}, 'f');
        }
        INDArray out = Nd4j.create(DataType.DOUBLE, new long[] {1, 1}, 'f');
        likelihood.negativeLogLikelihood(h, Nd4j.create(x, new long[] {f, 1}, 'f'), out, null, 1,
                new LikelihoodModel.Scratch(scratch, Nd4j.ones(DataType.DOUBLE, f, 1).dup('f'), new ElementwiseOps()));
        return out.getDouble(0);
    }

    @Test
    void bernoulliIsBinaryCrossEntropyWithLogits() {
        // softplus(0) + softplus(2) + softplus(-1) + 0.5 = 0.693147 + 2.126928 + 0.313262 + 0.5
        assertThat(nll(new BernoulliLikelihood(), new double[][] {{0, 2, -1}}, new double[] {1, 0, 0.5}))
                .isCloseTo(3.633336879, within(1e-8));
    }

    @Test
    void bernoulliIsStableForHugeLogits() {
        // softplus(200) - 1 * 200 = 0 and softplus(-200) = 0 (the naive log(1 + exp) overflows at 88)
        assertThat(nll(new BernoulliLikelihood(), new double[][] {{200, -200}}, new double[] {1, 0}))
                .isCloseTo(0, within(1e-12));
        assertThat(nll(new BernoulliLikelihood(), new double[][] {{200}}, new double[] {0})).isCloseTo(200,
                within(1e-9));
    }

    @Test
    void gaussianWithFixedVarianceIsTheFullDensity() {
        // 2 * 0.5 log(2 pi) + 2 * 0.5 log(0.5) + 0.5 * 1 / 0.5
        assertThat(nll(new GaussianLikelihood(false, 0.5), new double[][] {{0, 1}}, new double[] {1, 1}))
                .isCloseTo(2.144729886, within(1e-8));
    }

    @Test
    void gaussianWithLearnedVarianceUsesFloorPlusSoftplus() {
        // var = 1e-3 + softplus(0) = 0.694147; 0.5 log(2 pi) + 0.5 log(var) + 0.5 / var
        assertThat(nll(new GaussianLikelihood(true, 1e-3), new double[][] {{0}, {0}}, new double[] {1}))
                .isCloseTo(1.456711236, within(1e-8));
    }

    /** A model small enough to do by hand: 1 input, no hidden layer, 1 latent dimension. */
    private static Nd4jVaeModel tinyModel() {
        VaeConfig config = Vae.builder().inputSize(1).latent(1).hidden().config();
        Nd4jVaeModel model = new Nd4jVaeModel(config, DataType.FLOAT, "test");
        // mean head w 0.5 b 0; log-variance head w 0 b log(0.25); decoder head w 2 b -1
        float[] p = {0.5f, 0f, 0f, (float) Math.log(0.25), 2f, -1f};
        model.restore(new ModelState(p, Optimizer.adam(1e-3), List.of(new float[6], new float[6]), 0));
        return model;
    }

    @Test
    void klOfADiagonalGaussianFromTheStandardNormal() {
        Nd4jVaeModel model = new Nd4jVaeModel(Vae.builder().inputSize(3).latent(2).hidden(4).config(),
                DataType.FLOAT, "test");
        double[] kl = new double[1];
        // 0.5 (1 + 1 - 1 - 0) + 0.5 (0 + 2 - 1 - log 2)
        model.prior().kl(new float[] {1, 0}, new float[] {0, (float) Math.log(2)}, 1, kl);
        assertThat(kl[0]).isCloseTo(0.653426410, within(1e-6));
    }

    @Test
    void elboOfATinyModelAtAGivenNoise() {
        Nd4jVaeModel model = tinyModel();
        double[] reconstruction = new double[1];
        double[] kl = new double[1];
        // x = 1: mu 0.5, sigma 0.5, eps 1 -> z 1 -> logit 1; nll = softplus(1) - 1; KL = 0.5 (0.25 + 0.25 - 1 - log 0.25)
        new AssembledLoss(model).evaluate(new float[] {1}, new float[] {1}, 1, reconstruction, kl);
        assertThat(reconstruction[0]).isCloseTo(0.313261688, within(1e-6));
        assertThat(kl[0]).isCloseTo(0.443147181, within(1e-6));
        // log w = log p(x|z) + log p(z) - log q(z|x) at the same z
        double[] logW = new double[1];
        new AssembledLoss(model).logImportanceWeights(new float[] {1}, new float[] {1}, 1, 1, logW);
        assertThat(logW[0]).isCloseTo(-1.006408868, within(1e-6));
        float[] mean = new float[1];
        model.decoder().decode(new float[] {1}, 1, mean);
        assertThat(mean[0]).isCloseTo((float) (1 / (1 + Math.exp(-1))), within(1e-6f));
        float[] mu = new float[1];
        float[] lv = new float[1];
        model.encoder().encode(new float[] {1}, 1, mu, lv);
        assertThat(mu[0]).isEqualTo(0.5f);
        assertThat(lv[0]).isCloseTo((float) Math.log(0.25), within(1e-6f));
    }

    @Test
    void trainingStepLowersTheLossAndReportsTheSameTermsAsEvaluation() {
        Nd4jVaeModel model = tinyModel();
        double[] r0 = new double[1];
        double[] k0 = new double[1];
        new AssembledLoss(model).evaluate(new float[] {1}, new float[] {1}, 1, r0, k0);
        var terms = model.computeGradient(new float[] {1}, new float[] {1}, 1, new StepSettings(1, 0));
        assertThat(terms.objective()).isCloseTo(r0[0] + k0[0], within(1e-6));
        model.applyUpdate(1e-3);
        assertThat(terms.reconstruction()).isCloseTo(r0[0], within(1e-6));
        assertThat(terms.kl()).isCloseTo(k0[0], within(1e-6));
        double[] r1 = new double[1];
        double[] k1 = new double[1];
        new AssembledLoss(model).evaluate(new float[] {1}, new float[] {1}, 1, r1, k1);
        assertThat(r1[0] + k1[0]).isLessThan(r0[0] + k0[0]);
        assertThat(model.state().optimizerStep()).isEqualTo(1);
    }

    @Test
    void aConvolutionOfOnesSumsItsWindow() {
        // 3x3 image of 1..9, one 3x3 kernel of ones, stride 1, SAME: each output is the sum of its zero-padded window
        ImageShape image = new ImageShape(3, 3, 1);
        Convolutions conv = new Convolutions(List.of(1), 3, 1, Convolutions.Padding.SAME);
        ParameterStore store = new ParameterStore(DataType.DOUBLE, ConvLayer.parameterCount(3, 1, 1));
        ConvLayer layer = new ConvLayer("ones", image, image, conv, false, store);
        layer.weights().assign(1);
        layer.biases().assign(0.5);
        INDArray x = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, new long[] {9, 1}, 'f');
        INDArray y = Nd4j.create(DataType.DOUBLE, new long[] {9, 1}, 'f');
        layer.forward(x, y);
        assertThat(y.toDoubleVector()).containsExactly(12.5, 21.5, 16.5, 27.5, 45.5, 33.5, 24.5, 39.5, 28.5);
    }
}

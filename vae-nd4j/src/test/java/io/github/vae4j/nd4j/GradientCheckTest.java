package io.github.vae4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.vae4j.Convolutions;
import io.github.vae4j.GaussianVariance;
import io.github.vae4j.ImageShape;
import io.github.vae4j.Likelihood;
import io.github.vae4j.Optimizer;
import io.github.vae4j.Vae;
import io.github.vae4j.VaeConfig;
import io.github.vae4j.nd4j.engine.Activations;
import io.github.vae4j.nd4j.engine.ElementwiseOps;
import io.github.vae4j.nd4j.engine.Kernels;
import io.github.vae4j.nd4j.engine.Nd4jRuntime;
import io.github.vae4j.nd4j.likelihood.BernoulliLikelihood;
import io.github.vae4j.nd4j.likelihood.GaussianLikelihood;
import io.github.vae4j.nd4j.likelihood.LikelihoodModel;
import io.github.vae4j.nd4j.nn.BatchBuffers;
import io.github.vae4j.nd4j.nn.ConvLayer;
import io.github.vae4j.nd4j.nn.DenseLayer;
import io.github.vae4j.nd4j.nn.LatentHeapArrays;
import io.github.vae4j.nd4j.nn.Layer;
import io.github.vae4j.nd4j.nn.OpsConvLayer;
import io.github.vae4j.nd4j.nn.ParameterStore;
import io.github.vae4j.nd4j.nn.StandardNormalPrior;
import io.github.vae4j.nd4j.nn.VaeNetwork;
import io.github.vae4j.spi.RandomStream;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every differentiable piece against central finite differences in float64: step 1e-6, relative error below 1e-4
 * (or within the difference's own round-off, a few units in the last place of the loss over the two steps)
 * wherever the gradient is not tiny. Inputs and parameters are such that no ReLU input lies within a step of zero,
 * where a central difference straddles the kink and measures neither side's derivative. Runs on each kernel set
 * ({@link HostTunedGradientCheckTest}, {@link PortableGradientCheckTest}).
 */
abstract class GradientCheckTest {

    /** @return the kernel set under test */
    abstract Kernels kernels();

    /** ElementwiseOps for the pieces tested on their own; each loss evaluation gives it fresh arrays, so it grows a little. */
    private static final ElementwiseOps OPS = new ElementwiseOps();


    private static final double STEP = 1e-6;
    private static final double MAX_RELATIVE_ERROR = 1e-4;
    /** Below this, both gradients are compared by absolute difference instead. */
    private static final double TINY = 1e-7;

    @BeforeAll
    static void start() {
        Nd4jRuntime.init();
    }

    /** Fills an array with uniform values in [lo, hi) from a fixed stream. */
    private static INDArray uniform(RandomStream r, int rows, int cols, double lo, double hi) {
        INDArray a = Nd4j.create(DataType.DOUBLE, new long[] {rows, cols}, 'f');
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a.putScalar(i, j, lo + (hi - lo) * r.nextDouble());
            }
        }
        return a;
    }

    /**
     * Compares {@code analytic} with the central difference of {@code loss} with respect to every element of
     * {@code variable}.
     */
    private static void check(String what, INDArray variable, INDArray analytic, Supplier<Double> loss) {
        int checked = 0;
        for (long i = 0; i < variable.length(); i++) {
            double original = variable.getDouble(i);
            variable.putScalar(i, original + STEP);
            double plus = loss.get();
            variable.putScalar(i, original - STEP);
            double minus = loss.get();
            variable.putScalar(i, original);
            double numeric = (plus - minus) / (2 * STEP);
            double exact = analytic.getDouble(i);
            double scale = Math.max(Math.abs(numeric), Math.abs(exact));
            // the difference's own rounding: a few units in the last place of the loss, over the two steps
            double roundOff = 4 * Math.ulp(Math.max(Math.abs(plus), Math.abs(minus))) / (2 * STEP);
            if (scale < TINY) {
                assertThat(Math.abs(numeric - exact)).as("%s element %s", what, i).isLessThan(1e-8);
            } else {
                assertThat(Math.abs(numeric - exact) / Math.max(scale, roundOff / MAX_RELATIVE_ERROR))
                        .as("%s element %s: analytic %s, numeric %s", what, i, exact, numeric)
                        .isLessThan(MAX_RELATIVE_ERROR);
                checked++;
            }
        }
        assertThat(checked).as("%s: elements with a non-tiny gradient", what).isGreaterThan(0);
    }

    @Test
    void denseLayer() {
        RandomStream r = new RandomStream(1);
        int in = 5;
        int out = 4;
        int batch = 3;
        ParameterStore store = new ParameterStore(DataType.DOUBLE, DenseLayer.parameterCount(in, out));
        DenseLayer layer = new DenseLayer("test", in, out, store, kernels());
        layer.initialise(r::nextDouble);
        layer.biases().assign(uniform(r, out, 1, -1, 1));
        INDArray x = uniform(r, in, batch, -1, 1);
        INDArray weight = uniform(r, out, batch, -1, 1); // loss = sum(weight * y)
        INDArray y = Nd4j.create(DataType.DOUBLE, new long[] {out, batch}, 'f');
        Supplier<Double> loss = () -> {
            layer.forward(x, y);
            return y.mul(weight).sumNumber().doubleValue();
        };
        INDArray dx = Nd4j.create(DataType.DOUBLE, new long[] {in, batch}, 'f');
        INDArray ones = Nd4j.ones(DataType.DOUBLE, batch, 1).dup('f');
        loss.get();
        layer.backward(x, weight, dx, false, ones);
        check("dense weights and biases", store.parameters(), store.gradients().dup(), loss);
        check("dense input", x, dx, loss);
    }

    @Test
    void relu() {
        RandomStream r = new RandomStream(2);
        INDArray z = uniform(r, 6, 4, -1, 1);
        INDArray weight = uniform(r, 6, 4, -1, 1);
        Supplier<Double> loss = () -> {
            INDArray a = z.dup('f');
            Activations.reluInPlace(OPS, a);
            return a.mul(weight).sumNumber().doubleValue();
        };
        INDArray a = z.dup('f');
        Activations.reluInPlace(OPS, a);
        INDArray grad = weight.dup('f');
        kernels().reluBackward(OPS, a, grad);
        check("ReLU", z, grad, loss);
    }

    static Stream<Arguments> likelihoods() {
        return Stream.of(
                Arguments.of("Bernoulli", (Function<Kernels, LikelihoodModel>) BernoulliLikelihood::new, 0.0, 1.0),
                Arguments.of("Gaussian learned variance",
                        (Function<Kernels, LikelihoodModel>) k -> new GaussianLikelihood(true, 1e-3, k), -2.0, 2.0),
                Arguments.of("Gaussian fixed variance",
                        (Function<Kernels, LikelihoodModel>) k -> new GaussianLikelihood(false, 0.3, k), -2.0, 2.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("likelihoods")
    void likelihood(String name, Function<Kernels, LikelihoodModel> make, double lo, double hi) {
        LikelihoodModel likelihood = make.apply(kernels());
        RandomStream r = new RandomStream(3);
        int f = 7;
        int batch = 4;
        INDArray[] heads = new INDArray[likelihood.heads()];
        INDArray[] grads = new INDArray[likelihood.heads()];
        for (int k = 0; k < heads.length; k++) {
            heads[k] = uniform(r, f, batch, -3, 3);
            grads[k] = Nd4j.create(DataType.DOUBLE, new long[] {f, batch}, 'f');
        }
        INDArray x = uniform(r, f, batch, lo, hi);
        INDArray[] s = new INDArray[4];
        for (int i = 0; i < s.length; i++) {
            s[i] = Nd4j.create(DataType.DOUBLE, new long[] {f, batch}, 'f');
        }
        LikelihoodModel.Scratch scratch = new LikelihoodModel.Scratch(s, Nd4j.ones(DataType.DOUBLE, f, 1).dup('f'),
                new ElementwiseOps());
        INDArray nll = Nd4j.create(DataType.DOUBLE, new long[] {1, batch}, 'f');
        Supplier<Double> loss = () -> {
            likelihood.negativeLogLikelihood(heads, x, nll, null, 1.0, scratch);
            return nll.sumNumber().doubleValue();
        };
        likelihood.negativeLogLikelihood(heads, x, nll, grads, 1.0, scratch);
        for (int k = 0; k < heads.length; k++) {
            check(name + " head " + k, heads[k], grads[k].dup('f'), loss);
        }
    }

    @Test
    void klOfPosteriorFromStandardNormal() {
        RandomStream r = new RandomStream(4);
        int l = 3;
        int batch = 4;
        INDArray mu = uniform(r, l, batch, -2, 2);
        INDArray lv = uniform(r, l, batch, -2, 2);
        INDArray kl = Nd4j.create(DataType.DOUBLE, new long[] {1, batch}, 'f');
        LatentHeapArrays scratch = new LatentHeapArrays(l * batch, l, kernels());
        Supplier<Double> loss = () -> {
            INDArray var = org.nd4j.linalg.ops.transforms.Transforms.exp(lv, true);
            StandardNormalPrior.kl(mu, lv, var, kl, scratch);
            return kl.sumNumber().doubleValue();
        };
        INDArray dMu = Nd4j.zeros(DataType.DOUBLE, l, batch).dup('f');
        INDArray dLv = Nd4j.zeros(DataType.DOUBLE, l, batch).dup('f');
        StandardNormalPrior.addKlGradient(mu, org.nd4j.linalg.ops.transforms.Transforms.exp(lv, true), 1.0, dMu, dLv,
                scratch);
        check("KL mean", mu, dMu, loss);
        check("KL log-variance", lv, dLv, loss);
    }

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of(Likelihood.BERNOULLI, GaussianVariance.learned(), new int[] {6, 5}, 1.0),
                Arguments.of(Likelihood.BERNOULLI, GaussianVariance.learned(), new int[] {}, 2.5),
                Arguments.of(Likelihood.GAUSSIAN, GaussianVariance.learned(0.01), new int[] {5}, 1.0),
                Arguments.of(Likelihood.GAUSSIAN, GaussianVariance.fixed(0.5), new int[] {6, 4}, 0.5));
    }

    @ParameterizedTest(name = "{0} {1} hidden {2} beta {3}")
    @MethodSource("models")
    void wholeNegativeElboWithFixedNoise(Likelihood likelihood, GaussianVariance variance, int[] hidden, double beta) {
        VaeConfig config = Vae.builder().inputSize(8).latent(3).hidden(hidden).likelihood(likelihood)
                .gaussianVariance(variance).seed(9).config();
        checkWholeModel(config, 5, beta, 0);
    }

    static Stream<Arguments> convolutionalModels() {
        return Stream.of(
                Arguments.of("Bernoulli 8x8x1 conv 2, 3 SAME hidden 5",
                        Vae.builder().image(8, 8, 1).conv(2, 3).hidden(5).latent(3)),
                Arguments.of("Gaussian learned 6x6x2 conv 3 SAME, two heads, no hidden",
                        Vae.builder().image(6, 6, 2).conv(3).hidden().latent(2).likelihood(Likelihood.GAUSSIAN)
                                .gaussianVariance(GaussianVariance.learned(0.01))),
                Arguments.of("Bernoulli 7x7x2 conv 3, kernel 3 stride 2 VALID",
                        Vae.builder().image(7, 7, 2).conv(3).convPadding(Convolutions.Padding.VALID).hidden(4)
                                .latent(2)),
                Arguments.of("Gaussian fixed 5x5x1 conv 2, 2, kernel 2 stride 1 SAME, hidden 4, beta 0.5",
                        Vae.builder().image(5, 5, 1).conv(2, 2).convKernel(2).convStride(1).hidden(4).latent(2)
                                .likelihood(Likelihood.GAUSSIAN).gaussianVariance(GaussianVariance.fixed(0.5))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convolutionalModels")
    void convolutionalNegativeElboWithFixedNoise(String name, Vae.Builder builder) {
        checkWholeModel(builder.seed(9).config(), 3, name.endsWith("beta 0.5") ? 0.5 : 1.0, 0);
    }

    static Stream<Arguments> convolutionLayers() {
        return Stream.of(
                Arguments.of("convolution SAME", new ImageShape(6, 6, 2), 3, 2, Convolutions.Padding.SAME, false),
                Arguments.of("convolution VALID", new ImageShape(7, 7, 2), 3, 2, Convolutions.Padding.VALID, false),
                Arguments.of("convolution stride 1", new ImageShape(4, 5, 3), 3, 1, Convolutions.Padding.SAME, false),
                Arguments.of("convolution kernel 2 stride 1", new ImageShape(5, 5, 2), 2, 1, Convolutions.Padding.SAME,
                        false),
                Arguments.of("transposed kernel 2 stride 1", new ImageShape(5, 5, 2), 2, 1, Convolutions.Padding.SAME,
                        true),
                Arguments.of("transposed SAME", new ImageShape(3, 3, 3), 3, 2, Convolutions.Padding.SAME, true),
                Arguments.of("transposed VALID", new ImageShape(3, 3, 3), 3, 2, Convolutions.Padding.VALID, true),
                Arguments.of("transposed kernel 2", new ImageShape(2, 3, 2), 2, 2, Convolutions.Padding.SAME, true));
    }

    /** Makes a convolution layer of one route: {@link ConvLayer} (patch products) or {@link OpsConvLayer}. */
    interface ConvolutionRoute {
        Layer create(String name, ImageShape in, ImageShape out, Convolutions conv, boolean transposed,
                ParameterStore store);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convolutionLayers")
    void convolutionLayer(String name, ImageShape in, int kernel, int stride, Convolutions.Padding padding,
            boolean transposed) {
        assumeTrue(kernels() == Kernels.hostTuned(), "both convolution routes are checked once, with the host-tuned "
                + "kernels; the portable set's route, ND4J's ops, is one of them");
        checkConvolution(name + ", patch products", in, kernel, stride, padding, transposed, ConvLayer::new);
        checkConvolution(name + ", ND4J ops", in, kernel, stride, padding, transposed, OpsConvLayer::new);
    }

    private static void checkConvolution(String name, ImageShape in, int kernel, int stride,
            Convolutions.Padding padding, boolean transposed, ConvolutionRoute route) {
        RandomStream r = new RandomStream(6);
        Convolutions conv = new Convolutions(java.util.List.of(2), kernel, stride, padding);
        int outH = transposed ? conv.transposedOutputSize(in.height()) : conv.outputSize(in.height());
        int outW = transposed ? conv.transposedOutputSize(in.width()) : conv.outputSize(in.width());
        ImageShape out = new ImageShape(outH, outW, 2);
        int batch = 3;
        long count = ConvLayer.parameterCount(kernel, in.channels(), out.channels());
        ParameterStore store = new ParameterStore(DataType.DOUBLE, count);
        Layer layer = route.create("test", in, out, conv, transposed, store);
        layer.initialise(r::nextDouble);
        store.parameters().putScalar(count - 2, 0.3); // the biases are last
        store.parameters().putScalar(count - 1, -0.2);
        INDArray x = uniform(r, in.size(), batch, -1, 1);
        INDArray weight = uniform(r, out.size(), batch, -1, 1); // loss = sum(weight * y)
        INDArray y = Nd4j.create(DataType.DOUBLE, new long[] {out.size(), batch}, 'f');
        Supplier<Double> loss = () -> {
            layer.forward(x, y);
            return y.mul(weight).sumNumber().doubleValue();
        };
        INDArray dx = uniform(r, in.size(), batch, -1, 1);
        INDArray before = dx.dup('f');
        loss.get();
        layer.backward(x, weight, dx, true, null); // accumulate: dx = before + dLoss/dx
        check(name + " weights and biases", store.parameters(), store.gradients().dup(), loss);
        check(name + " input", x, dx.sub(before), loss);
        layer.backward(x, weight, dx, false, null);
        check(name + " input, overwritten", x, dx.dup('f'), loss);
    }

    /** A float64 model with its parameters nudged and a frame holding fixed data and noise. */
    private record Prepared(VaeNetwork net, BatchBuffers.View f) {

        static Prepared of(VaeConfig config, int batch, Kernels kernels) {
            return of(config, batch, kernels, 1);
        }

        /** As {@link #of(VaeConfig, int, Kernels)}, the inputs multiplied by {@code inputScale}. */
        static Prepared of(VaeConfig config, int batch, Kernels kernels, double inputScale) {
            int in = config.inputSize();
            int latent = config.latentSize();
            Nd4jVaeModel model = new Nd4jVaeModel(config, Optimizer.adam(1e-3), DataType.DOUBLE, "test", kernels);
            VaeNetwork net = model.network();
            RandomStream r = new RandomStream(5);
            // biases away from zero, so ReLU units are active and the check covers them
            INDArray p = net.store().parameters();
            for (long i = 0; i < p.length(); i++) {
                p.putScalar(i, p.getDouble(i) + 0.1 * (r.nextDouble() - 0.2));
            }
            BatchBuffers frame = net.newFrame(batch, true);
            BatchBuffers.View f = frame.rows(batch);
            double lo = config.likelihood() == Likelihood.BERNOULLI ? 0 : -1;
            f.x.assign(uniform(r, in, batch, lo, 1).muli(inputScale));
            f.eps.assign(uniform(r, latent, batch, -1.5, 1.5));
            if (config.isConditional()) {
                f.c.assign(uniform(r, config.conditions(), batch, -1, 1));
            }
            return new Prepared(net, f);
        }
    }

    private void checkWholeModel(VaeConfig config, int batch, double beta, double freeBits) {
        checkWholeModel(Prepared.of(config, batch, kernels()), config, batch, beta, freeBits);
    }

    private void checkWholeModel(Prepared m, VaeConfig config, int batch, double beta, double freeBits) {
        VaeNetwork net = m.net();
        BatchBuffers.View f = m.f();
        Supplier<Double> loss = () -> {
            net.evaluate(f);
            return net.objective(f, beta, freeBits);
        };
        double before = loss.get();
        if (freeBits == 0) {
            assertThat(before).as("the objective is the mean of nll + beta KL").isCloseTo(
                    (f.nll.sumNumber().doubleValue() + beta * f.kl.sumNumber().doubleValue()) / batch,
                    org.assertj.core.data.Offset.offset(1e-12 * Math.max(1, Math.abs(before))));
        }
        net.lossAndGradients(f, beta, freeBits);
        assertThat(net.objective(f, beta, freeBits)).as("training and evaluation compute the same loss")
                .isCloseTo(before, org.assertj.core.data.Offset.offset(1e-12 * Math.max(1, Math.abs(before))));
        check("-ELBO " + config.likelihood() + (freeBits > 0 ? " with free bits " + freeBits : ""),
                net.store().parameters(), net.store().gradients().dup(), loss);
    }

    static Stream<Arguments> conditionalModels() {
        return Stream.of(
                Arguments.of("dense Bernoulli, condition 3, hidden 6, 5",
                        Vae.builder().inputSize(8).hidden(6, 5).latent(3).conditions(3)),
                Arguments.of("dense Gaussian learned, condition 2, hidden 5",
                        Vae.builder().inputSize(7).hidden(5).latent(2).conditions(2).likelihood(Likelihood.GAUSSIAN)
                                .gaussianVariance(GaussianVariance.learned(0.01))),
                Arguments.of("convolutional Bernoulli 8x8x1 conv 2, 3, condition 4, hidden 5",
                        Vae.builder().image(8, 8, 1).conv(2, 3).hidden(5).latent(3).conditions(4)),
                Arguments.of("convolutional Gaussian fixed 6x6x2 conv 3, condition 2, hidden 4, 3",
                        Vae.builder().image(6, 6, 2).conv(3).hidden(4, 3).latent(2).conditions(2)
                                .likelihood(Likelihood.GAUSSIAN).gaussianVariance(GaussianVariance.fixed(0.5))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditionalModels")
    void conditionedEncoderAndDecoder(String name, Vae.Builder builder) {
        VaeConfig config = builder.seed(9).config();
        int batch = 4;
        Prepared m = Prepared.of(config, batch, kernels());
        checkWholeModel(m, config, batch, 1.0, 0);
        // the condition reaches the loss through both networks: a change of c moves the encoder's mean and the
        // reconstruction term at a fixed latent point
        m.net().evaluate(m.f());
        INDArray mu = m.f().mu.dup('f');
        m.f().z.assign(mu);
        m.net().negativeLogLikelihood(m.f());
        double nll = m.f().nll.sumNumber().doubleValue();
        m.f().c.muli(-1);
        m.net().negativeLogLikelihood(m.f());
        assertThat(Math.abs(m.f().nll.sumNumber().doubleValue() - nll)).as("the decoder sees c at a fixed z")
                .isGreaterThan(1e-9);
        m.net().encode(m.f());
        assertThat(m.f().mu.sub(mu).norm2Number().doubleValue()).as("the encoder sees c").isGreaterThan(1e-6);
    }

    @Test
    void posteriorHeadsBentByTheirBoundsOnInputsFarOutOfRange() {
        VaeConfig config = Vae.builder().inputSize(8).latent(4).hidden(6).likelihood(Likelihood.GAUSSIAN)
                .gaussianVariance(GaussianVariance.learned(0.01)).seed(9).config();
        int batch = 6;
        Prepared m = Prepared.of(config, batch, kernels(), 12);
        m.net().evaluate(m.f());
        double[] mu = m.f().mu.data().asDouble();
        double[] lv = m.f().logVar.data().asDouble();
        assertThat(Arrays.stream(mu).filter(v -> Math.abs(v) > 8).count()).as("posterior means bent: %s",
                Arrays.toString(mu)).isGreaterThan(0);
        assertThat(Arrays.stream(lv).filter(v -> v > 2).count()).as("log-variances bent above: %s",
                Arrays.toString(lv)).isGreaterThan(0);
        assertThat(Arrays.stream(mu).map(Math::abs).max().orElseThrow()).isLessThan(12);
        assertThat(Arrays.stream(lv).min().orElseThrow()).isGreaterThan(-22);
        assertThat(Arrays.stream(lv).max().orElseThrow()).isLessThan(4);
        checkWholeModel(m, config, batch, 1.0, 0);
    }

    @org.junit.jupiter.api.Test
    void aMixturePriorsKlEstimatedAtTheSample() {
        checkWholeModel(Vae.builder().inputSize(5).latent(2).hidden(4).seed(9)
                .prior(io.github.vae4j.LatentPrior.mixture(3, 1.5, 0.8)).config(), 3, 0.7, 0);
    }

    @org.junit.jupiter.api.Test
    void aHostsLikelihoodThroughTheValueAdapter() {
        checkWholeModel(Vae.builder().inputSize(5).latent(2).hidden(4)
                .likelihood(new io.github.vae4j.testkit.StudentTLikelihood(4)).seed(9).config(), 3, 1.0, 0);
    }

    @ParameterizedTest(name = "floor {0}")
    @ValueSource(strings = {"between the dimensions", "above every dimension", "below every dimension"})
    void freeBitsObjectiveOnBothSidesOfTheFloor(String where) {
        VaeConfig config = Vae.builder().inputSize(8).latent(4).hidden(6).seed(9).config();
        int batch = 5;
        double beta = 0.8;
        Prepared m = Prepared.of(config, batch, kernels());
        m.net().evaluate(m.f());
        double[] perDimension = StandardNormalPrior.klPerDimension(m.f().mu, m.f().logVar, m.f().variance,
                m.f().latentScratch).clone();
        double[] sorted = perDimension.clone();
        java.util.Arrays.sort(sorted);
        double lambda = switch (where) {
            case "between the dimensions" -> (sorted[1] + sorted[2]) / 2;
            case "above every dimension" -> sorted[3] + 0.1;
            default -> sorted[0] / 2;
        };
        // no dimension within a finite-difference step of the floor, where max(lambda, KL_j) has its kink
        for (double k : perDimension) {
            assertThat(Math.abs(k - lambda)).as("KL %s against the floor %s", k, lambda).isGreaterThan(1e-3);
        }
        double floored = StandardNormalPrior.flooredKl(perDimension, lambda);
        double plain = java.util.Arrays.stream(perDimension).sum();
        assertThat(plain).as("the dimensions' KLs sum to the mean KL per example")
                .isCloseTo(m.f().kl.sumNumber().doubleValue() / batch, org.assertj.core.data.Offset.offset(1e-12));
        if (where.startsWith("below")) {
            assertThat(floored).isEqualTo(plain);
        } else {
            assertThat(floored).isGreaterThan(plain);
        }
        checkWholeModel(config, batch, beta, lambda);
    }

    @Test
    void freeBitsLeaveTheGradientOfDimensionsBelowTheFloorWithoutTheirKl() {
        // above every dimension, the KL term is a constant: the gradient is that of the reconstruction alone
        VaeConfig config = Vae.builder().inputSize(8).latent(3).hidden(5).seed(9).config();
        Prepared floored = Prepared.of(config, 4, kernels());
        floored.net().lossAndGradients(floored.f(), 1.0, 1e6);
        Prepared noKl = Prepared.of(config, 4, kernels());
        noKl.net().lossAndGradients(noKl.f(), 0.0, 0);
        assertThat(floored.net().store().gradients().toDoubleVector())
                .containsExactly(noKl.net().store().gradients().toDoubleVector(), org.assertj.core.data.Offset.offset(
                        1e-15));
    }
}

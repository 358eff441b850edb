package io.github.vae4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vae4j.LatentPrior;
import io.github.vae4j.Likelihood;
import io.github.vae4j.Optimizer;
import io.github.vae4j.Vae;
import io.github.vae4j.VaeConfig;
import io.github.vae4j.spi.BackendModel;
import io.github.vae4j.spi.RandomStream;
import io.github.vae4j.spi.StepSettings;
import io.github.vae4j.spi.VaeBackend;
import io.github.vae4j.tabular.Scaling;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.TabularEncoding;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A backend's gradient against central differences of its own loss, through the SPI alone: for a dense Bernoulli, a
 * Gaussian, a convolutional, a tabular model, one with a host's likelihood ({@link StudentTLikelihood}) and one with
 * a mixture prior, the directional derivative of the batch's -ELBO (fixed data and
 * noise), {@code (L(p + h v) - L(p - h v)) / 2h}, against the gradient's product with v, along unit directions half
 * random and half along the gradient (so the derivative stands well above the float rounding of the loss). It knows
 * nothing of how the backend computes, so it runs on any backend and device, in the backend's own precision (float):
 * the step and the 2% tolerance are sized for that (on the CPU backend the errors are 1.5e-5 to 7e-4 relative), and
 * a gradient off by a factor of 2 fails it (checked here too). The float64 checks of each piece stay with the backend
 * that has them.
 */
public abstract class SpiGradientCheck {

    private static final int ROWS = 12;
    private static final int DIRECTIONS = 4;
    /** The step along a unit direction. */
    private static final double STEP = 1e-3;
    /** Relative error allowed between the two derivatives; float rounding of the loss is far below it. */
    private static final double TOLERANCE = 2e-2;

    /** @return the backend under test */
    protected abstract VaeBackend backend();

    static Stream<Arguments> models() {
        Schema schema = Schema.builder().numeric("amount").binary("card", "no", "yes")
                .categorical("shop", "food", "fuel", "toys").build();
        return Stream.of(
                Arguments.of("dense Bernoulli", Vae.builder().inputSize(16).latent(3).hidden(12, 8).seed(5).config()),
                Arguments.of("dense Gaussian, learned variance", Vae.builder().inputSize(10).latent(2).hidden(8)
                        .likelihood(Likelihood.GAUSSIAN).seed(5).config()),
                Arguments.of("convolutional", Vae.builder().image(6, 6, 1).conv(3).latent(2).hidden(8).seed(5)
                        .config()),
                Arguments.of("tabular", Vae.builder().schema(schema).latent(2).hidden(8).seed(5).config()),
                Arguments.of("a host's likelihood (Student's t)", Vae.builder().inputSize(10).latent(2).hidden(8)
                        .likelihood(new StudentTLikelihood(4)).seed(5).config()),
                Arguments.of("a mixture prior", Vae.builder().inputSize(10).latent(3).hidden(8)
                        .prior(LatentPrior.mixture(4, 2, 0.6)).seed(5).config()),
                Arguments.of("conditional dense", Vae.builder().inputSize(10).latent(2).hidden(8).conditions(3)
                        .seed(5).config()),
                Arguments.of("conditional convolutional", Vae.builder().image(6, 6, 1).conv(3).latent(2).hidden(8)
                        .conditions(2).seed(5).config()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void theGradientIsTheLossesDirectionalDerivative(String name, VaeConfig config) {
        try (BackendModel model = backend().create(config, Optimizer.sgd(0.1, 0))) {
            RandomStream random = new RandomStream(17);
            float[] x = data(config, random);
            float[] eps = new float[ROWS * config.latentSize()];
            random.fillGaussian(eps, 0, eps.length);
            int n = Math.toIntExact(model.parameterCount());
            float[] p = new float[n];
            model.copyParameters(p);
            double loss = loss(model, x, eps, p, null);
            float[] g = new float[n];
            model.copyGradient(g);
            assertThat(loss).as("%s: the loss", name).isFinite();
            for (int d = 0; d < DIRECTIONS; d++) {
                float[] v = direction(random, g);
                double analytic = dot(g, v);
                double numeric = (loss(model, x, eps, p, shifted(p, v, STEP))
                        - loss(model, x, eps, p, shifted(p, v, -STEP))) / (2 * STEP);
                double scale = Math.max(Math.abs(analytic), Math.abs(numeric)) + 1e-3;
                assertThat(Math.abs(analytic - numeric) / scale)
                        .as("%s, direction %s: analytic %s, numeric %s", name, d, analytic, numeric)
                        .isLessThan(TOLERANCE);
                assertThat(Math.abs(2 * analytic - numeric) / (Math.abs(2 * analytic) + 1e-3))
                        .as("%s, direction %s: a gradient twice too large would be caught", name, d)
                        .isGreaterThan(TOLERANCE);
            }
        }
    }

    /** The batch's objective at parameters {@code at} (or the model's {@code p} when null); leaves p loaded. */
    private static double loss(BackendModel model, float[] x, float[] eps, float[] p, float[] at) {
        model.loadParameters(at == null ? p : at);
        double objective = model.computeGradient(x, eps, ROWS, new StepSettings(1.0, 0)).objective();
        if (at != null) {
            model.loadParameters(p);
        }
        return objective;
    }

    /** Rows valid for the model's likelihood, each followed by its condition in [0, 1) for a conditional model. */
    private static float[] data(VaeConfig config, RandomStream random) {
        int width = config.rowWidth();
        float[] x = new float[ROWS * width];
        if (config.isTabular()) {
            Schema schema = config.schema();
            TabularEncoding encoding = new TabularEncoding(schema, new Scaling(new double[] {20, 0, 0},
                    new double[] {5, 1, 1}));
            float[] raw = new float[schema.size()];
            for (int r = 0; r < ROWS; r++) {
                raw[0] = (float) (10 + 20 * random.nextDouble());
                raw[1] = random.nextDouble() < 0.5 ? 0 : 1;
                raw[2] = (float) Math.floor(3 * random.nextDouble());
                encoding.encode(raw, x, r * width);
            }
            return x;
        }
        boolean unit = config.likelihood() == Likelihood.BERNOULLI;
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (unit ? random.nextDouble() : 2 * random.nextDouble() - 1);
        }
        return x;
    }

    /**
     * A unit direction half along the gradient and half random, so that the derivative along it is large against the
     * float rounding of the loss, and every parameter moves.
     */
    private static float[] direction(RandomStream random, float[] g) {
        int n = g.length;
        float[] r = new float[n];
        random.fillGaussian(r, 0, n);
        double rn = Math.sqrt(dot(r, r));
        double gn = Math.sqrt(dot(g, g));
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r[i] / rn + (gn > 0 ? g[i] / gn : 0));
        }
        double norm = Math.sqrt(dot(v, v));
        for (int i = 0; i < n; i++) {
            v[i] /= (float) norm;
        }
        return v;
    }

    private static float[] shifted(float[] p, float[] v, double h) {
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) (p[i] + h * v[i]);
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}

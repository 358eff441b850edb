package io.github.vae4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.Vae;
import io.github.vae4j.VaeConfig;
import io.github.vae4j.nd4j.engine.Nd4jRuntime;
import io.github.vae4j.nd4j.likelihood.CategoricalLikelihood;
import io.github.vae4j.nd4j.likelihood.LikelihoodModel;
import io.github.vae4j.nd4j.likelihood.TabularLikelihood;
import io.github.vae4j.nd4j.nn.BatchBuffers;
import io.github.vae4j.nd4j.nn.VaeNetwork;
import io.github.vae4j.spi.RandomStream;
import io.github.vae4j.tabular.Scaling;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.TabularEncoding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The tabular likelihood: hand-computed column terms, the categorical likelihood's stability, the mask, and float64
 * gradient checks of the likelihood alone and of a whole tabular model (central differences, as in
 * {@link GradientCheckTest}).
 */
class TabularLikelihoodTest {

    /** Every kind, a nullable column of each kind but binary, a log-transformed one. */
    static final Schema SCHEMA = Schema.builder().numeric("x").numeric("y", true, true).binary("b", "no", "yes")
            .categorical("c", "p", "q", "r").build().toBuilder().replace("c", c -> c.withNullable(true)).build();

    @BeforeAll
    static void start() {
        Nd4jRuntime.init();
    }

    @Test
    void theCategoricalLikelihoodIsAStableLogSoftmax() {
        // logits 0, ln 2, ln 3: probabilities 1/6, 2/6, 3/6
        double[] l = {9, 0, Math.log(2), Math.log(3)};
        assertThat(CategoricalLikelihood.nll(l, 1, 3, 2)).isCloseTo(Math.log(2), within(1e-12));
        double[] g = new double[3];
        CategoricalLikelihood.gradient(l, 1, 3, 0, 1, g, 0);
        assertThat(g).containsExactly(new double[] {1.0 / 6 - 1, 2.0 / 6, 3.0 / 6}, within(1e-12));
        // no overflow with huge logits, and no underflow to -infinity
        double[] huge = {1000, 0, -1000};
        assertThat(CategoricalLikelihood.nll(huge, 0, 3, 0)).isCloseTo(0, within(1e-12));
        assertThat(CategoricalLikelihood.nll(huge, 0, 3, 2)).isCloseTo(2000, within(1e-9));
        double[] p = new double[3];
        CategoricalLikelihood.probabilities(huge, 0, 3, p, 0);
        assertThat(p[0]).isEqualTo(1.0);
    }

    /** Encoded rows of SCHEMA from raw rows, with the given scaling. */
    static float[] encoded(float[][] raw) {
        TabularEncoding e = new TabularEncoding(SCHEMA, new Scaling(new double[] {1, 0.5, 0, 0},
                new double[] {2, 0.5, 1, 1}));
        float[] out = new float[raw.length * SCHEMA.inputWidth()];
        for (int r = 0; r < raw.length; r++) {
            e.encode(raw[r], out, r * SCHEMA.inputWidth());
        }
        return out;
    }

    static final float[][] RAW = {
        {1.5f, 0.3f, 1, 2},
        {-2f, Float.NaN, 0, 0},
        {0.5f, 2f, 1, Float.NaN},
        {3f, 0f, 0, 1}};

    private static INDArray column(float[] values, int rows) {
        INDArray a = Nd4j.create(DataType.DOUBLE, new long[] {values.length / rows, rows}, 'f');
        for (int i = 0; i < values.length; i++) {
            a.data().put(i, values[i]);
        }
        return a;
    }

    @Test
    void eachColumnAddsItsTermAndAMissingEntryNothing() {
        LikelihoodModel t = new TabularLikelihood(SCHEMA);
        int r = RAW.length;
        INDArray x = column(encoded(RAW), r);
        // heads: x (mean, var head), y (mean, var head), b logit, c three logits
        INDArray heads = Nd4j.create(DataType.DOUBLE, new long[] {SCHEMA.headWidth(), r}, 'f');
        RandomStream random = new RandomStream(3);
        for (int i = 0; i < heads.length(); i++) {
            heads.data().put(i, random.nextDouble() * 2 - 1);
        }
        double[] terms = new double[r * 4];
        t.logLikelihoodTerms(new INDArray[] {heads}, x, terms);
        assertThat(terms[1 * 4 + 1]).as("y missing in row 1").isZero();
        assertThat(terms[2 * 4 + 3]).as("c missing in row 2").isZero();
        // row 0, column b: target 1, logit h: -log sigmoid(h) = log(1 + exp(-h))
        double logit = heads.getDouble(4, 0);
        assertThat(-terms[2]).isCloseTo(Math.log1p(Math.exp(-logit)), within(1e-12));
        // row 0, column x: standardised (1.5 - 1) / 2 = 0.25; variance 0.01 + softplus(v)
        double mu = heads.getDouble(0, 0);
        double var = 0.01 + Math.log1p(Math.exp(heads.getDouble(1, 0)));
        assertThat(-terms[0]).isCloseTo(0.5 * Math.log(2 * Math.PI * var) + 0.5 * Math.pow(0.25 - mu, 2) / var,
                within(1e-12));
        INDArray nll = Nd4j.create(DataType.DOUBLE, new long[] {1, r}, 'f');
        t.negativeLogLikelihood(new INDArray[] {heads}, x, nll, null, 1, null);
        for (int e = 0; e < r; e++) {
            double sum = 0;
            for (int c = 0; c < 4; c++) {
                sum -= terms[e * 4 + c];
            }
            assertThat(nll.getDouble(0, e)).isCloseTo(sum, within(1e-12));
        }
    }

    @Test
    void anUnknownLevelScoresAsTheLeastLikelyLevelOfItsColumn() {
        LikelihoodModel t = new TabularLikelihood(SCHEMA);
        float u = io.github.vae4j.tabular.Table.UNKNOWN;
        // the same row with b and c unknown, then with each of their levels
        float[][] raw = {{1.5f, 0.3f, u, u}, {1.5f, 0.3f, 0, 0}, {1.5f, 0.3f, 1, 1}, {1.5f, 0.3f, 0, 2}};
        int r = raw.length;
        INDArray x = column(encoded(raw), r);
        INDArray heads = Nd4j.create(DataType.DOUBLE, new long[] {SCHEMA.headWidth(), r}, 'f');
        RandomStream random = new RandomStream(8);
        for (int i = 0; i < SCHEMA.headWidth(); i++) {
            double h = random.nextDouble() * 4 - 2;
            for (int e = 0; e < r; e++) {
                heads.putScalar(i, e, h); // every row the same decoder output
            }
        }
        double[] terms = new double[r * 4];
        t.logLikelihoodTerms(new INDArray[] {heads}, x, terms);
        double worstB = Math.min(terms[4 + 2], terms[8 + 2]);
        double worstC = Math.min(Math.min(terms[4 + 3], terms[8 + 3]), terms[12 + 3]);
        assertThat(terms[2]).as("b unknown: the less likely of its two levels").isEqualTo(worstB);
        assertThat(terms[3]).as("c unknown: the least likely of its three").isEqualTo(worstC);
        assertThat(Math.max(terms[4 + 2], terms[8 + 2])).isGreaterThan(worstB);
        assertThat(terms[0]).as("the numeric columns are untouched").isEqualTo(terms[4]);
    }

    @Test
    void theLikelihoodsGradientMatchesCentralDifferences() {
        checkGradient(RAW, 5, "the masked entries' head values: y's 2 in row 1, c's 3 in row 2");
    }

    @Test
    void theGradientOfAnUnknownLevelsTermMatchesCentralDifferences() {
        float u = io.github.vae4j.tabular.Table.UNKNOWN;
        checkGradient(new float[][] {{1.5f, 0.3f, u, u}, {-2f, Float.NaN, u, 0}, {0.5f, 2f, 1, u}}, 2,
                "y's head values in row 1");
    }

    private static void checkGradient(float[][] raw, int masked, String which) {
        LikelihoodModel t = new TabularLikelihood(SCHEMA);
        int r = raw.length;
        INDArray x = column(encoded(raw), r);
        INDArray heads = Nd4j.create(DataType.DOUBLE, new long[] {SCHEMA.headWidth(), r}, 'f');
        RandomStream random = new RandomStream(4);
        for (int i = 0; i < heads.length(); i++) {
            heads.data().put(i, random.nextDouble() * 4 - 2);
        }
        INDArray grad = Nd4j.create(DataType.DOUBLE, new long[] {SCHEMA.headWidth(), r}, 'f');
        INDArray nll = Nd4j.create(DataType.DOUBLE, new long[] {1, r}, 'f');
        t.negativeLogLikelihood(new INDArray[] {heads}, x, nll, new INDArray[] {grad}, 1, null);
        int zero = 0;
        for (long i = 0; i < heads.length(); i++) {
            double h = heads.data().getDouble(i);
            heads.data().put(i, h + 1e-6);
            t.negativeLogLikelihood(new INDArray[] {heads}, x, nll, null, 1, null);
            double plus = nll.sumNumber().doubleValue();
            heads.data().put(i, h - 1e-6);
            t.negativeLogLikelihood(new INDArray[] {heads}, x, nll, null, 1, null);
            double minus = nll.sumNumber().doubleValue();
            heads.data().put(i, h);
            double numeric = (plus - minus) / 2e-6;
            double exact = grad.data().getDouble(i);
            if (Math.abs(numeric) < 1e-9 && exact == 0) {
                zero++; // a masked entry: no gradient, and the loss does not move
                continue;
            }
            assertThat(Math.abs(numeric - exact) / Math.max(Math.abs(numeric), Math.abs(exact)))
                    .as("head value %s: analytic %s, numeric %s", i, exact, numeric).isLessThan(1e-5);
        }
        assertThat(zero).as(which).isEqualTo(masked);
    }

    @Test
    void aWholeTabularModelsGradientMatchesCentralDifferences() {
        VaeConfig config = Vae.builder().schema(SCHEMA).latent(2).hidden(5).seed(9).config();
        Nd4jVaeModel model = new Nd4jVaeModel(config, DataType.DOUBLE, "test");
        VaeNetwork net = model.network();
        INDArray p = net.store().parameters();
        RandomStream random = new RandomStream(5);
        for (long i = 0; i < p.length(); i++) {
            p.putScalar(i, p.getDouble(i) + 0.1 * (random.nextDouble() - 0.2));
        }
        int r = RAW.length;
        BatchBuffers.View f = net.newFrame(r, true).rows(r);
        float[] x = encoded(RAW);
        for (int i = 0; i < x.length; i++) {
            f.x.data().put(i, x[i]);
        }
        for (long i = 0; i < f.eps.length(); i++) {
            f.eps.data().put(i, random.nextDouble() * 2 - 1);
        }
        net.lossAndGradients(f, 0.7, 0);
        INDArray analytic = net.store().gradients().dup();
        int checked = 0;
        for (long i = 0; i < p.length(); i++) {
            double v = p.getDouble(i);
            p.putScalar(i, v + 1e-6);
            net.evaluate(f);
            double plus = net.objective(f, 0.7, 0);
            p.putScalar(i, v - 1e-6);
            net.evaluate(f);
            double minus = net.objective(f, 0.7, 0);
            p.putScalar(i, v);
            double numeric = (plus - minus) / 2e-6;
            double exact = analytic.getDouble(i);
            double scale = Math.max(Math.abs(numeric), Math.abs(exact));
            if (scale < 1e-7) {
                assertThat(Math.abs(numeric - exact)).isLessThan(1e-8);
            } else {
                assertThat(Math.abs(numeric - exact) / scale).as("parameter %s", i).isLessThan(1e-4);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan((int) (p.length() / 2));
    }
}

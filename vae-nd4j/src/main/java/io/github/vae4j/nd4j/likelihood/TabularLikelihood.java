package io.github.vae4j.nd4j.likelihood;

import io.github.vae4j.nd4j.engine.Kernels;
import io.github.vae4j.spi.RandomStream;
import io.github.vae4j.tabular.Column;
import io.github.vae4j.tabular.Schema;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One likelihood per column of a {@link Schema}, over rows in its encoded layout
 * ({@link io.github.vae4j.tabular.TabularEncoding}): a Gaussian with learned variance (floor + softplus, the floor
 * the schema's, in standardised units) for a numeric column, a Bernoulli for a binary one, a
 * {@link CategoricalLikelihood} for a categorical one. -log p(x|z) sums the columns' terms; a missing entry (its
 * indicator set) adds nothing and gets no gradient: the masked ELBO. An unknown level (a binary column's 0.5, a
 * categorical column's all 0 with its indicator clear) is scored as the column's least likely level under p(x|z):
 * -log min_k p(k), at least as unlikely as any level the column has.
 *
 * <p>One head whose rows are the columns' parameters in order: a numeric column's mean and variance head, a binary
 * column's logit, a categorical column's K logits. The columns are few, so the work is plain loops in double
 * precision over heap copies; nothing is kept between calls, so the team's threads and concurrent inference calls can
 * share one instance.
 */
public final class TabularLikelihood implements LikelihoodModel {

    private final Schema schema;
    private final int inputWidth;
    private final int headWidth;
    private final double floor;
    private final Kernels kernels;

    /**
     * With the host-tuned kernels.
     *
     * @param schema the columns
     */
    public TabularLikelihood(Schema schema) {
        this(schema, Kernels.hostTuned());
    }

    /**
     * @param schema the columns
     * @param kernels how the heads and data reach the heap, where the columns' terms are computed
     */
    public TabularLikelihood(Schema schema, Kernels kernels) {
        this.kernels = kernels;
        this.schema = schema;
        this.inputWidth = schema.inputWidth();
        this.headWidth = schema.headWidth();
        this.floor = schema.varianceFloor();
    }

    @Override
    public int heads() {
        return 1;
    }

    @Override
    public int headWidth(int inputSize) {
        if (inputSize != inputWidth) {
            throw new IllegalArgumentException("the schema encodes " + inputWidth + " values per row, not "
                    + inputSize);
        }
        return headWidth;
    }

    @Override
    public int termCount() {
        return schema.size();
    }

    private boolean missing(Column col, double[] t, int at) {
        return col.nullable() && t[at + col.inputWidth() - 1] > 0.5;
    }

    private static int level(double[] t, int at, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (t[at + j] > t[at + best]) {
                best = j;
            }
        }
        return best;
    }

    private static int leastLikely(double[] logits, int at, int k) {
        int least = 0;
        for (int j = 1; j < k; j++) {
            if (logits[at + j] < logits[at + least]) {
                least = j;
            }
        }
        return least;
    }

    /**
     * One example's column terms -log p, into {@code terms} if given; the head gradients, times {@code scale}, into
     * {@code g} if given.
     *
     * @return the sum of the terms, nats
     */
    private double example(double[] h, int hb, double[] t, int tb, double[] g, double scale, double[] terms,
            int termFrom) {
        double sum = 0;
        for (int c = 0; c < schema.size(); c++) {
            Column col = schema.column(c);
            int ho = hb + schema.headOffset(c);
            int io = tb + schema.inputOffset(c);
            double term = 0;
            if (!missing(col, t, io)) {
                switch (col.kind()) {
                    case NUMERIC -> {
                        double mu = h[ho];
                        double r = h[ho + 1];
                        double var = GaussianLikelihood.learnedVariance(r, floor);
                        term = GaussianLikelihood.nll(t[io], mu, var);
                        if (g != null) {
                            g[ho] = scale * GaussianLikelihood.meanGradient(t[io], mu, var);
                            g[ho + 1] = scale * GaussianLikelihood.varianceHeadGradient(t[io], mu, var, r);
                        }
                    }
                    case BINARY -> {
                        // an unknown level (0.5) scores as the less likely of 0 and 1: 1 when the logit is negative
                        double x = t[io] == 0 || t[io] == 1 ? t[io] : h[ho] < 0 ? 1 : 0;
                        term = BernoulliLikelihood.nll(h[ho], x);
                        if (g != null) {
                            g[ho] = scale * BernoulliLikelihood.gradient(h[ho], x);
                        }
                    }
                    case CATEGORICAL -> {
                        int k = col.levels().size();
                        int given = level(t, io, k);
                        int level = t[io + given] > 0.5 ? given : leastLikely(h, ho, k);
                        term = CategoricalLikelihood.nll(h, ho, k, level);
                        if (g != null) {
                            CategoricalLikelihood.gradient(h, ho, k, level, scale, g, ho);
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            }
            if (terms != null) {
                terms[termFrom + c] = -term;
            }
            sum += term;
        }
        return sum;
    }

    private double[] read(INDArray a, int n) {
        double[] v = new double[n];
        kernels.read(a, n, v, 0, 1);
        return v;
    }

    @Override
    public void negativeLogLikelihood(INDArray[] heads, INDArray x, INDArray nllPerExample, INDArray[] headGradients,
            double gradientScale, Scratch scratch) {
        int r = (int) x.columns();
        double[] h = read(heads[0], headWidth * r);
        double[] t = read(x, inputWidth * r);
        double[] g = headGradients == null ? null : new double[headWidth * r];
        double[] nll = new double[r];
        for (int e = 0; e < r; e++) {
            nll[e] = example(h, e * headWidth, t, e * inputWidth, g, gradientScale, null, 0);
        }
        kernels.write(nll, r, nllPerExample);
        if (g != null) {
            kernels.write(g, g.length, headGradients[0]);
        }
    }

    @Override
    public void logLikelihoodTerms(INDArray[] heads, INDArray x, double[] terms) {
        int r = (int) x.columns();
        double[] h = read(heads[0], headWidth * r);
        double[] t = read(x, inputWidth * r);
        for (int e = 0; e < r; e++) {
            example(h, e * headWidth, t, e * inputWidth, null, 0, terms, e * schema.size());
        }
    }

    @Override
    public void mean(INDArray[] heads, INDArray mean, Scratch scratch) {
        write(heads, mean, null);
    }

    @Override
    public void sample(INDArray[] heads, INDArray x, RandomStream random) {
        write(heads, x, random);
    }

    /** The means (random null) or draws of p(x|z), in the encoded layout, missing-value indicators 0. */
    private void write(INDArray[] heads, INDArray out, RandomStream random) {
        int r = (int) out.columns();
        double[] h = read(heads[0], headWidth * r);
        double[] o = new double[inputWidth * r];
        for (int e = 0; e < r; e++) {
            int hb = e * headWidth;
            int ob = e * inputWidth;
            for (int c = 0; c < schema.size(); c++) {
                Column col = schema.column(c);
                int ho = hb + schema.headOffset(c);
                int oo = ob + schema.inputOffset(c);
                switch (col.kind()) {
                    case NUMERIC -> o[oo] = random == null ? h[ho]
                            : h[ho] + Math.sqrt(GaussianLikelihood.learnedVariance(h[ho + 1], floor))
                                    * random.nextGaussian();
                    case BINARY -> {
                        double p = BernoulliLikelihood.sigmoid(h[ho]);
                        o[oo] = random == null ? p : random.nextDouble() < p ? 1 : 0;
                    }
                    case CATEGORICAL -> {
                        int k = col.levels().size();
                        CategoricalLikelihood.probabilities(h, ho, k, o, oo);
                        if (random != null) {
                            double u = random.nextDouble();
                            int drawn = k - 1;
                            for (int j = 0; j < k; j++) {
                                u -= o[oo + j];
                                if (u < 0) {
                                    drawn = j;
                                    break;
                                }
                            }
                            for (int j = 0; j < k; j++) {
                                o[oo + j] = j == drawn ? 1 : 0;
                            }
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            }
        }
        kernels.write(o, o.length, out);
    }
}

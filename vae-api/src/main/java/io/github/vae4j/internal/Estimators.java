package io.github.vae4j.internal;

import io.github.vae4j.Vae;
import io.github.vae4j.VaeConfig;
import io.github.vae4j.spi.BackendModel;
import io.github.vae4j.spi.RandomStream;
import java.util.DoubleSummaryStatistics;

/**
 * The estimates a model gives of data: the ELBO per row, the importance-weighted log-likelihood, and the activity of
 * the latent dimensions. Each is computed here once, for {@link Vae}'s methods and for validation during training
 * alike. The rows are already checked. The latent noise of each row comes from a stream keyed by the model's seed and
 * the row's values, so a row's estimate is a function of the row alone: the same whichever rows come with it, in
 * whatever order, in every call.
 */
public final class Estimators {

    /** Latent samples handed to the backend per importance-weighting call. */
    public static final int CHUNK_SAMPLES = 4096;
    /** Posterior means varying across the data by more than this (a variance) make a latent dimension active. */
    public static final double ACTIVE_UNIT_THRESHOLD = 0.01;

    private static final long EVALUATION_STREAM = 3;

    private Estimators() {
    }

    /**
     * The noise stream of one row: keyed by the seed and the row's values (their bits, with -0 taken as 0).
     *
     * @param config the model's configuration
     * @param x rows, flat
     * @param from the row's first value
     * @param width values per row
     * @return the row's stream
     */
    public static RandomStream rowNoise(VaeConfig config, float[] x, int from, int width) {
        long h = mix(config.seed() ^ mix(EVALUATION_STREAM + GOLDEN_GAMMA));
        for (int i = from; i < from + width; i++) {
            h = mix(h + GOLDEN_GAMMA + Float.floatToIntBits(x[i] + 0.0f));
        }
        return new RandomStream(h);
    }

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * The one-sample ELBO of each row; see {@link Vae#elbo(float[][])}.
     *
     * @return n values in nats
     */
    public static double[] elbo(BackendModel m, float[][] x) {
        double[] out = new double[x.length];
        ElboStream stream = new ElboStream(m);
        int width = m.config().rowWidth();
        Chunks.each(x.length, (from, rows) -> {
            InputChecks.pack(x, null, from, rows, width, stream.chunk());
            stream.evaluate(rows, out, from);
        });
        return out;
    }

    /**
     * ELBOs of rows that arrive one at a time, in the chunks and with the noise of {@link #elbo}, so that the rows
     * of a stream get exactly the values {@code elbo} gives the same rows in an array; summed as
     * {@link java.util.stream.DoubleStream#average()} sums.
     */
    public static final class ElboStream {
        private final AssembledLoss loss;
        private final int width;
        private final int latent;
        private final VaeConfig config;
        private final float[] in;
        private final float[] eps;
        private final double[] reconstruction;
        private final double[] kl;
        private final double[] values;
        private final DoubleSummaryStatistics sum = new DoubleSummaryStatistics();
        private int buffered;

        public ElboStream(BackendModel model) {
            this.loss = new AssembledLoss(model);
            this.width = model.config().rowWidth();
            this.latent = model.config().latentSize();
            this.config = model.config();
            this.in = new float[Chunks.ROWS * width];
            this.eps = new float[Chunks.ROWS * latent];
            this.reconstruction = new double[Chunks.ROWS];
            this.kl = new double[Chunks.ROWS];
            this.values = new double[Chunks.ROWS];
        }

        /** @return the chunk buffer, {@value Chunks#ROWS} rows, for a caller that packs rows itself */
        public float[] chunk() {
            return in;
        }

        /** Evaluates the first {@code rows} rows of the chunk buffer into {@code out[from ...]}. */
        public void evaluate(int rows, double[] out, int from) {
            for (int i = 0; i < rows; i++) {
                rowNoise(config, in, i * width, width).fillGaussian(eps, i * latent, latent);
            }
            loss.evaluate(in, eps, rows, reconstruction, kl);
            for (int i = 0; i < rows; i++) {
                double elbo = -(reconstruction[i] + kl[i]);
                out[from + i] = elbo;
                sum.accept(elbo);
            }
        }

        /** Adds one row; evaluates once a chunk is full. */
        public void add(float[] row) {
            System.arraycopy(row, 0, in, buffered * width, width);
            if (++buffered == Chunks.ROWS) {
                flush();
            }
        }

        private void flush() {
            if (buffered > 0) {
                evaluate(buffered, values, 0);
                buffered = 0;
            }
        }

        /** @return the rows evaluated, after evaluating any partial chunk */
        public long count() {
            flush();
            return sum.getCount();
        }

        /** @return the mean ELBO of every row added, nats per example; NaN if none */
        public double mean() {
            flush();
            return sum.getCount() == 0 ? Double.NaN : sum.getAverage();
        }
    }

    /**
     * The importance-weighted log-likelihood of each row; see {@link Vae#logLikelihood(float[][], int)}.
     *
     * @return n values in nats
     */
    public static double[] logLikelihood(BackendModel m, float[][] x, int k) {
        int width = m.config().rowWidth();
        int latent = m.config().latentSize();
        int samplesPerCall = Math.min(k, CHUNK_SAMPLES);
        AssembledLoss loss = new AssembledLoss(m);
        int rowsPerCall = Math.max(1, Math.min(CHUNK_SAMPLES / samplesPerCall, x.length));
        float[] in = new float[rowsPerCall * width];
        float[] eps = new float[rowsPerCall * samplesPerCall * latent];
        double[] weights = new double[rowsPerCall * samplesPerCall];
        double[] out = new double[x.length];
        Chunks.each(x.length, rowsPerCall, (from, rows) -> {
            InputChecks.pack(x, null, from, rows, width, in);
            if (k <= samplesPerCall) {
                for (int i = 0; i < rows; i++) {
                    rowNoise(m.config(), in, i * width, width).fillGaussian(eps, i * k * latent, k * latent);
                }
                loss.logImportanceWeights(in, eps, rows, k, weights);
                for (int i = 0; i < rows; i++) {
                    out[from + i] = logMeanExp(weights, i * k, k);
                }
            } else {
                // one row at a time, its samples in pieces: a streaming log-sum-exp
                double max = Double.NEGATIVE_INFINITY;
                double sum = 0;
                RandomStream random = rowNoise(m.config(), in, 0, width);
                for (int done = 0; done < k; done += samplesPerCall) {
                    int s = Math.min(samplesPerCall, k - done);
                    random.fillGaussian(eps, 0, s * latent);
                    loss.logImportanceWeights(in, eps, 1, s, weights);
                    for (int j = 0; j < s; j++) {
                        double w = weights[j];
                        if (w > max) {
                            sum = sum * Math.exp(max - w) + 1;
                            max = w;
                        } else {
                            sum += Math.exp(w - max);
                        }
                    }
                }
                out[from] = max + Math.log(sum) - Math.log(k);
            }
        });
        return out;
    }

    public static double logMeanExp(double[] values, int from, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < from + count; i++) {
            max = Math.max(max, values[i]);
        }
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
            return max;
        }
        double sum = 0;
        for (int i = from; i < from + count; i++) {
            sum += Math.exp(values[i] - max);
        }
        return max + Math.log(sum / count);
    }

    /**
     * The variance across the rows of each latent dimension's posterior mean; see {@link Vae#latentActivity}.
     *
     * @return latentSize values
     */
    public static double[] latentActivity(BackendModel m, float[][] x) {
        int width = m.config().rowWidth();
        int latent = m.config().latentSize();
        float[] in = new float[Chunks.capacity(x.length) * width];
        float[] mean = new float[Chunks.capacity(x.length) * latent];
        // Welford's update in double precision, one pass
        double[] mu = new double[latent];
        double[] m2 = new double[latent];
        Chunks.each(x.length, (from, rows) -> {
            InputChecks.pack(x, null, from, rows, width, in);
            m.encoder().encode(in, rows, mean, null);
            for (int i = 0; i < rows; i++) {
                long n = from + i + 1;
                for (int j = 0; j < latent; j++) {
                    double v = mean[i * latent + j];
                    double delta = v - mu[j];
                    mu[j] += delta / n;
                    m2[j] += delta * (v - mu[j]);
                }
            }
        });
        for (int j = 0; j < latent; j++) {
            m2[j] /= x.length;
        }
        return m2;
    }

    /** @return how many of {@code activity}'s values exceed {@value #ACTIVE_UNIT_THRESHOLD} */
    public static int activeUnits(double[] activity) {
        int active = 0;
        for (double a : activity) {
            if (a > ACTIVE_UNIT_THRESHOLD) {
                active++;
            }
        }
        return active;
    }
}

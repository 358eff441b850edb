package io.github.vae4j;

import io.github.vae4j.spi.BackendModel;
import io.github.vae4j.spi.ModelState;
import io.github.vae4j.spi.RandomStream;
import io.github.vae4j.spi.StepSettings;
import io.github.vae4j.spi.StepTerms;
import io.github.vae4j.spi.VaeBackend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A backend for testing the trainer without native code: its "model" is one vector m, the same for every row, with
 * reconstruction 0.5 ||x - m||^2 and KL 0.5 ||m||^2 per row, so every step's gradient and every ELBO can be worked
 * out by hand. The optimiser is plain gradient descent whatever is asked for (its slots are kept as zeros), and every
 * call the trainer makes is recorded.
 */
public final class MeanBackend implements VaeBackend {

    /** The models created, newest last. */
    static final List<MeanModel> CREATED = new ArrayList<>();

    /** Where m starts. */
    static final float START = -1f;

    @Override
    public String name() {
        return "test-mean";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public BackendModel create(VaeConfig config, Optimizer optimizer) {
        MeanModel model = new MeanModel(config, optimizer);
        synchronized (CREATED) {
            CREATED.add(model);
        }
        return model;
    }

    /** @return the newest model */
    static MeanModel last() {
        synchronized (CREATED) {
            return CREATED.get(CREATED.size() - 1);
        }
    }

    /** The model: m and its gradient, and a record of the trainer's calls. */
    static final class MeanModel implements BackendModel {
        final VaeConfig config;
        final int n;
        final float[] m;
        final float[] g;
        Optimizer optimizer;
        long step;
        final List<StepSettings> settings = new ArrayList<>();
        final List<Double> rates = new ArrayList<>();
        final List<Double> scales = new ArrayList<>();
        final List<Integer> batchRows = new ArrayList<>();

        MeanModel(VaeConfig config, Optimizer optimizer) {
            this.config = config;
            this.n = config.inputSize();
            this.m = new float[n];
            Arrays.fill(m, START);
            this.g = new float[n];
            this.optimizer = optimizer;
        }

        /** In float, as a float32 backend computes: rows of 1e20 or more overflow. */
        double reconstruction(float[] x, int row) {
            float s = 0;
            for (int j = 0; j < n; j++) {
                float d = x[row * n + j] - m[j];
                s += d * d;
            }
            return 0.5 * s;
        }

        double kl() {
            double s = 0;
            for (float v : m) {
                s += (double) v * v;
            }
            return 0.5 * s;
        }

        @Override
        public VaeConfig config() {
            return config;
        }

        @Override
        public Encoder encoder() {
            return new Encoder() {
                @Override
                public int inputSize() {
                    return n;
                }

                @Override
                public int latentSize() {
                    return config.latentSize();
                }

                @Override
                public void encode(float[] x, int rows, float[] mean, float[] logVariance) {
                    int l = config.latentSize();
                    for (int r = 0; r < rows; r++) {
                        for (int j = 0; j < l; j++) {
                            mean[r * l + j] = x[r * n + j % n] - m[j % n];
                            if (logVariance != null) {
                                logVariance[r * l + j] = 0;
                            }
                        }
                    }
                }
            };
        }

        @Override
        public Decoder decoder() {
            return new Decoder() {
                @Override
                public int latentSize() {
                    return config.latentSize();
                }

                @Override
                public int outputSize() {
                    return n;
                }

                @Override
                public Likelihood likelihood() {
                    return config.likelihood();
                }

                @Override
                public void decode(float[] z, int rows, float[] mean) {
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(m, 0, mean, r * n, n);
                    }
                }

                @Override
                public void logLikelihood(float[] x, float[] z, int rows, double[] out) {
                    for (int r = 0; r < rows; r++) {
                        out[r] = -reconstruction(x, r);
                    }
                }

                /** A tabular model's terms: -0.5 ||x - m||^2 over each column's encoded values. */
                @Override
                public void logLikelihoodTerms(float[] x, float[] z, int rows, double[] terms) {
                    io.github.vae4j.tabular.Schema schema = config.schema();
                    int columns = schema.size();
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < columns; c++) {
                            int to = c + 1 < columns ? schema.inputOffset(c + 1) : schema.inputWidth();
                            double s = 0;
                            for (int j = schema.inputOffset(c); j < to; j++) {
                                double d = x[r * n + j] - m[j];
                                s += d * d;
                            }
                            terms[r * columns + c] = -0.5 * s;
                        }
                    }
                }

                /** The draws of x ~ p(x|z): the mean m, whatever z and the stream. */
                @Override
                public void sample(float[] z, int rows, RandomStream random, float[] x) {
                    decode(z, rows, x);
                }
            };
        }

        @Override
        public Prior prior() {
            return new Prior() {
                @Override
                public int dimension() {
                    return config.latentSize();
                }

                @Override
                public void sample(RandomStream random, int rows, float[] z) {
                    random.fillGaussian(z, 0, rows * config.latentSize());
                }

                @Override
                public void logDensity(float[] z, int rows, double[] out) {
                    Arrays.fill(out, 0, rows, 0);
                }

                @Override
                public void kl(float[] mean, float[] logVariance, int rows, double[] out) {
                    Arrays.fill(out, 0, rows, MeanModel.this.kl()); // the model's KL, 0.5 ||m||^2, whatever the row
                }
            };
        }

        @Override
        public StepTerms computeGradient(float[] x, float[] eps, int rows, StepSettings s) {
            settings.add(s);
            batchRows.add(rows);
            double recon = 0;
            double[] sum = new double[n];
            for (int r = 0; r < rows; r++) {
                recon += reconstruction(x, r);
                for (int j = 0; j < n; j++) {
                    sum[j] += m[j] - x[r * n + j];
                }
            }
            double klTerm = 0;
            for (int j = 0; j < n; j++) {
                double klj = 0.5 * m[j] * m[j];
                boolean above = s.freeBits() == 0 || klj > s.freeBits();
                klTerm += s.freeBits() == 0 ? klj : Math.max(s.freeBits(), klj);
                g[j] = (float) (sum[j] / rows + (above ? s.beta() * m[j] : 0));
            }
            double r = recon / rows;
            return new StepTerms(r, kl(), r + s.beta() * klTerm);
        }

        @Override
        public double gradientNorm() {
            double s = 0;
            for (float v : g) {
                s += (double) v * v;
            }
            return Math.sqrt(s);
        }

        @Override
        public void scaleGradient(double factor) {
            scales.add(factor);
            for (int j = 0; j < n; j++) {
                g[j] *= (float) factor;
            }
        }

        @Override
        public void copyGradient(float[] out) {
            System.arraycopy(g, 0, out, 0, n);
        }

        @Override
        public void loadGradient(float[] gradient) {
            System.arraycopy(gradient, 0, g, 0, n);
        }

        @Override
        public void copyParameters(float[] out) {
            System.arraycopy(m, 0, out, 0, n);
        }

        @Override
        public void loadParameters(float[] parameters) {
            System.arraycopy(parameters, 0, m, 0, n);
        }

        @Override
        public void applyUpdate(double learningRate) {
            rates.add(learningRate);
            step++;
            for (int j = 0; j < n; j++) {
                m[j] -= (float) (learningRate * g[j]);
            }
        }

        @Override
        public void useOptimizer(Optimizer next) {
            this.optimizer = next;
        }

        @Override
        public Optimizer optimizer() {
            return optimizer;
        }

        @Override
        public ModelState state() {
            List<float[]> slots = new ArrayList<>();
            for (int k = 0; k < optimizer.slots(); k++) {
                slots.add(new float[n]);
            }
            return new ModelState(m.clone(), optimizer, slots, step);
        }

        @Override
        public void restore(ModelState state) {
            if (state.parameters().length != n) {
                throw new IllegalArgumentException("saved state has " + state.parameters().length
                        + " parameters, this model " + n);
            }
            System.arraycopy(state.parameters(), 0, m, 0, n);
            optimizer = state.optimizer();
            step = state.optimizerStep();
        }

        @Override
        public long parameterCount() {
            return n;
        }

        @Override
        public String description() {
            return "test backend: the mean of the rows";
        }

        @Override
        public void close() {
        }
    }
}

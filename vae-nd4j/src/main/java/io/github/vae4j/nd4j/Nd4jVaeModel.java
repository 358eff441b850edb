package io.github.vae4j.nd4j;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.vae4j.Decoder;
import io.github.vae4j.Encoder;
import io.github.vae4j.LatentPrior;
import io.github.vae4j.Likelihood;
import io.github.vae4j.Optimizer;
import io.github.vae4j.Prior;
import io.github.vae4j.VaeConfig;
import io.github.vae4j.nd4j.engine.Kernels;
import io.github.vae4j.nd4j.engine.Nd4jRuntime;
import io.github.vae4j.nd4j.likelihood.BernoulliLikelihood;
import io.github.vae4j.nd4j.likelihood.GaussianLikelihood;
import io.github.vae4j.nd4j.likelihood.LikelihoodModel;
import io.github.vae4j.nd4j.likelihood.TabularLikelihood;
import io.github.vae4j.nd4j.likelihood.ValueLikelihoodModel;
import io.github.vae4j.nd4j.nn.BatchBuffers;
import io.github.vae4j.nd4j.nn.StandardNormalPrior;
import io.github.vae4j.nd4j.nn.VaeNetwork;
import io.github.vae4j.nd4j.optim.Updater;
import io.github.vae4j.spi.BackendModel;
import io.github.vae4j.spi.ModelState;
import io.github.vae4j.spi.RandomStream;
import io.github.vae4j.spi.StepSettings;
import io.github.vae4j.spi.StepTerms;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ND4J backend's model: the network, its optimiser's {@link Updater}, a training frame sized for the batch, and a
 * pool of inference frames. The facade guarantees that training never overlaps inference.
 */
public final class Nd4jVaeModel implements BackendModel {

    /** Examples per inference pass; larger requests are processed in pieces of this size. */
    static final int INFERENCE_CAPACITY = 256;

    private static final long INIT_STREAM = 11;
    private static final Logger LOG = LoggerFactory.getLogger(Nd4jVaeModel.class);

    private final VaeConfig config;
    private final VaeNetwork network;
    private Updater updater;
    private final BatchBufferPool pool;
    private final String description;
    private final Kernels kernels;
    private BatchBuffers trainingFrame;
    private final Encoder encoder = new EncoderView();
    private final Decoder decoder = new DecoderView();
    private final Prior prior = new PriorView();

    /**
     * A model with freshly initialised parameters and a fresh optimiser.
     *
     * @param config the architecture, with the input size set
     * @param optimizer the optimiser to start with
     * @param type FLOAT to train; DOUBLE for gradient checks
     * @param description the backend's description line
     */
    public Nd4jVaeModel(VaeConfig config, Optimizer optimizer, DataType type, String description) {
        this(config, optimizer, type, description, Kernels.hostTuned());
    }

    /**
     * A model with freshly initialised parameters and a fresh optimiser, computing with the given kernels.
     *
     * @param config the architecture, with the input size set
     * @param optimizer the optimiser to start with
     * @param type FLOAT to train; DOUBLE for gradient checks
     * @param description the backend's description line
     * @param kernels the kernel set: host-tuned on ND4J's CPU engine, portable on any
     */
    public Nd4jVaeModel(VaeConfig config, Optimizer optimizer, DataType type, String description, Kernels kernels) {
        checkArgument(config.hasInputSize(), "the model needs its input size");
        this.config = config;
        this.description = description;
        this.kernels = kernels;
        this.network = new VaeNetwork(config, likelihoodOf(config, kernels), type, kernels);
        network.initialise(new RandomStream(config.seed()).split(INIT_STREAM));
        this.updater = newUpdater(optimizer);
        this.pool = new BatchBufferPool(network, INFERENCE_CAPACITY, Runtime.getRuntime().availableProcessors() * 2);
    }

    /**
     * A model with Adam at the default rate, for tests and tools.
     *
     * @param config the architecture, with the input size set
     * @param type FLOAT to train; DOUBLE for gradient checks
     * @param description the backend's description line
     */
    public Nd4jVaeModel(VaeConfig config, DataType type, String description) {
        this(config, Optimizer.adam(1e-3), type, description);
    }

    private Updater newUpdater(Optimizer optimizer) {
        return Updater.create(optimizer, network.store().parameters(), network.store().gradients(), kernels);
    }

    /**
     * @param config the configuration
     * @param kernels the network's kernels
     * @return the likelihood model it asks for
     */
    static LikelihoodModel likelihoodOf(VaeConfig config, Kernels kernels) {
        if (config.likelihood() == Likelihood.BERNOULLI) {
            return new BernoulliLikelihood(kernels);
        }
        if (config.likelihood() == Likelihood.TABULAR) {
            return new TabularLikelihood(config.schema().modelled(), kernels);
        }
        if (config.hasCustomLikelihood()) {
            return new ValueLikelihoodModel(config.likelihood());
        }
        return new GaussianLikelihood(config.gaussianVariance().isLearned(), config.gaussianVariance().value(),
                kernels);
    }

    /** @return the kernel set this model computes with */
    public Kernels kernels() {
        return kernels;
    }

    /** @return the network, for tests and tools */
    public VaeNetwork network() {
        return network;
    }

    @Override
    public VaeConfig config() {
        return config;
    }

    @Override
    public Encoder encoder() {
        return encoder;
    }

    @Override
    public Decoder decoder() {
        return decoder;
    }

    @Override
    public Prior prior() {
        return prior;
    }


    @Override
    public StepTerms computeGradient(float[] x, float[] eps, int rows, StepSettings settings) {
        checkArgument(rows >= 1, "a batch needs at least 1 row, got %s", rows);
        Nd4jRuntime.configureThread();
        if (trainingFrame == null || trainingFrame.capacity() < rows) {
            trainingFrame = null; // let the old frame's buffers go first
            trainingFrame = network.newFrame(rows, true);
        }
        BatchBuffers.View f = trainingFrame.rows(rows);
        writeRows(x, 0, rows, f);
        kernels.write(eps, 0, rows * config.latentSize(), f.eps);
        network.lossAndGradients(f, settings.beta(), settings.freeBits());
        double reconstruction = kernels.sum(f.nll, rows) / rows;
        double kl = kernels.sum(f.kl, rows) / rows;
        double objective = settings.freeBits() > 0 ? network.objective(f, settings.beta(), settings.freeBits())
                : reconstruction + settings.beta() * kl;
        return new StepTerms(reconstruction, kl, objective);
    }

    @Override
    public double gradientNorm() {
        return network.store().gradientNorm(kernels);
    }

    @Override
    public void scaleGradient(double factor) {
        checkArgument(Double.isFinite(factor), "gradient scale must be finite, got %s", factor);
        network.store().gradients().muli(factor);
    }

    @Override
    public void copyGradient(float[] out) {
        INDArray g = network.store().gradients();
        checkArgument(out.length == g.length(), "gradient has %s values, the array %s", g.length(), out.length);
        kernels.read(g, out.length, out, 0);
    }

    @Override
    public void loadGradient(float[] gradient) {
        INDArray g = network.store().gradients();
        checkArgument(gradient.length == g.length(), "gradient has %s values, this model %s", gradient.length,
                g.length());
        kernels.write(gradient, 0, gradient.length, g);
    }

    @Override
    public void copyParameters(float[] out) {
        INDArray p = network.store().parameters();
        checkArgument(out.length == p.length(), "the model has %s parameters, the array %s", p.length(), out.length);
        kernels.read(p, out.length, out, 0);
    }

    @Override
    public void loadParameters(float[] parameters) {
        INDArray p = network.store().parameters();
        checkArgument(parameters.length == p.length(), "%s parameters for a model of %s", parameters.length,
                p.length());
        kernels.write(parameters, 0, parameters.length, p);
    }

    @Override
    public void applyUpdate(double learningRate) {
        Nd4jRuntime.configureThread();
        updater.step(learningRate);
    }

    @Override
    public void useOptimizer(Optimizer optimizer) {
        if (optimizer.equals(updater.optimizer())) {
            return;
        }
        if (optimizer.kind().equals(updater.optimizer().kind()) && optimizer.slots() == updater.optimizer().slots()) {
            updater.reconfigure(optimizer);
        } else {
            LOG.info("the optimizer changes from {} to {}: its state starts afresh", updater.optimizer(), optimizer);
            updater = newUpdater(optimizer);
        }
    }

    @Override
    public Optimizer optimizer() {
        return updater.optimizer();
    }

    @Override
    public ModelState state() {
        INDArray p = network.store().parameters();
        float[] params = p.dataType() == DataType.FLOAT ? p.toFloatVector() : p.castTo(DataType.FLOAT).toFloatVector();
        return new ModelState(params, updater.optimizer(), List.of(updater.slots()), updater.stepCount());
    }

    @Override
    public void restore(ModelState state) {
        long expected = network.store().size();
        checkArgument(state.parameters().length == expected,
                "saved state has %s parameters, this %s model has %s", state.parameters().length,
                config.likelihood(), expected);
        checkArgument(state.optimizerSlots().size() == state.optimizer().slots(),
                "%s needs %s state arrays, the saved state has %s", state.optimizer().kind(),
                state.optimizer().slots(), state.optimizerSlots().size());
        Updater next = state.optimizer().equals(updater.optimizer()) ? updater : newUpdater(state.optimizer());
        next.restore(state.optimizerSlots(), state.optimizerStep());
        INDArray p = network.store().parameters();
        kernels.write(state.parameters(), 0, state.parameters().length, p);
        updater = next;
    }

    @Override
    public long parameterCount() {
        return network.store().size();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        pool.clear();
        trainingFrame = null;
    }

    // --------------------------------------------------------------------------------------------- components

    /**
     * Writes {@code r} rows from row {@code from} of a flat batch into the frame: the examples into {@code f.x}, and a
     * conditional model's conditions, which follow each example, into {@code f.c}.
     */
    private void writeRows(float[] x, int from, int r, BatchBuffers.View f) {
        writeSplit(x, from, r, config.inputSize(), f.x, f);
    }

    /**
     * Writes {@code r} latent points from row {@code from} into {@code f.z}; a conditional model's conditions, which
     * follow each point, into {@code f.c}.
     */
    private void writeLatents(float[] z, int from, int r, BatchBuffers.View f) {
        writeSplit(z, from, r, config.latentSize(), f.z, f);
    }

    private void writeSplit(float[] rows, int from, int r, int width, INDArray target, BatchBuffers.View f) {
        int c = config.conditions();
        if (c == 0) {
            kernels.write(rows, from * width, r * width, target);
            return;
        }
        float[] values = new float[r * width];
        float[] conditions = new float[r * c];
        for (int i = 0; i < r; i++) {
            System.arraycopy(rows, (from + i) * (width + c), values, i * width, width);
            System.arraycopy(rows, (from + i) * (width + c) + width, conditions, i * c, c);
        }
        kernels.write(values, 0, r * width, target);
        kernels.write(conditions, 0, r * c, f.c);
    }

    /** One chunk of an inference call, on a borrowed frame's view for {@code r} rows starting at row {@code from}. */
    private interface ChunkWork {
        void run(BatchBuffers.View f, int from, int r);
    }

    /** Runs {@code work} over {@code rows} rows in chunks of the frame capacity, on a frame borrowed from the pool. */
    private void inChunks(int rows, ChunkWork work) {
        BatchBuffers frame = pool.borrow();
        try {
            for (int from = 0; from < rows; from += frame.capacity()) {
                int r = Math.min(frame.capacity(), rows - from);
                work.run(frame.rows(r), from, r);
            }
        } finally {
            pool.release(frame);
        }
    }

    private final class EncoderView implements Encoder {
        @Override
        public int inputSize() {
            return config.inputSize();
        }

        @Override
        public int latentSize() {
            return config.latentSize();
        }

        @Override
        public int conditionSize() {
            return config.conditions();
        }

        @Override
        public void encode(float[] x, int rows, float[] mean, float[] logVariance) {
            int latent = config.latentSize();
            inChunks(rows, (f, from, r) -> {
                writeRows(x, from, r, f);
                network.encode(f);
                kernels.read(f.mu, r * latent, mean, from * latent);
                if (logVariance != null) {
                    kernels.read(f.logVar, r * latent, logVariance, from * latent);
                }
            });
        }
    }

    private final class DecoderView implements Decoder {
        @Override
        public int latentSize() {
            return config.latentSize();
        }

        @Override
        public int outputSize() {
            return config.inputSize();
        }

        @Override
        public int conditionSize() {
            return config.conditions();
        }

        @Override
        public Likelihood likelihood() {
            return config.likelihood();
        }

        @Override
        public void decode(float[] z, int rows, float[] mean) {
            int in = config.inputSize();
            inChunks(rows, (f, from, r) -> {
                writeLatents(z, from, r, f);
                network.decode(f, f.z);
                network.likelihoodMean(f, f.x);
                kernels.read(f.x, r * in, mean, from * in);
            });
        }

        @Override
        public void sample(float[] z, int rows, RandomStream random, float[] x) {
            int in = config.inputSize();
            inChunks(rows, (f, from, r) -> {
                writeLatents(z, from, r, f);
                network.decode(f, f.z);
                network.likelihoodSample(f, f.x, random);
                kernels.read(f.x, r * in, x, from * in);
            });
        }

        @Override
        public void logLikelihoodTerms(float[] x, float[] z, int rows, double[] terms) {
            int latent = config.latentSize();
            int count = network.likelihood().termCount();
            if (count == 0) {
                throw new UnsupportedOperationException("log-likelihood terms need a tabular model");
            }
            inChunks(rows, (f, from, r) -> {
                writeRows(x, from, r, f);
                kernels.write(z, from * latent, r * latent, f.z);
                network.decode(f, f.z);
                double[] part = new double[r * count];
                network.likelihoodTerms(f, part);
                System.arraycopy(part, 0, terms, from * count, r * count);
            });
        }

        @Override
        public void logLikelihood(float[] x, float[] z, int rows, double[] out) {
            int latent = config.latentSize();
            inChunks(rows, (f, from, r) -> {
                writeRows(x, from, r, f);
                kernels.write(z, from * latent, r * latent, f.z);
                network.negativeLogLikelihood(f);
                kernels.read(f.nll, r, out, from, -1);
            });
        }
    }

    private final class PriorView implements Prior {
        /** Noise draws per posterior for the KL of a prior without a closed form. */
        private static final int KL_SAMPLES = 64;

        @Override
        public int dimension() {
            return config.latentSize();
        }

        @Override
        public void sample(RandomStream random, int rows, float[] z) {
            LatentPrior prior = config.prior();
            int latent = config.latentSize();
            if (prior.isStandardNormal()) {
                random.fillGaussian(z, 0, rows * latent);
                return;
            }
            double[] point = new double[latent];
            for (int i = 0; i < rows; i++) {
                prior.sample(random, point);
                for (int j = 0; j < latent; j++) {
                    z[i * latent + j] = (float) point[j];
                }
            }
        }

        @Override
        public void logDensity(float[] z, int rows, double[] out) {
            int latent = config.latentSize();
            LatentPrior prior = config.prior();
            double[] point = new double[latent];
            for (int i = 0; i < rows; i++) {
                if (prior.isStandardNormal()) {
                    out[i] = StandardNormalPrior.logDensity(z, i * latent, latent);
                } else {
                    for (int j = 0; j < latent; j++) {
                        point[j] = z[i * latent + j];
                    }
                    out[i] = prior.logDensity(point, null);
                }
            }
        }

        /**
         * The network's KL term ({@link VaeNetwork#kl}): the closed form for the standard normal; for another prior
         * the mean of {@value #KL_SAMPLES} estimates at samples whose noise is the same for every row (a fixed
         * stream), so that a row's value depends on the row alone and repeated calls agree.
         */
        @Override
        public void kl(float[] mean, float[] logVariance, int rows, double[] out) {
            int latent = config.latentSize();
            int samples = config.prior().isStandardNormal() ? 1 : KL_SAMPLES;
            inChunks(rows, (f, from, r) -> {
                kernels.write(mean, from * latent, r * latent, f.mu);
                kernels.write(logVariance, from * latent, r * latent, f.logVar);
                RandomStream noise = new RandomStream(config.seed() ^ 0x5eed5eedL);
                float[] draw = new float[latent];
                float[] eps = new float[r * latent];
                double[] kl = new double[r];
                java.util.Arrays.fill(out, from, from + r, 0);
                for (int s = 0; s < samples; s++) {
                    noise.fillGaussian(draw, 0, latent);
                    for (int i = 0; i < r; i++) {
                        System.arraycopy(draw, 0, eps, i * latent, latent);
                    }
                    kernels.write(eps, 0, r * latent, f.eps);
                    network.reparameterise(f);
                    network.kl(f);
                    kernels.read(f.kl, r, kl, 0, 1);
                    for (int i = 0; i < r; i++) {
                        out[from + i] += kl[i] / samples;
                    }
                }
            });
        }
    }

}

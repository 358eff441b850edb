package io.github.vae4j;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.Ints;

import io.github.vae4j.data.ArraySource;
import io.github.vae4j.io.ModelFile;
import io.github.vae4j.io.Provenance;
import io.github.vae4j.io.SavedModel;
import io.github.vae4j.io.RunProgress;
import io.github.vae4j.io.TrainingDefaults;
import io.github.vae4j.spi.BackendModel;
import io.github.vae4j.spi.RandomStream;
import io.github.vae4j.tabular.Explanation;
import io.github.vae4j.tabular.Scaling;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.Table;
import io.github.vae4j.tabular.TableSource;
import io.github.vae4j.tabular.TabularEncoding;
import io.github.vae4j.spi.VaeBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A variational autoencoder (Kingma and Welling 2013): an encoder q(z|x) giving a diagonal Gaussian over the latent
 * space, the reparameterisation z = mean + exp(logVariance / 2) * eps, a decoder p(x|z) with a pluggable
 * {@link Likelihood}, and a standard normal prior p(z). Training minimises
 * -ELBO = -E_q[log p(x|z)] + beta * KL(q(z|x) || p(z)) per example, in nats.
 *
 * <pre>{@code
 * Vae vae = Vae.builder().latent(10).hidden(512, 384, 256).epochs(30).build();
 * FitReport report = vae.fit(rows);   // float[][], one example a row
 * float[][] z = vae.encode(rows);      // posterior means, n x 10
 * float[][] x = vae.decode(z);         // likelihood means, n x inputSize
 * }</pre>
 *
 * <p>The builder says what the model is; a {@link Training} plan says how one run trains it (epochs, optimiser,
 * schedules, validation and early stopping, KL warm-up and free bits), over rows in memory or a {@link DataSource}
 * larger than memory: {@code vae.fit(DataSource.csv(path), Training.builder().epochs(20).build())}.
 *
 * <p>For images, {@link Builder#image(int, int, int)} and {@link Builder#conv(int...)} add a convolutional encoder
 * and a mirrored transposed-convolution decoder; rows stay rows of pixels (row-major, channels last), so every method
 * works the same: {@code Vae.builder().image(28, 28, 1).conv(32, 64).latent(10).build()}.
 *
 * <p>Every array from the caller is checked before anything changes: a rejected call leaves the model as it was.
 * Data arrays are never kept or modified. Inference methods may be called from many threads at once and give the
 * same answers as one thread; {@code fit} waits for running inference calls to finish and holds new ones back
 * until it returns (its listeners may call inference methods on the training thread). Inference on any number of
 * rows works in chunks, in bounded memory.
 *
 * <p>The model holds native memory (parameters and gradients, 8 bytes per parameter, plus activation buffers) and heap
 * memory (the optimiser's state, up to 8 bytes per parameter). After {@link #close()} the model refuses work and
 * drops its buffers; the ND4J backend's native memory is then freed when the garbage collector collects them.
 */
public final class Vae implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Vae.class);

    /** Rows handed to the backend per inference call. */
    static final int CHUNK_ROWS = Estimators.CHUNK_ROWS;
    /** Largest number of importance samples per row accepted by {@link #logLikelihood}. */
    public static final int MAX_IMPORTANCE_SAMPLES = 1_000_000;

    private static final long SAMPLING_STREAM = 4;

    private final VaeBackend backend;
    private final Checkpoints checkpoints;
    private final ReadWriteLock lock = new ReentrantReadWriteLock(true);
    private final RandomStream samplingRandom;

    private VaeConfig config;
    private final TrainingDefaults defaults;
    /** The model's optimiser: its kind and hyperparameters, the default of a plan that sets none. */
    private Optimizer optimizer;
    private volatile BackendModel model;
    private TrainingState life;
    /** A tabular model's fitted standardisation, {@code null} until its first fit (and for other models). */
    private Scaling scaling;
    private boolean closed;

    /** @return a builder with the defaults: latent 10, hidden 512, 384, 256, Bernoulli, batch 100, Adam 1e-3 */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------------------- training

    /**
     * Trains with the model's default plan ({@link #defaultTraining()}: the builder's epochs, batch size, learning
     * rate and beta), continuing from the current parameters.
     *
     * @param data training examples, {@code n x inputSize}, n at least 1; for Bernoulli every value in [0, 1]
     * @return the per-epoch history of this call
     * @throws IllegalArgumentException if data is empty, ragged, non-finite, of the wrong width or (Bernoulli) outside
     *     [0, 1]; nothing changes
     * @throws TrainingDivergedException if the loss became NaN or infinite; the model is rolled back to the end of
     *     its last completed epoch
     */
    public FitReport fit(float[][] data) {
        return fit(data, Training.defaults());
    }

    /**
     * Trains with the model's default plan, reporting progress. If the calling thread is interrupted, training stops
     * after the current step and returns a report with {@link StopReason#INTERRUPTED}; the interrupt flag stays set.
     * The model keeps the parameters of its last step, and a configured checkpoint file keeps the last epoch
     * boundary, from which a resumed run is exact.
     *
     * @param data training examples, {@code n x inputSize}, n at least 1; for Bernoulli every value in [0, 1]
     * @param listener receives per-step and per-epoch reports; may be {@code null}
     * @return the per-epoch history of this call
     * @throws IllegalArgumentException if data is empty, ragged, non-finite, of the wrong width or (Bernoulli) outside
     *     [0, 1]; nothing changes
     * @throws TrainingDivergedException if the loss became NaN or infinite; the model is rolled back to the end of
     *     its last completed epoch
     */
    public FitReport fit(float[][] data, TrainingListener listener) {
        return fit(data, listener == null ? Training.defaults() : Training.builder().listener(listener).build());
    }

    /**
     * Runs a training plan on rows in memory, continuing from the current parameters. The data and any validation
     * rows are checked before anything changes.
     *
     * @param data training examples, {@code n x inputSize}, n at least 1; for Bernoulli every value in [0, 1]
     * @param plan how to train; options it leaves unset take the model's defaults
     * @return the per-epoch history of this run
     * @throws IllegalArgumentException if data or the validation rows are empty, ragged, non-finite, of the wrong
     *     width or (Bernoulli) outside [0, 1]; nothing changes
     * @throws TrainingDivergedException if the loss became NaN or infinite; the model is rolled back to the end of
     *     its last completed epoch
     */
    public FitReport fit(float[][] data, Training plan) {
        checkNotNull(plan, "training plan");
        lock.writeLock().lock();
        try {
            checkOpen();
            if (config.isTabular()) {
                throw new IllegalStateException("a model with a schema trains on tables: fit(Table) or fit(Table, "
                        + "Training), or fit(DataSource, Training) with a source of raw rows such as "
                        + "Table.csvSource(path, schema)");
            }
            boolean unit = config.likelihood() == Likelihood.BERNOULLI;
            int width = InputChecks.checkRows(data, "data", config.hasInputSize() ? config.inputSize() : -1,
                    widthMeaning(), unit);
            checkArgument(data.length > 0, "data has no rows");
            return train(DataSource.of(data), width, plan);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Runs a training plan on a data source, continuing from the current parameters: rows are read once per epoch
     * and shuffled through a bounded buffer ({@link Training.Builder#shuffleBuffer(int)}), so the source may be
     * larger than memory. A model loaded from a checkpoint written before the end of its run continues that run:
     * the plan's epochs count from the run's start.
     *
     * @param data the training rows, {@code width} values each; for Bernoulli every value in [0, 1]
     * @param plan how to train; options it leaves unset take the model's defaults
     * @return the per-epoch history of this run
     * @throws IllegalArgumentException if the source's width does not fit the model, validation rows are invalid
     *     (nothing changes then), or a row read is invalid (named by source, line and column; the model goes back to
     *     the start of the epoch that read it)
     * @throws java.io.UncheckedIOException if reading the source fails; the model goes back to the start of the epoch
     * @throws TrainingDivergedException if the loss became NaN or infinite; the model is rolled back to the end of
     *     its last completed epoch
     */
    public FitReport fit(DataSource data, Training plan) {
        checkNotNull(data, "data source");
        checkNotNull(plan, "training plan");
        lock.writeLock().lock();
        try {
            checkOpen();
            if (config.isTabular()) {
                return trainTabular(data, plan);
            }
            int width = data.width();
            if (data instanceof ArraySource a) {
                InputChecks.checkRows(a.rows(), "data", config.hasInputSize() ? config.inputSize() : -1,
                        widthMeaning(), config.likelihood() == Likelihood.BERNOULLI);
            }
            checkArgument(width > 0, "the data source %s has rows of %s values", data, width);
            checkArgument(!config.hasInputSize() || width == config.inputSize(),
                    "the data source %s has rows of %s values, expected %s (%s)", data, width,
                    config.hasInputSize() ? config.inputSize() : 0, widthMeaning());
            return train(data, width, plan);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Trains on rows that stay where they are, the partitions of a cluster (see {@link DistributedRows}; the
     * {@code vae-spark} module gives them for a Spark {@code Dataset}). The run is the one {@link #fit(float[][],
     * Training)} makes of the same rows in the same order: the same permutation, batches and noise, each step's
     * gradient summed over the rows where they are and the update made here, so the result equals training on one
     * machine up to float rounding. Everything in the plan applies except free bits, which need the whole batch's KL
     * per latent dimension at once.
     *
     * @param rows the training rows, checked where they are
     * @param plan how to train
     * @return what the run did
     * <p>A tabular model trains on encoded rows, whose {@link DistributedRows#scaling()} the model keeps (a model that
     * has a scaling already must be given rows encoded with it).
     *
     * @throws IllegalArgumentException if the rows' width does not match the model, there are none, the plan asks
     *     for free bits, or a tabular model's rows have no scaling or another one than the model's
     * @throws TrainingDivergedException if the loss became NaN or infinite; the model is rolled back to the end of
     *     its last completed epoch
     */
    public FitReport fit(DistributedRows rows, Training plan) {
        checkNotNull(rows, "distributed rows");
        checkNotNull(plan, "training plan");
        checkArgument(plan.freeBits() == 0, "free bits (%s nats) need the whole batch's KL per dimension at once; "
                + "a distributed run cannot floor it", plan.freeBits());
        long size = rows.size();
        checkArgument(size > 0 && size < Integer.MAX_VALUE, "%s has %s rows; a distributed run needs 1 to %s", rows,
                size, Integer.MAX_VALUE - 1);
        lock.writeLock().lock();
        try {
            checkOpen();
            Scaling given = rows.scaling().orElse(null);
            if (config.isTabular()) {
                checkArgument(given != null, "%s gives no scaling: a tabular model's distributed rows are encoded "
                        + "with the scaling fitted on them", rows);
                checkArgument(scaling == null || scaling.equals(given), "%s were encoded with another scaling than "
                        + "the model's", rows);
            } else {
                checkArgument(given == null, "%s give a scaling, but the model has no schema", rows);
            }
            int width = rows.width();
            checkArgument(width > 0, "%s has rows of %s values", rows, width);
            checkArgument(!config.hasInputSize() || width == config.inputSize(),
                    "%s has rows of %s values, expected %s (%s)", rows, width,
                    config.hasInputSize() ? config.inputSize() : 0, widthMeaning());
            ensureModel(width);
            if (config.isTabular()) {
                scaling = given;
            }
            rows.start(ModelFile.toBytes(snapshot(model, null)));
            return train(new DistributedSource(rows), width, plan);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Trains a tabular model on raw rows: fits the scaling in one pass at the first fit, then trains on the rows
     * encoded as they are read. Write lock held.
     */
    private FitReport trainTabular(DataSource raw, Training plan) {
        Schema schema = config.schema();
        checkArgument(raw.width() == schema.size(), "the data source %s has rows of %s values, the schema %s columns",
                raw, raw.width(), schema.size());
        if (raw instanceof TableSource t) {
            checkArgument(t.schema().equals(schema), "the source's schema is not the model's: %s against %s",
                    t.schema(), schema);
        }
        Scaling fitted = scaling != null ? scaling : fitScaling(schema, raw);
        TabularEncoding encoding = new TabularEncoding(schema, fitted);
        Training resolved = plan;
        if (plan.validationTable().isPresent()) {
            resolved = plan.toBuilder().validation(encodeRows(encoding, plan.validationTable().get())).build();
        }
        scaling = fitted;
        return train(new EncodedSource(raw, encoding), schema.inputWidth(), resolved);
    }

    private static Scaling fitScaling(Schema schema, DataSource raw) {
        Scaling.Fitter fitter = new Scaling.Fitter(schema);
        float[] row = new float[raw.width()];
        long n = 0;
        try (DataSource.RowReader reader = raw.open()) {
            while (reader.next(row)) {
                EncodedSource.check(schema, row, reader);
                fitter.add(row);
                n++;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not read the training data " + raw, e);
        }
        checkArgument(n > 0, "the training data %s has no rows", raw);
        return fitter.fit();
    }

    /** Checks the plan's validation rows, creates the model if needed and runs the plan. Write lock held. */
    private FitReport train(DataSource data, int width, Training plan) {
        if (plan.validationTable().isPresent() && !config.isTabular()) {
            throw new IllegalStateException("validation rows as a Table need a model with a schema; give float[][] "
                    + "rows instead");
        }
        boolean unit = config.likelihood() == Likelihood.BERNOULLI;
        plan.validation().ifPresent(v -> InputChecks.checkRows(v, "validation", width,
                config.hasInputSize() ? widthMeaning() : "the width of the training data", unit));
        RunSettings settings = RunSettings.resolve(plan, defaults, optimizer, checkpoints.file(),
                checkpoints.everyEpochs(), config.seed(), width);
        ensureModel(width);
        try {
            return new Trainer(model, life, settings, data, unit, this::writeCheckpoint).run();
        } finally {
            optimizer = model.optimizer();
        }
    }

    /** Creates the backend model on the first fit, now that the width is known. Write lock held. */
    private void ensureModel(int width) {
        if (model == null) {
            config = config.withInputSize(width);
            model = backend.create(config, optimizer);
            LOG.info("vae4j model {} with {} parameters on {}", describeArchitecture(config),
                    model.parameterCount(), model.description());
        }
    }

    /** Saves to a checkpoint file. Called with the write lock held. */
    private void writeCheckpoint(Path file, RunProgress run) throws IOException {
        ModelFile.write(file, snapshot(model, run));
    }

    private SavedModel snapshot(BackendModel m, RunProgress run) {
        Provenance provenance = new Provenance(Versions.library(), System.getProperty("java.version"),
                m.description(), life.trainingExamples, life.epochsCompleted, config.seed(), life.lastElbo,
                Instant.now());
        return new SavedModel(config, defaults, provenance, m.state(), life.progress(run), scaling);
    }

    /**
     * The plan that {@link #fit(float[][])} runs: the builder's (or the model file's) epochs, batch size and beta,
     * the model's optimiser, and the builder's checkpoint file.
     *
     * @return the plan, every option set
     */
    public Training defaultTraining() {
        lock.readLock().lock();
        try {
            Training.Builder b = Training.builder().epochs(defaults.epochs()).batchSize(defaults.batchSize())
                    .beta(defaults.beta()).optimizer(optimizer);
            if (defaults.clipGradientNorm() > 0) {
                b.clipGradientNorm(defaults.clipGradientNorm());
            }
            if (checkpoints.file() != null) {
                b.checkpoint(checkpoints.file(), checkpoints.everyEpochs());
            }
            return b.build();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * @return whether the model holds a run that a checkpoint was written in before its end, which the next
     *     {@code fit} continues
     */
    public boolean hasUnfinishedRun() {
        lock.readLock().lock();
        try {
            return life.pendingRun != null;
        } finally {
            lock.readLock().unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------ inference

    /**
     * The posterior means E_q[z|x], deterministic.
     *
     * @param x examples, {@code n x inputSize}
     * @return {@code n x latentSize} means
     * @throws IllegalArgumentException if x is ragged, non-finite or of the wrong width
     * @throws IllegalStateException if the model has no input size yet (never fitted, no {@code inputSize} given)
     */
    public float[][] encode(float[][] x) {
        lock.readLock().lock();
        try {
            BackendModel m = requireModel("encode");
            int width = config.inputSize();
            InputChecks.checkRows(x, "x", width, widthMeaning(), false);
            int latent = config.latentSize();
            float[][] out = new float[x.length][];
            float[] in = new float[Math.min(CHUNK_ROWS, x.length) * width];
            float[] mean = new float[Math.min(CHUNK_ROWS, x.length) * latent];
            for (int from = 0; from < x.length; from += CHUNK_ROWS) {
                int rows = Math.min(CHUNK_ROWS, x.length - from);
                InputChecks.pack(x, null, from, rows, width, in);
                m.encoder().encode(in, rows, mean, null);
                InputChecks.unpack(mean, rows, latent, out, from);
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The means of p(x|z): probabilities in [0, 1] for Bernoulli, Gaussian means otherwise.
     *
     * @param z latent points, {@code n x latentSize}
     * @return {@code n x inputSize} means
     * @throws IllegalArgumentException if z is ragged, non-finite or of the wrong width
     * @throws IllegalStateException if the model has no input size yet
     */
    public float[][] decode(float[][] z) {
        lock.readLock().lock();
        try {
            BackendModel m = requireModel("decode");
            InputChecks.checkRows(z, "z", config.latentSize(), "the model's latent size", false);
            return decodeChecked(m, z.length, (from, rows, buf) -> InputChecks.pack(z, null, from, rows,
                    config.latentSize(), buf));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Encodes to the posterior means and decodes them: {@code decode(encode(x))}, deterministic.
     *
     * @param x examples, {@code n x inputSize}
     * @return {@code n x inputSize} likelihood means
     * @throws IllegalArgumentException if x is ragged, non-finite or of the wrong width
     * @throws IllegalStateException if the model has no input size yet
     */
    public float[][] reconstruct(float[][] x) {
        lock.readLock().lock();
        try {
            BackendModel m = requireModel("reconstruct");
            int width = config.inputSize();
            InputChecks.checkRows(x, "x", width, widthMeaning(), false);
            float[] in = new float[Math.min(CHUNK_ROWS, x.length) * width];
            return decodeChecked(m, x.length, (from, rows, buf) -> {
                InputChecks.pack(x, null, from, rows, width, in);
                m.encoder().encode(in, rows, buf, null);
            });
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Draws z from the prior and decodes it. Successive calls give new samples; the sequence is fixed by the seed.
     *
     * @param n number of samples, 0 or more
     * @return {@code n x inputSize} likelihood means
     * @throws IllegalArgumentException if n is negative
     * @throws IllegalStateException if the model has no input size yet
     */
    public float[][] sample(int n) {
        checkArgument(n >= 0, "number of samples must be >= 0, got %s", n);
        lock.readLock().lock();
        try {
            BackendModel m = requireModel("sample");
            return decodeChecked(m, n, (from, rows, buf) -> {
                synchronized (samplingRandom) {
                    m.prior().sample(samplingRandom, rows, buf);
                }
            });
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Draws z from the prior with the given seed and decodes it: the same seed gives the same samples.
     *
     * @param n number of samples, 0 or more
     * @param seed the seed of the latent draws
     * @return {@code n x inputSize} likelihood means
     * @throws IllegalArgumentException if n is negative
     * @throws IllegalStateException if the model has no input size yet
     */
    public float[][] sample(int n, long seed) {
        checkArgument(n >= 0, "number of samples must be >= 0, got %s", n);
        lock.readLock().lock();
        try {
            BackendModel m = requireModel("sample");
            RandomStream random = new RandomStream(seed);
            return decodeChecked(m, n, (from, rows, buf) -> m.prior().sample(random, rows, buf));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Fills a flat {@code rows x latentSize} chunk of latent points starting at row {@code from}. */
    private interface LatentSource {
        void fill(int from, int rows, float[] z);
    }

    private float[][] decodeChecked(BackendModel m, int n, LatentSource source) {
        int width = config.inputSize();
        int latent = config.latentSize();
        float[][] out = new float[n][];
        int chunk = Math.max(1, Math.min(CHUNK_ROWS, n));
        float[] z = new float[chunk * latent];
        float[] mean = new float[chunk * width];
        for (int from = 0; from < n; from += CHUNK_ROWS) {
            int rows = Math.min(CHUNK_ROWS, n - from);
            source.fill(from, rows, z);
            m.decoder().decode(z, rows, mean);
            InputChecks.unpack(mean, rows, width, out, from);
        }
        return out;
    }

    /**
     * The evidence lower bound E_q[log p(x|z)] - KL(q(z|x) || p(z)) of each row (beta = 1 whatever the training
     * beta), estimated with one latent sample per row. The samples come from a fixed seed, so repeated calls agree.
     *
     * @param x examples, {@code n x inputSize}; for Bernoulli every value in [0, 1]
     * @return n values in nats, each a lower bound on log p(x)
     * @throws IllegalArgumentException if x is ragged, non-finite, of the wrong width or (Bernoulli) outside [0, 1]
     * @throws IllegalStateException if the model has no input size yet
     */
    public double[] elbo(float[][] x) {
        lock.readLock().lock();
        try {
            BackendModel m = requireModel("elbo");
            InputChecks.checkRows(x, "x", config.inputSize(), widthMeaning(),
                    config.likelihood() == Likelihood.BERNOULLI);
            return Estimators.elbo(m, x);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * An importance-weighted estimate of log p(x) per row (the IWAE bound, Burda et al. 2015): the log of the mean
     * over {@code k} samples z_s from q(z|x) of p(x|z_s) p(z_s) / q(z_s|x). With k = 1 it is a one-sample ELBO; it
     * tightens towards log p(x) as k grows. The samples come from a fixed seed, so repeated calls agree.
     *
     * @param x examples, {@code n x inputSize}; for Bernoulli every value in [0, 1]
     * @param k importance samples per row, 1 to {@value #MAX_IMPORTANCE_SAMPLES}
     * @return n values in nats
     * @throws IllegalArgumentException if k is out of range, or x is ragged, non-finite, of the wrong width or
     *     (Bernoulli) outside [0, 1]
     * @throws IllegalStateException if the model has no input size yet
     */
    public double[] logLikelihood(float[][] x, int k) {
        checkArgument(k >= 1 && k <= MAX_IMPORTANCE_SAMPLES, "importance samples k must be between 1 and %s, got %s",
                MAX_IMPORTANCE_SAMPLES, k);
        lock.readLock().lock();
        try {
            BackendModel m = requireModel("logLikelihood");
            InputChecks.checkRows(x, "x", config.inputSize(), widthMeaning(),
                    config.likelihood() == Likelihood.BERNOULLI);
            return Estimators.logLikelihood(m, x, k);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * How much each latent dimension is used: the variance across the rows of x of its posterior mean E_q[z_j|x]
     * (Burda et al. 2015). A dimension the model ignores has the same posterior, the prior, for every row.
     *
     * @param x examples, {@code n x inputSize}, n at least 1
     * @return latentSize variances, in squared latent units
     * @throws IllegalArgumentException if x is empty, ragged, non-finite or of the wrong width
     * @throws IllegalStateException if the model has no input size yet
     */
    public double[] latentActivity(float[][] x) {
        lock.readLock().lock();
        try {
            BackendModel m = requireModel("latentActivity");
            InputChecks.checkRows(x, "x", config.inputSize(), widthMeaning(), false);
            checkArgument(x.length > 0, "x has no rows");
            return Estimators.latentActivity(m, x);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The number of active latent dimensions (Burda et al. 2015): those whose {@link #latentActivity} over x exceeds
     * 0.01. Fewer active units than the latent size is a sign of posterior collapse.
     *
     * @param x examples, {@code n x inputSize}, n at least 1
     * @return 0 to latentSize
     * @throws IllegalArgumentException if x is empty, ragged, non-finite or of the wrong width
     * @throws IllegalStateException if the model has no input size yet
     */
    public int activeUnits(float[][] x) {
        return Estimators.activeUnits(latentActivity(x));
    }

    // --------------------------------------------------------------------------------------------------- tables

    /** Importance samples per row of {@link #anomalyScores(Table)}. */
    public static final int DEFAULT_SCORE_SAMPLES = 100;

    /**
     * Trains a tabular model with its default plan. At the first fit the numeric columns' standardisation is fitted
     * on these rows (mean and standard deviation, after any log transform) and kept in the model.
     *
     * @param table rows of the model's schema, at least 1
     * @return the per-epoch history of this run
     * @throws IllegalStateException if the model has no schema
     * @throws IllegalArgumentException if the table's schema is not the model's, or it has no rows
     */
    public FitReport fit(Table table) {
        return fit(table, Training.defaults());
    }

    /**
     * Runs a training plan on a table of the model's schema; see {@link #fit(Table)}. Missing entries are left out of
     * the reconstruction term.
     *
     * @param table rows of the model's schema, at least 1
     * @param plan how to train; {@link Training.Builder#validation(Table)} gives validation rows
     * @return the per-epoch history of this run
     * @throws IllegalStateException if the model has no schema
     * @throws IllegalArgumentException if the table's schema is not the model's, or it has no rows
     */
    public FitReport fit(Table table, Training plan) {
        checkNotNull(table, "table");
        checkNotNull(plan, "training plan");
        lock.writeLock().lock();
        try {
            checkOpen();
            Schema schema = requireSchema("fit(Table)");
            checkTable(schema, table);
            checkArgument(table.rowCount() > 0, "the table has no rows");
            Scaling fitted = scaling != null ? scaling : fitScaling(schema, table.asSource());
            TabularEncoding encoding = new TabularEncoding(schema, fitted);
            Training resolved = plan;
            if (plan.validationTable().isPresent()) {
                Table v = plan.validationTable().get();
                checkTable(schema, v);
                resolved = plan.toBuilder().validation(encodeRows(encoding, v)).build();
            }
            float[][] rows = encodeRows(encoding, table);
            scaling = fitted;
            return train(DataSource.of(rows), schema.inputWidth(), resolved);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * How unusual each row is to a tabular model: -log p(x), estimated by importance weighting with
     * {@value #DEFAULT_SCORE_SAMPLES} samples (the IWAE bound of {@link #logLikelihood}), in nats; higher is more
     * unusual. A row's score depends on the row alone, not on the rows scored with it (up to float rounding, about
     * 1e-5 relative). Missing entries do not count. A row so far from the training data that p(x) underflows scores
     * positive infinity, the most anomalous value; no score is NaN.
     *
     * @param table rows of the model's schema
     * @return one score per row, nats
     * @throws IllegalStateException if the model has no schema or was never trained
     */
    public double[] anomalyScores(Table table) {
        return anomalyScores(table, DEFAULT_SCORE_SAMPLES);
    }

    /**
     * As {@link #anomalyScores(Table)}, with {@code k} importance samples a row: more is a tighter estimate and costs
     * k decoder passes a row.
     *
     * @param table rows of the model's schema
     * @param k importance samples per row, 1 to {@value #MAX_IMPORTANCE_SAMPLES}
     * @return one score per row, -log p(x) in nats
     * @throws IllegalStateException if the model has no schema or was never trained
     */
    public double[] anomalyScores(Table table, int k) {
        checkArgument(k >= 1 && k <= MAX_IMPORTANCE_SAMPLES, "importance samples k must be between 1 and %s, got %s",
                MAX_IMPORTANCE_SAMPLES, k);
        lock.readLock().lock();
        try {
            BackendModel m = requireModel("anomalyScores");
            float[][] rows = encodeRows(encoding("anomalyScores", table), table);
            double[] out = Estimators.logLikelihood(m, rows, k);
            for (int i = 0; i < out.length; i++) {
                out[i] = -out[i];
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Why each row looks the way it does to the model: each column's negative log-likelihood under the decoder at
     * the row's posterior mean, in nats (0 for a missing entry), largest first, and the KL divergence of its
     * posterior from the prior ({@link Explanation#latentNats()}). The columns an unusual row owes its reconstruction
     * term to come first.
     *
     * @param table rows of the model's schema
     * @return one explanation per row
     * @throws IllegalStateException if the model has no schema or was never trained
     */
    public List<Explanation> explain(Table table) {
        lock.readLock().lock();
        try {
            BackendModel m = requireModel("explain");
            Schema schema = config.schema();
            float[][] rows = encodeRows(encoding("explain", table), table);
            int width = config.inputSize();
            int latent = config.latentSize();
            int columns = schema.size();
            List<Explanation> out = new ArrayList<>(rows.length);
            int chunk = Math.max(1, Math.min(CHUNK_ROWS, rows.length));
            float[] in = new float[chunk * width];
            float[] z = new float[chunk * latent];
            float[] logVariance = new float[chunk * latent];
            double[] terms = new double[chunk * columns];
            double[] kl = new double[chunk];
            for (int from = 0; from < rows.length; from += CHUNK_ROWS) {
                int n = Math.min(CHUNK_ROWS, rows.length - from);
                InputChecks.pack(rows, null, from, n, width, in);
                m.encoder().encode(in, n, z, logVariance);
                m.prior().kl(z, logVariance, n, kl);
                m.decoder().logLikelihoodTerms(in, z, n, terms);
                for (int i = 0; i < n; i++) {
                    double[] nats = new double[columns];
                    for (int c = 0; c < columns; c++) {
                        nats[c] = -terms[i * columns + c];
                    }
                    out.add(Explanation.of(from + i, schema, nats, kl[i]));
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Fills the missing entries of a table with what the model expects there: the decoder's mean (numeric columns, in
     * their own units) or most probable level (binary and categorical columns), at the row's posterior mean given the
     * entries that are present. Present entries are kept as they are.
     *
     * @param table rows of the model's schema
     * @return the table with no missing entry
     * @throws IllegalStateException if the model has no schema or was never trained
     */
    public Table impute(Table table) {
        lock.readLock().lock();
        try {
            BackendModel m = requireModel("impute");
            TabularEncoding encoding = encoding("impute", table);
            Schema schema = config.schema();
            float[][] rows = encodeRows(encoding, table);
            float[][] means = reconstructEncoded(m, rows);
            Table.Builder b = Table.builder(schema);
            float[] raw = new float[schema.size()];
            float[] expected = new float[schema.size()];
            for (int r = 0; r < rows.length; r++) {
                table.rawRow(r, raw);
                encoding.decodeMean(means[r], 0, expected);
                for (int c = 0; c < raw.length; c++) {
                    if (Float.isNaN(raw[c])) {
                        raw[c] = expected[c];
                    }
                }
                b.addRaw(raw);
            }
            return b.build();
        } finally {
            lock.readLock().unlock();
        }
    }

    private float[][] reconstructEncoded(BackendModel m, float[][] rows) {
        int width = config.inputSize();
        int latent = config.latentSize();
        float[] in = new float[Math.max(1, Math.min(CHUNK_ROWS, rows.length)) * width];
        return decodeChecked(m, rows.length, (from, n, z) -> {
            InputChecks.pack(rows, null, from, n, width, in);
            m.encoder().encode(in, n, z, null);
        });
    }

    /**
     * Synthetic rows in the columns' own units and levels: z drawn from the prior, then each entry drawn from the
     * decoder's distribution p(x|z). Successive calls give new rows; the sequence is fixed by the seed.
     *
     * @param n rows, 0 or more
     * @return the rows
     * @throws IllegalStateException if the model has no schema or was never trained
     */
    public Table sampleTable(int n) {
        checkArgument(n >= 0, "number of samples must be >= 0, got %s", n);
        synchronized (samplingRandom) {
            return sampleTable(n, samplingRandom);
        }
    }

    /**
     * As {@link #sampleTable(int)}, with a seed of its own: the same seed gives the same rows.
     *
     * @param n rows, 0 or more
     * @param seed the seed of the draws
     * @return the rows
     * @throws IllegalStateException if the model has no schema or was never trained
     */
    public Table sampleTable(int n, long seed) {
        checkArgument(n >= 0, "number of samples must be >= 0, got %s", n);
        return sampleTable(n, new RandomStream(seed));
    }

    private Table sampleTable(int n, RandomStream random) {
        lock.readLock().lock();
        try {
            BackendModel m = requireModel("sampleTable");
            TabularEncoding encoding = encoding("sampleTable", null);
            Schema schema = config.schema();
            int width = config.inputSize();
            int latent = config.latentSize();
            Table.Builder b = Table.builder(schema);
            int chunk = Math.max(1, Math.min(CHUNK_ROWS, n));
            float[] z = new float[chunk * latent];
            float[] x = new float[chunk * width];
            float[] raw = new float[schema.size()];
            for (int from = 0; from < n; from += CHUNK_ROWS) {
                int rows = Math.min(CHUNK_ROWS, n - from);
                m.prior().sample(random, rows, z);
                m.decoder().sample(z, rows, random, x);
                for (int i = 0; i < rows; i++) {
                    encoding.decodeMean(x, i * width, raw);
                    b.addRaw(raw);
                }
            }
            return b.build();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The posterior means of a table's rows: an embedding of each row in the latent space.
     *
     * @param table rows of the model's schema
     * @return {@code rowCount x latentSize} means
     * @throws IllegalStateException if the model has no schema or was never trained
     */
    public float[][] encode(Table table) {
        lock.readLock().lock();
        try {
            requireModel("encode");
            return encode(encodeRows(encoding("encode", table), table));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * A table's rows encoded for the network (see {@link TabularEncoding}): what {@link #encode(float[][])},
     * {@link #elbo(float[][])} and {@link #logLikelihood(float[][], int)} take for a tabular model.
     *
     * @param table rows of the model's schema
     * @return {@code rowCount x inputSize} values
     * @throws IllegalStateException if the model has no schema or was never trained
     */
    public float[][] encodeRows(Table table) {
        lock.readLock().lock();
        try {
            return encodeRows(encoding("encodeRows", table), table);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return the columns of a tabular model, or {@code null} for other models */
    public Schema schema() {
        return config.schema();
    }

    /** @return a tabular model's fitted standardisation, or {@code null} before its first fit and for other models */
    public Scaling scaling() {
        return scaling;
    }

    private Schema requireSchema(String call) {
        Schema schema = config.schema();
        if (schema == null) {
            throw new IllegalStateException(call + " needs a model with a schema: Vae.builder().schema(...)");
        }
        return schema;
    }

    private static void checkTable(Schema schema, Table table) {
        checkArgument(table.schema().equals(schema), "the table's schema is not the model's: %s against %s",
                table.schema(), schema);
    }

    /** The encoding of a trained tabular model, after checking {@code table} (if any) against its schema. */
    private TabularEncoding encoding(String call, Table table) {
        Schema schema = requireSchema(call);
        if (table != null) {
            checkTable(schema, table);
        }
        if (scaling == null) {
            throw new IllegalStateException(call + " needs a trained model: fit(Table) fits the columns' scaling");
        }
        return new TabularEncoding(schema, scaling);
    }

    private static float[][] encodeRows(TabularEncoding encoding, Table table) {
        float[][] out = new float[table.rowCount()][encoding.schema().inputWidth()];
        float[] raw = new float[encoding.schema().size()];
        for (int r = 0; r < out.length; r++) {
            table.rawRow(r, raw);
            encoding.encode(raw, out[r], 0);
        }
        return out;
    }

    // ----------------------------------------------------------------------------------------------- components

    /**
     * @return the encoder q(z|x), which works on flat row-major arrays without the edge checks of this class
     * @throws IllegalStateException if the model has no input size yet
     */
    public Encoder encoder() {
        return requireModel("encoder").encoder();
    }

    /**
     * @return the decoder p(x|z)
     * @throws IllegalStateException if the model has no input size yet
     */
    public Decoder decoder() {
        return requireModel("decoder").decoder();
    }

    /**
     * @return the prior p(z)
     * @throws IllegalStateException if the model has no input size yet
     */
    public Prior prior() {
        return requireModel("prior").prior();
    }

    /**
     * @return the loss, -ELBO and the importance weights
     * @throws IllegalStateException if the model has no input size yet
     */
    public Loss loss() {
        return requireModel("loss").loss();
    }

    // ------------------------------------------------------------------------------------------------- metadata

    /** @return the architecture; its input size is 0 until known */
    public VaeConfig config() {
        return config;
    }

    /** @return the training settings a plan that leaves them unset takes */
    public TrainingDefaults trainingDefaults() {
        return defaults;
    }

    /** @return the model's optimiser, with its hyperparameters: the default of a plan that sets none */
    public Optimizer optimizer() {
        lock.readLock().lock();
        try {
            return optimizer;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * @return features per example
     * @throws IllegalStateException if not known yet (never fitted, no {@code inputSize} given)
     */
    public int inputSize() {
        requireModel("inputSize");
        return config.inputSize();
    }

    /** @return the latent dimension */
    public int latentSize() {
        return config.latentSize();
    }

    /** @return epochs completed over the model's life, across every {@code fit} */
    public int epochsCompleted() {
        return life.epochsCompleted;
    }

    /** @return the number of trainable parameters, 0 while the input size is unknown */
    public long parameterCount() {
        BackendModel m = model;
        return m == null ? 0 : m.parameterCount();
    }

    /**
     * @return what computes: the device, the engine and its settings (for the CPU: binary level, BLAS, threads,
     *     kernels; for CUDA: the GPU); or the backend's name and device while no model exists yet
     */
    public String backendDescription() {
        BackendModel m = model;
        return m == null ? backend.name() + " (" + backend.device() + ")" : m.description();
    }

    /** @return the device this model computes on, {@link Device#CPU} or {@link Device#CUDA} */
    public Device device() {
        return backend.device();
    }

    // ---------------------------------------------------------------------------------------------- persistence

    /**
     * Saves the model, its optimiser state and its provenance. The file is written to a temporary file in the same
     * folder and renamed over {@code path}, so a crash never leaves a half-written model.
     *
     * @param path the file to write
     * @throws IOException if writing fails
     * @throws IllegalStateException if the model has no input size yet
     * @throws IllegalArgumentException if the model exceeds the file format's limits (see
     *     {@link ModelFile}); nothing is written
     */
    public void save(Path path) throws IOException {
        checkNotNull(path, "path");
        lock.readLock().lock();
        try {
            ModelFile.write(path, snapshot(requireModel("save"), life.pendingRun));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Loads a model saved by {@link #save(Path)}, ready for inference and for further training.
     *
     * @param path the file to read
     * @return the model
     * @throws io.github.vae4j.io.ModelFormatException if the file is not a valid model file: truncated, corrupted,
     *     of a newer format or inconsistent
     * @throws IOException if reading fails
     * @throws BackendNotFoundException if no backend is on the class path
     */
    public static Vae load(Path path) throws IOException {
        return load(path, Device.AUTO);
    }

    /**
     * Loads a model saved by {@link #save(Path)} to compute on the given device: a model saved on one device loads
     * on the other and gives the same answers to float rounding.
     *
     * @param path the file to read
     * @param device where the model computes ({@link Vae.Builder#device(Device)} says how it is chosen)
     * @return the model
     * @throws io.github.vae4j.io.ModelFormatException if the file is not a valid model file: truncated, corrupted,
     *     of a newer format or inconsistent
     * @throws IOException if reading fails
     * @throws BackendNotFoundException if no backend is on the class path, or the device cannot be used here
     */
    public static Vae load(Path path, Device device) throws IOException {
        checkNotNull(path, "path");
        checkNotNull(device, "device");
        SavedModel saved = ModelFile.read(path);
        try {
            return fromSaved(saved, device);
        } catch (IllegalArgumentException e) {
            // a well-formed file whose parameters do not fit its own configuration
            throw new io.github.vae4j.io.ModelFormatException(path + " is inconsistent: " + e.getMessage(), e);
        }
    }

    /**
     * The model as the bytes of a model file, exactly what {@link #save(Path)} writes: for a model kept in memory,
     * a database or sent over a network (a Spark broadcast).
     *
     * @return the file's bytes
     * @throws IllegalStateException if the model was never trained or is closed
     */
    public byte[] toBytes() {
        lock.readLock().lock();
        try {
            return ModelFile.toBytes(snapshot(requireModel("save"), life.pendingRun));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Loads a model from the bytes of a model file, as {@link #load(Path)} loads a file.
     *
     * @param modelFile the bytes of a model file ({@link #toBytes()}, or a file's content)
     * @return the model
     * @throws io.github.vae4j.io.ModelFormatException if the bytes are not a valid model file
     * @throws IOException if the decoded model does not fit in memory
     * @throws BackendNotFoundException if no backend is on the class path
     */
    public static Vae fromBytes(byte[] modelFile) throws IOException {
        checkNotNull(modelFile, "model file bytes");
        SavedModel saved = ModelFile.fromBytes(modelFile);
        try {
            return fromSaved(saved, Device.AUTO);
        } catch (IllegalArgumentException e) {
            throw new io.github.vae4j.io.ModelFormatException("the model is inconsistent: " + e.getMessage(), e);
        }
    }

    /** @return the backend model, for the trainer's distributed workers; {@code null} before the first fit */
    BackendModel backendModel() {
        return model;
    }

    private static Vae fromSaved(SavedModel saved, Device device) {
        VaeBackend backend = Backends.get(device);
        Vae vae = new Vae(backend, saved.config(), saved.defaults(), saved.state().optimizer(), Checkpoints.NONE);
        vae.model = backend.restore(saved.config(), saved.state());
        vae.life = TrainingState.restored(saved.progress(), saved.provenance().trainingExamples(),
                saved.provenance().finalElbo());
        vae.scaling = saved.scaling();
        return vae;
    }

    private Vae(VaeBackend backend, VaeConfig config, TrainingDefaults defaults, Optimizer optimizer,
            Checkpoints checkpoints) {
        this.backend = backend;
        this.checkpoints = checkpoints;
        this.config = config;
        this.defaults = defaults;
        this.optimizer = optimizer;
        this.life = TrainingState.fresh(config.seed());
        this.samplingRandom = new RandomStream(config.seed()).split(SAMPLING_STREAM);
    }

    /** Ends the model: later calls fail with {@link IllegalStateException}, and its buffers are dropped. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                BackendModel m = model;
                model = null;
                if (m != null) {
                    m.close();
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Vae was closed");
        }
    }

    private BackendModel requireModel(String call) {
        checkOpen();
        BackendModel m = model;
        if (m == null) {
            throw new IllegalStateException(call + " needs the model's sizes: call fit first, or set "
                    + "inputSize(...) on the builder");
        }
        return m;
    }

    /** Where and how often training saves itself by default; not part of the model. */
    private record Checkpoints(Path file, int everyEpochs) {
        static final Checkpoints NONE = new Checkpoints(null, 0);
    }

    /** What the row width is, for messages: the input size, or the image shape that fixes it. */
    private String widthMeaning() {
        return config.isImage() ? "height x width x channels of the image shape " + config.image()
                : "the model's input size";
    }

    static String describeArchitecture(VaeConfig c) {
        StringBuilder s = new StringBuilder();
        if (c.isImage()) {
            s.append(c.image());
            for (int f : c.convolutions().filters()) {
                s.append("-conv").append(f);
            }
            if (!c.convolutions().isEmpty()) {
                Convolutions conv = c.convolutions();
                s.append('(').append(conv.kernelSize()).append('/').append(conv.stride()).append(' ')
                        .append(conv.padding()).append(')');
            }
        } else {
            s.append(c.inputSize());
        }
        for (int h : c.hiddenSizes()) {
            s.append('-').append(h);
        }
        return s.append('-').append(c.latentSize()).append(' ').append(c.likelihood()).toString();
    }

    @Override
    public String toString() {
        return "Vae[" + (config.hasInputSize() ? describeArchitecture(config) : "input size unknown, latent "
                + config.latentSize()) + ", epochs completed " + life.epochsCompleted + "]";
    }

    // -------------------------------------------------------------------------------------------------- builder

    /**
     * Configures a {@link Vae}. Each setter rejects an impossible value at once with
     * {@link IllegalArgumentException}; {@link #build()} checks the whole.
     */
    public static final class Builder {

        private int inputSize;
        private int latent = 10;
        private int[] hidden;
        private ImageShape image;
        /** Each setter replaces it with a copy, so that {@link Convolutions} alone validates the values. */
        private Convolutions convolutions = Convolutions.NONE;
        private Likelihood likelihood = Likelihood.BERNOULLI;
        private Schema schema;
        private GaussianVariance gaussianVariance = GaussianVariance.learned();
        /** The training defaults, validated by the plan's own setters. */
        private final Training.Builder defaults = Training.builder();
        private Optimizer optimizer = Optimizer.adam(1e-3);
        private long seed = 42;
        private Checkpoints checkpoints = Checkpoints.NONE;
        private Device device = Device.AUTO;

        private Builder() {
        }

        /**
         * Where the model computes. {@link Device#AUTO}, the default, uses a usable GPU when the CUDA backend
         * ({@code io.github.vae4j:vae-cuda}) is on the class path, else the CPU, and logs one line saying which and
         * why; at {@code AUTO} the system property {@value Device#DEVICE_PROPERTY} or the environment variable
         * {@value Device#DEVICE_ENV} may name the device instead. {@link Device#CPU} and {@link Device#CUDA} insist:
         * {@link #build()} then fails with a {@link BackendNotFoundException} naming the cause (no {@code vae-cuda}
         * on the class path, no driver, no device, no CUDA runtime) and what to add. The device is not part of the
         * model: a model saved on one loads on the other.
         *
         * @param value the device
         * @return this builder
         */
        public Builder device(Device value) {
            this.device = checkNotNull(value, "device");
            return this;
        }

        /**
         * Saves the model, with its optimiser state, random streams and the run's progress, to {@code file} after
         * every {@code everyEpochs} epochs and at the end of each run, unless a {@link Training} plan sets its own
         * checkpoint. Each save is atomic, so the file always holds the last complete checkpoint, whatever stops
         * training (an exception, an interrupt, a killed process); {@link Vae#load(Path)} resumes from it, and
         * {@code fit} with the same data and plan continues the run, giving the same model as an uninterrupted run.
         *
         * @param file the checkpoint file, replaced at each save
         * @param everyEpochs how often, in epochs; positive
         * @return this builder
         */
        public Builder checkpoint(Path file, int everyEpochs) {
            defaults.checkpoint(file, everyEpochs);
            this.checkpoints = new Checkpoints(file, everyEpochs);
            return this;
        }

        /**
         * @param size features per example; optional, otherwise taken from the first {@code fit}
         * @return this builder
         */
        public Builder inputSize(int size) {
            checkArgument(size > 0 && size <= VaeConfig.MAX_LAYER_SIZE, "input size must be between 1 and %s, got %s",
                    VaeConfig.MAX_LAYER_SIZE, size);
            this.inputSize = size;
            return this;
        }

        /**
         * @param size dimension of the latent space; default 10
         * @return this builder
         */
        public Builder latent(int size) {
            checkArgument(size > 0 && size <= VaeConfig.MAX_LAYER_SIZE, "latent size must be between 1 and %s, got %s",
                    VaeConfig.MAX_LAYER_SIZE, size);
            this.latent = size;
            return this;
        }

        /**
         * @param sizes widths of the encoder's dense hidden layers, input side first, after any convolutions (the
         *     decoder mirrors them); none for a linear encoder and decoder; default 512, 384, 256, or 256 for a
         *     model with convolutions
         * @return this builder
         */
        public Builder hidden(int... sizes) {
            checkNotNull(sizes, "hidden sizes");
            for (int i = 0; i < sizes.length; i++) {
                checkArgument(sizes[i] > 0 && sizes[i] <= VaeConfig.MAX_LAYER_SIZE,
                        "hidden layer %s size must be between 1 and %s, got %s", i, VaeConfig.MAX_LAYER_SIZE, sizes[i]);
            }
            this.hidden = sizes.clone();
            return this;
        }

        /**
         * Declares that examples are images of this shape, each a row of {@code height * width * channels} values
         * in row-major, channels-last order (see {@link ImageShape}). It sets the input size, and is needed by
         * {@link #conv(int...)}.
         *
         * @param height rows of pixels, positive
         * @param width columns of pixels, positive
         * @param channels values per pixel, positive (1 for grey, 3 for RGB)
         * @return this builder
         */
        public Builder image(int height, int width, int channels) {
            this.image = new ImageShape(height, width, channels);
            return this;
        }

        /**
         * Adds a convolutional encoder and a mirrored transposed-convolution decoder (see {@link Convolutions}):
         * one convolution with ReLU per entry, input side first, before the dense hidden layers. Needs
         * {@link #image(int, int, int)}. The defaults, kernel 3, stride 2 and {@link Convolutions.Padding#SAME},
         * halve the height and width at each layer: {@code image(28, 28, 1).conv(32, 64)} gives 14x14x32, then
         * 7x7x64.
         *
         * @param filters output channels of each convolution, each positive; none for a dense model (the default)
         * @return this builder
         */
        public Builder conv(int... filters) {
            checkNotNull(filters, "convolution filters");
            Convolutions c = convolutions;
            this.convolutions = new Convolutions(Ints.asList(filters), c.kernelSize(), c.stride(), c.padding());
            return this;
        }

        /**
         * @param size height and width of every convolution kernel, in pixels, 1 to {@link Convolutions#MAX_KERNEL};
         *     default 3
         * @return this builder
         */
        public Builder convKernel(int size) {
            Convolutions c = convolutions;
            this.convolutions = new Convolutions(c.filters(), size, c.stride(), c.padding());
            return this;
        }

        /**
         * @param step stride of every convolution in both directions, in pixels, 1 to
         *     {@link Convolutions#MAX_KERNEL}; default 2
         * @return this builder
         */
        public Builder convStride(int step) {
            Convolutions c = convolutions;
            this.convolutions = new Convolutions(c.filters(), c.kernelSize(), step, c.padding());
            return this;
        }

        /**
         * @param padding how every convolution treats the border; default {@link Convolutions.Padding#SAME}
         * @return this builder
         */
        public Builder convPadding(Convolutions.Padding padding) {
            Convolutions c = convolutions;
            this.convolutions = new Convolutions(c.filters(), c.kernelSize(), c.stride(), padding);
            return this;
        }

        /**
         * Makes a tabular model of these columns: one likelihood per column ({@link Likelihood#TABULAR}), the input
         * size fixed by the schema. It trains on tables ({@link Vae#fit(Table)}).
         *
         * @param columns the schema, for example {@code Table.inferSchema(path)}
         * @return this builder
         */
        public Builder schema(Schema columns) {
            this.schema = checkNotNull(columns, "schema");
            this.likelihood = Likelihood.TABULAR;
            return this;
        }

        /**
         * @param likelihood the decoder's distribution; default {@link Likelihood#BERNOULLI}
         * @return this builder
         */
        public Builder likelihood(Likelihood likelihood) {
            this.likelihood = checkNotNull(likelihood, "likelihood");
            return this;
        }

        /**
         * @param variance how a Gaussian decoder's variance is obtained; default learned with floor 1e-3
         * @return this builder
         */
        public Builder gaussianVariance(GaussianVariance variance) {
            this.gaussianVariance = checkNotNull(variance, "Gaussian variance");
            return this;
        }

        /**
         * @param weight weight of the KL term in the training loss, finite and >= 0; default 1 (the plain ELBO); the
         *     default of {@link Training.Builder#beta(double)}
         * @return this builder
         */
        public Builder beta(double weight) {
            defaults.beta(weight);
            return this;
        }

        /**
         * @param maxNorm the global L2 norm a step's gradient is scaled down to when larger, positive; the default of
         *     {@link Training.Builder#clipGradientNorm(double)}; default none, or
         *     {@value TrainingDefaults#TABULAR_CLIP_NORM} for a model with a schema
         * @return this builder
         */
        public Builder clipGradientNorm(double maxNorm) {
            defaults.clipGradientNorm(maxNorm);
            return this;
        }

        /**
         * @param count passes over the data per {@code fit}, >= 0; default 10; the default of
         *     {@link Training.Builder#epochs(int)}
         * @return this builder
         */
        public Builder epochs(int count) {
            defaults.epochs(count);
            return this;
        }

        /**
         * @param size examples per gradient step, positive; default 100; the default of
         *     {@link Training.Builder#batchSize(int)}
         * @return this builder
         */
        public Builder batchSize(int size) {
            defaults.batchSize(size);
            return this;
        }

        /**
         * @param rate the step size of the model's first optimiser, Adam, positive and finite; default 1e-3; a plan
         *     may set another {@link Training.Builder#optimizer(Optimizer)}
         * @return this builder
         */
        public Builder learningRate(double rate) {
            this.optimizer = Optimizer.adam(rate);
            return this;
        }

        /**
         * @param value the seed of initial weights, shuffling, the validation split and sampling; default 42
         * @return this builder
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** @return the architecture this builder describes */
        public VaeConfig config() {
            List<Integer> sizes = new ArrayList<>();
            int[] dense = hidden != null ? hidden : convolutions.isEmpty() ? new int[] {512, 384, 256} : new int[] {256};
            Arrays.stream(dense).forEach(sizes::add);
            return new VaeConfig(schema != null ? 0 : inputSize, latent, sizes, image, convolutions, likelihood,
                    gaussianVariance, seed, schema);
        }

        /** @return the training settings this builder describes, the defaults of a plan that leaves them unset */
        public TrainingDefaults trainingDefaults() {
            Training plan = defaults.build();
            TrainingDefaults standard = TrainingDefaults.STANDARD;
            double clip = plan.clipGradientNorm() > 0 ? plan.clipGradientNorm()
                    : schema != null ? TrainingDefaults.TABULAR_CLIP_NORM : 0;
            return new TrainingDefaults(plan.epochs().orElse(standard.epochs()),
                    plan.batchSize().orElse(standard.batchSize()), plan.beta().orElse(standard.beta()), clip);
        }

        /**
         * Builds the model, with its parameters initialised now if the input size is known.
         *
         * @return the untrained model
         * @throws BackendNotFoundException if no backend is on the class path, or the {@link #device(Device)} asked
         *     for cannot be used here
         */
        public Vae build() {
            VaeConfig c = config();
            Vae vae = new Vae(Backends.get(device), c, trainingDefaults(), optimizer, checkpoints);
            if (c.hasInputSize()) {
                vae.model = vae.backend.create(c, vae.optimizer);
            }
            return vae;
        }
    }
}

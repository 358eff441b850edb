package io.github.vae4j;

import io.github.vae4j.internal.InputChecks;
import io.github.vae4j.internal.Versions;
import io.github.vae4j.io.Provenance;
import io.github.vae4j.io.RunProgress;
import io.github.vae4j.io.SavedModel;
import io.github.vae4j.io.TrainingDefaults;
import io.github.vae4j.spi.BackendModel;
import io.github.vae4j.spi.RandomStream;
import io.github.vae4j.spi.VaeBackend;
import io.github.vae4j.tabular.Scaling;
import io.github.vae4j.training.TrainingState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one {@link Vae} holds, shared by the pieces its facade delegates to ({@link FitSession}, {@link Inference},
 * {@link TableMethods}, {@link Persistence}): the backend, the model once its sizes are known, the architecture and
 * training defaults, the life of its training, a tabular model's scaling, and the lock that guards them. Inference
 * runs under the read lock, training and closing under the write lock ({@link #read}, {@link #write}); the pieces
 * assume the caller holds the lock they need.
 */
final class VaeState {

    private static final Logger LOG = LoggerFactory.getLogger(Vae.class);
    private static final long SAMPLING_STREAM = 4;

    final VaeBackend backend;
    /** Where and how often training saves itself by default; not part of the model. */
    final Checkpoints checkpoints;
    final TrainingDefaults defaults;
    /** The stream of {@code sample(n)} and {@code sampleTable(n)}; synchronise on it to draw. */
    final RandomStream samplingRandom;
    private final ReadWriteLock lock = new ReentrantReadWriteLock(true);

    VaeConfig config;
    /** The model's optimiser: its kind and hyperparameters, the default of a plan that sets none. */
    Optimizer optimizer;
    volatile BackendModel model;
    TrainingState life;
    /** A tabular model's fitted standardisation, {@code null} until its first fit (and for other models). */
    Scaling scaling;
    private boolean closed;

    VaeState(VaeBackend backend, VaeConfig config, TrainingDefaults defaults, Optimizer optimizer,
            Checkpoints checkpoints) {
        this.backend = backend;
        this.checkpoints = checkpoints;
        this.config = config;
        this.defaults = defaults;
        this.optimizer = optimizer;
        this.life = TrainingState.fresh(config.seed());
        this.samplingRandom = new RandomStream(config.seed()).split(SAMPLING_STREAM);
    }

    /** A call made under one of the locks; it may throw a checked exception. */
    interface Locked<T, E extends Exception> {
        T call() throws E;
    }

    /** Runs {@code call} under the read lock: inference, any number at once. */
    <T, E extends Exception> T read(Locked<T, E> call) throws E {
        lock.readLock().lock();
        try {
            return call.call();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code call} under the write lock, on an open model: training, alone. */
    <T, E extends Exception> T write(Locked<T, E> call) throws E {
        lock.writeLock().lock();
        try {
            checkOpen();
            return call.call();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Ends the model once: later calls fail, and its buffers are dropped. */
    void close() {
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

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Vae was closed");
        }
    }

    /** @return the backend model, for a call that needs the model's sizes */
    BackendModel requireModel(String call) {
        checkOpen();
        BackendModel m = model;
        if (m == null) {
            throw new IllegalStateException(call + " needs the model's sizes: call fit first, or set "
                    + "inputSize(...) on the builder");
        }
        return m;
    }

    /** Creates the backend model on the first fit, now that the width is known. Write lock held. */
    void ensureModel(int width) {
        if (model == null) {
            config = config.withInputSize(width - config.conditions());
            model = backend.create(config, optimizer);
            LOG.info("vae4j model {} with {} parameters on {}", describeArchitecture(config),
                    model.parameterCount(), model.description());
        }
    }

    /** The model as a model file holds it, with the run in progress (or {@code null}). */
    SavedModel snapshot(BackendModel m, RunProgress run) {
        Provenance provenance = new Provenance(Versions.library(), System.getProperty("java.version"),
                m.description(), life.trainingExamples, life.epochsCompleted, config.seed(), life.lastElbo,
                Instant.now());
        return new SavedModel(config, defaults, provenance, m.state(), life.progress(run), scaling);
    }

    /**
     * @param width values per row, a condition's included
     * @return how many leading values of a row must lie in [0, 1]: a Bernoulli model's targets, not its condition;
     *     0 for other likelihoods
     */
    int unitColumns(int width) {
        return config.likelihood() == Likelihood.BERNOULLI ? Math.max(0, width - config.conditions()) : 0;
    }

    /**
     * Checks rows of data at the edge: present, of the width, finite ({@link InputChecks#checkRows}), in [0, 1] for a
     * Bernoulli model, and in the support of a host's likelihood ({@link Likelihood#accepts}). Rows that carry a
     * condition after the example have it checked as finite only.
     *
     * @param carryCondition whether each row is the example followed by its condition
     * @return the rows' width
     * @throws IllegalArgumentException naming the row, column and value at fault
     */
    int checkRows(float[][] rows, String name, int expectedWidth, String meaning, boolean carryCondition) {
        int examples = carryCondition ? expectedWidth - config.conditions() : expectedWidth;
        int unit = config.likelihood() != Likelihood.BERNOULLI ? 0 : examples < 0 ? Integer.MAX_VALUE : examples;
        int width = InputChecks.checkRows(rows, name, expectedWidth, meaning, unit);
        if (config.hasCustomLikelihood()) {
            Likelihood l = config.likelihood();
            int checked = carryCondition ? width - config.conditions() : width;
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < checked; c++) {
                    if (!l.accepts(rows[r][c])) {
                        throw new IllegalArgumentException(name + " row " + r + ", column " + c + " is " + rows[r][c]
                                + ": the likelihood " + l.name() + " takes " + l.support());
                    }
                }
            }
        }
        return width;
    }

    /** {@link #checkRows(float[][], String, int, String, boolean)} for rows of examples alone. */
    int checkRows(float[][] rows, String name, int expectedWidth, String meaning) {
        return checkRows(rows, name, expectedWidth, meaning, false);
    }

    /** What the row width is, for messages: the input size, or the image shape that fixes it. */
    String widthMeaning() {
        return config.isImage() ? "height x width x channels of the image shape " + config.image()
                : "the model's input size";
    }

    /** What a row the backend receives is, for messages: the example, then a conditional model's condition. */
    String rowMeaning() {
        return config.isConditional() ? widthMeaning() + " plus the " + config.conditions() + " values of the "
                + "condition that follows each example" : widthMeaning();
    }

    /** @return the input size a row must have, or -1 while it is unknown */
    int expectedWidth() {
        return config.hasInputSize() ? config.inputSize() : -1;
    }

    /**
     * An architecture in one line, for logs: {@code 784-512-256-10 BERNOULLI}; a conditional model's as
     * {@code 784+10 given-512-256-2 BERNOULLI}.
     */
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
        if (c.isConditional()) {
            s.append('+').append(c.conditions()).append(" given");
        }
        for (int h : c.hiddenSizes()) {
            s.append('-').append(h);
        }
        return s.append('-').append(c.latentSize()).append(' ').append(c.likelihood()).toString();
    }

    /** Where and how often training saves itself by default; not part of the model. */
    record Checkpoints(Path file, int everyEpochs) {
        static final Checkpoints NONE = new Checkpoints(null, 0);
    }
}

package io.github.vae4j;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import io.github.vae4j.tabular.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A plan for one training run: how a model is trained, apart from what the model is ({@link Vae.Builder}). Passed
 * to {@link Vae#fit(float[][], Training)} or {@link Vae#fit(DataSource, Training)}; immutable, so one plan can train
 * many models.
 *
 * <pre>{@code
 * Training plan = Training.builder()
 *         .epochs(100)
 *         .optimizer(Optimizer.adam(1e-3))
 *         .learningRateSchedule(LearningRateSchedule.cosine(500, 0.01))
 *         .klWarmup(5_000)                 // beta rises from 0 over the first 5,000 steps
 *         .freeBits(0.1)                   // nats per latent dimension
 *         .validationFraction(0.1)         // 10% of the rows held out, chosen from the model's seed
 *         .earlyStopping(5)                // stop after 5 epochs without a better validation ELBO
 *         .build();
 * FitReport report = vae.fit(rows, plan);
 * }</pre>
 *
 * <p>Options left unset take the model's defaults: the epochs, batch size and beta given to {@link Vae.Builder} (or
 * read from the model file), and the model's optimiser: Adam at the builder's learning rate for a new model, the
 * optimiser of the last run for a trained one. Every setter rejects an impossible value at the call with
 * {@link IllegalArgumentException}; {@link Builder#build()} rejects impossible combinations.
 */
public final class Training {

    private final Integer epochs;
    private final Integer batchSize;
    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private final Double beta;
    private final int klWarmupSteps;
    private final double freeBits;
    private final double clipGradientNorm;
    private final float[][] validation;
    private final Table validationTable;
    private final double validationFraction;
    private final int patience;
    private final double minImprovement;
    private final Integer shuffleBuffer;
    private final List<TrainingListener> listeners;
    private final Path checkpointFile;
    private final int checkpointEvery;

    private Training(Builder b) {
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.optimizer = b.optimizer;
        this.schedule = b.schedule;
        this.beta = b.beta;
        this.klWarmupSteps = b.klWarmupSteps;
        this.freeBits = b.freeBits;
        this.clipGradientNorm = b.clipGradientNorm;
        this.validation = b.validation;
        this.validationTable = b.validationTable;
        this.validationFraction = b.validationFraction;
        this.patience = b.patience;
        this.minImprovement = b.minImprovement;
        this.shuffleBuffer = b.shuffleBuffer;
        this.listeners = ImmutableList.copyOf(b.listeners);
        this.checkpointFile = b.checkpointFile;
        this.checkpointEvery = b.checkpointEvery;
    }

    /** @return a builder with every option unset */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a plan with every option unset: the model's defaults */
    public static Training defaults() {
        return new Builder().build();
    }

    /** @return a builder that starts from this plan's options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.optimizer = optimizer;
        b.schedule = schedule;
        b.beta = beta;
        b.klWarmupSteps = klWarmupSteps;
        b.freeBits = freeBits;
        b.clipGradientNorm = clipGradientNorm;
        b.validation = validation;
        b.validationTable = validationTable;
        b.validationFraction = validationFraction;
        b.patience = patience;
        b.minImprovement = minImprovement;
        b.shuffleBuffer = shuffleBuffer;
        b.listeners.addAll(listeners);
        b.checkpointFile = checkpointFile;
        b.checkpointEvery = checkpointEvery;
        return b;
    }

    /** @return the most epochs of the run, if set */
    public OptionalInt epochs() {
        return epochs == null ? OptionalInt.empty() : OptionalInt.of(epochs);
    }

    /** @return examples per gradient step, if set */
    public OptionalInt batchSize() {
        return batchSize == null ? OptionalInt.empty() : OptionalInt.of(batchSize);
    }

    /** @return the optimiser, if set */
    public Optional<Optimizer> optimizer() {
        return Optional.ofNullable(optimizer);
    }

    /** @return the learning-rate schedule; {@link LearningRateSchedule#constant()} unless set */
    public LearningRateSchedule learningRateSchedule() {
        return schedule;
    }

    /** @return the weight of the KL term after any warm-up, if set */
    public OptionalDouble beta() {
        return beta == null ? OptionalDouble.empty() : OptionalDouble.of(beta);
    }

    /** @return steps over which beta rises linearly from 0; 0 for none */
    public int klWarmupSteps() {
        return klWarmupSteps;
    }

    /** @return the free-bits floor in nats per latent dimension; 0 for none */
    public double freeBits() {
        return freeBits;
    }

    /** @return the largest global L2 norm of a step's gradient; 0 for no clipping */
    public double clipGradientNorm() {
        return clipGradientNorm;
    }

    /** @return the validation rows given with {@link Builder#validation(float[][])}, if any; not a copy */
    public Optional<float[][]> validation() {
        return Optional.ofNullable(validation);
    }

    /** @return the validation rows of a tabular model given with {@link Builder#validation(Table)}, if any */
    public Optional<Table> validationTable() {
        return Optional.ofNullable(validationTable);
    }

    /** @return the fraction of the training rows held out for validation; 0 for none */
    public double validationFraction() {
        return validationFraction;
    }

    /** @return whether the run validates after each epoch */
    public boolean validates() {
        return validation != null || validationTable != null || validationFraction > 0;
    }

    /** @return epochs without a better validation ELBO before training stops; 0 for no early stopping */
    public int earlyStoppingPatience() {
        return patience;
    }

    /** @return how much better, in nats per example, a validation ELBO must be to count as better */
    public double earlyStoppingMinImprovement() {
        return minImprovement;
    }

    /** @return rows in the shuffle buffer of a streamed source, if set */
    public OptionalInt shuffleBuffer() {
        return shuffleBuffer == null ? OptionalInt.empty() : OptionalInt.of(shuffleBuffer);
    }

    /** @return the listeners, in the order they were added */
    public List<TrainingListener> listeners() {
        return listeners;
    }

    /** @return the checkpoint file, if set */
    public Optional<Path> checkpointFile() {
        return Optional.ofNullable(checkpointFile);
    }

    /** @return epochs between checkpoints; 0 without a checkpoint file */
    public int checkpointEvery() {
        return checkpointEvery;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Training[");
        if (epochs != null) {
            s.append("epochs ").append(epochs).append(", ");
        }
        if (batchSize != null) {
            s.append("batch ").append(batchSize).append(", ");
        }
        if (optimizer != null) {
            s.append(optimizer).append(", ");
        }
        s.append("schedule ").append(schedule);
        if (beta != null) {
            s.append(", beta ").append(beta);
        }
        if (klWarmupSteps > 0) {
            s.append(", KL warm-up ").append(klWarmupSteps).append(" steps");
        }
        if (freeBits > 0) {
            s.append(", free bits ").append(freeBits);
        }
        if (clipGradientNorm > 0) {
            s.append(", clip norm ").append(clipGradientNorm);
        }
        if (validation != null) {
            s.append(", validation ").append(validation.length).append(" rows");
        }
        if (validationFraction > 0) {
            s.append(", validation fraction ").append(validationFraction);
        }
        if (patience > 0) {
            s.append(", early stopping ").append(patience);
        }
        return s.append(']').toString();
    }

    /**
     * Builds a {@link Training} plan. Each setter rejects an impossible value at once.
     */
    public static final class Builder {

        private Integer epochs;
        private Integer batchSize;
        private Optimizer optimizer;
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private Double beta;
        private int klWarmupSteps;
        private double freeBits;
        private double clipGradientNorm;
        private float[][] validation;
        private Table validationTable;
        private double validationFraction;
        private int patience;
        private double minImprovement;
        private Integer shuffleBuffer;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private Path checkpointFile;
        private int checkpointEvery;

        private Builder() {
        }

        /**
         * @param count the most passes over the data, >= 0 (early stopping may end the run sooner); default the
         *     model's
         * @return this builder
         */
        public Builder epochs(int count) {
            checkArgument(count >= 0, "epochs must be >= 0, got %s", count);
            this.epochs = count;
            return this;
        }

        /**
         * @param size examples per gradient step, positive; default the model's
         * @return this builder
         */
        public Builder batchSize(int size) {
            checkArgument(size > 0, "batch size must be positive, got %s", size);
            this.batchSize = size;
            return this;
        }

        /**
         * @param value the optimiser and its hyperparameters; default the model's
         * @return this builder
         */
        public Builder optimizer(Optimizer value) {
            this.optimizer = checkNotNull(value, "optimizer");
            return this;
        }

        /**
         * @param value how the learning rate changes within the run; default constant
         * @return this builder
         */
        public Builder learningRateSchedule(LearningRateSchedule value) {
            this.schedule = checkNotNull(value, "learning rate schedule");
            return this;
        }

        /**
         * @param weight the weight of the KL term in the training objective (after any warm-up), finite and >= 0;
         *     default the model's
         * @return this builder
         */
        public Builder beta(double weight) {
            checkArgument(Double.isFinite(weight) && weight >= 0, "beta must be finite and >= 0, got %s", weight);
            this.beta = weight;
            return this;
        }

        /**
         * KL warm-up (Bowman et al. 2016; Sønderby et al. 2016): the weight of the KL term rises linearly from 0 at
         * the run's first step to beta at step {@code steps}, and stays there. Against posterior collapse: the decoder
         * learns to use z before the KL term pulls q(z|x) to the prior.
         *
         * @param steps steps of warm-up, >= 0; 0 for none (the default)
         * @return this builder
         */
        public Builder klWarmup(int steps) {
            checkArgument(steps >= 0, "KL warm-up must be >= 0 steps, got %s", steps);
            this.klWarmupSteps = steps;
            return this;
        }

        /**
         * Free bits (Kingma et al. 2016): the training objective counts max(lambda, KL_j) for each latent dimension j,
         * with KL_j the batch mean of that dimension's KL, so no dimension is pushed below lambda nats: gradients flow
         * only through dimensions above the floor. Reported ELBOs stay the true ELBO.
         *
         * @param natsPerDimension lambda, finite and >= 0; 0 for none (the default)
         * @return this builder
         */
        public Builder freeBits(double natsPerDimension) {
            checkArgument(Double.isFinite(natsPerDimension) && natsPerDimension >= 0,
                    "free bits must be finite and >= 0 nats per dimension, got %s", natsPerDimension);
            this.freeBits = natsPerDimension;
            return this;
        }

        /**
         * Scales a step's whole gradient down to this global L2 norm when it is larger (Pascanu et al. 2013).
         *
         * @param maxNorm positive and finite
         * @return this builder
         */
        public Builder clipGradientNorm(double maxNorm) {
            checkArgument(Double.isFinite(maxNorm) && maxNorm > 0, "gradient norm limit must be positive and finite, "
                    + "got %s", maxNorm);
            this.clipGradientNorm = maxNorm;
            return this;
        }

        /**
         * Rows to validate on after each epoch: {@link EpochReport#validationElbo()} is the mean of
         * {@link Vae#elbo(float[][])} over them. Not copied; checked when {@code fit} starts.
         *
         * @param rows {@code n x inputSize}, n at least 1
         * @return this builder
         */
        public Builder validation(float[][] rows) {
            checkNotNull(rows, "validation rows");
            checkArgument(rows.length > 0, "validation data has no rows");
            this.validation = rows;
            this.validationTable = null;
            return this;
        }

        /**
         * Rows of a tabular model's columns to validate on after each epoch, as {@link #validation(float[][])} for
         * other models. Replaces validation rows given before.
         *
         * @param rows a table of the model's schema, at least 1 row
         * @return this builder
         */
        public Builder validation(Table rows) {
            checkNotNull(rows, "validation table");
            checkArgument(rows.rowCount() > 0, "validation table has no rows");
            this.validationTable = rows;
            this.validation = null;
            return this;
        }

        /**
         * Holds out a fraction of the training rows for validation: each row independently, with this probability,
         * by a hash of the model's seed and the row's position in the data, so the split is the same in every epoch
         * and every run with the same seed, and costs no memory for streamed sources.
         *
         * @param fraction in (0, 1)
         * @return this builder
         */
        public Builder validationFraction(double fraction) {
            checkArgument(fraction > 0 && fraction < 1, "validation fraction must be in (0, 1), got %s", fraction);
            this.validationFraction = fraction;
            return this;
        }

        /**
         * Stops when the validation ELBO has not improved for {@code patience} epochs in a row, and leaves the model
         * with the parameters (and optimiser state) of its best validation epoch. Needs validation data.
         *
         * @param epochs patience, positive
         * @return this builder
         */
        public Builder earlyStopping(int epochs) {
            return earlyStopping(epochs, 0);
        }

        /**
         * As {@link #earlyStopping(int)}, counting only improvements larger than {@code minImprovement}.
         *
         * @param epochs patience, positive
         * @param minImprovement nats per example, finite and >= 0
         * @return this builder
         */
        public Builder earlyStopping(int epochs, double minImprovement) {
            checkArgument(epochs > 0, "early stopping patience must be a positive number of epochs, got %s", epochs);
            checkArgument(Double.isFinite(minImprovement) && minImprovement >= 0,
                    "early stopping's minimum improvement must be finite and >= 0 nats, got %s", minImprovement);
            this.patience = epochs;
            this.minImprovement = minImprovement;
            return this;
        }

        /**
         * How many rows a streamed source is shuffled through: each batch draws its rows at random from a buffer of
         * this many (a rolling shuffle, as in tf.data), so memory does not depend on the source's size. In-memory
         * data is always shuffled exactly. The default holds 16 MiB of rows (at least one batch).
         *
         * @param rows positive
         * @return this builder
         */
        public Builder shuffleBuffer(int rows) {
            checkArgument(rows > 0, "shuffle buffer must hold a positive number of rows, got %s", rows);
            this.shuffleBuffer = rows;
            return this;
        }

        /**
         * Adds a listener; several may be added, and are called in order.
         *
         * @param listener receives per-step and per-epoch reports
         * @return this builder
         */
        public Builder listener(TrainingListener listener) {
            listeners.add(checkNotNull(listener, "listener"));
            return this;
        }

        /**
         * Saves the model, with its optimiser state, random streams and the run's progress, to {@code file} after
         * every {@code everyEpochs} epochs and at the end of the run; each save is atomic. {@link Vae#load} of a
         * checkpoint written before the run's end, then {@code fit} with the same plan and data, continues the run
         * and gives the same model as an uninterrupted run. Replaces a checkpoint set on {@link Vae.Builder}.
         *
         * @param file the checkpoint file, replaced at each save
         * @param everyEpochs positive
         * @return this builder
         */
        public Builder checkpoint(Path file, int everyEpochs) {
            checkNotNull(file, "checkpoint file");
            checkArgument(everyEpochs > 0, "checkpoint interval must be a positive number of epochs, got %s",
                    everyEpochs);
            this.checkpointFile = file;
            this.checkpointEvery = everyEpochs;
            return this;
        }

        /**
         * @return the plan
         * @throws IllegalArgumentException if both validation rows and a validation fraction are set, or early
         *     stopping is set without either
         */
        public Training build() {
            boolean rows = validation != null || validationTable != null;
            checkArgument(!rows || validationFraction == 0,
                    "give validation rows or a validation fraction, not both");
            checkArgument(patience == 0 || rows || validationFraction > 0,
                    "early stopping needs validation data: set validation(rows) or validationFraction(f)");
            return new Training(this);
        }
    }
}

package io.github.vae4j.io;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.OptionalLong;

/**
 * The training settings a model uses when a {@link io.github.vae4j.Training} plan leaves them unset, as given to
 * {@link io.github.vae4j.Vae.Builder}; saved in the model file so that {@code fit(data)} trains a loaded model as it
 * trained the saved one. The default optimiser is the model's own, saved with its state.
 *
 * @param epochs passes over the data per run, >= 0, or {@link #EPOCHS_BY_DATA} (the default of tabular models)
 * @param batchSize examples per gradient step, positive
 * @param beta weight of the KL term in the training objective, finite and >= 0
 * @param clipGradientNorm the largest global L2 norm of a step's gradient, positive; 0 for no clipping (the default
 *     of tabular models is {@value #TABULAR_CLIP_NORM})
 */
public record TrainingDefaults(int epochs, int batchSize, double beta, double clipGradientNorm) {

    /**
     * The gradient norm tabular models clip at unless told otherwise: heavy-tailed numeric columns (values dozens
     * of standard deviations out, common in telemetry) otherwise make a Gaussian's first gradients explode.
     */
    public static final double TABULAR_CLIP_NORM = 10;

    /**
     * Defaults without gradient clipping.
     *
     * @param epochs passes over the data per run, >= 0
     * @param batchSize examples per gradient step, positive
     * @param beta weight of the KL term in the training objective, finite and >= 0
     */
    public TrainingDefaults(int epochs, int batchSize, double beta) {
        this(epochs, batchSize, beta, 0);
    }

    /**
     * Epochs sized by the data: {@value #MIN_EPOCHS} epochs, or more on a small table, as many as make
     * {@value #MIN_STEPS} steps ({@link #epochsFor}); the default of tabular models. Ten epochs are 90 steps on a
     * table of 900 rows, far too few: on 10 ADBench tables (seed 0) the default model's mean AUROC was 0.866 after
     * 10 epochs and 0.911 after 2,000 steps (4,000: no better; a validation split with early stopping: 0.909).
     */
    public static final int EPOCHS_BY_DATA = -1;

    /** The fewest epochs of {@link #EPOCHS_BY_DATA}. */
    public static final int MIN_EPOCHS = 10;

    /** The fewest steps of {@link #EPOCHS_BY_DATA}, where the rows are known. */
    public static final long MIN_STEPS = 2000;

    /** The batch size of the standard defaults, for which {@link #LEARNING_RATE} is tuned. */
    public static final int BATCH_SIZE = 100;

    /** The defaults of {@link io.github.vae4j.Vae#builder()}: 10 epochs, batches of 100, beta 1. */
    public static final TrainingDefaults STANDARD = new TrainingDefaults(10, BATCH_SIZE, 1);

    /** The learning rate of a new model's first optimiser, Adam, unless the builder sets another. */
    public static final double LEARNING_RATE = 1e-3;

    /** Bytes of rows a streamed source's shuffle buffer holds unless a plan sets its rows. */
    public static final long SHUFFLE_BYTES = 16L << 20;

    /**
     * Validates the values.
     *
     * @param epochs passes over the data per run, >= 0, or {@link #EPOCHS_BY_DATA}
     * @param batchSize examples per gradient step, positive
     * @param beta weight of the KL term in the training objective, finite and >= 0
     * @param clipGradientNorm the largest global L2 norm of a step's gradient; 0 for none
     */
    public TrainingDefaults {
        checkArgument(epochs >= 0 || epochs == EPOCHS_BY_DATA, "epochs must be >= 0 (or %s, sized by the data), "
                + "got %s", EPOCHS_BY_DATA, epochs);
        checkArgument(batchSize > 0, "batch size must be positive, got %s", batchSize);
        checkArgument(Double.isFinite(beta) && beta >= 0, "beta must be finite and >= 0, got %s", beta);
        checkArgument(Double.isFinite(clipGradientNorm) && clipGradientNorm >= 0,
                "the gradient norm limit must be finite and >= 0 (0: none), got %s", clipGradientNorm);
    }

    /**
     * The epochs of a run that leaves them to these defaults.
     *
     * @param rows the training rows, if known
     * @param batch examples per step
     * @return {@link #epochs()}, or under {@link #EPOCHS_BY_DATA} the larger of {@value #MIN_EPOCHS} and the epochs
     *     of {@value #MIN_STEPS} steps over {@code rows} ({@value #MIN_EPOCHS} if the rows are unknown)
     */
    public int epochsFor(OptionalLong rows, int batch) {
        if (epochs != EPOCHS_BY_DATA) {
            return epochs;
        }
        if (rows.isEmpty() || rows.getAsLong() == 0) {
            return MIN_EPOCHS;
        }
        long stepsPerEpoch = (rows.getAsLong() + batch - 1) / batch;
        return (int) Math.max(MIN_EPOCHS, (MIN_STEPS + stepsPerEpoch - 1) / stepsPerEpoch);
    }
}

package io.github.vae4j.io;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The training settings a model uses when a {@link io.github.vae4j.Training} plan leaves them unset, as given to
 * {@link io.github.vae4j.Vae.Builder}; saved in the model file so that {@code fit(data)} trains a loaded model as it
 * trained the saved one. The default optimiser is the model's own, saved with its state.
 *
 * @param epochs passes over the data per run, >= 0
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
     * @param epochs passes over the data per run, >= 0
     * @param batchSize examples per gradient step, positive
     * @param beta weight of the KL term in the training objective, finite and >= 0
     * @param clipGradientNorm the largest global L2 norm of a step's gradient; 0 for none
     */
    public TrainingDefaults {
        checkArgument(epochs >= 0, "epochs must be >= 0, got %s", epochs);
        checkArgument(batchSize > 0, "batch size must be positive, got %s", batchSize);
        checkArgument(Double.isFinite(beta) && beta >= 0, "beta must be finite and >= 0, got %s", beta);
        checkArgument(Double.isFinite(clipGradientNorm) && clipGradientNorm >= 0,
                "the gradient norm limit must be finite and >= 0 (0: none), got %s", clipGradientNorm);
    }
}

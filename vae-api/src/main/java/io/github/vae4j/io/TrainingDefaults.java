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
 */
public record TrainingDefaults(int epochs, int batchSize, double beta) {

    /** The defaults of {@link io.github.vae4j.Vae#builder()}: 10 epochs, batches of 100, beta 1. */
    public static final TrainingDefaults STANDARD = new TrainingDefaults(10, 100, 1);

    /**
     * Validates the values.
     *
     * @param epochs passes over the data per run, >= 0
     * @param batchSize examples per gradient step, positive
     * @param beta weight of the KL term in the training objective, finite and >= 0
     */
    public TrainingDefaults {
        checkArgument(epochs >= 0, "epochs must be >= 0, got %s", epochs);
        checkArgument(batchSize > 0, "batch size must be positive, got %s", batchSize);
        checkArgument(Double.isFinite(beta) && beta >= 0, "beta must be finite and >= 0, got %s", beta);
    }
}

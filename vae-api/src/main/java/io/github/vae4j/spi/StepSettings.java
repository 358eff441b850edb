package io.github.vae4j.spi;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The objective's hyperparameters for one training step, chosen by the trainer (KL warm-up, free bits).
 *
 * @param beta the weight of the KL term, finite and >= 0
 * @param freeBits the floor lambda of each latent dimension's batch-mean KL in nats, finite and >= 0; 0 for none
 */
public record StepSettings(double beta, double freeBits) {

    /**
     * Validates the values.
     *
     * @param beta the weight of the KL term, finite and >= 0
     * @param freeBits the floor lambda of each latent dimension's batch-mean KL in nats, finite and >= 0; 0 for none
     */
    public StepSettings {
        checkArgument(Double.isFinite(beta) && beta >= 0, "beta must be finite and >= 0, got %s", beta);
        checkArgument(Double.isFinite(freeBits) && freeBits >= 0, "free bits must be finite and >= 0, got %s",
                freeBits);
    }
}

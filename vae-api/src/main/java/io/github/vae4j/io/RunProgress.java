package io.github.vae4j.io;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.vae4j.spi.ModelState;

/**
 * Where an unfinished training run stands, saved in a checkpoint written before the run's end, so that the run can
 * continue exactly: its position (which the KL warm-up and the learning-rate schedule depend on) and the state of
 * early stopping.
 *
 * @param epochs epochs of the run completed, >= 1
 * @param steps gradient steps of the run completed, >= 0
 * @param bestEpoch the model-life epoch with the best validation ELBO so far; 0 without validation
 * @param bestValidationElbo that ELBO, nats per example; NaN without validation
 * @param epochsSinceBest epochs completed since the best one, >= 0
 * @param bestState the parameters and optimiser state after the best epoch, kept by early stopping; {@code null}
 *     without early stopping
 */
public record RunProgress(int epochs, long steps, int bestEpoch, double bestValidationElbo, int epochsSinceBest,
        ModelState bestState) {

    /**
     * Validates the counters.
     *
     * @param epochs epochs of the run completed, >= 1
     * @param steps gradient steps of the run completed, >= 0
     * @param bestEpoch the model-life epoch with the best validation ELBO so far; 0 without validation
     * @param bestValidationElbo that ELBO, nats per example; NaN without validation
     * @param epochsSinceBest epochs completed since the best one, >= 0
     * @param bestState the parameters and optimiser state after the best epoch, kept by early stopping; {@code null}
     *     without early stopping
     */
    public RunProgress {
        checkArgument(epochs >= 1, "a run in progress has completed at least 1 epoch, got %s", epochs);
        checkArgument(steps >= 0, "run steps must be >= 0, got %s", steps);
        checkArgument(bestEpoch >= 0, "best epoch must be >= 0, got %s", bestEpoch);
        checkArgument(epochsSinceBest >= 0 && epochsSinceBest <= epochs,
                "epochs since the best must be between 0 and the run's %s, got %s", epochs, epochsSinceBest);
    }

    /** @return whether early stopping's best state is kept */
    public boolean hasBestState() {
        return bestState != null;
    }
}

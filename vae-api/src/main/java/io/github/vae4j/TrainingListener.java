package io.github.vae4j;

/**
 * Receives training progress, and may end a run. Called on the thread that runs {@code fit}, between gradient steps,
 * so it must return quickly. It may call the model's inference methods (on that thread), for example
 * {@link Vae#activeUnits(float[][])} after an epoch.
 *
 * <p>To end a run cleanly, return {@code true} from {@link #shouldStop()}: it is asked after every step and every
 * epoch, and the run then ends with {@link StopReason#LISTENER}, the model keeping its last step. An exception thrown
 * by a listener also stops training: the model keeps the parameters of the last completed step and the exception
 * propagates from {@code fit}.
 */
public interface TrainingListener {

    /**
     * After each gradient step.
     *
     * @param step the step's batch-mean loss terms and hyperparameters
     */
    default void onStep(StepReport step) {
    }

    /**
     * After each epoch, and its validation.
     *
     * @param epoch the epoch's mean loss terms, validation ELBO and timing
     */
    default void onEpoch(EpochReport epoch) {
    }

    /** @return {@code true} to end the run now; asked after every step and every epoch */
    default boolean shouldStop() {
        return false;
    }
}

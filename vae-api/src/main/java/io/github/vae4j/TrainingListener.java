package io.github.vae4j;

/**
 * Receives training progress. Called on the thread that runs {@code fit}, between gradient steps, so it must return
 * quickly. An exception thrown by a listener stops training: the model keeps the parameters of the last completed
 * step and the exception propagates from {@code fit}.
 */
public interface TrainingListener {

    /**
     * After each gradient step.
     *
     * @param step the step's batch-mean loss terms
     */
    default void onStep(StepReport step) {
    }

    /**
     * After each epoch.
     *
     * @param epoch the epoch's mean loss terms and timing
     */
    default void onEpoch(EpochReport epoch) {
    }
}

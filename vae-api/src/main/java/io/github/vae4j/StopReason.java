package io.github.vae4j;

/** Why a training run ended. */
public enum StopReason {
    /** Every epoch of the plan ran. */
    COMPLETED,
    /** The validation ELBO stopped improving for the plan's patience; the model holds its best epoch. */
    EARLY_STOPPING,
    /** A listener's {@link TrainingListener#shouldStop()} said so; the model keeps its last step. */
    LISTENER,
    /** The training thread was interrupted; the model keeps its last step and the interrupt flag stays set. */
    INTERRUPTED
}

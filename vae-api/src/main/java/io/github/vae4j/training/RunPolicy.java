package io.github.vae4j.training;

import io.github.vae4j.EpochReport;
import io.github.vae4j.StepReport;
import io.github.vae4j.StopReason;
import io.github.vae4j.spi.ModelState;
import java.util.List;

/**
 * A policy that watches a run and may end it, as DJL's training listeners do: early stopping, checkpoints and the
 * user's listeners each are one. The trainer calls every policy in order; the first reason to stop an epoch gives
 * wins, and the later policies are told it.
 */
interface RunPolicy {

    /**
     * After each step's update.
     *
     * @param step the step's report
     * @return whether the run should stop now, inside its epoch
     */
    default boolean afterStep(StepReport step) {
        return false;
    }

    /**
     * After each completed epoch.
     *
     * @param end the epoch's report and the model's state then
     * @param stopping the reason an earlier policy gave to stop, or {@code null}
     * @return a reason to stop after this epoch, or {@code null}
     */
    default StopReason afterEpoch(EpochEnd end, StopReason stopping) {
        return null;
    }

    /**
     * When the run ends without an exception.
     *
     * @param end how it ended
     */
    default void afterRun(RunEnd end) {
    }

    /**
     * A completed epoch.
     *
     * @param report its report
     * @param state the model's state at its end
     * @param runEpochs epochs of the run completed, this one included
     * @param runSteps steps of the run completed
     * @param moreToCome whether the plan has epochs left
     */
    record EpochEnd(EpochReport report, ModelState state, int runEpochs, long runSteps, boolean moreToCome) {
    }

    /**
     * The end of a run.
     *
     * @param reports the run's epochs
     * @param reason why it ended
     * @param atEpochBoundary whether it ended between epochs (an interrupt or a listener may stop it inside one)
     */
    record RunEnd(List<EpochReport> reports, StopReason reason, boolean atEpochBoundary) {
    }
}

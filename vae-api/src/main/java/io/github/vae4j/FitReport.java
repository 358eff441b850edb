package io.github.vae4j;

import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * The history of one call of {@link Vae#fit(float[][])}: one entry per completed epoch, oldest first.
 *
 * @param epochs per-epoch reports
 * @param trainingExamples rows in the training data
 * @param stoppedEarly {@code true} when the training thread was interrupted and training stopped after a step, before
 *     the configured number of epochs
 */
public record FitReport(List<EpochReport> epochs, int trainingExamples, boolean stoppedEarly) {

    /** Makes the list immutable. */
    public FitReport {
        epochs = ImmutableList.copyOf(epochs);
    }

    /**
     * A report of a run that completed every epoch.
     *
     * @param epochs per-epoch reports
     * @param trainingExamples rows in the training data
     */
    public FitReport(List<EpochReport> epochs, int trainingExamples) {
        this(epochs, trainingExamples, false);
    }

    /**
     * The last epoch of this call.
     *
     * @return its report
     * @throws IllegalStateException if the call ran no epoch
     */
    public EpochReport last() {
        checkState(!epochs.isEmpty(), "fit ran no epoch");
        return epochs.get(epochs.size() - 1);
    }

    /** @return wall-clock seconds of all epochs together */
    public double totalSeconds() {
        return epochs.stream().mapToDouble(EpochReport::seconds).sum();
    }
}

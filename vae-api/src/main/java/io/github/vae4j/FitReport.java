package io.github.vae4j;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;

/**
 * The history of one training run (one call of {@code fit}): one entry per epoch it completed, oldest first.
 *
 * @param epochs per-epoch reports
 * @param trainingExamples rows trained on per epoch (validation rows held out of the data excluded)
 * @param validationExamples rows validated on after each epoch; 0 without validation
 * @param stopReason why the run ended
 * @param bestEpoch the {@link EpochReport#epoch()} with the best validation ELBO, which the model holds after early
 *     stopping; without validation the last epoch; 0 if no epoch ran
 */
public record FitReport(List<EpochReport> epochs, long trainingExamples, long validationExamples,
        StopReason stopReason, int bestEpoch) {

    /**
     * Makes the list immutable.
     *
     * @param epochs per-epoch reports
     * @param trainingExamples rows trained on per epoch (validation rows held out of the data excluded)
     * @param validationExamples rows validated on after each epoch; 0 without validation
     * @param stopReason why the run ended
     * @param bestEpoch the {@link EpochReport#epoch()} with the best validation ELBO, which the model holds after early
     *     stopping; without validation the last epoch; 0 if no epoch ran
     */
    public FitReport {
        epochs = ImmutableList.copyOf(epochs);
        checkNotNull(stopReason, "stop reason");
    }

    /**
     * The report of a run that completed every epoch, without validation.
     *
     * @param epochs per-epoch reports
     * @param trainingExamples rows trained on per epoch
     */
    public FitReport(List<EpochReport> epochs, long trainingExamples) {
        this(epochs, trainingExamples, 0, StopReason.COMPLETED, epochs.isEmpty() ? 0
                : epochs.get(epochs.size() - 1).epoch());
    }

    /** @return {@code true} when the run ended before the plan's last epoch, for any {@link StopReason} */
    public boolean stoppedEarly() {
        return stopReason != StopReason.COMPLETED;
    }

    /**
     * The last epoch of this run.
     *
     * @return its report
     * @throws IllegalStateException if the run completed no epoch
     */
    public EpochReport last() {
        checkState(!epochs.isEmpty(), "fit ran no epoch");
        return epochs.get(epochs.size() - 1);
    }

    /**
     * The report of {@link #bestEpoch()}.
     *
     * @return it, or empty if no epoch ran (or the best epoch was in an earlier, resumed part of the run)
     */
    public Optional<EpochReport> best() {
        return epochs.stream().filter(e -> e.epoch() == bestEpoch).findFirst();
    }

    /** @return wall-clock seconds of all epochs together, validation excluded */
    public double totalSeconds() {
        return epochs.stream().mapToDouble(EpochReport::seconds).sum();
    }
}

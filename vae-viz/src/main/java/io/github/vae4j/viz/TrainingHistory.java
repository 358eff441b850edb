package io.github.vae4j.viz;

import io.github.vae4j.EpochReport;
import io.github.vae4j.FitReport;
import io.github.vae4j.StepReport;
import io.github.vae4j.TrainingListener;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TrainingListener} that keeps every step and epoch report, across any number of {@code fit} calls, for
 * {@link TrainingCurves}. Pass it to {@code fit} directly, or call it from your own listener.
 *
 * <pre>{@code
 * TrainingHistory history = new TrainingHistory();
 * vae.fit(rows, history);
 * TrainingCurves.writePng(Path.of("training-curve.png"), history);
 * }</pre>
 *
 * <p>Safe to read from another thread while training runs: the accessors return copies.
 */
public final class TrainingHistory implements TrainingListener {

    private final List<StepReport> steps = new ArrayList<>();
    private final List<EpochReport> epochs = new ArrayList<>();
    private final boolean keepSteps;

    /** A history that keeps step and epoch reports. */
    public TrainingHistory() {
        this(true);
    }

    /**
     * @param keepSteps whether to keep the step reports (a few dozen bytes each) or only the epoch reports
     */
    public TrainingHistory(boolean keepSteps) {
        this.keepSteps = keepSteps;
    }

    /**
     * A history of the epochs of finished {@code fit} calls, without steps.
     *
     * @param reports the calls' reports, oldest first
     * @return the history
     */
    public static TrainingHistory of(FitReport... reports) {
        TrainingHistory history = new TrainingHistory(false);
        for (FitReport report : Checks.notNull(reports, "reports")) {
            Checks.notNull(report, "report").epochs().forEach(history::onEpoch);
        }
        return history;
    }

    @Override
    public synchronized void onStep(StepReport step) {
        if (keepSteps) {
            steps.add(step);
        }
    }

    @Override
    public synchronized void onEpoch(EpochReport epoch) {
        epochs.add(epoch);
    }

    /** @return the step reports so far, oldest first (empty if steps are not kept) */
    public synchronized List<StepReport> steps() {
        return List.copyOf(steps);
    }

    /** @return the epoch reports so far, oldest first */
    public synchronized List<EpochReport> epochs() {
        return List.copyOf(epochs);
    }
}

package io.github.vae4j.training;

import io.github.vae4j.StepReport;
import io.github.vae4j.StopReason;
import io.github.vae4j.TrainingListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plan's listeners, called in order after each step and each epoch; the run stops when one of them asks
 * ({@link TrainingListener#shouldStop()}).
 */
public final class Listeners implements RunPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final TrainingListener[] listeners;

    /** @param listeners the plan's listeners, in the order to call them */
    public Listeners(List<TrainingListener> listeners) {
        this.listeners = listeners.toArray(TrainingListener[]::new);
    }

    @Override
    public boolean afterStep(StepReport step) {
        for (TrainingListener l : listeners) {
            l.onStep(step);
        }
        if (shouldStop()) {
            LOG.info("a listener stopped training at epoch {}, step {}", step.epoch(), step.step());
            return true;
        }
        return false;
    }

    @Override
    public StopReason afterEpoch(EpochEnd end, StopReason stopping) {
        for (TrainingListener l : listeners) {
            l.onEpoch(end.report());
        }
        if (stopping == null && shouldStop()) {
            LOG.info("a listener stopped training after epoch {}", end.report().epoch());
            return StopReason.LISTENER;
        }
        return null;
    }

    private boolean shouldStop() {
        for (TrainingListener l : listeners) {
            if (l.shouldStop()) {
                return true;
            }
        }
        return false;
    }
}

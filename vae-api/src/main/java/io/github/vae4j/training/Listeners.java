package io.github.vae4j;

import java.util.List;

/** A plan's listeners, called in order. */
final class Listeners {

    private final TrainingListener[] listeners;

    Listeners(List<TrainingListener> listeners) {
        this.listeners = listeners.toArray(TrainingListener[]::new);
    }

    void onStep(StepReport step) {
        for (TrainingListener l : listeners) {
            l.onStep(step);
        }
    }

    void onEpoch(EpochReport epoch) {
        for (TrainingListener l : listeners) {
            l.onEpoch(epoch);
        }
    }

    boolean shouldStop() {
        for (TrainingListener l : listeners) {
            if (l.shouldStop()) {
                return true;
            }
        }
        return false;
    }
}

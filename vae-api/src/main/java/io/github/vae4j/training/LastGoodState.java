package io.github.vae4j.training;

import io.github.vae4j.spi.BackendModel;
import io.github.vae4j.spi.ModelState;

/**
 * The model and training state at the end of the last completed epoch (the start of the run before the first): what
 * a run goes back to when it fails, so that a failed {@code fit} leaves a usable model.
 */
final class LastGoodState {

    private final BackendModel model;
    private final TrainingState life;
    private ModelState goodModel;
    private TrainingState goodLife;

    LastGoodState(BackendModel model, TrainingState life) {
        this.model = model;
        this.life = life;
        keep(model.state());
    }

    /** Keeps {@code now}, the model's state, and the training state as they are. */
    void keep(ModelState now) {
        goodModel = null; // let the old copy go before holding the new one
        goodModel = now;
        goodLife = life.copy();
    }

    /** Puts the model and the training state back to the last kept. */
    void rollBack() {
        model.restore(goodModel);
        life.copyFrom(goodLife);
    }
}

package io.github.vae4j.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.vae4j.VaeConfig;
import io.github.vae4j.spi.ModelState;
import io.github.vae4j.tabular.Scaling;

/**
 * The content of a model file: everything needed to use the model and to continue training it.
 *
 * @param config the architecture, with the input size set
 * @param defaults the training settings of {@code fit(data)}
 * @param provenance how the model was made
 * @param state parameters and optimiser state, in the backend's layout
 * @param progress training counters and random stream states
 * @param scaling the fitted standardisation of a tabular model's columns; {@code null} for other models, and for a
 *     tabular model never trained
 */
public record SavedModel(VaeConfig config, TrainingDefaults defaults, Provenance provenance, ModelState state,
        TrainingProgress progress, Scaling scaling) {

    /**
     * A model without a scaling: not tabular.
     *
     * @param config the architecture, with the input size set
     * @param defaults the training settings of {@code fit(data)}
     * @param provenance how the model was made
     * @param state parameters and optimiser state, in the backend's layout
     * @param progress training counters and random stream states
     */
    public SavedModel(VaeConfig config, TrainingDefaults defaults, Provenance provenance, ModelState state,
            TrainingProgress progress) {
        this(config, defaults, provenance, state, progress, null);
    }

    /**
     * Rejects missing parts and a configuration without input size.
     *
     * @param config the architecture, with the input size set
     * @param defaults the training settings of {@code fit(data)}
     * @param provenance how the model was made
     * @param state parameters and optimiser state, in the backend's layout
     * @param progress training counters and random stream states
     * @param scaling the fitted standardisation of a tabular model's columns, or {@code null}
     */
    public SavedModel {
        checkNotNull(config, "config");
        checkNotNull(defaults, "training defaults");
        checkNotNull(provenance, "provenance");
        checkNotNull(state, "state");
        checkNotNull(progress, "progress");
        checkArgument(config.hasInputSize(), "a saved model needs its input size");
        checkArgument(scaling == null || config.isTabular() && scaling.size() == config.schema().size(),
                "a scaling of %s columns for a model with %s", scaling == null ? 0 : scaling.size(),
                config.isTabular() ? config.schema().size() + " columns" : "no schema");
        RunProgress run = progress.run();
        if (run != null && run.bestState() != null) {
            ModelState best = run.bestState();
            checkArgument(best.parameters().length == state.parameters().length
                    && best.optimizer().kind().equals(state.optimizer().kind())
                    && best.optimizerSlots().size() == state.optimizerSlots().size(),
                    "the best state kept by early stopping has another shape than the model's");
        }
    }
}

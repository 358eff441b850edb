package io.github.vae4j.io;

/**
 * What each version of the model format holds, in one place: every reader asks this, not a version number. Version 1
 * is a dense model with its training settings in the configuration; later versions add to it (see
 * {@code docs/model-format.md}).
 *
 * @param number the version, 1 to {@link ModelFile#FORMAT_VERSION}
 */
record FormatVersion(int number) {

    /** The format version that added the image shape and the convolutions to the configuration. */
    static final int CONVOLUTIONS = 2;

    /**
     * The format version that moved the training settings out of the configuration, and added the optimiser's kind
     * and hyperparameters and an unfinished run's progress.
     */
    static final int TRAINING_PLAN = 3;

    /** The format version that added the schema of a tabular model, its fitted scaling and the clipping default. */
    static final int SCHEMA = 4;

    /** The format version that added a likelihood's parameters after its name, for likelihoods a host registers. */
    static final int LIKELIHOOD_PARAMETERS = 5;

    /** The format version that added a conditional model's condition width and a schema's condition columns. */
    static final int CONDITIONS = 6;

    FormatVersion {
        if (number < 1 || number > ModelFile.FORMAT_VERSION) {
            throw new IllegalStateException("no decoder for format version " + number);
        }
    }

    /** @return whether the configuration holds an image shape and convolutions (version 2 on) */
    boolean hasImage() {
        return number >= CONVOLUTIONS;
    }

    /**
     * @return whether beta, epochs, batch size and Adam's learning rate sit in the configuration (version 1 and 2);
     *     from version 3 they are training defaults of their own, and the optimiser is saved with the state
     */
    boolean hasSettingsInConfiguration() {
        return number < TRAINING_PLAN;
    }

    /** @return whether the file has an unfinished run's progress and the optimiser's kind (version 3 on) */
    boolean hasRunAndOptimizer() {
        return number >= TRAINING_PLAN;
    }

    /** @return whether the file has a schema, a scaling and a gradient-norm default (version 4 on) */
    boolean hasSchema() {
        return number >= SCHEMA;
    }

    /** @return whether the likelihood's name is followed by its parameters (version 5 on) */
    boolean hasLikelihoodParameters() {
        return number >= LIKELIHOOD_PARAMETERS;
    }

    /** @return whether the configuration ends with the condition width, and schema columns have a condition flag */
    boolean hasConditions() {
        return number >= CONDITIONS;
    }
}

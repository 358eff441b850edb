package io.github.vae4j.io;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Where training stands, so that a resumed run continues exactly as an uninterrupted one would: the counters and
 * the states of the random streams that shuffle the data and draw the reparameterisation noise.
 *
 * @param epochsCompleted epochs completed over the model's life
 * @param stepsCompleted gradient steps completed over the model's life
 * @param shuffleRandom state of the shuffling stream ({@link io.github.vae4j.spi.RandomStream#state()})
 * @param noiseRandom state of the training-noise stream
 * @param run the unfinished run a checkpoint was written in, or {@code null} when no run is in progress
 */
public record TrainingProgress(int epochsCompleted, long stepsCompleted, long[] shuffleRandom, long[] noiseRandom,
        RunProgress run) {

    /**
     * Progress with no run in progress.
     *
     * @param epochsCompleted epochs completed over the model's life
     * @param stepsCompleted gradient steps completed over the model's life
     * @param shuffleRandom state of the shuffling stream
     * @param noiseRandom state of the training-noise stream
     */
    public TrainingProgress(int epochsCompleted, long stepsCompleted, long[] shuffleRandom, long[] noiseRandom) {
        this(epochsCompleted, stepsCompleted, shuffleRandom, noiseRandom, null);
    }

    /**
     * Validates the counters and the stream states.
     *
     * @param epochsCompleted epochs completed over the model's life
     * @param stepsCompleted gradient steps completed over the model's life
     * @param shuffleRandom state of the shuffling stream ({@link io.github.vae4j.spi.RandomStream#state()})
     * @param noiseRandom state of the training-noise stream
     * @param run the unfinished run a checkpoint was written in, or {@code null} when no run is in progress
     */
    public TrainingProgress {
        checkArgument(epochsCompleted >= 0, "epochs completed must be >= 0, got %s", epochsCompleted);
        checkArgument(stepsCompleted >= 0, "steps completed must be >= 0, got %s", stepsCompleted);
        checkArgument(shuffleRandom != null && shuffleRandom.length == 3, "shuffle random state needs 3 numbers");
        checkArgument(noiseRandom != null && noiseRandom.length == 3, "noise random state needs 3 numbers");
        shuffleRandom = shuffleRandom.clone();
        noiseRandom = noiseRandom.clone();
        checkArgument(run == null || run.epochs() <= epochsCompleted,
                "a run of %s epochs in a model of %s", run == null ? 0 : run.epochs(), epochsCompleted);
    }

    /** @return a copy of the shuffling stream's state */
    @Override
    public long[] shuffleRandom() {
        return shuffleRandom.clone();
    }

    /** @return a copy of the training-noise stream's state */
    @Override
    public long[] noiseRandom() {
        return noiseRandom.clone();
    }
}

package io.github.vae4j.training;

import io.github.vae4j.Vae;
import io.github.vae4j.io.RunProgress;
import io.github.vae4j.io.TrainingProgress;
import io.github.vae4j.spi.RandomStream;

/**
 * What a model remembers of its training, apart from its parameters and optimiser: the counters over its life, the
 * random streams that shuffle the data and draw the training noise, the size and ELBO of its last run (for the
 * provenance), and an unfinished run loaded from a checkpoint. Owned by one {@link Vae}, changed only under its write
 * lock.
 */
public final class TrainingState {

    private static final long SHUFFLE_STREAM = 1;
    private static final long NOISE_STREAM = 2;

    public int epochsCompleted;
    public long stepsCompleted;
    public RandomStream shuffleRandom;
    public RandomStream noiseRandom;
    public long trainingExamples;
    public double lastElbo = Double.NaN;
    /** The run a checkpoint was written in, until {@code fit} continues it; {@code null} otherwise. */
    public RunProgress pendingRun;

    /** The state of a new model: nothing trained, streams at the start of their seeds. */
    public static TrainingState fresh(long seed) {
        TrainingState s = new TrainingState();
        RandomStream root = new RandomStream(seed);
        s.shuffleRandom = root.split(SHUFFLE_STREAM);
        s.noiseRandom = root.split(NOISE_STREAM);
        return s;
    }

    /** The state saved in a model file. */
    public static TrainingState restored(TrainingProgress p, long trainingExamples, double lastElbo) {
        TrainingState s = new TrainingState();
        s.epochsCompleted = p.epochsCompleted();
        s.stepsCompleted = p.stepsCompleted();
        s.shuffleRandom = RandomStream.restore(p.shuffleRandom());
        s.noiseRandom = RandomStream.restore(p.noiseRandom());
        s.trainingExamples = trainingExamples;
        s.lastElbo = lastElbo;
        s.pendingRun = p.run();
        return s;
    }

    /** @return an independent copy, streams included */
    public TrainingState copy() {
        TrainingState s = new TrainingState();
        s.copyFrom(this);
        return s;
    }

    /** Makes this state equal to {@code other}, with copies of its streams. */
    public void copyFrom(TrainingState other) {
        epochsCompleted = other.epochsCompleted;
        stepsCompleted = other.stepsCompleted;
        shuffleRandom = RandomStream.restore(other.shuffleRandom.state());
        noiseRandom = RandomStream.restore(other.noiseRandom.state());
        trainingExamples = other.trainingExamples;
        lastElbo = other.lastElbo;
        pendingRun = other.pendingRun;
    }

    /**
     * @param run the unfinished run to record, or {@code null}
     * @return the progress to save in a model file
     */
    public TrainingProgress progress(RunProgress run) {
        return new TrainingProgress(epochsCompleted, stepsCompleted, shuffleRandom.state(), noiseRandom.state(), run);
    }
}

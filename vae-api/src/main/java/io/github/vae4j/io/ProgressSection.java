package io.github.vae4j.io;

import io.github.vae4j.spi.ModelState;
import java.io.IOException;

/**
 * The training progress (epochs and steps over the model's life, the shuffle and noise streams) and, from version 3,
 * an unfinished run's progress: its epochs and steps, early stopping's best epoch, and a flag for the best state
 * whose arrays follow the model's ({@link StateSection}).
 */
final class ProgressSection {

    /** Bytes of a run's progress after its flag, when there is one. */
    static final int RUN_PROGRESS_BYTES = 4 + 8 + 4 + 8 + 4 + 1 + 8;

    private ProgressSection() {
    }

    /**
     * The progress as read: the training progress without its run, and the run's fields before the best state's
     * arrays ({@code null} for none).
     */
    record Read(int epochsCompleted, long stepsCompleted, long[] shuffleRandom, long[] noiseRandom, RunFields run) {
    }

    /** The run-progress fields as read, before the best state's arrays. */
    record RunFields(int epochs, long steps, int bestEpoch, double bestElbo, int sinceBest, boolean hasBest,
            long bestStep) {

        /** @return the run's progress, with the best state read after the model's */
        RunProgress with(ModelState best) {
            return new RunProgress(epochs, steps, bestEpoch, bestElbo, sinceBest, best);
        }
    }

    /** @return the section's bytes, the run's included */
    static long bytes(TrainingProgress t) {
        return 4 + 8 + 3 * 8 + 3 * 8 + 1 + (t.run() == null ? 0 : RUN_PROGRESS_BYTES);
    }

    static void write(ByteSink sink, TrainingProgress t) throws IOException {
        sink.int32(t.epochsCompleted());
        sink.int64(t.stepsCompleted());
        for (long v : t.shuffleRandom()) {
            sink.int64(v);
        }
        for (long v : t.noiseRandom()) {
            sink.int64(v);
        }
        RunProgress run = t.run();
        sink.int8(run == null ? 0 : 1);
        if (run != null) {
            sink.int32(run.epochs());
            sink.int64(run.steps());
            sink.int32(run.bestEpoch());
            sink.float64(run.bestValidationElbo());
            sink.int32(run.epochsSinceBest());
            sink.int8(run.hasBestState() ? 1 : 0);
            sink.int64(run.hasBestState() ? run.bestState().optimizerStep() : 0);
        }
    }

    static Read read(ByteSource in, FormatVersion version) throws IOException {
        in.section("training progress");
        int epochsCompleted = in.int32("epochs completed");
        long stepsCompleted = in.int64("steps completed");
        long[] shuffleRandom = new long[3];
        for (int i = 0; i < 3; i++) {
            shuffleRandom[i] = in.int64("shuffle random state");
        }
        long[] noiseRandom = new long[3];
        for (int i = 0; i < 3; i++) {
            noiseRandom[i] = in.int64("noise random state");
        }
        RunFields run = version.hasRunAndOptimizer() ? readRun(in) : null;
        return new Read(epochsCompleted, stepsCompleted, shuffleRandom, noiseRandom, run);
    }

    private static RunFields readRun(ByteSource in) throws IOException {
        in.section("run progress");
        int flagOffset = in.position();
        int hasRun = in.int8("run flag");
        if (hasRun > 1) {
            throw in.fail(flagOffset, "run flag is %s, it must be 0 (no run in progress) or 1", hasRun);
        }
        if (hasRun == 0) {
            return null;
        }
        int runEpochs = in.int32("run epochs");
        long runSteps = in.int64("run steps");
        int bestEpoch = in.int32("best epoch");
        double bestElbo = in.float64("best validation ELBO");
        int sinceBest = in.int32("epochs since the best");
        int bestOffset = in.position();
        int hasBest = in.int8("best state flag");
        long bestStep = in.int64("best optimizer step");
        if (hasBest > 1) {
            throw in.fail(bestOffset, "best state flag is %s, it must be 0 or 1", hasBest);
        }
        return new RunFields(runEpochs, runSteps, bestEpoch, bestElbo, sinceBest, hasBest == 1, bestStep);
    }
}

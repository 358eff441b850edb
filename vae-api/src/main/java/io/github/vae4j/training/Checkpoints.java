package io.github.vae4j.training;

import io.github.vae4j.StopReason;
import io.github.vae4j.io.RunProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints: every {@code every} epochs of the run while it has epochs left, the model with the run's progress (so
 * that {@code fit} continues it exactly), and at its end the model as the run left it. A run stopped inside an epoch
 * or interrupted writes no final checkpoint: the file keeps the last epoch boundary.
 */
final class Checkpoints implements RunPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final Path file;
    private final int every;
    private final Trainer.CheckpointWriter writer;
    private final EarlyStopping earlyStopping;
    private final TrainingState life;

    Checkpoints(Path file, int every, Trainer.CheckpointWriter writer, EarlyStopping earlyStopping, TrainingState life) {
        this.file = file;
        this.every = every;
        this.writer = writer;
        this.earlyStopping = earlyStopping;
        this.life = life;
    }

    @Override
    public StopReason afterEpoch(EpochEnd end, StopReason stopping) {
        if (stopping == null && end.moreToCome() && file != null && end.runEpochs() % every == 0) {
            write(earlyStopping.progress(end.runEpochs(), end.runSteps()));
        }
        return null;
    }

    @Override
    public void afterRun(RunEnd end) {
        if (end.atEpochBoundary() && end.reason() != StopReason.INTERRUPTED && file != null) {
            write(null);
        }
    }

    private void write(RunProgress run) {
        try {
            writer.write(file, run);
            LOG.debug("checkpoint after epoch {} written to {}", life.epochsCompleted, file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the checkpoint " + file, e);
        }
    }
}

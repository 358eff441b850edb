package io.github.vae4j;

import io.github.vae4j.data.ArraySource;
import io.github.vae4j.io.RunProgress;
import io.github.vae4j.spi.BackendModel;
import io.github.vae4j.spi.ModelState;
import io.github.vae4j.spi.StepSettings;
import io.github.vae4j.spi.StepTerms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run: the loop over epochs and batches, calling the backend for each step's gradient and update, with
 * each policy a piece of its own: the batches ({@link PermutedBatches}, {@link StreamedBatches}), the KL warm-up and
 * learning-rate schedule ({@link RunSettings}), gradient clipping, {@link Validation}, early stopping
 * ({@link BestEpoch}), checkpoints ({@link CheckpointWriter}) and the listeners.
 *
 * <p>Failure leaves a usable model: when the loss diverges or a row read is bad, the model and its training state go
 * back to the end of the last completed epoch (the start of the run if none) and the exception propagates.
 */
final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    /** Saves the model to a checkpoint file, with the run's progress when the run is not over. */
    interface CheckpointWriter {
        void write(java.nio.file.Path file, RunProgress run) throws IOException;
    }

    private final BackendModel model;
    private final TrainingState life;
    private final RunSettings plan;
    private final DataSource source;
    private final boolean unitInterval;
    private final CheckpointWriter checkpoints;

    private final int latent;
    private final float[] x;
    private final float[] eps;

    private ModelState lastGoodModel;
    private TrainingState lastGoodLife;

    /**
     * @param model the backend model, with its sizes
     * @param life the model's training state, changed as training goes
     * @param plan the resolved plan
     * @param source the training rows; an {@link ArraySource}'s rows must have been checked
     * @param unitInterval whether values must lie in [0, 1]
     * @param checkpoints writes checkpoints
     */
    Trainer(BackendModel model, TrainingState life, RunSettings plan, DataSource source, boolean unitInterval,
            CheckpointWriter checkpoints) {
        this.model = model;
        this.life = life;
        this.plan = plan;
        this.source = source;
        this.unitInterval = unitInterval;
        this.checkpoints = checkpoints;
        this.latent = model.config().latentSize();
        this.x = new float[plan.batchSize() * source.width()];
        this.eps = new float[plan.batchSize() * latent];
    }

    /** The rows of an in-memory source, split into training rows and validation rows. */
    private record InMemory(float[][] rows, int[] training, float[][] heldOut) {

        static InMemory of(ArraySource source, HoldOut holdOut) {
            float[][] rows = source.rows();
            List<float[]> heldOut = new ArrayList<>();
            int[] training = new int[rows.length];
            int n = 0;
            for (int i = 0; i < rows.length; i++) {
                if (holdOut.isHeldOut(i)) {
                    heldOut.add(rows[i]);
                } else {
                    training[n++] = i;
                }
            }
            return new InMemory(rows, java.util.Arrays.copyOf(training, n), heldOut.toArray(float[][]::new));
        }
    }

    /**
     * Runs the plan, or the rest of the run a checkpoint was written in.
     *
     * @return the report of the epochs run by this call
     */
    FitReport run() {
        RunProgress resumed = life.pendingRun;
        int runEpochs = resumed == null ? 0 : resumed.epochs();
        long runSteps = resumed == null ? 0 : resumed.steps();
        if (resumed != null) {
            LOG.info("continuing the training run saved in a checkpoint after {} of its {} epochs", runEpochs,
                    plan.epochs());
        }
        InMemory memory = source instanceof ArraySource a ? InMemory.of(a, plan.holdOut()) : null;
        DistributedSource remote = source instanceof DistributedSource d ? d : null;
        int[] remoteTraining = remote != null ? remote.trainingRows(plan.holdOut()) : null;
        Validation validation = validation(memory, remote);
        if (memory != null && memory.training().length == 0 || remoteTraining != null && remoteTraining.length == 0) {
            throw new IllegalArgumentException("the validation split holds out all " + source.size().orElse(0)
                    + " rows: no row is left to train on");
        }
        BestEpoch best = new BestEpoch(plan.patience(), plan.minImprovement(), resumed);
        long totalSteps = !plan.schedule().needsTotalSteps() ? 0 : remoteTraining != null
                ? plan.epochs() * ((remoteTraining.length + plan.batchSize() - 1L) / plan.batchSize())
                : totalSteps(memory);
        model.useOptimizer(plan.optimizer());
        life.pendingRun = null;
        keepAsLastGood();

        List<EpochReport> reports = new ArrayList<>();
        long trainingRows = memory != null ? memory.training().length
                : remoteTraining != null ? remoteTraining.length : 0;
        StopReason reason = StopReason.COMPLETED;
        boolean atEpochBoundary = true;
        epochs:
        while (runEpochs < plan.epochs()) {
            int epoch = life.epochsCompleted + 1;
            long started = System.nanoTime();
            double sumLoss = 0;
            double sumReconstruction = 0;
            double sumKl = 0;
            int step = 0;
            double beta = Double.NaN;
            double rate = Double.NaN;
            long rows;
            try (Batches batches = remote != null
                    ? new DistributedBatches(remote.rows(), remoteTraining, plan.batchSize(), life.shuffleRandom)
                    : batches(memory)) {
                for (int n = batches.next(x); n > 0; n = batches.next(x)) {
                    if (Thread.currentThread().isInterrupted()) {
                        LOG.info("training interrupted at epoch {}, step {}; stopping", epoch, step + 1);
                        reason = StopReason.INTERRUPTED;
                        atEpochBoundary = step == 0;
                        break epochs;
                    }
                    step++;
                    StepTerms terms;
                    double norm;
                    if (batches instanceof DistributedBatches d && d.averages()) {
                        // a parameter-averaging round: several steps, each with its own beta and rate
                        int local = d.roundSteps();
                        double[] betas = new double[local];
                        double[] rates = new double[local];
                        for (int j = 0; j < local; j++) {
                            betas[j] = plan.betaAt(runSteps + j);
                            rates[j] = plan.learningRateAt(runSteps + j, runEpochs, totalSteps);
                        }
                        beta = betas[local - 1];
                        rate = rates[local - 1];
                        terms = d.averagedRound(model, life.noiseRandom, betas, rates, plan.clipGradientNorm());
                        requireFinite(terms, epoch, step);
                        norm = Double.NaN;
                        life.stepsCompleted += local;
                        runSteps += local;
                    } else {
                        beta = plan.betaAt(runSteps);
                        rate = plan.learningRateAt(runSteps, runEpochs, totalSteps);
                        life.noiseRandom.fillGaussian(eps, 0, n * latent);
                        StepSettings settings = new StepSettings(beta, plan.freeBits());
                        terms = batches instanceof DistributedBatches d ? d.computeGradient(model, eps, settings)
                                : model.computeGradient(x, eps, n, settings);
                        requireFinite(terms, epoch, step);
                        norm = GradientClipping.clip(model, plan.clipGradientNorm());
                        model.applyUpdate(rate);
                        life.stepsCompleted++;
                        runSteps++;
                    }
                    sumLoss += terms.objective() * n;
                    sumReconstruction += terms.reconstruction() * n;
                    sumKl += terms.kl() * n;
                    plan.listeners().onStep(new StepReport(epoch, step, life.stepsCompleted, n, terms.objective(),
                            terms.reconstruction(), terms.kl(), beta, rate, norm));
                    if (plan.listeners().shouldStop()) {
                        LOG.info("a listener stopped training at epoch {}, step {}", epoch, step);
                        reason = StopReason.LISTENER;
                        atEpochBoundary = false;
                        break epochs;
                    }
                }
                rows = batches.rowsSoFar();
            } catch (IOException e) {
                rollBack();
                throw new UncheckedIOException("could not read the training data " + source + ": " + e.getMessage(),
                        e);
            } catch (IllegalArgumentException e) {
                rollBack(); // a bad row: nothing of this epoch stays
                throw e;
            }
            if (rows == 0) {
                rollBack();
                throw new IllegalArgumentException("the training data " + source + " has no rows"
                        + (plan.holdOut().isActive() ? " left after the validation split" : ""));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            ModelState now = model.state();
            if (!allFinite(now.parameters())) {
                throw diverged(epoch, step, "parameters became NaN or infinite");
            }
            double validationElbo;
            try {
                validationElbo = validation.meanElbo(model);
            } catch (IOException e) {
                rollBack();
                throw new UncheckedIOException("could not read the validation rows of " + source, e);
            } catch (IllegalArgumentException e) {
                rollBack();
                throw e;
            }
            life.epochsCompleted++;
            runEpochs++;
            trainingRows = rows;
            life.trainingExamples = rows;
            EpochReport report = new EpochReport(epoch, sumLoss / rows, sumReconstruction / rows, sumKl / rows, rows,
                    seconds, validationElbo, beta, rate);
            life.lastElbo = report.elbo();
            reports.add(report);
            LOG.debug("epoch {}: loss {} nats, ELBO {} nats, validation ELBO {}, {} examples/s", epoch,
                    report.loss(), report.elbo(), validationElbo, report.examplesPerSecond());
            best.observe(epoch, validationElbo, () -> now);
            lastGoodModel = null;
            lastGoodModel = now;
            lastGoodLife = life.copy();
            plan.listeners().onEpoch(report);
            if (best.exhausted()) {
                reason = StopReason.EARLY_STOPPING;
                break;
            }
            if (plan.listeners().shouldStop()) {
                LOG.info("a listener stopped training after epoch {}", epoch);
                reason = StopReason.LISTENER;
                break;
            }
            if (runEpochs < plan.epochs() && plan.checkpointDue(runEpochs)) {
                writeCheckpoint(best.progress(runEpochs, runSteps));
            }
        }
        int bestEpoch = best.bestEpoch() > 0 ? best.bestEpoch() : reports.isEmpty() ? 0 : reports.get(
                reports.size() - 1).epoch();
        if (best.stopsEarly() && best.bestState() != null && bestEpoch != life.epochsCompleted) {
            model.restore(best.bestState());
            reports.stream().filter(r -> r.epoch() == bestEpoch).findFirst()
                    .ifPresent(r -> life.lastElbo = r.elbo());
            LOG.info("early stopping ({}): the model now holds its best validation epoch, {}, with validation ELBO "
                    + "{} nats per example", reason == StopReason.EARLY_STOPPING ? "patience ran out"
                    : "the run ended", bestEpoch, best.bestElbo());
        }
        if (atEpochBoundary && reason != StopReason.INTERRUPTED && plan.checkpointFile() != null) {
            writeCheckpoint(null);
        }
        return new FitReport(reports, trainingRows, validation.rows(), reason, bestEpoch);
    }

    private Validation validation(InMemory memory, DistributedSource remote) {
        if (plan.validation() != null) {
            return Validation.of(plan.validation());
        }
        if (!plan.holdOut().isActive()) {
            return Validation.NONE;
        }
        if (memory != null) {
            if (memory.heldOut().length == 0) {
                throw new IllegalArgumentException("the validation fraction holds out none of the "
                        + memory.rows().length + " rows: give a larger fraction or validation rows");
            }
            return Validation.of(memory.heldOut());
        }
        if (remote != null) {
            int[] heldOut = remote.heldOutRows(plan.holdOut());
            if (heldOut.length == 0) {
                throw new IllegalArgumentException("the validation fraction holds out none of the "
                        + remote.rows().size() + " rows: give a larger fraction or validation rows");
            }
            return Validation.distributed(remote.rows(), heldOut);
        }
        return Validation.heldOut(source, plan.holdOut(), unitInterval);
    }

    private Batches batches(InMemory memory) throws IOException {
        if (memory != null) {
            return new PermutedBatches(memory.rows(), memory.training(), plan.batchSize(), life.shuffleRandom);
        }
        OptionalLong size = source.size();
        int buffer = size.isPresent() ? (int) Math.max(1, Math.min(plan.shuffleBufferRows(), size.getAsLong()))
                : plan.shuffleBufferRows();
        return new StreamedBatches(source, plan.holdOut(), unitInterval, buffer, plan.batchSize(),
                life.shuffleRandom);
    }

    /** The run's planned number of steps, for a schedule that needs it; counts a source's rows if it must. */
    private long totalSteps(InMemory memory) {
        long rows;
        if (memory != null) {
            rows = memory.training().length;
        } else if (source.size().isPresent() && !plan.holdOut().isActive()) {
            rows = source.size().getAsLong();
        } else {
            rows = 0;
            float[] row = new float[source.width()];
            long position = 0;
            try (DataSource.RowReader reader = source.open()) {
                while (reader.next(row)) {
                    InputChecks.checkRow(row, reader, unitInterval);
                    if (!plan.holdOut().isHeldOut(position++)) {
                        rows++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the training data " + source, e);
            }
            LOG.info("counted {} training rows in {} for the learning-rate schedule", rows, source);
        }
        return plan.epochs() * ((rows + plan.batchSize() - 1) / plan.batchSize());
    }

    /** Clips the gradient if the plan says so. @return its norm before clipping, or NaN */
    /** Stops the run if a step's loss terms are not finite, the model rolled back. */
    private void requireFinite(StepTerms terms, int epoch, int step) {
        if (!terms.isFinite()) {
            throw diverged(epoch, step, "reconstruction " + terms.reconstruction() + ", KL " + terms.kl()
                    + " nats per example");
        }
    }

    private void keepAsLastGood() {
        lastGoodModel = model.state();
        lastGoodLife = life.copy();
    }

    private void rollBack() {
        model.restore(lastGoodModel);
        life.copyFrom(lastGoodLife);
    }

    private TrainingDivergedException diverged(int epoch, int step, String what) {
        rollBack();
        boolean gaussian = model.config().likelihood() == Likelihood.GAUSSIAN;
        return new TrainingDivergedException(epoch, step, "training diverged at epoch " + epoch + ", step " + step
                + ": " + what + ". The model was rolled back to the end of epoch " + life.epochsCompleted
                + ". Try a lower learning rate (now " + plan.optimizer().learningRate() + "), clipGradientNorm"
                + (gaussian ? ", a larger variance floor" : "") + ", or standardise the data.");
    }

    private void writeCheckpoint(RunProgress run) {
        try {
            checkpoints.write(plan.checkpointFile(), run);
            LOG.debug("checkpoint after epoch {} written to {}", life.epochsCompleted, plan.checkpointFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the checkpoint " + plan.checkpointFile(), e);
        }
    }

    private static boolean allFinite(float[] values) {
        float sum = 0;
        for (float v : values) {
            sum += v * 0f;
        }
        return sum == 0f;
    }
}

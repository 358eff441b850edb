package io.github.vae4j.training;

import io.github.vae4j.DataSource;
import io.github.vae4j.EpochReport;
import io.github.vae4j.FitReport;
import io.github.vae4j.StepReport;
import io.github.vae4j.StopReason;
import io.github.vae4j.internal.GradientClipping;
import io.github.vae4j.io.RunProgress;
import io.github.vae4j.spi.BackendModel;
import io.github.vae4j.spi.ModelState;
import io.github.vae4j.spi.StepSettings;
import io.github.vae4j.spi.StepTerms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run: the loop over epochs and batches, calling the backend for each step's gradient and update. Each
 * policy is a piece of its own: where the rows are and how an epoch reads them ({@link RunData}), the KL warm-up and
 * learning-rate schedule ({@link RunSettings}), gradient clipping, {@link Validation}, the divergence check
 * ({@link DivergenceCheck}), and the {@link RunPolicy}s that watch epochs and may end the run: early stopping
 * ({@link EarlyStopping}), the user's {@link Listeners} and {@link Checkpoints}, called in that order.
 *
 * <p>Failure leaves a usable model: when the loss diverges or a row read is bad, the model and its training state go
 * back to the end of the last completed epoch (the start of the run if none, {@link LastGoodState}) and the exception
 * propagates.
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    /** Saves the model to a checkpoint file, with the run's progress when the run is not over. */
    public interface CheckpointWriter {
        /**
         * @param file the checkpoint file
         * @param run the run's progress, or {@code null} when the run is over
         * @throws IOException if writing fails
         */
        void write(java.nio.file.Path file, RunProgress run) throws IOException;
    }

    private final BackendModel model;
    private final TrainingState life;
    private final RunSettings plan;
    private final DataSource source;
    private final int unitColumns;
    private final CheckpointWriter checkpoints;
    private final int latent;
    private final float[] x;
    private final float[] eps;

    // the run, from run()
    private RunProgress resumed;
    private int runEpochs;
    private long runSteps;
    private long totalSteps;
    private LastGoodState lastGood;
    private DivergenceCheck divergence;
    private List<RunPolicy> policies;

    /**
     * @param model the backend model, with its sizes
     * @param life the model's training state, changed as training goes
     * @param plan the resolved plan
     * @param source the training rows; an {@link io.github.vae4j.data.ArraySource}'s rows must have been checked
     * @param unitColumns how many leading columns of a row must lie in [0, 1] (a Bernoulli model's targets); 0 for none
     * @param checkpoints writes checkpoints
     */
    public Trainer(BackendModel model, TrainingState life, RunSettings plan, DataSource source, int unitColumns,
            CheckpointWriter checkpoints) {
        this.model = model;
        this.life = life;
        this.plan = plan;
        this.source = source;
        this.unitColumns = unitColumns;
        this.checkpoints = checkpoints;
        this.latent = model.config().latentSize();
        this.x = new float[plan.batchSize() * source.width()];
        this.eps = new float[plan.batchSize() * latent];
    }

    /** One epoch's running sums and the settings of its last step. */
    private static final class Epoch {
        final int number;
        final long started = System.nanoTime();
        int step;
        double loss;
        double reconstruction;
        double kl;
        double beta = Double.NaN;
        double rate = Double.NaN;
        double norm;
        long rows;
        /** Why the run stopped inside this epoch, or {@code null}. */
        StopReason stopped;
        boolean atEpochBoundary = true;

        Epoch(int number) {
            this.number = number;
        }

        void add(StepTerms terms, int n) {
            loss += terms.objective() * n;
            reconstruction += terms.reconstruction() * n;
            kl += terms.kl() * n;
        }
    }

    /**
     * Runs the plan: from the start, or from where a checkpoint left the run.
     *
     * @return what the run did
     */
    public FitReport run() {
        resumed = life.pendingRun;
        runEpochs = resumed == null ? 0 : resumed.epochs();
        runSteps = resumed == null ? 0 : resumed.steps();
        if (resumed != null) {
            LOG.info("continuing the training run saved in a checkpoint after {} of its {} epochs", runEpochs,
                    plan.epochs());
        }
        RunData data = new RunData(source, plan, unitColumns);
        EarlyStopping earlyStopping = new EarlyStopping(plan.patience(), plan.minImprovement(), resumed, model, life);
        policies = List.of(earlyStopping, plan.listeners(),
                new Checkpoints(plan.checkpointFile(), plan.checkpointEvery(), checkpoints, earlyStopping, life));
        totalSteps = data.totalSteps();
        model.useOptimizer(plan.optimizer());
        life.pendingRun = null;
        lastGood = new LastGoodState(model, life);
        divergence = new DivergenceCheck(model, life, lastGood, plan.baseLearningRate());

        List<EpochReport> reports = new ArrayList<>();
        long trainingRows = data.knownTrainingRows();
        StopReason reason = StopReason.COMPLETED;
        boolean atEpochBoundary = true;
        while (runEpochs < plan.epochs()) {
            Epoch epoch = new Epoch(life.epochsCompleted + 1);
            steps(epoch, data);
            if (epoch.stopped != null) {
                reason = epoch.stopped;
                atEpochBoundary = epoch.atEpochBoundary;
                break;
            }
            ModelState now = model.state();
            EpochReport report = endEpoch(epoch, now, data.validation());
            trainingRows = epoch.rows;
            reports.add(report);
            StopReason stop = null;
            RunPolicy.EpochEnd end = new RunPolicy.EpochEnd(report, now, runEpochs, runSteps,
                    runEpochs < plan.epochs());
            for (RunPolicy p : policies) {
                StopReason r = p.afterEpoch(end, stop);
                stop = stop != null ? stop : r;
            }
            if (stop != null) {
                reason = stop;
                break;
            }
        }
        RunPolicy.RunEnd end = new RunPolicy.RunEnd(reports, reason, atEpochBoundary);
        policies.forEach(p -> p.afterRun(end));
        return new FitReport(reports, trainingRows, data.validation().rows(), reason, earlyStopping.bestEpoch(end));
    }

    /** An epoch's steps, until its batches end or the run stops inside it ({@link Epoch#stopped}). */
    private void steps(Epoch e, RunData data) {
        try (Batches batches = data.batches(life.shuffleRandom)) {
            for (int n = batches.next(x); n > 0; n = batches.next(x)) {
                if (Thread.currentThread().isInterrupted()) {
                    LOG.info("training interrupted at epoch {}, step {}; stopping", e.number, e.step + 1);
                    e.stopped = StopReason.INTERRUPTED;
                    e.atEpochBoundary = e.step == 0;
                    return;
                }
                e.step++;
                StepTerms terms = batches instanceof DistributedBatches d && d.averages() ? averagedRound(d, e)
                        : step(batches, n, e);
                e.add(terms, n);
                StepReport report = new StepReport(e.number, e.step, life.stepsCompleted, n, terms.objective(),
                        terms.reconstruction(), terms.kl(), e.beta, e.rate, e.norm);
                for (RunPolicy p : policies) {
                    if (p.afterStep(report)) {
                        e.stopped = StopReason.LISTENER;
                        e.atEpochBoundary = false;
                        return;
                    }
                }
            }
            e.rows = batches.rowsSoFar();
        } catch (IOException ex) {
            lastGood.rollBack();
            throw new UncheckedIOException("could not read the training data " + source + ": " + ex.getMessage(), ex);
        } catch (IllegalArgumentException ex) {
            lastGood.rollBack(); // a bad row: nothing of this epoch stays
            throw ex;
        }
    }

    /** One step: noise, gradient (here or on the cluster), divergence check, clipping, update. */
    private StepTerms step(Batches batches, int n, Epoch e) throws IOException {
        e.beta = plan.betaAt(runSteps);
        e.rate = plan.learningRateAt(runSteps, runEpochs, totalSteps);
        life.noiseRandom.fillGaussian(eps, 0, n * latent);
        StepSettings settings = new StepSettings(e.beta, plan.freeBits());
        StepTerms terms = batches instanceof DistributedBatches d ? d.computeGradient(model, eps, settings)
                : model.computeGradient(x, eps, n, settings);
        divergence.checkStep(terms, e.number, e.step);
        e.norm = GradientClipping.clip(model, plan.clipGradientNorm());
        model.applyUpdate(e.rate);
        life.stepsCompleted++;
        runSteps++;
        return terms;
    }

    /** A parameter-averaging round on the cluster: several steps, each with its own beta and rate. */
    private StepTerms averagedRound(DistributedBatches d, Epoch e) throws IOException {
        int local = d.roundSteps();
        double[] betas = new double[local];
        double[] rates = new double[local];
        for (int j = 0; j < local; j++) {
            betas[j] = plan.betaAt(runSteps + j);
            rates[j] = plan.learningRateAt(runSteps + j, runEpochs, totalSteps);
        }
        e.beta = betas[local - 1];
        e.rate = rates[local - 1];
        StepTerms terms = d.averagedRound(model, life.noiseRandom, betas, rates, plan.clipGradientNorm());
        divergence.checkStep(terms, e.number, e.step);
        e.norm = Double.NaN;
        life.stepsCompleted += local;
        runSteps += local;
        return terms;
    }

    /** Checks and validates a completed epoch, counts it, and keeps its state as the last good one. */
    private EpochReport endEpoch(Epoch e, ModelState now, Validation validation) {
        if (e.rows == 0) {
            lastGood.rollBack();
            throw new IllegalArgumentException("the training data " + source + " has no rows"
                    + (plan.holdOut().isActive() ? " left after the validation split" : ""));
        }
        double seconds = (System.nanoTime() - e.started) / 1e9;
        divergence.checkParameters(now.parameters(), e.number, e.step);
        double validationElbo;
        try {
            validationElbo = validation.meanElbo(model);
        } catch (IOException ex) {
            lastGood.rollBack();
            throw new UncheckedIOException("could not read the validation rows of " + source, ex);
        } catch (IllegalArgumentException ex) {
            lastGood.rollBack();
            throw ex;
        }
        life.epochsCompleted++;
        runEpochs++;
        life.trainingExamples = e.rows;
        EpochReport report = new EpochReport(e.number, e.loss / e.rows, e.reconstruction / e.rows, e.kl / e.rows,
                e.rows, seconds, validationElbo, e.beta, e.rate);
        life.lastElbo = report.elbo();
        LOG.debug("epoch {}: loss {} nats, ELBO {} nats, validation ELBO {}, {} examples/s", e.number,
                report.loss(), report.elbo(), validationElbo, report.examplesPerSecond());
        lastGood.keep(now);
        return report;
    }
}

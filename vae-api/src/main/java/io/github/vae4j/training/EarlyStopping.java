package io.github.vae4j.training;

import io.github.vae4j.EpochReport;
import io.github.vae4j.StopReason;
import io.github.vae4j.io.RunProgress;
import io.github.vae4j.spi.BackendModel;
import io.github.vae4j.spi.ModelState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Early stopping: follows the best validation ELBO of the run (an improvement counts when it exceeds the plan's
 * minimum), stops the run when {@code patience} epochs in a row bring none, and at the end of the run puts the
 * model back to its best epoch. Without patience it only follows the best epoch, for the report. Its state goes into
 * checkpoints ({@link #progress}), so that a resumed run stops where the whole run would have.
 */
final class EarlyStopping implements RunPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final int patience;
    private final double minImprovement;
    private final BackendModel model;
    private final TrainingState life;
    private int bestEpoch;
    private double bestElbo = Double.NaN;
    private int epochsSince;
    private ModelState bestState;

    /**
     * @param patience epochs without improvement before stopping; 0 never stops
     * @param minImprovement nats per example an ELBO must beat the best by
     * @param resumed the run a checkpoint left unfinished, or {@code null}
     * @param model the model to put back to its best epoch
     * @param life the training state whose last ELBO follows it
     */
    EarlyStopping(int patience, double minImprovement, RunProgress resumed, BackendModel model, TrainingState life) {
        this.patience = patience;
        this.minImprovement = minImprovement;
        this.model = model;
        this.life = life;
        if (resumed != null) {
            bestEpoch = resumed.bestEpoch();
            bestElbo = resumed.bestValidationElbo();
            epochsSince = resumed.epochsSinceBest();
            bestState = resumed.bestState();
        }
    }

    @Override
    public StopReason afterEpoch(EpochEnd end, StopReason stopping) {
        double elbo = end.report().validationElbo();
        if (!Double.isNaN(elbo)) {
            if (Double.isNaN(bestElbo) || elbo > bestElbo + minImprovement) {
                bestEpoch = end.report().epoch();
                bestElbo = elbo;
                epochsSince = 0;
                if (stopsEarly()) {
                    bestState = null; // let the old copy go before taking the new one
                    bestState = end.state();
                }
            } else {
                epochsSince++;
            }
        }
        return stopsEarly() && epochsSince >= patience ? StopReason.EARLY_STOPPING : null;
    }

    @Override
    public void afterRun(RunEnd end) {
        int best = bestEpoch(end);
        if (stopsEarly() && bestState != null && best != life.epochsCompleted) {
            model.restore(bestState);
            end.reports().stream().filter(r -> r.epoch() == best).findFirst()
                    .ifPresent(r -> life.lastElbo = r.elbo());
            LOG.info("early stopping ({}): the model now holds its best validation epoch, {}, with validation ELBO "
                    + "{} nats per example", end.reason() == StopReason.EARLY_STOPPING ? "patience ran out"
                    : "the run ended", best, bestElbo);
        }
    }

    /** @return the run's best validation epoch, or its last epoch (0 for none) without validation */
    int bestEpoch(RunEnd end) {
        if (bestEpoch > 0) {
            return bestEpoch;
        }
        return end.reports().isEmpty() ? 0 : end.reports().get(end.reports().size() - 1).epoch();
    }

    /** The run's progress for a checkpoint, with what early stopping needs to go on. */
    RunProgress progress(int runEpochs, long runSteps) {
        return new RunProgress(runEpochs, runSteps, bestEpoch, bestElbo, epochsSince, bestState);
    }

    private boolean stopsEarly() {
        return patience > 0;
    }

}

package io.github.vae4j;

import io.github.vae4j.io.RunProgress;
import io.github.vae4j.spi.ModelState;
import java.util.function.Supplier;

/**
 * Early stopping (and, without it, the bookkeeping of the best validation epoch): after each validated epoch, the
 * best validation ELBO so far, the epochs since, and, when stopping early, a copy of the model's state at the best
 * epoch, which the model takes back at the end of the run.
 */
final class BestEpoch {

    private final int patience;
    private final double minImprovement;
    private int bestEpoch;
    private double bestElbo = Double.NaN;
    private int epochsSince;
    private ModelState bestState;

    /**
     * @param patience epochs without improvement before stopping; 0 to only keep count
     * @param minImprovement nats per example an ELBO must beat the best by
     * @param resumed the progress of a resumed run, or {@code null}
     */
    BestEpoch(int patience, double minImprovement, RunProgress resumed) {
        this.patience = patience;
        this.minImprovement = minImprovement;
        if (resumed != null) {
            bestEpoch = resumed.bestEpoch();
            bestElbo = resumed.bestValidationElbo();
            epochsSince = resumed.epochsSinceBest();
            bestState = resumed.bestState();
        }
    }

    /**
     * Records an epoch's validation.
     *
     * @param epoch the model-life epoch number
     * @param validationElbo its validation ELBO
     * @param state the model's state now, taken only if kept
     */
    void observe(int epoch, double validationElbo, Supplier<ModelState> state) {
        if (Double.isNaN(validationElbo)) {
            return;
        }
        if (Double.isNaN(bestElbo) || validationElbo > bestElbo + minImprovement) {
            bestEpoch = epoch;
            bestElbo = validationElbo;
            epochsSince = 0;
            if (stopsEarly()) {
                bestState = null; // let the old copy go before taking the new one
                bestState = state.get();
            }
        } else {
            epochsSince++;
        }
    }

    /** @return whether this run stops early */
    boolean stopsEarly() {
        return patience > 0;
    }

    /** @return whether the patience has run out */
    boolean exhausted() {
        return stopsEarly() && epochsSince >= patience;
    }

    /** @return the best epoch so far, 0 if none was validated */
    int bestEpoch() {
        return bestEpoch;
    }

    /** @return the best validation ELBO so far, NaN if none */
    double bestElbo() {
        return bestElbo;
    }

    /** @return the state at the best epoch, kept when stopping early; otherwise {@code null} */
    ModelState bestState() {
        return bestState;
    }

    /**
     * @param runEpochs epochs of the run completed
     * @param runSteps steps of the run completed
     * @return the run's progress, for a checkpoint
     */
    RunProgress progress(int runEpochs, long runSteps) {
        return new RunProgress(runEpochs, runSteps, bestEpoch, bestElbo, epochsSince, bestState);
    }
}

package io.github.vae4j.training;

import io.github.vae4j.Likelihood;
import io.github.vae4j.TrainingDivergedException;
import io.github.vae4j.spi.BackendModel;
import io.github.vae4j.spi.StepTerms;
import java.util.Locale;

/**
 * Stops a run whose loss or parameters are no longer finite, or whose loss exploded, before the update that would
 * spread them: the model goes back to the end of its last completed epoch ({@link LastGoodState}) and a
 * {@link TrainingDivergedException} says where and what to try. A step's loss has exploded when it exceeds the run's
 * lowest step loss so far by {@value #EXPLOSION} times that loss's size (at least 1 nat): a finite 1e26 nats is as
 * lost as NaN, and stopping there keeps the last good state. Heavy-tailed data moves a batch's loss by far less (on
 * standardised Shuttle, whose largest |z| is 122, batches of 2,000 range over 2 orders of magnitude).
 */
final class DivergenceCheck {

    private final BackendModel model;
    private final TrainingState life;
    private final LastGoodState lastGood;
    private final double learningRate;
    /** The lowest step loss of the run so far, nats per example; NaN before the first step. */
    private double lowest = Double.NaN;

    /** How many times its own size above the lowest loss a step's loss may go. */
    static final double EXPLOSION = 1e6;

    DivergenceCheck(BackendModel model, TrainingState life, LastGoodState lastGood, double learningRate) {
        this.model = model;
        this.life = life;
        this.lastGood = lastGood;
        this.learningRate = learningRate;
    }

    /** After a step's gradient, before its update. */
    void checkStep(StepTerms terms, int epoch, int step) {
        if (!terms.isFinite()) {
            throw diverged(epoch, step, "reconstruction " + terms.reconstruction() + ", KL " + terms.kl()
                    + " nats per example");
        }
        double loss = terms.objective();
        if (!Double.isNaN(lowest) && loss > lowest + EXPLOSION * Math.max(1, Math.abs(lowest))) {
            throw diverged(epoch, step, "the loss exploded to " + String.format(Locale.ROOT, "%.4g", loss)
                    + " nats per example, from " + String.format(Locale.ROOT, "%.4g", lowest));
        }
        if (Double.isNaN(lowest) || loss < lowest) {
            lowest = loss;
        }
    }

    /** At the end of an epoch, before validation. */
    void checkParameters(float[] parameters, int epoch, int step) {
        float sum = 0;
        for (float v : parameters) {
            sum += v * 0f; // NaN for NaN and for either infinity
        }
        if (sum != 0f) {
            throw diverged(epoch, step, "parameters became NaN or infinite");
        }
    }

    private TrainingDivergedException diverged(int epoch, int step, String what) {
        lastGood.rollBack();
        boolean gaussian = model.config().likelihood() == Likelihood.GAUSSIAN;
        return new TrainingDivergedException(epoch, step, "training diverged at epoch " + epoch + ", step " + step
                + ": " + what + ". The model was rolled back to the end of epoch " + life.epochsCompleted
                + ". Try a lower learning rate (now " + learningRate + "), clipGradientNorm"
                + (gaussian ? ", a larger variance floor" : "") + ", or standardise the data.");
    }
}

package io.github.vae4j.training;

import io.github.vae4j.Likelihood;
import io.github.vae4j.TrainingDivergedException;
import io.github.vae4j.spi.BackendModel;
import io.github.vae4j.spi.StepTerms;

/**
 * Stops a run whose loss or parameters are no longer finite, before the update that would spread them: the model goes
 * back to the end of its last completed epoch ({@link LastGoodState}) and a {@link TrainingDivergedException} says
 * where and what to try.
 */
final class DivergenceCheck {

    private final BackendModel model;
    private final TrainingState life;
    private final LastGoodState lastGood;
    private final double learningRate;

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

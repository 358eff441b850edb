package io.github.vae4j.training;

import io.github.vae4j.LearningRateSchedule;
import io.github.vae4j.Optimizer;
import io.github.vae4j.Training;
import io.github.vae4j.io.TrainingDefaults;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A {@link Training} plan with every unset option filled from the model's defaults: what one run does.
 *
 * @param epochs the most epochs
 * @param batchSize examples per step
 * @param optimizer the optimiser and its base rate
 * @param rateScale the factor on the base rate from the batch size ({@link #batchRateScale}), 1 for none
 * @param schedule the learning-rate schedule
 * @param beta the KL weight after any warm-up
 * @param klWarmupSteps steps of KL warm-up, 0 for none
 * @param freeBits the free-bits floor, 0 for none
 * @param clipGradientNorm the gradient norm limit, 0 for none
 * @param validation explicit validation rows, or {@code null}
 * @param holdOut the validation split of the training data
 * @param patience early stopping's patience, 0 for none
 * @param minImprovement early stopping's least improvement, nats per example
 * @param shuffleBufferRows rows in a streamed source's shuffle buffer
 * @param listeners the plan's listeners
 * @param checkpointFile the checkpoint file, or {@code null}
 * @param checkpointEvery epochs between checkpoints
 */
public record RunSettings(int epochs, int batchSize, Optimizer optimizer, double rateScale,
        LearningRateSchedule schedule, double beta,
        int klWarmupSteps, double freeBits, double clipGradientNorm, float[][] validation, HoldOut holdOut,
        int patience, double minImprovement, int shuffleBufferRows, Listeners listeners, Path checkpointFile,
        int checkpointEvery) {


    /**
     * @param plan the plan
     * @param defaults the model's training defaults
     * @param modelOptimizer the model's optimiser
     * @param checkpointFile the builder's checkpoint file, or {@code null}
     * @param checkpointEvery the builder's checkpoint interval
     * @param seed the model's seed
     * @param width values per row
     * @param rows the training rows, if known (for epochs sized by the data)
     * @return the settings
     */
    public static RunSettings resolve(Training plan, TrainingDefaults defaults, Optimizer modelOptimizer,
            Path checkpointFile, int checkpointEvery, long seed, int width, OptionalLong rows) {
        int batch = plan.batchSize().orElse(defaults.batchSize());
        int shuffle = plan.shuffleBuffer().orElse((int) Math.max(batch,
                Math.min(Integer.MAX_VALUE / Math.max(1, width), TrainingDefaults.SHUFFLE_BYTES / (4L * width))));
        Path file = plan.checkpointFile().orElse(checkpointFile);
        int every = plan.checkpointFile().isPresent() ? plan.checkpointEvery() : checkpointEvery;
        return new RunSettings(plan.epochs().orElse(defaults.epochsFor(rows, batch)), batch,
                plan.optimizer().orElse(modelOptimizer),
                plan.optimizer().isPresent() ? 1 : batchRateScale(modelOptimizer, batch), plan.learningRateSchedule(),
                plan.beta().orElse(defaults.beta()), plan.klWarmupSteps(), plan.freeBits(),
                plan.clipGradientNorm() > 0 ? plan.clipGradientNorm() : defaults.clipGradientNorm(),
                plan.validation().orElse(null), HoldOut.of(seed, plan.validationFraction()),
                plan.earlyStoppingPatience(), plan.earlyStoppingMinImprovement(), shuffle,
                new Listeners(plan.listeners()), file, every);
    }

    /**
     * The square-root scaling rule for adaptive optimisers (Malladi et al., "On the SDEs and scaling rules for
     * adaptive gradient algorithms", NeurIPS 2022): the default optimiser, Adam at
     * {@value TrainingDefaults#LEARNING_RATE}, is tuned for the default batch of
     * {@value TrainingDefaults#BATCH_SIZE} rows; a batch b larger than that takes sqrt(b / 100) times the rate, so
     * that an epoch's fewer steps still get as far. Without it, standardised Shuttle with a Gaussian likelihood at
     * batch 2,000 ended 3 epochs at 416 nats per example (batch 100: 18); with it, at 88. Any other optimiser, one a
     * plan names, and batches up to the default keep their rate.
     *
     * @param optimizer the model's optimiser
     * @param batch examples per step
     * @return the factor on its rate
     */
    public static double batchRateScale(Optimizer optimizer, int batch) {
        boolean isDefault = optimizer.equals(Optimizer.adam(TrainingDefaults.LEARNING_RATE));
        return isDefault && batch > TrainingDefaults.BATCH_SIZE
                ? Math.sqrt((double) batch / TrainingDefaults.BATCH_SIZE) : 1;
    }

    /** @return the base rate of this run: the optimiser's, times {@link #rateScale()} */
    public double baseLearningRate() {
        return optimizer.learningRate() * rateScale;
    }

    /** @return whether the run validates after each epoch */
    public boolean validates() {
        return validation != null || holdOut.isActive();
    }

    /**
     * The KL weight of one step: rising linearly from 0 over the warm-up, then {@link #beta()}.
     *
     * @param step 0-based step within the run
     * @return the weight
     */
    public double betaAt(long step) {
        return klWarmupSteps == 0 || step >= klWarmupSteps ? beta : beta * step / klWarmupSteps;
    }

    /**
     * The learning rate of one step.
     *
     * @param step 0-based step within the run
     * @param epoch 0-based epoch within the run
     * @param totalSteps the run's planned steps, or 0 if not needed
     * @return the rate
     */
    public double learningRateAt(long step, int epoch, long totalSteps) {
        return baseLearningRate() * schedule.factor(step, epoch, totalSteps);
    }

    /** @return whether a checkpoint is due after {@code runEpochs} epochs of the run */
    public boolean checkpointDue(int runEpochs) {
        return checkpointFile != null && runEpochs % checkpointEvery == 0;
    }
}

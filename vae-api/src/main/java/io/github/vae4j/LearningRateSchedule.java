package io.github.vae4j;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How the learning rate changes during one training run: a factor applied to the {@link Optimizer}'s base rate at
 * each step. Steps and epochs count from the start of the run (one {@code fit}, or a run resumed from a checkpoint),
 * not over the model's life.
 *
 * <pre>{@code
 * LearningRateSchedule.constant()              // the base rate throughout (the default)
 * LearningRateSchedule.stepDecay(10, 0.5)      // halved every 10 epochs
 * LearningRateSchedule.cosine(500, 0.01)       // linear warm-up over 500 steps, then a cosine down to 1% at the end
 * }</pre>
 */
public sealed interface LearningRateSchedule
        permits LearningRateSchedule.Constant, LearningRateSchedule.StepDecay, LearningRateSchedule.Cosine {

    /** @return the base rate at every step */
    static LearningRateSchedule constant() {
        return Constant.INSTANCE;
    }

    /**
     * The base rate times {@code factor^floor(epoch / everyEpochs)}, with epochs counted from 0 within the run.
     *
     * @param everyEpochs how often the rate drops, in epochs; positive
     * @param factor what the rate is multiplied by each time, in (0, 1]
     * @return the schedule
     */
    static LearningRateSchedule stepDecay(int everyEpochs, double factor) {
        return new StepDecay(everyEpochs, factor);
    }

    /**
     * A linear warm-up from {@code base / warmupSteps} to the base rate over the first {@code warmupSteps} steps,
     * then a half cosine from the base rate down to {@code minFactor * base} at the run's last step (Loshchilov and
     * Hutter 2017, without restarts). The run's length is its epochs times its steps per epoch; where a data source
     * does not know its size, the trainer counts its rows once before the run.
     *
     * @param warmupSteps steps of linear warm-up, 0 or more
     * @param minFactor the final rate as a fraction of the base rate, in [0, 1]
     * @return the schedule
     */
    static LearningRateSchedule cosine(int warmupSteps, double minFactor) {
        return new Cosine(warmupSteps, minFactor);
    }

    /**
     * The factor for one step.
     *
     * @param step 0-based step within the run
     * @param epoch 0-based epoch within the run
     * @param totalSteps the run's planned number of steps, or 0 if not known (only {@link #needsTotalSteps()}
     *     schedules need it)
     * @return the factor applied to the base rate, positive
     */
    double factor(long step, int epoch, long totalSteps);

    /** @return whether {@link #factor} needs the run's number of steps */
    default boolean needsTotalSteps() {
        return false;
    }

    /** The base rate at every step. */
    final class Constant implements LearningRateSchedule {
        static final Constant INSTANCE = new Constant();

        private Constant() {
        }

        @Override
        public double factor(long step, int epoch, long totalSteps) {
            return 1;
        }

        @Override
        public String toString() {
            return "constant";
        }
    }

    /**
     * Step decay: the rate times {@code factor} every {@code everyEpochs} epochs.
     *
     * @param everyEpochs how often the rate drops, in epochs; positive
     * @param factor what the rate is multiplied by each time, in (0, 1]
     */
    record StepDecay(int everyEpochs, double factor) implements LearningRateSchedule {

        /**
         * Validates the values.
         *
         * @param everyEpochs how often the rate drops, in epochs; positive
         * @param factor what the rate is multiplied by each time, in (0, 1]
         */
        public StepDecay {
            checkArgument(everyEpochs > 0, "step decay interval must be a positive number of epochs, got %s",
                    everyEpochs);
            checkArgument(factor > 0 && factor <= 1, "step decay factor must be in (0, 1], got %s", factor);
        }

        @Override
        public double factor(long step, int epoch, long totalSteps) {
            return Math.pow(factor, epoch / everyEpochs);
        }
    }

    /**
     * Linear warm-up, then cosine decay to {@code minFactor} at the end of the run.
     *
     * @param warmupSteps steps of linear warm-up, 0 or more
     * @param minFactor the final rate as a fraction of the base rate, in [0, 1]
     */
    record Cosine(int warmupSteps, double minFactor) implements LearningRateSchedule {

        /**
         * Validates the values.
         *
         * @param warmupSteps steps of linear warm-up, 0 or more
         * @param minFactor the final rate as a fraction of the base rate, in [0, 1]
         */
        public Cosine {
            checkArgument(warmupSteps >= 0, "warm-up steps must be >= 0, got %s", warmupSteps);
            checkArgument(minFactor >= 0 && minFactor <= 1, "the cosine's final factor must be in [0, 1], got %s",
                    minFactor);
        }

        @Override
        public double factor(long step, int epoch, long totalSteps) {
            if (step < warmupSteps) {
                return (step + 1.0) / warmupSteps;
            }
            long decaySteps = Math.max(1, totalSteps - warmupSteps - 1);
            double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
            return minFactor + (1 - minFactor) * 0.5 * (1 + Math.cos(Math.PI * progress));
        }

        @Override
        public boolean needsTotalSteps() {
            return true;
        }
    }
}

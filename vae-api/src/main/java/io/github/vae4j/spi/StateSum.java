package io.github.vae4j.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.Serializable;

/**
 * The end states of some workers' local steps in a parameter-averaging round, each weighted by the rows the worker
 * trained on, summed: parameters and optimiser slots times the weight, and the loss terms summed over the rows of
 * every local step. The trainer divides by {@link #weight()} to get the averaged state. Made by
 * {@link io.github.vae4j.distributed.GradientWorker#localSteps}.
 *
 * @param parameters the weighted sum of the workers' parameters; the array is shared, not copied
 * @param slots the weighted sums of the workers' optimiser slots, one array per slot
 * @param weight the sum of the weights: the rows trained on
 * @param reconstruction the sum of the reconstruction terms of every local step's rows, nats
 * @param kl the sum of their KL terms, nats
 * @param objective the sum of their objectives, nats
 * @serial exclude
 */
public record StateSum(float[] parameters, float[][] slots, long weight, double reconstruction, double kl,
        double objective) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Checks the values.
     *
     * @param parameters the weighted sum of parameters
     * @param slots the weighted sums of the optimiser's slots
     * @param weight the rows trained on, 0 or more
     * @param reconstruction the summed reconstruction terms, nats
     * @param kl the summed KL terms, nats
     * @param objective the summed objectives, nats
     */
    public StateSum {
        checkNotNull(parameters, "parameters");
        checkNotNull(slots, "slots");
        checkArgument(weight >= 0, "weight must be >= 0, got %s", weight);
    }

    /**
     * A sum of no worker.
     *
     * @param parameters the model's parameter count
     * @param slots the optimiser's slot count
     * @return zeros
     */
    public static StateSum zero(int parameters, int slots) {
        return new StateSum(new float[parameters], new float[slots][parameters], 0, 0, 0, 0);
    }

    /**
     * Adds another sum into this one's arrays (which it changes, as Spark's aggregations allow).
     *
     * @param other the sum of other workers of the same model
     * @return the total, sharing this one's arrays
     * @throws IllegalArgumentException if the sizes differ
     */
    public StateSum plus(StateSum other) {
        checkArgument(other.parameters.length == parameters.length && other.slots.length == slots.length,
                "states of different sizes");
        add(parameters, other.parameters);
        for (int s = 0; s < slots.length; s++) {
            add(slots[s], other.slots[s]);
        }
        return new StateSum(parameters, slots, weight + other.weight, reconstruction + other.reconstruction,
                kl + other.kl, objective + other.objective);
    }

    private static void add(float[] into, float[] from) {
        for (int i = 0; i < into.length; i++) {
            into[i] += from[i];
        }
    }
}

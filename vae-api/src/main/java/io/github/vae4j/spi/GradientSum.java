package io.github.vae4j.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.Serializable;

/**
 * The gradient and loss terms of some rows of a step, summed over the rows rather than averaged, so that the shares
 * of many workers add up to the step's whole batch. Made by {@link io.github.vae4j.distributed.GradientWorker}; the trainer
 * divides by the batch's rows.
 *
 * @param gradient the sum over the rows of the gradient of each row's objective, one value per parameter in the
 *     parameters' order; the array is shared, not copied
 * @param rows the rows summed, 0 or more
 * @param reconstruction the sum of the rows' reconstruction terms, nats
 * @param kl the sum of the rows' KL terms, nats
 * @param objective the sum of the rows' objectives (reconstruction + beta KL), nats
 * @serial exclude
 */
public record GradientSum(float[] gradient, long rows, double reconstruction, double kl, double objective)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Checks the values.
     *
     * @param gradient the summed gradient, one value per parameter
     * @param rows the rows summed, 0 or more
     * @param reconstruction the summed reconstruction terms, nats
     * @param kl the summed KL terms, nats
     * @param objective the summed objectives, nats
     */
    public GradientSum {
        checkNotNull(gradient, "gradient");
        checkArgument(rows >= 0, "rows must be >= 0, got %s", rows);
    }

    /**
     * A sum of no rows.
     *
     * @param parameters the model's parameter count
     * @return zeros
     */
    public static GradientSum zero(int parameters) {
        return new GradientSum(new float[parameters], 0, 0, 0, 0);
    }

    /**
     * Adds another sum into this one's gradient array (which it changes, as Spark's aggregations allow) and returns
     * the total.
     *
     * @param other a sum over other rows of the same model
     * @return the sum of both, sharing this one's array
     * @throws IllegalArgumentException if the gradients differ in length
     */
    public GradientSum plus(GradientSum other) {
        checkArgument(other.gradient.length == gradient.length, "gradients of %s and %s parameters", gradient.length,
                other.gradient.length);
        float[] g = gradient;
        float[] h = other.gradient;
        for (int i = 0; i < g.length; i++) {
            g[i] += h[i];
        }
        return new GradientSum(g, rows + other.rows, reconstruction + other.reconstruction, kl + other.kl,
                objective + other.objective);
    }
}

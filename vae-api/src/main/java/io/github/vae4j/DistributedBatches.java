package io.github.vae4j;

import io.github.vae4j.spi.BackendModel;
import io.github.vae4j.spi.GradientSum;
import io.github.vae4j.spi.RandomStream;
import io.github.vae4j.spi.StepSettings;
import io.github.vae4j.spi.StepTerms;
import java.io.IOException;
import java.util.Arrays;

/**
 * An epoch over {@link DistributedRows}: the same permutation of the training rows' indices as
 * {@link PermutedBatches} draws for rows in memory, cut into the same batches; each step's gradient is summed where
 * the rows are and loaded into the model here, so the trainer's update, clipping and schedules stay its own.
 */
final class DistributedBatches implements Batches {

    private final DistributedRows rows;
    private final int[] order;
    private final int batchSize;
    private int from;
    private int[] batch = new int[0];

    /**
     * @param rows the rows
     * @param trainingRows the indices of the training rows, ascending
     * @param batchSize rows per batch
     * @param random the shuffling stream, advanced by one permutation
     */
    DistributedBatches(DistributedRows rows, int[] trainingRows, int batchSize, RandomStream random) {
        this.rows = rows;
        this.order = trainingRows.clone();
        this.batchSize = batchSize;
        random.shuffle(order);
    }

    /** Takes the next batch's indices; {@code x} is not used, the rows are elsewhere. */
    @Override
    public int next(float[] x) {
        int n = Math.min(batchSize, order.length - from);
        batch = Arrays.copyOfRange(order, from, from + n);
        from += n;
        return n;
    }

    /**
     * The gradient of the current batch's mean objective, summed where the rows are, into the model's buffer.
     *
     * @param model the model, at the step's parameters
     * @param eps the batch's noise, {@code n x latentSize} first values
     * @param settings the step's settings
     * @return the batch's mean terms
     * @throws IOException if the rows could not be reached
     */
    StepTerms computeGradient(BackendModel model, float[] eps, StepSettings settings) throws IOException {
        int n = batch.length;
        float[] parameters = new float[Math.toIntExact(model.parameterCount())];
        model.copyParameters(parameters);
        GradientSum sum = rows.gradientSum(parameters, batch, n,
                Arrays.copyOf(eps, n * model.config().latentSize()), settings);
        if (sum.rows() != n || sum.gradient().length != parameters.length) {
            throw new IllegalStateException(rows + " summed " + sum.rows() + " rows and " + sum.gradient().length
                    + " gradient values for a batch of " + n + " rows and " + parameters.length + " parameters");
        }
        float[] g = sum.gradient();
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (g[i] / (double) n);
        }
        model.loadGradient(g);
        return new StepTerms(sum.reconstruction() / n, sum.kl() / n, sum.objective() / n);
    }

    @Override
    public long rowsSoFar() {
        return from;
    }

    @Override
    public void close() {
    }
}

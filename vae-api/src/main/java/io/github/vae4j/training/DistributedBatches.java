package io.github.vae4j.training;

import io.github.vae4j.distributed.DistributedRows;
import io.github.vae4j.spi.BackendModel;
import io.github.vae4j.spi.GradientSum;
import io.github.vae4j.spi.ModelState;
import io.github.vae4j.spi.RandomStream;
import io.github.vae4j.spi.StateSum;
import io.github.vae4j.spi.StepSettings;
import io.github.vae4j.spi.StepTerms;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An epoch over {@link DistributedRows}: the same permutation of the training rows' indices as
 * {@link PermutedBatches} draws for rows in memory, cut into the same batches; each step's gradient is summed where
 * the rows are and loaded into the model here, so the trainer's update, clipping and schedules stay its own.
 */
public final class DistributedBatches implements Batches {

    private final DistributedRows rows;
    private final int[] order;
    private final int batchSize;
    private final int localSteps;
    private int from;
    private int[] batch = new int[0];

    /**
     * @param rows the rows
     * @param trainingRows the indices of the training rows, ascending
     * @param batchSize rows per batch
     * @param random the shuffling stream, advanced by one permutation
     */
    public DistributedBatches(DistributedRows rows, int[] trainingRows, int batchSize, RandomStream random) {
        this.rows = rows;
        this.order = trainingRows.clone();
        this.batchSize = batchSize;
        this.localSteps = rows.localSteps();
        random.shuffle(order);
    }

    /** @return whether a step here is a parameter-averaging round of several trainer steps */
    public boolean averages() {
        return localSteps > 1;
    }

    /** @return the trainer steps in the current round: its sub-batches of the batch size */
    public int roundSteps() {
        return (batch.length + batchSize - 1) / batchSize;
    }

    /**
     * Takes the next batch's indices (under parameter averaging, the next round's: {@link DistributedRows#localSteps}
     * batches); {@code x} is not used, the rows are elsewhere.
     */
    @Override
    public int next(float[] x) {
        int n = Math.min(averages() ? batchSize * localSteps : batchSize, order.length - from);
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
    public StepTerms computeGradient(BackendModel model, float[] eps, StepSettings settings) throws IOException {
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

    /**
     * One parameter-averaging round over the current round's sub-batches: their noise drawn here in order (as the
     * trainer draws one batch's after another's), the workers' local steps, and the model set to the average of
     * their end states, weighted by their rows.
     *
     * @param model the model at the round's start, afterwards at its end
     * @param noise the training-noise stream
     * @param betas per sub-batch, the KL weight
     * @param rates per sub-batch, the learning rate
     * @param clipNorm each local step's gradient norm limit, 0 for none
     * @return the round's mean terms over its rows
     * @throws IOException if the rows could not be reached
     */
    public StepTerms averagedRound(BackendModel model, RandomStream noise, double[] betas, double[] rates, double clipNorm)
            throws IOException {
        int latent = model.config().latentSize();
        int steps = roundSteps();
        int[][] batches = new int[steps][];
        float[][] eps = new float[steps][];
        for (int j = 0; j < steps; j++) {
            batches[j] = Arrays.copyOfRange(batch, j * batchSize, Math.min(batch.length, (j + 1) * batchSize));
            eps[j] = new float[batches[j].length * latent];
            noise.fillGaussian(eps[j], 0, eps[j].length);
        }
        ModelState start = model.state();
        float[][] slots = start.optimizerSlots().toArray(float[][]::new);
        StateSum sum = rows.averagedRound(start.parameters(), slots, start.optimizerStep(), start.optimizer(),
                batches, eps, betas, rates, clipNorm);
        if (sum.weight() != batch.length) {
            throw new IllegalStateException(rows + " averaged " + sum.weight() + " rows for a round of "
                    + batch.length);
        }
        float[] p = sum.parameters();
        divide(p, sum.weight());
        List<float[]> s = new ArrayList<>();
        for (float[] slot : sum.slots()) {
            divide(slot, sum.weight());
            s.add(slot);
        }
        model.restore(new ModelState(p, start.optimizer(), s, start.optimizerStep() + steps));
        int n = batch.length;
        return new StepTerms(sum.reconstruction() / n, sum.kl() / n, sum.objective() / n);
    }

    private static void divide(float[] v, long by) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] / (double) by);
        }
    }

    @Override
    public long rowsSoFar() {
        return from;
    }

    @Override
    public void close() {
    }
}

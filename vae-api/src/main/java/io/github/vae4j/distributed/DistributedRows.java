package io.github.vae4j.distributed;

import io.github.vae4j.Optimizer;
import io.github.vae4j.Training;
import io.github.vae4j.Vae;
import io.github.vae4j.spi.GradientSum;
import io.github.vae4j.spi.StateSum;
import io.github.vae4j.spi.StepSettings;
import io.github.vae4j.tabular.Scaling;
import java.io.IOException;
import java.util.Optional;

/**
 * Training rows that stay where they are (the partitions of a Spark job, say), addressed by their index from 0,
 * for {@link Vae#fit(DistributedRows, Training)}. The trainer runs on this machine as for rows in memory: it
 * permutes the indices each epoch, cuts them into batches, draws each batch's noise, and for each step asks for the
 * summed gradient of the batch's rows at the current parameters; it applies the optimiser itself. An implementation
 * computes the sums where the rows are, with {@link GradientWorker}s loaded from the model's file.
 *
 * <p>Answers must depend only on the arguments: a share computed twice (a retried task) must give the same sums.
 * The rows must have been checked (finite, of the model's width, in [0, 1] for a Bernoulli model): the trainer
 * cannot check rows it does not see.
 */
public interface DistributedRows {

    /**
     * Called once before a run's first step, with the model's file (its architecture and parameters): the bytes to
     * load the run's {@link GradientWorker}s from, whose parameters are then replaced at every step.
     *
     * @param modelFile the bytes of the model's file, as {@link Vae#toBytes()} gives them
     */
    public void start(byte[] modelFile);

    /**
     * For a tabular model: the standardisation the rows were encoded with ({@link
     * io.github.vae4j.tabular.TabularEncoding}), fitted on them (the partitions' {@link Scaling.Fitter}s merged);
     * the model keeps it. Rows of a tabular model are encoded rows, {@code schema.encodedWidth()} values each.
     *
     * @return the scaling, or empty for the rows of a model without a schema
     */
    default Optional<Scaling> scaling() {
        return Optional.empty();
    }

    /**
     * How many of the trainer's steps each synchronisation covers: 1 (the default) for synchronous gradient steps,
     * equal to training on one machine; more for parameter averaging, where every worker takes that many local steps
     * on its own rows of consecutive batches and the trainer averages their states (see {@link #averagedRound}).
     * Averaging synchronises less often but is not the single-machine run (except over a single partition).
     *
     * @return local steps per synchronisation, 1 or more
     */
    default int localSteps() {
        return 1;
    }

    /**
     * One parameter-averaging round, for {@link #localSteps()} above 1: every worker takes the driver's state, makes
     * one local step per sub-batch with {@link GradientWorker#localSteps}, and the weighted states are summed.
     *
     * @param parameters the driver's parameters
     * @param slots the driver's optimiser slots
     * @param optimizerStep the driver's optimiser step count
     * @param optimizer the run's optimiser
     * @param batches the round's sub-batches of row indices, each one trainer step
     * @param eps per sub-batch, its noise, row j for {@code batches[i][j]}
     * @param betas per sub-batch, the KL weight
     * @param rates per sub-batch, the learning rate
     * @param clipNorm the gradient norm limit of each local step, 0 for none
     * @return the sum over the workers
     * @throws IOException if the rows could not be reached
     * @throws UnsupportedOperationException if these rows do not average
     */
    default StateSum averagedRound(float[] parameters, float[][] slots, long optimizerStep, Optimizer optimizer,
            int[][] batches, float[][] eps, double[] betas, double[] rates, double clipNorm) throws IOException {
        throw new UnsupportedOperationException(this + " does not train by parameter averaging");
    }

    /** @return values per row */
    public int width();

    /** @return the number of rows, at least 1 and below 2^31 */
    public long size();

    /**
     * The summed gradient of one batch.
     *
     * @param parameters the model's parameters, in their order; not to be changed
     * @param rows the indices of the batch's rows, {@code count} of them
     * @param count rows in the batch
     * @param eps the batch's noise, {@code count x latentSize}, row j for {@code rows[j]}
     * @param settings the step's beta and free-bits floor
     * @return the sum over the batch's rows, {@link GradientSum#rows()} equal to count
     * @throws IOException if the rows could not be reached (a failed job); the trainer rolls the model back to the
     *     end of its last completed epoch and rethrows it as an {@link java.io.UncheckedIOException}
     */
    public GradientSum gradientSum(float[] parameters, int[] rows, int count, float[] eps, StepSettings settings)
            throws IOException;

    /**
     * The summed one-sample ELBO of some rows, each row's noise keyed by its values as {@link Vae#elbo} draws it:
     * the validation of an epoch.
     *
     * @param parameters the model's parameters, in their order
     * @param rows the indices of the rows
     * @return the sum of their ELBOs, nats
     * @throws IOException if the rows could not be reached
     */
    public double elboSum(float[] parameters, int[] rows) throws IOException;
}

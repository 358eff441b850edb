package io.github.vae4j.distributed;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.vae4j.Device;
import io.github.vae4j.Optimizer;
import io.github.vae4j.VaeConfig;
import io.github.vae4j.internal.Backends;
import io.github.vae4j.internal.Estimators;
import io.github.vae4j.internal.GradientClipping;
import io.github.vae4j.io.ModelFile;
import io.github.vae4j.io.ModelFormatException;
import io.github.vae4j.io.SavedModel;
import io.github.vae4j.spi.BackendModel;
import io.github.vae4j.spi.GradientSum;
import io.github.vae4j.spi.ModelState;
import io.github.vae4j.spi.StateSum;
import io.github.vae4j.spi.StepSettings;
import io.github.vae4j.spi.StepTerms;
import java.io.IOException;
import java.util.Arrays;

/**
 * One worker's share of a distributed training step (see {@link DistributedRows}): a model loaded from a model
 * file, whose parameters are replaced by the driver's before each share, so that it keeps no state from one step to
 * the next and a share computed again gives the same sums. Not safe for concurrent use: give each task its own.
 *
 * <pre>{@code
 * GradientWorker worker = GradientWorker.of(modelFileBytes);            // once per executor and task slot
 * GradientSum share = worker.gradientSum(parameters, x, eps, rows, settings);
 * }</pre>
 */
public final class GradientWorker implements AutoCloseable {

    private final BackendModel model;
    private final int parameters;

    private GradientWorker(BackendModel model) {
        this.model = model;
        this.parameters = Math.toIntExact(model.parameterCount());
    }

    /**
     * Loads a worker from a model file's bytes ({@link io.github.vae4j.Vae#toBytes()}): the architecture; its parameters are
     * replaced at each share.
     *
     * @param modelFile the bytes of a trained or freshly initialised model's file
     * @return the worker
     * @throws io.github.vae4j.io.ModelFormatException if the bytes are not a valid model file
     * @throws IOException if the model does not fit in memory
     */
    public static GradientWorker of(byte[] modelFile) throws IOException {
        SavedModel saved = ModelFile.fromBytes(modelFile);
        try {
            return new GradientWorker(Backends.get(Device.AUTO).restore(saved.config(), saved.state()));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("the model is inconsistent: " + e.getMessage(), e);
        }
    }

    /** @return the model's configuration */
    public VaeConfig config() {
        return model.config();
    }

    /** @return the number of parameters, the length of every parameter and gradient array */
    public int parameterCount() {
        return parameters;
    }

    /**
     * The summed gradient of some rows at the given parameters.
     *
     * @param parameters the driver's parameters, {@link #parameterCount()} values
     * @param x the rows, {@code rows x rowWidth} (see {@link VaeConfig#rowWidth()}), checked by the caller
     * @param eps their noise, {@code rows x latentSize}
     * @param rows number of rows, 0 or more
     * @param settings the step's beta; the free-bits floor must be 0 (it needs the whole batch's KL)
     * @return the sums over the rows
     * @throws IllegalArgumentException if the sizes do not match, or the settings ask for free bits
     */
    public GradientSum gradientSum(float[] parameters, float[] x, float[] eps, int rows, StepSettings settings) {
        checkNotNull(settings, "settings");
        checkArgument(settings.freeBits() == 0, "free bits need the whole batch's KL per dimension; a distributed "
                + "step cannot floor it (got %s nats)", settings.freeBits());
        VaeConfig c = model.config();
        checkArgument(rows >= 0 && x.length >= (long) rows * c.rowWidth()
                && eps.length >= (long) rows * c.latentSize(),
                "%s rows need %s values and %s noise values, got %s and %s", rows, (long) rows * c.rowWidth(),
                (long) rows * c.latentSize(), x.length, eps.length);
        if (rows == 0) {
            return GradientSum.zero(this.parameters);
        }
        model.loadParameters(parameters);
        StepTerms terms = model.computeGradient(x, eps, rows, settings);
        float[] g = new float[this.parameters];
        model.copyGradient(g);
        for (int i = 0; i < g.length; i++) {
            g[i] *= rows;
        }
        return new GradientSum(g, rows, terms.reconstruction() * rows, terms.kl() * rows, terms.objective() * rows);
    }

    /**
     * A worker's share of a parameter-averaging round: from the driver's state, one local step per sub-batch with
     * rows here (the gradient of their mean, clipped, then the optimiser's update), ending in a state that the
     * trainer averages with the other workers'. With a single worker this is exactly the run on one machine.
     *
     * @param parameters the driver's parameters at the round's start
     * @param slots the driver's optimiser slots at the round's start
     * @param optimizerStep the driver's optimiser step count at the round's start
     * @param optimizer the run's optimiser
     * @param x per sub-batch, its rows here, {@code counts[j] x rowWidth}
     * @param eps per sub-batch, their noise, {@code counts[j] x latentSize}
     * @param counts per sub-batch, the rows here, 0 or more
     * @param betas per sub-batch, the step's KL weight
     * @param rates per sub-batch, the step's learning rate
     * @param clipNorm the gradient norm limit of each local step, 0 for none
     * @return the end state times the rows trained on, and the summed terms
     */
    public StateSum localSteps(float[] parameters, float[][] slots, long optimizerStep, Optimizer optimizer,
            float[][] x, float[][] eps, int[] counts, double[] betas, double[] rates, double clipNorm) {
        long rows = 0;
        for (int c : counts) {
            rows += c;
        }
        if (rows == 0) {
            return StateSum.zero(this.parameters, slots.length);
        }
        model.restore(new ModelState(parameters, optimizer, Arrays.asList(slots), optimizerStep));
        double reconstruction = 0;
        double kl = 0;
        double objective = 0;
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] == 0) {
                continue;
            }
            StepTerms terms = model.computeGradient(x[j], eps[j], counts[j], new StepSettings(betas[j], 0));
            GradientClipping.clip(model, clipNorm);
            model.applyUpdate(rates[j]);
            reconstruction += terms.reconstruction() * counts[j];
            kl += terms.kl() * counts[j];
            objective += terms.objective() * counts[j];
        }
        ModelState end = model.state();
        float[] p = end.parameters();
        scale(p, rows);
        float[][] s = new float[end.optimizerSlots().size()][];
        for (int i = 0; i < s.length; i++) {
            s[i] = end.optimizerSlots().get(i).clone();
            scale(s[i], rows);
        }
        return new StateSum(p, s, rows, reconstruction, kl, objective);
    }

    private static void scale(float[] v, long factor) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= factor;
        }
    }

    /**
     * The summed one-sample ELBO of some rows at the given parameters, each row's noise keyed by its values, as
     * {@link io.github.vae4j.Vae#elbo(float[][])} computes it.
     *
     * @param parameters the driver's parameters
     * @param rows the rows, checked by the caller
     * @return the sum, nats
     */
    public double elboSum(float[] parameters, float[][] rows) {
        if (rows.length == 0) {
            return 0;
        }
        model.loadParameters(parameters);
        return Arrays.stream(Estimators.elbo(model, rows)).sum();
    }

    @Override
    public void close() {
        model.close();
    }
}

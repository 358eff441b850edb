package io.github.vae4j.spi;

import io.github.vae4j.Decoder;
import io.github.vae4j.Encoder;
import io.github.vae4j.Optimizer;
import io.github.vae4j.Prior;
import io.github.vae4j.VaeConfig;

/**
 * A backend's model: the four components, a gradient buffer and an optimiser. The {@link io.github.vae4j.Vae} facade
 * validates all input, batches it, owns every source of randomness and serialises training against inference; a
 * backend model only computes.
 *
 * <p>A training step is split in two, so that the trainer can act between them (clip the gradient by its norm, or,
 * in distributed training, sum gradients from several workers before one update):
 * <pre>{@code
 * StepTerms terms = model.computeGradient(x, eps, rows, new StepSettings(beta, freeBits));  // fills the gradient
 * double norm = model.gradientNorm();                                                      // optional
 * model.scaleGradient(maxNorm / norm);                                                     // optional
 * model.applyUpdate(learningRate);                                                         // one optimiser step
 * }</pre>
 *
 * <p>Inference through the components must be safe from many threads at once; the training methods,
 * {@link #state()} and {@link #restore(ModelState)} are never called concurrently with anything else.
 */
public interface BackendModel extends AutoCloseable {

    /** @return the architecture, with the input size set */
    VaeConfig config();

    /** @return q(z|x) */
    Encoder encoder();

    /** @return p(x|z) */
    Decoder decoder();

    /** @return p(z) */
    Prior prior();


    /**
     * Forward and backward pass of one batch: replaces the gradient buffer with the gradient of the batch-mean
     * objective {@link StepTerms#objective()} with respect to every parameter. Changes no parameter.
     *
     * @param x {@code rows x rowWidth} row-major batch, already validated: each example followed by its condition
     *     in a conditional model ({@link VaeConfig#rowWidth()})
     * @param eps {@code rows x latentSize} standard normal noise for the reparameterisation
     * @param rows examples in the batch, at least 1
     * @param settings this step's beta and free-bits floor
     * @return the batch means of the terms
     */
    StepTerms computeGradient(float[] x, float[] eps, int rows, StepSettings settings);

    /** @return the global L2 norm of the gradient buffer, computed in double precision */
    double gradientNorm();

    /**
     * Multiplies the gradient buffer by {@code factor}.
     *
     * @param factor finite
     */
    void scaleGradient(double factor);

    /**
     * Copies the gradient buffer out, in the parameters' order (see {@link #state()}).
     *
     * @param out receives {@link #parameterCount()} values
     */
    void copyGradient(float[] out);

    /**
     * Replaces the gradient buffer, for example with a sum of gradients computed elsewhere.
     *
     * @param gradient {@link #parameterCount()} values in the parameters' order
     */
    void loadGradient(float[] gradient);

    /**
     * Copies the parameters out, in their documented order (see {@link #state()}), without the optimiser's state:
     * what a distributed trainer sends its workers before each step.
     *
     * @param out receives {@link #parameterCount()} values
     */
    void copyParameters(float[] out);

    /**
     * Replaces the parameters, leaving the optimiser and its state as they are: a distributed worker takes the
     * driver's parameters before computing its share of a step's gradient.
     *
     * @param parameters {@link #parameterCount()} values in their order
     */
    void loadParameters(float[] parameters);

    /**
     * One optimiser update from the gradient buffer.
     *
     * @param learningRate this step's rate, after any schedule; finite and >= 0
     */
    void applyUpdate(double learningRate);

    /**
     * Sets the optimiser. One of the kind in use keeps its state (moments, step count) and takes the new
     * hyperparameters; one of another kind starts from a fresh state.
     *
     * @param optimizer the optimiser's kind and hyperparameters
     */
    void useOptimizer(Optimizer optimizer);

    /** @return the optimiser in use */
    Optimizer optimizer();

    /** @return a copy of the parameters, the optimiser and its state */
    ModelState state();

    /**
     * Replaces the parameters, the optimiser and its state.
     *
     * @param state as returned by {@link #state()} of a model with the same configuration
     * @throws IllegalArgumentException if the sizes do not match this model or its optimiser
     */
    void restore(ModelState state);

    /** @return the number of trainable parameters */
    long parameterCount();

    /** @return a line saying what computes: backend, device, BLAS, threads */
    String description();

    /** Drops or releases the model's buffers. The model must not be used afterwards. */
    @Override
    void close();
}

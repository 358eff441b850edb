package io.github.vae4j.spi;

import io.github.vae4j.Decoder;
import io.github.vae4j.Encoder;
import io.github.vae4j.Loss;
import io.github.vae4j.Prior;
import io.github.vae4j.VaeConfig;

/**
 * A backend's model: the four components and a training step. The {@link io.github.vae4j.Vae} facade validates all
 * input, batches it, owns every source of randomness and serialises training against inference; a backend model
 * only computes. Inference through the components must be safe from many threads at once; {@link #trainStep},
 * {@link #state()} and {@link #restore(ModelState)} are never called concurrently with anything else.
 */
public interface BackendModel extends AutoCloseable {

    /** @return the configuration, with the input size set */
    VaeConfig config();

    /** @return q(z|x) */
    Encoder encoder();

    /** @return p(x|z) */
    Decoder decoder();

    /** @return p(z) */
    Prior prior();

    /** @return the -ELBO and importance weights */
    Loss loss();

    /**
     * One optimiser step on the batch-mean training loss reconstruction + beta * kl. If the loss is not finite the
     * parameters are left unchanged.
     *
     * @param x {@code rows x inputSize} row-major batch, already validated
     * @param eps {@code rows x latentSize} standard normal noise for the reparameterisation
     * @param rows examples in the batch, at most the configured batch size
     * @return the batch means of the loss terms, measured before the update
     */
    StepTerms trainStep(float[] x, float[] eps, int rows);

    /** @return a copy of the parameters and optimiser state */
    ModelState state();

    /**
     * Replaces the parameters and optimiser state.
     *
     * @param state as returned by {@link #state()} of a model with the same configuration
     * @throws IllegalArgumentException if the sizes do not match this model
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

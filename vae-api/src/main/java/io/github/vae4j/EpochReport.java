package io.github.vae4j;

/**
 * What one pass over the training data gave, averaged over its examples. The training terms are in nats per example
 * and are the running means of the per-batch values seen during the epoch (the parameters change while they are
 * measured), as is usual for a training curve.
 *
 * @param epoch 1-based number of the epoch across every {@code fit} of this model
 * @param loss the training objective, reconstruction + beta * KL (with any free-bits floor and the warm-up's beta of
 *     each step), in nats per example
 * @param reconstruction the expected negative log-likelihood -E_q[log p(x|z)], one sample of z, nats per example
 * @param kl KL(q(z|x) || p(z)) in closed form, nats per example (the true KL, never floored)
 * @param examples number of training examples seen in this epoch
 * @param seconds wall-clock time of the epoch, validation excluded
 * @param validationElbo the mean of {@link Vae#elbo(float[][])} over the validation rows after the epoch, nats per
 *     example; NaN without validation
 * @param beta the weight of the KL term at the epoch's last step (below the plan's beta during a KL warm-up)
 * @param learningRate the learning rate of the epoch's last step, after its schedule
 */
public record EpochReport(int epoch, double loss, double reconstruction, double kl, long examples, double seconds,
        double validationElbo, double beta, double learningRate) {

    /**
     * A report without validation, beta or learning rate (NaN, 1 and NaN).
     *
     * @param epoch 1-based number of the epoch across every {@code fit} of this model
     * @param loss the training objective, nats per example
     * @param reconstruction -E_q[log p(x|z)], nats per example
     * @param kl KL(q(z|x) || p(z)), nats per example
     * @param examples number of training examples seen in this epoch
     * @param seconds wall-clock time of the epoch
     */
    public EpochReport(int epoch, double loss, double reconstruction, double kl, long examples, double seconds) {
        this(epoch, loss, reconstruction, kl, examples, seconds, Double.NaN, 1, Double.NaN);
    }

    /**
     * The training ELBO of this epoch (beta = 1, whatever the training beta): -(reconstruction + kl).
     *
     * @return the mean ELBO in nats per example, a lower bound on the mean log p(x)
     */
    public double elbo() {
        return -(reconstruction + kl);
    }

    /** @return whether the epoch was validated */
    public boolean hasValidation() {
        return !Double.isNaN(validationElbo);
    }

    /** @return training examples processed per second of wall-clock time */
    public double examplesPerSecond() {
        return seconds > 0 ? examples / seconds : Double.NaN;
    }
}

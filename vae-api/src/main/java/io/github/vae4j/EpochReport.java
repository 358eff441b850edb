package io.github.vae4j;

/**
 * What one pass over the training data gave, averaged over its examples. All terms are in nats per example and
 * are the running means of the per-batch values seen during the epoch (the parameters change while they are
 * measured), as is usual for a training curve.
 *
 * @param epoch 1-based number of the epoch across every {@code fit} of this model
 * @param loss the training objective, reconstruction + beta * kl, in nats per example
 * @param reconstruction the expected negative log-likelihood -E_q[log p(x|z)], one sample of z, nats per example
 * @param kl KL(q(z|x) || p(z)) in closed form, nats per example
 * @param examples number of training examples seen in this epoch
 * @param seconds wall-clock time of the epoch
 */
public record EpochReport(int epoch, double loss, double reconstruction, double kl, long examples, double seconds) {

    /**
     * The ELBO of this epoch (beta = 1, whatever the training beta): -(reconstruction + kl).
     *
     * @return the mean ELBO in nats per example, a lower bound on the mean log p(x)
     */
    public double elbo() {
        return -(reconstruction + kl);
    }

    /** @return training examples processed per second of wall-clock time */
    public double examplesPerSecond() {
        return seconds > 0 ? examples / seconds : Double.NaN;
    }
}

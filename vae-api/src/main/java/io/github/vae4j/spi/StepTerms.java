package io.github.vae4j.spi;

/**
 * The batch means of the two terms of -ELBO, measured by a training step before its parameter update.
 *
 * @param reconstruction mean -log p(x|z), nats per example
 * @param kl mean KL(q(z|x) || p(z)), nats per example
 */
public record StepTerms(double reconstruction, double kl) {

    /** @return {@code true} when both terms are finite numbers */
    public boolean isFinite() {
        return Double.isFinite(reconstruction) && Double.isFinite(kl);
    }
}

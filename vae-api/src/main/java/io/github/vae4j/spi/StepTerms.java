package io.github.vae4j.spi;

/**
 * The batch means of the terms of a training step's objective, measured before its parameter update.
 *
 * @param reconstruction mean -log p(x|z), nats per example
 * @param kl mean KL(q(z|x) || p(z)), nats per example: the true KL
 * @param objective the value the gradient is of: reconstruction + beta * sum_j max(freeBits, KL_j), with KL_j the
 *     batch mean of latent dimension j's KL; reconstruction + beta * kl without free bits
 */
public record StepTerms(double reconstruction, double kl, double objective) {

    /** @return {@code true} when every term is a finite number */
    public boolean isFinite() {
        return Double.isFinite(reconstruction) && Double.isFinite(kl) && Double.isFinite(objective);
    }
}

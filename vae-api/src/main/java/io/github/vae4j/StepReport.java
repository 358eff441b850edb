package io.github.vae4j;

/**
 * What one gradient step saw, before its parameter update: the batch means of the loss terms.
 *
 * @param epoch 1-based epoch number across every {@code fit} of this model
 * @param step 1-based step number within the epoch
 * @param globalStep 1-based count of all steps taken by this model
 * @param rows examples in the batch
 * @param loss reconstruction + beta * kl, nats per example
 * @param reconstruction -log p(x|z) at one sample of z, nats per example
 * @param kl KL(q(z|x) || p(z)), nats per example
 */
public record StepReport(int epoch, int step, long globalStep, int rows, double loss, double reconstruction,
        double kl) {
}

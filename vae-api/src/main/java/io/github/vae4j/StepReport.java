package io.github.vae4j;

/**
 * What one gradient step saw, before its parameter update: the batch means of the loss terms, and the step's
 * hyperparameters.
 *
 * @param epoch 1-based epoch number across every {@code fit} of this model
 * @param step 1-based step number within the epoch
 * @param globalStep 1-based count of all steps taken by this model
 * @param rows examples in the batch
 * @param loss the training objective, reconstruction + beta * KL (KL floored per dimension under free bits), nats per
 *     example
 * @param reconstruction -log p(x|z) at one sample of z, nats per example
 * @param kl KL(q(z|x) || p(z)), nats per example (the true KL)
 * @param beta the weight of the KL term at this step
 * @param learningRate the learning rate of this step, after its schedule
 * @param gradientNorm the global L2 norm of the step's gradient before any clipping; NaN unless the plan clips
 */
public record StepReport(int epoch, int step, long globalStep, int rows, double loss, double reconstruction,
        double kl, double beta, double learningRate, double gradientNorm) {

    /**
     * A report without the step's hyperparameters (beta 1, learning rate and norm NaN).
     *
     * @param epoch 1-based epoch number across every {@code fit} of this model
     * @param step 1-based step number within the epoch
     * @param globalStep 1-based count of all steps taken by this model
     * @param rows examples in the batch
     * @param loss the training objective, nats per example
     * @param reconstruction -log p(x|z), nats per example
     * @param kl KL(q(z|x) || p(z)), nats per example
     */
    public StepReport(int epoch, int step, long globalStep, int rows, double loss, double reconstruction, double kl) {
        this(epoch, step, globalStep, rows, loss, reconstruction, kl, 1, Double.NaN, Double.NaN);
    }
}

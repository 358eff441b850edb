/**
 * The optimisers of the ND4J backend, one class each over the flat parameters: {@link
 * io.github.vae4j.nd4j.optim.Adam}, {@link io.github.vae4j.nd4j.optim.RmsProp} and {@link io.github.vae4j.nd4j.optim.Sgd},
 * made by {@link io.github.vae4j.nd4j.optim.Updater#create} from an {@link io.github.vae4j.Optimizer} value.
 *
 * <pre>{@code
 * Updater adam = Updater.create(Optimizer.adam(1e-3), parameters, gradients, ComputeThreads.shared());
 * adam.step(learningRate);      // one update from the current gradients, the rate of this step
 * }</pre>
 */
package io.github.vae4j.nd4j.optim;


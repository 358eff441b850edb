package io.github.vae4j.nd4j.optim;

import io.github.vae4j.Optimizer;
import io.github.vae4j.nd4j.engine.ComputeThreads;
import io.github.vae4j.nd4j.engine.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An optimiser at work on one flat parameter array: it reads the gradient array, updates the parameters in place
 * and keeps its own per-parameter state. One class per kind ({@link Adam}, {@link RmsProp}, {@link Sgd}).
 */
public interface Updater {

    /**
     * The updater of an optimiser's kind.
     *
     * @param optimizer the kind and hyperparameters
     * @param parameters flat parameters, updated in place
     * @param gradients flat gradients, same layout
     * @param team the threads that share each update
     * @return a fresh updater, with zero state
     */
    static Updater create(Optimizer optimizer, INDArray parameters, INDArray gradients, ComputeThreads team) {
        return create(optimizer, parameters, gradients, team, Kernels.hostTuned());
    }

    /**
     * The updater of an optimiser's kind, for a network on the given kernels.
     *
     * @param optimizer the kind and hyperparameters
     * @param parameters flat parameters, updated in place
     * @param gradients flat gradients, same layout
     * @param kernels the network's kernels: their threads share each update, and their copies move the values
     * @return a fresh updater, with zero state
     */
    static Updater create(Optimizer optimizer, INDArray parameters, INDArray gradients, Kernels kernels) {
        return create(optimizer, parameters, gradients, kernels.team(), kernels);
    }

    private static Updater create(Optimizer optimizer, INDArray parameters, INDArray gradients, ComputeThreads team,
            Kernels kernels) {
        if (optimizer instanceof Optimizer.Adam a) {
            return new Adam(a, parameters, gradients, team, kernels);
        }
        if (optimizer instanceof Optimizer.RmsProp r) {
            return new RmsProp(r, parameters, gradients, team, kernels);
        }
        if (optimizer instanceof Optimizer.Sgd s) {
            return new Sgd(s, parameters, gradients, team, kernels);
        }
        throw new IllegalArgumentException("no updater for " + optimizer);
    }

    /** @return the kind and hyperparameters */
    Optimizer optimizer();

    /**
     * Takes new hyperparameters of the same kind, keeping the state.
     *
     * @param optimizer of this updater's kind
     * @throws IllegalArgumentException if of another kind
     */
    void reconfigure(Optimizer optimizer);

    /**
     * Applies one update from the current gradients.
     *
     * @param learningRate this step's rate, finite and >= 0
     */
    void step(double learningRate);

    /** @return updates made so far */
    long stepCount();

    /** @return copies of the per-parameter state arrays, {@link Optimizer#slots()} of them */
    float[][] slots();

    /**
     * Restores the state; the parameters are restored in place by their owner.
     *
     * @param slots per-parameter state arrays, as {@link #slots()} returns
     * @param steps updates made
     * @throws IllegalArgumentException if the number or length of the arrays is wrong
     */
    void restore(java.util.List<float[]> slots, long steps);
}

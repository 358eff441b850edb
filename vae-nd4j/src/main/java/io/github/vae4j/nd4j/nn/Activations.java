package io.github.vae4j.nd4j.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The hidden layers' activation, ReLU, with its backward pass. */
public final class Activations {

    private Activations() {
    }

    /**
     * a = max(0, a), in place.
     *
     * @param ops the frame's ops
     * @param a pre-activations, replaced by activations
     */
    public static void reluInPlace(Ops ops, INDArray a) {
        ops.relu(a, a);
    }

    /**
     * dz = da * [a > 0], written into {@code da}. Destroys {@code a}, which is no longer needed once the gradient
     * has passed it (it becomes the 0/1 mask): one op fewer and no scratch array.
     *
     * @param ops the frame's ops
     * @param a the activations of the forward pass; overwritten
     * @param da dLoss/da, replaced by dLoss/dz
     */
    public static void reluBackwardInPlace(Ops ops, INDArray a, INDArray da) {
        ops.step(a, a);
        ops.mul(da, a, da);
    }
}

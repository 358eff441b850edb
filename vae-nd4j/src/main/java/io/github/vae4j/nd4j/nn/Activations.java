package io.github.vae4j.nd4j.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/** The hidden layers' activation, ReLU, with its backward pass. */
public final class Activations {

    private Activations() {
    }

    /**
     * a = max(0, a), in place.
     *
     * @param a pre-activations, replaced by activations
     */
    public static void reluInPlace(INDArray a) {
        Nd4j.exec(new RectifiedLinear(a, a, 0.0));
    }

    /**
     * dz = da * [a > 0], written into {@code da}. Destroys {@code a}, which is no longer needed once the gradient
     * has passed it (it becomes the 0/1 mask): one op fewer and no scratch array.
     *
     * @param a the activations of the forward pass; overwritten
     * @param da dLoss/da, replaced by dLoss/dz
     */
    public static void reluBackwardInPlace(INDArray a, INDArray da) {
        Nd4j.exec(new Step(a, a, 0.0));
        da.muli(a);
    }
}

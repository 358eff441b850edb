package io.github.vae4j.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import io.github.vae4j.Optimizer;
import java.util.List;

/**
 * Everything a backend needs to continue exactly where it stood: the parameters, the optimiser (its kind and
 * hyperparameters) and the optimiser's state, as plain float arrays in the backend's own documented order. The arrays
 * are owned by this object once it is built; callers must not change them.
 *
 * @param parameters all trainable parameters, flat
 * @param optimizer the optimiser whose state the slots are
 * @param optimizerSlots the optimiser's per-parameter state (Adam: first and second moments; RMSProp: the mean
 *     square; SGD: the momentum buffer), each as long as {@code parameters}
 * @param optimizerStep number of updates the optimiser has made
 */
public record ModelState(float[] parameters, Optimizer optimizer, List<float[]> optimizerSlots, long optimizerStep) {

    /**
     * Validates the shapes.
     *
     * @param parameters all trainable parameters, flat
     * @param optimizer the optimiser whose state the slots are
     * @param optimizerSlots the optimiser's per-parameter state (Adam: first and second moments; RMSProp: the mean
     *     square; SGD: the momentum buffer), each as long as {@code parameters}
     * @param optimizerStep number of updates the optimiser has made
     */
    public ModelState {
        checkNotNull(parameters, "parameters");
        checkNotNull(optimizer, "optimizer");
        optimizerSlots = ImmutableList.copyOf(optimizerSlots);
        for (float[] slot : optimizerSlots) {
            checkArgument(slot.length == parameters.length,
                    "optimizer slot has %s values, expected %s (one per parameter)", slot.length, parameters.length);
        }
        checkArgument(optimizerStep >= 0, "optimizer step must be >= 0, got %s", optimizerStep);
    }
}

package io.github.vae4j.internal;

import io.github.vae4j.spi.BackendModel;

/** Gradient-norm clipping of a backend model's gradient, as the trainer and the distributed workers apply it. */
public final class GradientClipping {

    private GradientClipping() {
    }

    /**
     * Scales the model's gradient down to norm {@code limit} if its norm is above it.
     *
     * @param model the model holding a gradient
     * @param limit the largest norm, 0 or less for none
     * @return the norm before clipping, or NaN when there is no limit (the norm is then not computed)
     */
    public static double clip(BackendModel model, double limit) {
        if (limit <= 0) {
            return Double.NaN;
        }
        double norm = model.gradientNorm();
        if (norm > limit) {
            model.scaleGradient(limit / norm);
        }
        return norm;
    }
}

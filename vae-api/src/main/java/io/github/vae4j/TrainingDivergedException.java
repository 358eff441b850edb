package io.github.vae4j;

/**
 * Training produced a non-finite loss (NaN or infinity). The model was rolled back to its parameters at the end of
 * the last completed epoch (or its initial parameters if none completed), so it stays usable.
 */
public final class TrainingDivergedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The 1-based epoch in which training diverged. */
    private final int epoch;
    /** The 1-based step within that epoch. */
    private final int step;

    /**
     * @param epoch 1-based epoch in which the loss became non-finite
     * @param step 1-based step within that epoch
     * @param message what was seen and what to try
     */
    public TrainingDivergedException(int epoch, int step, String message) {
        super(message);
        this.epoch = epoch;
        this.step = step;
    }

    /** @return the 1-based epoch in which training diverged */
    public int epoch() {
        return epoch;
    }

    /** @return the 1-based step within that epoch */
    public int step() {
        return step;
    }
}

package io.github.vae4j.training;

import io.github.vae4j.Training;

/**
 * Which rows of the training data are held out for validation ({@link Training.Builder#validationFraction}): each row
 * independently with probability {@code fraction}, decided by a hash of the model's seed and the row's 0-based
 * position in the data. The same rows in every epoch and run, whatever the data's size, with no memory.
 */
public final class HoldOut {

    /** Holds no row out. */
    public static final HoldOut NONE = new HoldOut(0, 0);

    private static final long HOLD_OUT_STREAM = 5;

    private final long key;
    /** A row is held out when its hash, as an unsigned 64-bit number, is below this; 0 holds none out. */
    private final long threshold;

    private HoldOut(long key, long threshold) {
        this.key = key;
        this.threshold = threshold;
    }

    /**
     * @param seed the model's seed
     * @param fraction in [0, 1)
     * @return the split
     */
    public static HoldOut of(long seed, double fraction) {
        if (fraction <= 0) {
            return NONE;
        }
        // fraction * 2^64, as an unsigned number
        long threshold = (long) (fraction * 0x1p63) << 1;
        return new HoldOut(mix(seed ^ mix(HOLD_OUT_STREAM)), threshold);
    }

    /** @return whether any row is held out */
    public boolean isActive() {
        return threshold != 0;
    }

    /**
     * @param row the row's 0-based position in the data
     * @return whether it is a validation row
     */
    public boolean isHeldOut(long row) {
        return threshold != 0 && Long.compareUnsigned(mix(key + row * 0x9e3779b97f4a7c15L), threshold) < 0;
    }

    /** SplitMix64's finaliser (Steele, Lea and Flood 2014). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

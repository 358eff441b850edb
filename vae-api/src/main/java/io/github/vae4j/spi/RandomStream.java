package io.github.vae4j.spi;

/**
 * A small, fast, reproducible source of random numbers whose whole state is two numbers, so that it can be saved in
 * a checkpoint and restored exactly. SplitMix64 (Steele, Lea and Flood 2014) for the bits, the Marsaglia polar method
 * for standard normal values.
 *
 * <p>One model seed is split into independent streams, one per use ({@link #split(long)}), so that changing how
 * often one use draws does not change the numbers another use sees. Not thread-safe: give each thread its own.
 */
public final class RandomStream {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;
    private boolean hasSpareGaussian;
    private double spareGaussian;

    /**
     * A stream that starts at {@code seed}.
     *
     * @param seed any value
     */
    public RandomStream(long seed) {
        this.state = seed;
    }

    /**
     * A stream restored from {@link #state()}.
     *
     * @param saved the saved state, three numbers
     * @return the stream, which continues exactly where the saved one stood
     * @throws IllegalArgumentException if {@code saved} does not have three entries
     */
    public static RandomStream restore(long[] saved) {
        if (saved == null || saved.length != 3) {
            throw new IllegalArgumentException("a random stream state has 3 numbers, got "
                    + (saved == null ? "null" : saved.length));
        }
        RandomStream stream = new RandomStream(saved[0]);
        stream.hasSpareGaussian = saved[1] != 0;
        stream.spareGaussian = Double.longBitsToDouble(saved[2]);
        return stream;
    }

    /** @return the state, which {@link #restore(long[])} turns back into an identical stream */
    public long[] state() {
        return new long[] {state, hasSpareGaussian ? 1 : 0, Double.doubleToRawLongBits(spareGaussian)};
    }

    /**
     * An independent stream derived from this stream's seed and a purpose; does not advance this stream.
     *
     * @param purpose a constant naming the use, for example {@code 1} for weight initialisation
     * @return the new stream
     */
    public RandomStream split(long purpose) {
        return new RandomStream(mix(state ^ mix(purpose + GOLDEN_GAMMA)));
    }

    /** @return 64 uniformly random bits */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** @return a uniform value in [0, 1), with 53 random bits */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * A uniform integer in [0, bound), without modulo bias.
     *
     * @param bound the exclusive upper bound; positive
     * @return the value
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long r = nextLong() >>> 33;
        long m = bound - 1L;
        if ((bound & m) == 0) {
            return (int) ((r * bound) >>> 31);
        }
        long limit = (1L << 31) - ((1L << 31) % bound);
        while (r >= limit) {
            r = nextLong() >>> 33;
        }
        return (int) (r % bound);
    }

    /** @return a standard normal value */
    public double nextGaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double scale = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * scale;
        hasSpareGaussian = true;
        return u * scale;
    }

    /**
     * Fills {@code out[from, from + count)} with standard normal values.
     *
     * @param out the array to fill
     * @param from first index
     * @param count number of values
     */
    public void fillGaussian(float[] out, int from, int count) {
        for (int i = from, end = from + count; i < end; i++) {
            out[i] = (float) nextGaussian();
        }
    }

    /**
     * Shuffles {@code values} in place (Fisher-Yates).
     *
     * @param values the array to permute
     */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

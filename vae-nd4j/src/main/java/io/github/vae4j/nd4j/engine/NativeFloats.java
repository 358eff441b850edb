package io.github.vae4j.nd4j.engine;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The values of a native array as a flat run of float or double cells, indexed from the array's first element, with
 * the few bulk operations that image patches need. Copies are NIO bulk copies; additions are plain loops the JIT
 * compiles to vector code. Both sides of an operation have the same type.
 */
public abstract sealed class NativeFloats permits NativeFloats.Floats, NativeFloats.Doubles {

    /**
     * @param a a FLOAT or DOUBLE array whose elements are contiguous from its first
     * @return its cells
     */
    public static NativeFloats of(INDArray a) {
        DataBuffer d = a.data();
        int start = NativeCopies.start(d);
        if (a.dataType() == DataType.FLOAT) {
            return new Floats(d.asNioFloat(), start);
        }
        if (a.dataType() == DataType.DOUBLE) {
            return new Doubles(d.asNioDouble(), start);
        }
        throw new IllegalArgumentException("cells of FLOAT or DOUBLE arrays only, not " + a.dataType());
    }

    /**
     * Copies {@code n} cells of {@code from} from {@code at} to this one's from {@code to}.
     *
     * @param to the first cell written here
     * @param from the cells read
     * @param at the first cell read there
     * @param n how many
     */
    public abstract void copy(int to, NativeFloats from, int at, int n);

    /**
     * Adds {@code n} cells of {@code from} from {@code at} to this one's from {@code to}.
     *
     * @param to the first cell added to here
     * @param from the cells read
     * @param at the first cell read there
     * @param n how many
     */
    public abstract void add(int to, NativeFloats from, int at, int n);

    /**
     * Sets {@code n} cells from {@code to} to zero.
     *
     * @param to the first cell
     * @param n how many
     */
    public abstract void zero(int to, int n);

    /** Float cells. */
    public static final class Floats extends NativeFloats {
        private static final float[] ZEROS = new float[4096];
        private final FloatBuffer b;
        private final int start;

        Floats(FloatBuffer b, int start) {
            this.b = b;
            this.start = start;
        }

        @Override
        public void copy(int to, NativeFloats from, int at, int n) {
            Floats f = (Floats) from;
            b.put(start + to, f.b, f.start + at, n);
        }

        @Override
        public void add(int to, NativeFloats from, int at, int n) {
            Floats f = (Floats) from;
            FloatBuffer src = f.b;
            int s = f.start + at;
            int t = start + to;
            for (int i = 0; i < n; i++) {
                b.put(t + i, b.get(t + i) + src.get(s + i));
            }
        }

        @Override
        public void zero(int to, int n) {
            for (int done = 0; done < n; done += ZEROS.length) {
                b.put(start + to + done, ZEROS, 0, Math.min(ZEROS.length, n - done));
            }
        }
    }

    /** Double cells, for the float64 gradient checks. */
    public static final class Doubles extends NativeFloats {
        private static final double[] ZEROS = new double[4096];
        private final DoubleBuffer b;
        private final int start;

        Doubles(DoubleBuffer b, int start) {
            this.b = b;
            this.start = start;
        }

        @Override
        public void copy(int to, NativeFloats from, int at, int n) {
            Doubles d = (Doubles) from;
            b.put(start + to, d.b, d.start + at, n);
        }

        @Override
        public void add(int to, NativeFloats from, int at, int n) {
            Doubles d = (Doubles) from;
            DoubleBuffer src = d.b;
            int s = d.start + at;
            int t = start + to;
            for (int i = 0; i < n; i++) {
                b.put(t + i, b.get(t + i) + src.get(s + i));
            }
        }

        @Override
        public void zero(int to, int n) {
            for (int done = 0; done < n; done += ZEROS.length) {
                b.put(start + to + done, ZEROS, 0, Math.min(ZEROS.length, n - done));
            }
        }
    }
}

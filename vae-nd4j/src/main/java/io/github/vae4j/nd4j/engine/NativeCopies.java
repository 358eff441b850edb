package io.github.vae4j.nd4j.engine;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bulk copies between host arrays and the first values of an array's native buffer. A column-major {@code w x R} frame
 * view is laid out exactly as R row-major host rows of width w, so a float copy is one memcpy. ND4J's NIO view of a
 * buffer ({@code asNioFloat}) starts at the underlying allocation, not at a view's first element, so every index here
 * adds the view's offset ({@link #start}).
 */
public final class NativeCopies {

    private NativeCopies() {
    }

    /**
     * Writes {@code src[from, from + n)} into the start of {@code dst}'s buffer.
     *
     * @param src host values
     * @param from first index in {@code src}
     * @param n number of values
     * @param dst a frame view (offset 0)
     */
    public static void toNative(float[] src, int from, int n, INDArray dst) {
        DataBuffer d = dst.data();
        if (dst.dataType() == DataType.FLOAT) {
            d.asNioFloat().put(start(d), src, from, n);
        } else {
            for (int i = 0; i < n; i++) {
                d.put(i, src[from + i]);
            }
        }
    }

    /**
     * Writes {@code n} double values into the start of {@code dst}'s buffer, rounded to float for a FLOAT array.
     *
     * @param src host values
     * @param n number of values
     * @param dst a frame view (offset 0)
     */
    public static void toNative(double[] src, int n, INDArray dst) {
        DataBuffer d = dst.data();
        if (dst.dataType() == DataType.FLOAT) {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = (float) src[i];
            }
            d.asNioFloat().put(start(d), f, 0, n);
        } else {
            d.asNioDouble().put(start(d), src, 0, n);
        }
    }

    /**
     * Reads {@code n} values from the start of {@code src}'s buffer into {@code dst[to, to + n)}.
     *
     * @param src a frame view (offset 0)
     * @param n number of values
     * @param dst host array
     * @param to first index in {@code dst}
     */
    public static void toHost(INDArray src, int n, float[] dst, int to) {
        DataBuffer d = src.data();
        if (src.dataType() == DataType.FLOAT) {
            d.asNioFloat().get(start(d), dst, to, n);
        } else {
            for (int i = 0; i < n; i++) {
                dst[to + i] = (float) d.getDouble(i);
            }
        }
    }

    /**
     * Reads {@code n} values from the start of {@code src}'s buffer as doubles into {@code dst[to, to + n)}, negated
     * if asked.
     *
     * @param src a frame view (offset 0)
     * @param n number of values
     * @param dst host array
     * @param to first index in {@code dst}
     * @param sign 1 or -1
     */
    public static void toHost(INDArray src, int n, double[] dst, int to, double sign) {
        if (src.dataType() == DataType.FLOAT) {
            FloatBuffer b = src.data().asNioFloat();
            int start = start(src.data());
            for (int i = 0; i < n; i++) {
                dst[to + i] = sign * b.get(start + i);
            }
        } else {
            DoubleBuffer b = src.data().asNioDouble();
            int start = start(src.data());
            for (int i = 0; i < n; i++) {
                dst[to + i] = sign * b.get(start + i);
            }
        }
    }

    /**
     * The sum, in double precision, of the first {@code n} values of {@code src}'s buffer. Unlike ND4J's
     * {@code sumNumber} it allocates nothing.
     *
     * @param src a frame view (offset 0)
     * @param n number of values
     * @return their sum
     */
    public static double sum(INDArray src, int n) {
        DataBuffer d = src.data();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += d.getDouble(i);
        }
        return sum;
    }

    /**
     * @param d an array's buffer
     * @return the index of the array's first value in {@code d}'s NIO buffer
     */
    static int start(DataBuffer d) {
        return Math.toIntExact(d.offset());
    }
}

package io.github.vae4j.nd4j.nn;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bulk copies between host {@code float[]} arrays and the start of an array's native buffer. Frame views begin at
 * element 0 of their buffer and a column-major {@code w x R} view is laid out exactly as R row-major host rows of
 * width w, so a copy is one memcpy.
 */
public final class HostCopy {

    private HostCopy() {
    }

    /**
     * Writes {@code n} values into the start of {@code dst}'s buffer.
     *
     * @param src host values
     * @param n number of values
     * @param dst a frame view (offset 0)
     */
    public static void toNative(float[] src, int n, INDArray dst) {
        DataBuffer d = dst.data();
        if (dst.dataType() == DataType.FLOAT) {
            d.asNioFloat().put(src, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                d.put(i, src[i]);
            }
        }
    }

    /**
     * Reads {@code n} values from the start of {@code src}'s buffer.
     *
     * @param src a frame view (offset 0)
     * @param n number of values
     * @param dst host array
     */
    public static void toHost(INDArray src, int n, float[] dst) {
        DataBuffer d = src.data();
        if (src.dataType() == DataType.FLOAT) {
            d.asNioFloat().get(dst, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                dst[i] = (float) d.getDouble(i);
            }
        }
    }

    /**
     * Reads {@code n} values from the start of {@code src}'s buffer as doubles.
     *
     * @param src a frame view (offset 0)
     * @param n number of values
     * @param dst host array
     */
    public static void toHost(INDArray src, int n, double[] dst) {
        DataBuffer d = src.data();
        for (int i = 0; i < n; i++) {
            dst[i] = d.getDouble(i);
        }
    }
}

package io.github.vae4j.nd4j.nn;

import io.github.vae4j.nd4j.engine.Kernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Heap arrays for the elementwise work on a frame's {@code L x R} latent arrays: the reparameterisation, the KL and
 * their gradients. At the default model's 10 x 100 values an ND4J op costs 5 to 25 µs, nearly all of it the call
 * (measured on a 2-core AMD EPYC), and the latent layer took about 20 such ops per training step; copied to the heap,
 * computed in double precision in plain loops and copied back, the same work takes a few microseconds. The copies go
 * through the frame's {@link Kernels}, so the one implementation of the latent maths serves every engine. One instance
 * belongs to one frame, which one thread uses at a time.
 */
public final class LatentHeapArrays {

    /** How many arrays the latent kernels use at once. */
    static final int ARRAYS = 5;

    private final double[][] arrays;
    /** One value per latent dimension: the batch-mean KL of each, for free bits. */
    private final double[] perDimension;
    /** Float values on their way between native memory and the double arrays: a bulk copy, then a loop. */
    private final float[] transfer;
    private final Kernels kernels;

    /**
     * @param values the most latent values per array, {@code L} times the frame's capacity
     * @param latent {@code L}, the latent dimension
     * @param kernels how values move between the frame's arrays and the heap
     */
    public LatentHeapArrays(int values, int latent, Kernels kernels) {
        this.kernels = kernels;
        if (values < 1 || latent < 1 || latent > values) {
            throw new IllegalArgumentException("latent scratch of " + values + " values, latent " + latent);
        }
        arrays = new double[ARRAYS][values];
        transfer = new float[values];
        perDimension = new double[latent];
    }

    /** @return one value per latent dimension */
    double[] perDimension() {
        return perDimension;
    }

    /** @return array {@code i} of {@value #ARRAYS}, at least as long as the values given at construction */
    double[] get(int i) {
        return arrays[i];
    }

    /**
     * Copies an array's values into scratch array {@code i}.
     *
     * @param i which scratch array
     * @param src a plain column-major array, FLOAT or DOUBLE
     * @return the scratch array, holding {@code src.length()} values
     */
    double[] read(int i, INDArray src) {
        double[] dst = arrays[i];
        int n = (int) src.length();
        // one bulk copy: NIO's element-wise access costs about 8 ns a value
        if (src.dataType() == DataType.FLOAT) {
            kernels.read(src, n, transfer, 0);
            for (int k = 0; k < n; k++) {
                dst[k] = transfer[k];
            }
        } else {
            kernels.read(src, n, dst, 0, 1);
        }
        return dst;
    }

    /**
     * Writes the first {@code dst.length()} values of {@code src} into {@code dst}, rounded to float for a FLOAT
     * array.
     *
     * @param src scratch values
     * @param dst a plain column-major array, FLOAT or DOUBLE
     */
    void write(double[] src, INDArray dst) {
        int n = (int) dst.length();
        if (dst.dataType() == DataType.FLOAT) {
            for (int k = 0; k < n; k++) {
                transfer[k] = (float) src[k];
            }
            kernels.write(transfer, 0, n, dst);
        } else {
            kernels.write(src, n, dst);
        }
    }
}

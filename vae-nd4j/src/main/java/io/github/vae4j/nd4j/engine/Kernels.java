package io.github.vae4j.nd4j.engine;

import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The seam between the network's maths and the engine it runs on: the few operations whose fastest form depends on
 * where the arrays live. The network, layers, likelihoods, prior and optimisers compute through these, and nothing
 * above this interface touches native memory directly. Two sets implement it:
 * <ul>
 *   <li>{@link HostKernels} ({@value HostKernels#NAME}), today's CPU code: products straight into OpenBLAS on the
 *       arrays' host addresses, split between the threads of a {@link ComputeThreads}; bulk copies through the arrays' NIO
 *       buffers; heap loops for the ReLU backward pass and the Bernoulli likelihood; convolutions as patch products.
 *       It assumes host memory and runs on ND4J's CPU engine only.</li>
 *   <li>{@link PortableKernels} ({@value PortableKernels#NAME}): ND4J's own calls only ({@code Nd4j.gemm}, ND4J ops
 *       with preallocated outputs, {@code assign} and {@code toFloatVector} for copies, ND4J's convolution ops), so
 *       it runs on any ND4J engine, CUDA included, and ND4J keeps host and device memory in step.</li>
 * </ul>
 * Both give the same values to float rounding: the contract suite runs on both and float64 gradient checks pass on
 * both. Arrays handed to a kernel are the network's plain column-major arrays and views ({@code BatchBuffers},
 * {@code ParameterStore}); "the first n values" of an array are its first n in memory order.
 */
public interface Kernels {

    /**
     * System property: which kernel set a new CPU model uses, {@value HostKernels#NAME} (the default) or
     * {@value PortableKernels#NAME}. For comparing the two and for tests; the CUDA backend always uses the portable
     * set.
     */
    String KERNELS_PROPERTY = "vae4j.nd4j.kernels";

    /** @return a short, stable name: {@value HostKernels#NAME} or {@value PortableKernels#NAME} */
    String name();

    /** @return the threads that share a large piece of work; one thread where the engine parallelises itself */
    ComputeThreads team();

    /**
     * {@code c = alpha * op(a) op(b) + beta * c}, where {@code op} transposes when asked.
     *
     * @param a left matrix
     * @param b right matrix
     * @param c result, preallocated, column-major
     * @param transposeA whether to use {@code a}'s transpose
     * @param transposeB whether to use {@code b}'s transpose
     * @param alpha factor of the product
     * @param beta factor of {@code c}'s old value; 0 overwrites it
     */
    void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha, double beta);

    /**
     * The bias broadcast of a dense layer: copies {@code column} into every column of {@code y}.
     *
     * @param column {@code n x 1}
     * @param y {@code n x R}, overwritten
     */
    void fillColumns(INDArray column, INDArray y);

    /**
     * Column sums {@code out = ones^T m}: one value per example (column).
     *
     * @param m {@code F x R}
     * @param onesF {@code F x 1} ones
     * @param out {@code 1 x R}, overwritten
     */
    default void columnSums(INDArray m, INDArray onesF, INDArray out) {
        gemm(onesF, m, out, true, false, 1.0, 0.0);
    }

    /**
     * Writes {@code src[from, from + n)} into the first {@code n} values of {@code dst}.
     *
     * @param src host values
     * @param from first index in {@code src}
     * @param n number of values, at most {@code dst.length()}
     * @param dst a contiguous array, FLOAT or DOUBLE
     */
    void write(float[] src, int from, int n, INDArray dst);

    /**
     * Writes {@code src[0, n)} into the first {@code n} values of {@code dst}, rounded to float for a FLOAT array.
     *
     * @param src host values
     * @param n number of values, at most {@code dst.length()}
     * @param dst a contiguous array, FLOAT or DOUBLE
     */
    void write(double[] src, int n, INDArray dst);

    /**
     * Reads the first {@code n} values of {@code src} into {@code dst[to, to + n)}.
     *
     * @param src a contiguous array, FLOAT or DOUBLE
     * @param n number of values
     * @param dst host array
     * @param to first index in {@code dst}
     */
    void read(INDArray src, int n, float[] dst, int to);

    /**
     * Reads the first {@code n} values of {@code src} as doubles into {@code dst[to, to + n)}, times {@code sign}.
     *
     * @param src a contiguous array, FLOAT or DOUBLE
     * @param n number of values
     * @param dst host array
     * @param to first index in {@code dst}
     * @param sign 1 or -1
     */
    void read(INDArray src, int n, double[] dst, int to, double sign);

    /**
     * The sum of the first {@code n} values of {@code src}, in double precision where the set can.
     *
     * @param src a contiguous array
     * @param n number of values
     * @return their sum
     */
    double sum(INDArray src, int n);

    /**
     * The ReLU backward pass {@code da = da * [a > 0]}, written into {@code da}; {@code a} may be overwritten.
     *
     * @param ops the frame's ops
     * @param a the activations of the forward pass
     * @param da dLoss/da, replaced by dLoss/dz
     */
    void reluBackward(ElementwiseOps ops, INDArray a, INDArray da);

    /**
     * @return whether the arrays live in host memory and their NIO buffers may be read and written directly: the
     *     likelihoods then take their heap routes ({@code FeatureHeapArrays}) and the optimisers update the parameters in
     *     place; otherwise the likelihoods take their op routes and the optimisers copy the parameters through
     *     {@link #read}/{@link #write}
     */
    boolean hostMemory();

    /**
     * @return whether convolutions compute as patch products on this set's threads (the layers'
     *     {@code ConvLayer}), rather than with ND4J's convolution ops ({@code OpsConvLayer})
     */
    boolean patchConvolutions();

    /**
     * The set a new model on ND4J's CPU engine uses: {@link #KERNELS_PROPERTY}, else the host-tuned set.
     *
     * @return the set
     * @throws IllegalArgumentException if the property names no set
     */
    static Kernels forCpu() {
        String name = System.getProperty(KERNELS_PROPERTY, HostKernels.NAME).trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case HostKernels.NAME, "" -> HostKernels.INSTANCE;
            case PortableKernels.NAME -> PortableKernels.INSTANCE;
            default -> throw new IllegalArgumentException(KERNELS_PROPERTY + " must be " + HostKernels.NAME + " or "
                    + PortableKernels.NAME + ", got '" + name + "'");
        };
    }

    /** @return the host-tuned set, for ND4J's CPU engine */
    static Kernels hostTuned() {
        return HostKernels.INSTANCE;
    }

    /** @return the portable set, for any ND4J engine */
    static Kernels portable() {
        return PortableKernels.INSTANCE;
    }
}

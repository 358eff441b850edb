package io.github.vae4j.nd4j.engine;

import java.nio.ByteOrder;
import java.nio.IntBuffer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The hidden layers' activation, ReLU, with its backward pass. */
public final class Activations {

    /**
     * The calling thread's heap copies for the float backward pass, grown on demand. Backward runs on the training
     * thread, one layer at a time.
     */
    private static final ThreadLocal<int[][]> HEAP = ThreadLocal.withInitial(() -> new int[2][0]);

    /**
     * Up to this many values the float backward pass runs on heap copies: measured on a 2-core AMD EPYC, 20-22 µs
     * against 50-70 µs for ND4J's two ops at 256-512 x 100; at 6,272 x 100 (a convolution's output) the copies cost
     * more (490 against 189 µs).
     */
    static final long MAX_HEAP_VALUES = 1 << 17;

    private Activations() {
    }

    /**
     * a = max(0, a), in place.
     *
     * @param ops the frame's ops
     * @param a pre-activations, replaced by activations
     */
    public static void reluInPlace(ElementwiseOps ops, INDArray a) {
        ops.relu(a, a);
    }

    /**
     * dz = da * [a > 0], written into {@code da}. {@code a} may be destroyed: it is no longer needed once the
     * gradient has passed it. Float arrays of up to {@value #MAX_HEAP_VALUES} values take one loop over heap
     * copies (two bulk reads, one bulk write), which costs less than the fixed cost of ND4J's {@code step} and
     * {@code multiply} ops; larger ones and double arrays (the float64 gradient checks) take the two ops.
     *
     * @param ops the frame's ops
     * @param a the activations of the forward pass; may be overwritten
     * @param da dLoss/da, replaced by dLoss/dz
     */
    public static void reluBackwardInPlace(ElementwiseOps ops, INDArray a, INDArray da) {
        if (a.dataType() == DataType.FLOAT && da.dataType() == DataType.FLOAT && a.length() == da.length()
                && a.length() <= MAX_HEAP_VALUES) {
            reluBackwardOnHeap(a, da);
            return;
        }
        reluBackwardWithOps(ops, a, da);
    }

    /**
     * dz = da * [a > 0] with ND4J's {@code step} and {@code multiply} ops alone, on any engine; {@code a} is
     * overwritten.
     *
     * @param ops the frame's ops
     * @param a the activations of the forward pass; overwritten
     * @param da dLoss/da, replaced by dLoss/dz
     */
    public static void reluBackwardWithOps(ElementwiseOps ops, INDArray a, INDArray da) {
        ops.step(a, a);
        ops.mul(da, a, da);
    }

    /**
     * The float backward pass over heap copies of two contiguous frame arrays, on the floats' bits: activations are
     * {@code >= 0}, so an activation is positive exactly when its bits are a positive int, and {@code (-bits) >> 31}
     * is then all ones, else zero; the gradient's bits are masked with it. Integer operations only, which the JIT
     * vectorises (a float comparison or {@code Math.signum} here ran at 5-7 ns a value).
     */
    private static void reluBackwardOnHeap(INDArray a, INDArray da) {
        int n = (int) a.length();
        int[][] heap = HEAP.get();
        if (heap[0].length < n) {
            heap[0] = new int[n];
            heap[1] = new int[n];
        }
        int[] activations = heap[0];
        int[] gradients = heap[1];
        DataBuffer ab = a.data();
        DataBuffer db = da.data();
        bits(ab).get(NativeCopies.start(ab), activations, 0, n);
        IntBuffer target = bits(db);
        int start = NativeCopies.start(db);
        target.get(start, gradients, 0, n);
        for (int i = 0; i < n; i++) {
            gradients[i] &= (-activations[i]) >> 31;
        }
        target.put(start, gradients, 0, n);
    }

    /** A float buffer's values as their int bits. */
    private static IntBuffer bits(DataBuffer d) {
        return d.asNio().order(ByteOrder.nativeOrder()).asIntBuffer();
    }
}

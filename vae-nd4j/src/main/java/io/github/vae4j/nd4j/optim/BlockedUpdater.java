package io.github.vae4j.nd4j.optim;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.vae4j.Optimizer;
import io.github.vae4j.nd4j.engine.ComputeThreads;
import io.github.vae4j.nd4j.engine.ElementwiseOps;
import io.github.vae4j.nd4j.engine.Kernels;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the updaters share: the update is a plain Java loop that the JIT vectorises, over heap arrays. The state
 * (Adam's moments, RMSProp's mean square, SGD's momentum) is cut into blocks of {@value #BLOCK} values; per thread
 * there is one block of parameters and one of gradients. The work is memory-bound (four arrays of 1.4M floats for
 * the default model and Adam), so each block's parameters and gradients are copied out of native memory into those
 * small arrays, which stay in the core's cache, updated with the block's state, and the new parameters copied back
 * while still in cache. Nothing else is kept: the parameters live only in native memory. The blocks are shared out one
 * at a time between the threads of the {@link ComputeThreads}, so a thread that starts late takes fewer of them instead of
 * holding the others up. Each block's update is the same whichever thread makes it.
 *
 * <p>FLOAT arrays take this path; DOUBLE arrays (the gradient checks) a plain loop in double precision, with the
 * state still in float.
 *
 * <p>On kernels whose arrays are not in host memory ({@link Kernels#hostMemory()}: the portable set, which ND4J's CUDA
 * engine runs) the state lives in arrays of the engine and each optimiser's update runs as a chain of ND4J ops with
 * preallocated outputs ({@link #updateOnDevice}), so nothing crosses between host and device: the same operations in
 * the same order and precision as the loop, flushes included, which gives the loop's values bit for bit on the CPU
 * ({@code UpdaterRoutesTest}).
 */
abstract class BlockedUpdater implements Updater {

    /** Values per block: four blocks (gradients, parameters, two moments) of 64 KB stay in a core's L2 cache. */
    static final int BLOCK = 1 << 14;

    // Flushing to zero by hand, because Java cannot set the CPU's flush-to-zero mode. Arithmetic on denormal floats,
    // intermediate results included, is about a hundred times slower; unflushed, a weight whose gradient is 0 or tiny
    // (a dead ReLU unit, a pixel that is always blank) drove the moments into that range and slowed whole training
    // steps by half after a few epochs. The flushes are branch-free so that the JIT still vectorises the loop (with a
    // conditional it ran 6 times slower): adding and subtracting a constant C rounds every value far below C to 0 and
    // moves larger ones by at most one ulp. The values flushed are far below what changes an update.

    /** 2^-30: gradients below about 5e-17 become 0, so (1 - beta2) g^2 stays normal. */
    static final float GRADIENT_FLUSH = 0x1p-30f;
    /** 2^-76: first moments below about 8e-31 become 0. */
    static final float MOMENT_FLUSH = 0x1p-76f;
    /** The smallest second moment kept; its root, 1e-15, is far below any epsilon. */
    static final float MIN_SECOND_MOMENT = 1e-30f;

    final int n;
    private final INDArray parameters;
    private final INDArray gradients;
    /** {@code state[slot][block]}. */
    final float[][][] state;
    /** One parameter block per thread. */
    private final float[][] p;
    /** One gradient block per thread. */
    private final float[][] g;
    private final ComputeThreads team;
    private final AtomicInteger nextBlock = new AtomicInteger();
    /** The native parameters and gradients, {@code null} unless FLOAT. */
    private final FloatBuffer parameterBuffer;
    private final FloatBuffer gradientBuffer;
    /** The state as the engine's arrays, {@code null} unless FLOAT arrays outside host memory. */
    private final INDArray[] deviceState;
    /** Two work arrays of n values for {@link #updateOnDevice}. */
    private final INDArray[] work;
    private final ElementwiseOps ops;
    private final Kernels kernels;
    long step;

    BlockedUpdater(int slots, INDArray parameters, INDArray gradients, ComputeThreads team, Kernels kernels) {
        checkArgument(parameters.length() == gradients.length() && parameters.dataType() == gradients.dataType(),
                "parameters and gradients differ in length or type");
        checkArgument(parameters.length() <= Integer.MAX_VALUE, "too many parameters for one optimiser");
        this.n = (int) parameters.length();
        this.parameters = parameters;
        this.gradients = gradients;
        this.kernels = kernels;
        this.team = team;
        boolean isFloat = parameters.dataType() == DataType.FLOAT;
        boolean onDevice = isFloat && !kernels.hostMemory();
        this.state = new float[slots][][];
        for (int k = 0; k < slots; k++) {
            state[k] = onDevice ? new float[0][] : blocks(n);
        }
        int blockValues = onDevice ? 0 : Math.min(BLOCK, Math.max(1, n));
        this.p = new float[team.size()][blockValues];
        this.g = new float[team.size()][blockValues];
        if (onDevice) {
            checkArgument(parameters.rank() == 1 && gradients.rank() == 1, "flat parameters and gradients expected");
            deviceState = new INDArray[slots];
            for (int k = 0; k < slots; k++) {
                deviceState[k] = Nd4j.zeros(DataType.FLOAT, n);
            }
            work = new INDArray[] {Nd4j.create(DataType.FLOAT, n), Nd4j.create(DataType.FLOAT, n)};
            ops = new ElementwiseOps();
        } else {
            deviceState = null;
            work = null;
            ops = null;
        }
        this.parameterBuffer = isFloat && !onDevice ? parameters.data().asNioFloat() : null;
        this.gradientBuffer = isFloat && !onDevice ? gradients.data().asNioFloat() : null;
    }

    private static float[][] blocks(int n) {
        int count = (n + BLOCK - 1) / BLOCK;
        float[][] b = new float[count][];
        for (int i = 0; i < count; i++) {
            b[i] = new float[Math.min(BLOCK, n - i * BLOCK)];
        }
        return b;
    }

    private int blockCount() {
        return (n + BLOCK - 1) / BLOCK;
    }

    @Override
    public final void step(double learningRate) {
        checkArgument(Double.isFinite(learningRate) && learningRate >= 0,
                "learning rate must be finite and >= 0, got %s", learningRate);
        step++;
        if (deviceState != null) {
            prepare(learningRate);
            updateOnDevice(ops, gradients, parameters, deviceState, work);
            return;
        }
        if (parameterBuffer == null) {
            double[] pv = new double[n];
            double[] gv = new double[n];
            kernels.read(parameters, n, pv, 0, 1);
            kernels.read(gradients, n, gv, 0, 1);
            prepareDouble(learningRate);
            for (int i = 0; i < n; i++) {
                pv[i] = updateDouble(i / BLOCK, i % BLOCK, gv[i], pv[i]);
            }
            kernels.write(pv, n, parameters);
            return;
        }
        prepare(learningRate);
        nextBlock.set(0);
        // on a busy team the parts run one after another here: the first takes every block, the others find none
        team.runAll(t -> updateBlocks(p[t], g[t]));
    }

    /** Takes blocks until none is left, working in this thread's parameter and gradient blocks. */
    private void updateBlocks(float[] parameterBlock, float[] gradientBlock) {
        int blocks = blockCount();
        for (int b = nextBlock.getAndIncrement(); b < blocks; b = nextBlock.getAndIncrement()) {
            int len = Math.min(BLOCK, n - b * BLOCK);
            parameterBuffer.get(b * BLOCK, parameterBlock, 0, len);
            gradientBuffer.get(b * BLOCK, gradientBlock, 0, len);
            updateBlock(gradientBlock, parameterBlock, b, len);
            parameterBuffer.put(b * BLOCK, parameterBlock, 0, len);
        }
    }

    /** Sets this step's constants before the blocks are updated; {@link #step} has been incremented. */
    abstract void prepare(double learningRate);

    /** Updates one block: {@code p[0, len)} from {@code g[0, len)} and the block's state. */
    abstract void updateBlock(float[] g, float[] p, int block, int len);

    /**
     * The update of all FLOAT parameters as ND4J ops on the engine's arrays, the operations of
     * {@link #updateBlock} in the same order and precision; {@link #prepare} has set this step's constants.
     *
     * @param ops the updater's op cache
     * @param g the gradients, n values
     * @param p the parameters, n values, updated in place
     * @param state the state arrays, n values each, updated in place
     * @param work two work arrays of n values
     */
    abstract void updateOnDevice(ElementwiseOps ops, INDArray g, INDArray p, INDArray[] state, INDArray[] work);

    /** {@code out = (g + GRADIENT_FLUSH) - GRADIENT_FLUSH}, the loop's flush of a gradient, as two ops. */
    static void flushGradient(ElementwiseOps ops, INDArray g, INDArray out) {
        ops.add(g, GRADIENT_FLUSH, out);
        ops.add(out, -GRADIENT_FLUSH, out);
    }

    /** {@code m = (m + MOMENT_FLUSH) - MOMENT_FLUSH}, the loop's flush of a moment, as two ops. */
    static void flushMoment(ElementwiseOps ops, INDArray m) {
        ops.add(m, MOMENT_FLUSH, m);
        ops.add(m, -MOMENT_FLUSH, m);
    }

    /**
     * {@code v = max(decay v + (1 - decay) g g, MIN_SECOND_MOMENT)}, the second moment of Adam and RMSProp, as ops.
     *
     * @param ops the updater's op cache
     * @param g the flushed gradients
     * @param v the second moments, updated in place
     * @param decay beta2 or RMSProp's decay, as the loop's float
     * @param work a work array of n values, overwritten
     */
    static void updateSecondMoment(ElementwiseOps ops, INDArray g, INDArray v, float decay, INDArray work) {
        ops.mul(g, 1 - decay, work);
        ops.mul(work, g, work);
        ops.mul(v, decay, v);
        ops.add(v, work, v);
        ops.max(v, MIN_SECOND_MOMENT, v);
    }

    /** Sets this step's constants before {@link #updateDouble}. */
    abstract void prepareDouble(double learningRate);

    /**
     * The double-precision update of one parameter.
     *
     * @param block its state block
     * @param j its index in the block
     * @param gradient its gradient
     * @param parameter its value
     * @return its new value
     */
    abstract double updateDouble(int block, int j, double gradient, double parameter);

    @Override
    public long stepCount() {
        return step;
    }

    @Override
    public float[][] slots() {
        if (deviceState != null) {
            float[][] out = new float[deviceState.length][];
            for (int k = 0; k < deviceState.length; k++) {
                out[k] = deviceState[k].toFloatVector();
            }
            return out;
        }
        float[][] out = new float[state.length][];
        for (int k = 0; k < state.length; k++) {
            float[] flat = new float[n];
            for (int b = 0; b < state[k].length; b++) {
                System.arraycopy(state[k][b], 0, flat, b * BLOCK, state[k][b].length);
            }
            out[k] = flat;
        }
        return out;
    }

    @Override
    public void restore(List<float[]> slots, long steps) {
        checkArgument(slots.size() == state.length, "%s needs %s state arrays, the saved state has %s",
                optimizer().kind(), state.length, slots.size());
        for (float[] slot : slots) {
            checkArgument(slot.length == n, "%s state has %s values, this model has %s parameters",
                    optimizer().kind(), slot.length, n);
        }
        for (int k = 0; k < state.length; k++) {
            if (deviceState != null) {
                deviceState[k].assign(Nd4j.createFromArray(slots.get(k)));
            }
            for (int b = 0; b < state[k].length; b++) {
                System.arraycopy(slots.get(k), b * BLOCK, state[k][b], 0, state[k][b].length);
            }
        }
        this.step = steps;
    }

    /** Checks that {@code optimizer} is of this updater's kind. */
    <T extends Optimizer> T sameKind(Optimizer optimizer, Class<T> kind) {
        checkArgument(kind.isInstance(optimizer), "a %s updater cannot take %s", optimizer().kind(), optimizer);
        return kind.cast(optimizer);
    }
}

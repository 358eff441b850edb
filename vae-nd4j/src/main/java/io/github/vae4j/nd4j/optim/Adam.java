package io.github.vae4j.nd4j.optim;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.vae4j.nd4j.nn.Team;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam (Kingma and Ba 2014) with PyTorch's placement of epsilon: p -= lr * m_hat / (sqrt(v_hat) + eps).
 *
 * <p>The update is a plain Java loop that the JIT vectorises, over heap arrays: the two moments, cut into blocks of
 * {@value #BLOCK} values, and per thread one block of parameters and one of gradients. The work is memory-bound (four
 * arrays of 1.4M floats for the default model), so each block's parameters and gradients are copied out of native
 * memory into those small arrays, which stay in the core's cache, updated with the block's moments, and the new
 * parameters copied back while still in cache. Nothing else is kept: the parameters live only in native memory. The
 * blocks are shared out one at a time between the threads of the {@link Team}, so a thread that starts late takes
 * fewer of them instead of holding the others up.
 */
public final class Adam {

    /** Decay of the first moment. */
    public static final double BETA1 = 0.9;
    /** Decay of the second moment. */
    public static final double BETA2 = 0.999;
    /** Added to the root of the second moment. */
    public static final double EPSILON = 1e-8;

    // Flushing to zero by hand, because Java cannot set the CPU's flush-to-zero mode. Arithmetic on denormal floats,
    // intermediate results included, is about a hundred times slower; unflushed, a weight whose gradient is 0 or tiny
    // (a dead ReLU unit, a pixel that is always blank) drove the moments into that range and slowed whole training
    // steps by half after a few epochs. The flushes are branch-free so that the JIT still vectorises the loop (with a
    // conditional it ran 6 times slower): adding and subtracting a constant C rounds every value far below C to 0 and
    // moves larger ones by at most one ulp. Nothing here changes an update: the values flushed are below 1e-16 where
    // Adam's epsilon is 1e-8, and every intermediate (lr * m, (1 - beta2) g^2) stays a normal float.

    /** 2^-30: gradients below about 5e-17 become 0, so (1 - beta2) g^2 stays normal. */
    private static final float GRADIENT_FLUSH = 0x1p-30f;
    /** 2^-76: first moments below about 8e-31 become 0. */
    private static final float MOMENT_FLUSH = 0x1p-76f;
    /** The smallest second moment kept; its root, 1e-15, is far below epsilon. */
    private static final float MIN_SECOND_MOMENT = 1e-30f;

    /** Values per block: four blocks (gradients, parameters, two moments) of 64 KB stay in a core's L2 cache. */
    static final int BLOCK = 1 << 14;

    private final double learningRate;
    private final INDArray parameters;
    private final INDArray gradients;
    private final int n;
    private final float[][] m;
    private final float[][] v;
    /** One parameter block per thread. */
    private final float[][] p;
    /** One gradient block per thread. */
    private final float[][] g;
    private final Team team;
    private final AtomicInteger nextBlock = new AtomicInteger();
    /** The native parameters and gradients, {@code null} unless FLOAT. */
    private final FloatBuffer parameterBuffer;
    private final FloatBuffer gradientBuffer;
    private long step;

    /**
     * @param learningRate step size
     * @param parameters flat parameters, updated in place
     * @param gradients flat gradients, same layout
     */
    public Adam(double learningRate, INDArray parameters, INDArray gradients) {
        this(learningRate, parameters, gradients, Team.shared());
    }

    /**
     * @param learningRate step size
     * @param parameters flat parameters, updated in place
     * @param gradients flat gradients, same layout
     * @param team the threads that share each update
     */
    public Adam(double learningRate, INDArray parameters, INDArray gradients, Team team) {
        checkArgument(parameters.length() == gradients.length() && parameters.dataType() == gradients.dataType(),
                "parameters and gradients differ in length or type");
        checkArgument(parameters.length() <= Integer.MAX_VALUE, "too many parameters for one optimiser");
        this.n = (int) parameters.length();
        this.learningRate = learningRate;
        this.parameters = parameters;
        this.gradients = gradients;
        this.m = blocks(n);
        this.v = blocks(n);
        this.team = team;
        this.p = new float[team.size()][Math.min(BLOCK, Math.max(1, n))];
        this.g = new float[team.size()][Math.min(BLOCK, Math.max(1, n))];
        boolean isFloat = parameters.dataType() == DataType.FLOAT;
        this.parameterBuffer = isFloat ? parameters.data().asNioFloat() : null;
        this.gradientBuffer = isFloat ? gradients.data().asNioFloat() : null;
    }

    private static float[][] blocks(int n) {
        int count = (n + BLOCK - 1) / BLOCK;
        float[][] b = new float[count][];
        for (int i = 0; i < count; i++) {
            b[i] = new float[Math.min(BLOCK, n - i * BLOCK)];
        }
        return b;
    }

    /** Applies one update from the current gradients. */
    public void step() {
        step++;
        if (parameterBuffer == null) {
            stepDouble();
            return;
        }
        nextBlock.set(0);
        // on a busy team the parts run one after another here: the first takes every block, the others find none
        // (each block's update is the same whichever thread makes it)
        team.runAll(t -> updateBlocks(p[t], g[t]));
    }

    /** Takes blocks until none is left, working in this thread's parameter and gradient blocks. */
    private void updateBlocks(float[] parameterBlock, float[] gradientBlock) {
        float stepSize = (float) (learningRate / (1 - Math.pow(BETA1, step)));
        float invSqrtBc2 = (float) (1 / Math.sqrt(1 - Math.pow(BETA2, step)));
        for (int b = nextBlock.getAndIncrement(); b < m.length; b = nextBlock.getAndIncrement()) {
            int len = m[b].length;
            parameterBuffer.get(b * BLOCK, parameterBlock, 0, len);
            gradientBuffer.get(b * BLOCK, gradientBlock, 0, len);
            update(gradientBlock, parameterBlock, m[b], v[b], len, stepSize, invSqrtBc2);
            parameterBuffer.put(b * BLOCK, parameterBlock, 0, len);
        }
    }

    private static void update(float[] g, float[] p, float[] m, float[] v, int len, float stepSize,
            float invSqrtBc2) {
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        float c1 = 1 - b1;
        float c2 = 1 - b2;
        float eps = (float) EPSILON;
        for (int i = 0; i < len; i++) {
            float gi = (g[i] + GRADIENT_FLUSH) - GRADIENT_FLUSH;
            float mi = b1 * m[i] + c1 * gi;
            mi = (mi + MOMENT_FLUSH) - MOMENT_FLUSH;
            float vi = Math.max(b2 * v[i] + c2 * gi * gi, MIN_SECOND_MOMENT);
            m[i] = mi;
            v[i] = vi;
            p[i] -= stepSize * mi / ((float) Math.sqrt(vi) * invSqrtBc2 + eps);
        }
    }

    private void stepDouble() {
        double bc1 = 1 - Math.pow(BETA1, step);
        double bc2 = 1 - Math.pow(BETA2, step);
        DoubleBuffer pb = parameters.data().asNioDouble();
        DoubleBuffer gb = gradients.data().asNioDouble();
        for (int i = 0; i < n; i++) {
            float[] mb = m[i / BLOCK];
            float[] vb = v[i / BLOCK];
            int j = i % BLOCK;
            double gi = gb.get(i);
            double mi = BETA1 * mb[j] + (1 - BETA1) * gi;
            double vi = BETA2 * vb[j] + (1 - BETA2) * gi * gi;
            mb[j] = (float) mi;
            vb[j] = (float) vi;
            pb.put(i, pb.get(i) - (learningRate / bc1) * mi / (Math.sqrt(vi / bc2) + EPSILON));
        }
    }

    /** @return updates made so far */
    public long stepCount() {
        return step;
    }

    /** @return copies of the first and second moments */
    public float[][] moments() {
        return new float[][] {flatten(m), flatten(v)};
    }

    private float[] flatten(float[][] blocks) {
        float[] flat = new float[n];
        for (int b = 0; b < blocks.length; b++) {
            System.arraycopy(blocks[b], 0, flat, b * BLOCK, blocks[b].length);
        }
        return flat;
    }

    /**
     * Restores the moments and step count; the parameters are restored in place by their owner.
     *
     * @param first first moments, one per parameter
     * @param second second moments, one per parameter
     * @param steps updates made
     */
    public void restore(float[] first, float[] second, long steps) {
        checkArgument(first.length == n && second.length == n,
                "Adam state has %s and %s moments, this model has %s parameters", first.length, second.length, n);
        for (int b = 0; b < m.length; b++) {
            System.arraycopy(first, b * BLOCK, m[b], 0, m[b].length);
            System.arraycopy(second, b * BLOCK, v[b], 0, v[b].length);
        }
        this.step = steps;
    }
}

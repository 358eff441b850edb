package io.github.vae4j.nd4j.optim;

import io.github.vae4j.Optimizer;
import io.github.vae4j.nd4j.engine.ComputeThreads;
import io.github.vae4j.nd4j.engine.ElementwiseOps;
import io.github.vae4j.nd4j.engine.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam (Kingma and Ba 2014) with PyTorch's placement of epsilon: {@code m = b1 m + (1 - b1) g},
 * {@code v = b2 v + (1 - b2) g^2}, {@code p -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)}. Two state
 * arrays: the first and second moments. See {@link BlockedUpdater} for how the work is laid out.
 */
public final class Adam extends BlockedUpdater {

    private Optimizer.Adam settings;
    private float stepSize;
    private float invSqrtBc2;
    private double doubleStepSize;
    private double bc2;

    /**
     * @param learningRate step size
     * @param parameters flat parameters, updated in place
     * @param gradients flat gradients, same layout
     */
    public Adam(double learningRate, INDArray parameters, INDArray gradients) {
        this(Optimizer.adam(learningRate), parameters, gradients, ComputeThreads.shared());
    }

    /**
     * @param learningRate step size
     * @param parameters flat parameters, updated in place
     * @param gradients flat gradients, same layout
     * @param team the threads that share each update
     */
    public Adam(double learningRate, INDArray parameters, INDArray gradients, ComputeThreads team) {
        this(Optimizer.adam(learningRate), parameters, gradients, team);
    }

    /**
     * @param settings the hyperparameters
     * @param parameters flat parameters, updated in place
     * @param gradients flat gradients, same layout
     * @param team the threads that share each update
     */
    public Adam(Optimizer.Adam settings, INDArray parameters, INDArray gradients, ComputeThreads team) {
        this(settings, parameters, gradients, team, Kernels.hostTuned());
    }

    /**
     * @param settings the hyperparameters
     * @param parameters flat parameters, updated in place
     * @param gradients flat gradients, same layout
     * @param team the threads that share each update
     * @param kernels how the parameters and gradients reach the update
     */
    public Adam(Optimizer.Adam settings, INDArray parameters, INDArray gradients, ComputeThreads team, Kernels kernels) {
        super(2, parameters, gradients, team, kernels);
        this.settings = settings;
    }

    /** Applies one update from the current gradients at the configured learning rate. */
    public void step() {
        step(settings.learningRate());
    }

    @Override
    public Optimizer.Adam optimizer() {
        return settings;
    }

    @Override
    public void reconfigure(Optimizer optimizer) {
        this.settings = sameKind(optimizer, Optimizer.Adam.class);
    }

    @Override
    void prepare(double learningRate) {
        stepSize = (float) (learningRate / (1 - Math.pow(settings.beta1(), step)));
        invSqrtBc2 = (float) (1 / Math.sqrt(1 - Math.pow(settings.beta2(), step)));
    }

    @Override
    void updateBlock(float[] g, float[] p, int block, int len) {
        update(g, p, state[0][block], state[1][block], len, stepSize, invSqrtBc2, (float) settings.beta1(),
                (float) settings.beta2(), (float) settings.epsilon());
    }

    private static void update(float[] g, float[] p, float[] m, float[] v, int len, float stepSize,
            float invSqrtBc2, float b1, float b2, float eps) {
        float c1 = 1 - b1;
        float c2 = 1 - b2;
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

    @Override
    void updateOnDevice(ElementwiseOps ops, INDArray g, INDArray p, INDArray[] state, INDArray[] work) {
        float b1 = (float) settings.beta1();
        float b2 = (float) settings.beta2();
        INDArray gi = work[0];
        INDArray t = work[1];
        INDArray m = state[0];
        INDArray v = state[1];
        flushGradient(ops, g, gi);
        // m = b1 m + (1 - b1) g, flushed
        ops.mul(m, b1, m);
        ops.mul(gi, 1 - b1, t);
        ops.add(m, t, m);
        flushMoment(ops, m);
        updateSecondMoment(ops, gi, v, b2, t);
        // p -= stepSize m / (sqrt(v) invSqrtBc2 + eps)
        ops.sqrt(v, t);
        ops.mul(t, invSqrtBc2, t);
        ops.add(t, (float) settings.epsilon(), t);
        ops.mul(m, stepSize, gi);
        ops.div(gi, t, gi);
        ops.sub(p, gi, p);
    }

    @Override
    void prepareDouble(double learningRate) {
        doubleStepSize = learningRate / (1 - Math.pow(settings.beta1(), step));
        bc2 = 1 - Math.pow(settings.beta2(), step);
    }

    @Override
    double updateDouble(int block, int j, double gi, double parameter) {
        float[] mb = state[0][block];
        float[] vb = state[1][block];
        double mi = settings.beta1() * mb[j] + (1 - settings.beta1()) * gi;
        double vi = settings.beta2() * vb[j] + (1 - settings.beta2()) * gi * gi;
        mb[j] = (float) mi;
        vb[j] = (float) vi;
        return parameter - doubleStepSize * mi / (Math.sqrt(vi / bc2) + settings.epsilon());
    }

    /** @return copies of the first and second moments */
    public float[][] moments() {
        return slots();
    }

    /**
     * Restores the moments and step count; the parameters are restored in place by their owner.
     *
     * @param first first moments, one per parameter
     * @param second second moments, one per parameter
     * @param steps updates made
     */
    public void restore(float[] first, float[] second, long steps) {
        restore(java.util.List.of(first, second), steps);
    }
}

package io.github.vae4j.nd4j.optim;

import io.github.vae4j.Optimizer;
import io.github.vae4j.nd4j.engine.ComputeThreads;
import io.github.vae4j.nd4j.engine.ElementwiseOps;
import io.github.vae4j.nd4j.engine.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * RMSProp (Tieleman and Hinton 2012) as PyTorch defines it, without momentum or centring:
 * {@code v = decay v + (1 - decay) g^2}, {@code p -= lr * g / (sqrt(v) + eps)}. One state array: the mean square.
 * See {@link BlockedUpdater} for how the work is laid out.
 */
public final class RmsProp extends BlockedUpdater {

    private Optimizer.RmsProp settings;
    private float rate;
    private double doubleRate;

    /**
     * @param settings the hyperparameters
     * @param parameters flat parameters, updated in place
     * @param gradients flat gradients, same layout
     * @param team the threads that share each update
     */
    public RmsProp(Optimizer.RmsProp settings, INDArray parameters, INDArray gradients, ComputeThreads team) {
        this(settings, parameters, gradients, team, Kernels.hostTuned());
    }

    /**
     * @param settings the hyperparameters
     * @param parameters flat parameters, updated in place
     * @param gradients flat gradients, same layout
     * @param team the threads that share each update
     * @param kernels how the parameters and gradients reach the update
     */
    public RmsProp(Optimizer.RmsProp settings, INDArray parameters, INDArray gradients, ComputeThreads team, Kernels kernels) {
        super(1, parameters, gradients, team, kernels);
        this.settings = settings;
    }

    @Override
    public Optimizer.RmsProp optimizer() {
        return settings;
    }

    @Override
    public void reconfigure(Optimizer optimizer) {
        this.settings = sameKind(optimizer, Optimizer.RmsProp.class);
    }

    @Override
    void prepare(double learningRate) {
        rate = (float) learningRate;
    }

    @Override
    void updateBlock(float[] g, float[] p, int block, int len) {
        update(g, p, state[0][block], len, rate, (float) settings.decay(), (float) settings.epsilon());
    }

    private static void update(float[] g, float[] p, float[] v, int len, float rate, float decay, float eps) {
        float c = 1 - decay;
        for (int i = 0; i < len; i++) {
            float gi = (g[i] + GRADIENT_FLUSH) - GRADIENT_FLUSH;
            float vi = Math.max(decay * v[i] + c * gi * gi, MIN_SECOND_MOMENT);
            v[i] = vi;
            p[i] -= rate * gi / ((float) Math.sqrt(vi) + eps);
        }
    }

    @Override
    void updateOnDevice(ElementwiseOps ops, INDArray g, INDArray p, INDArray[] state, INDArray[] work) {
        float decay = (float) settings.decay();
        INDArray gi = work[0];
        INDArray t = work[1];
        INDArray v = state[0];
        flushGradient(ops, g, gi);
        updateSecondMoment(ops, gi, v, decay, t);
        // p -= rate g / (sqrt(v) + eps)
        ops.sqrt(v, t);
        ops.add(t, (float) settings.epsilon(), t);
        ops.mul(gi, rate, gi);
        ops.div(gi, t, gi);
        ops.sub(p, gi, p);
    }

    @Override
    void prepareDouble(double learningRate) {
        doubleRate = learningRate;
    }

    @Override
    double updateDouble(int block, int j, double gi, double parameter) {
        float[] vb = state[0][block];
        double vi = settings.decay() * vb[j] + (1 - settings.decay()) * gi * gi;
        vb[j] = (float) vi;
        return parameter - doubleRate * gi / (Math.sqrt(vi) + settings.epsilon());
    }
}

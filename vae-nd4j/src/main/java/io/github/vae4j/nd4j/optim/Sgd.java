package io.github.vae4j.nd4j.optim;

import io.github.vae4j.Optimizer;
import io.github.vae4j.nd4j.engine.ComputeThreads;
import io.github.vae4j.nd4j.engine.ElementwiseOps;
import io.github.vae4j.nd4j.engine.Kernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic gradient descent with momentum as PyTorch defines it (no dampening): {@code b = momentum b + g}, with
 * {@code b = g} at the first step, then {@code p -= lr * b}, or {@code p -= lr * (g + momentum b)} with Nesterov's
 * variant. One state array, the momentum buffer, when the momentum is positive; none otherwise. See
 * {@link BlockedUpdater} for how the work is laid out.
 */
public final class Sgd extends BlockedUpdater {

    private Optimizer.Sgd settings;
    private float rate;
    private float momentum;
    private double doubleRate;

    /**
     * @param settings the hyperparameters
     * @param parameters flat parameters, updated in place
     * @param gradients flat gradients, same layout
     * @param team the threads that share each update
     */
    public Sgd(Optimizer.Sgd settings, INDArray parameters, INDArray gradients, ComputeThreads team) {
        this(settings, parameters, gradients, team, Kernels.hostTuned());
    }

    /**
     * @param settings the hyperparameters
     * @param parameters flat parameters, updated in place
     * @param gradients flat gradients, same layout
     * @param team the threads that share each update
     * @param kernels how the parameters and gradients reach the update
     */
    public Sgd(Optimizer.Sgd settings, INDArray parameters, INDArray gradients, ComputeThreads team, Kernels kernels) {
        super(settings.slots(), parameters, gradients, team, kernels);
        this.settings = settings;
    }

    @Override
    public Optimizer.Sgd optimizer() {
        return settings;
    }

    @Override
    public void reconfigure(Optimizer optimizer) {
        Optimizer.Sgd next = sameKind(optimizer, Optimizer.Sgd.class);
        if (next.slots() != settings.slots()) {
            throw new IllegalArgumentException("SGD with and without momentum keep different state; "
                    + settings + " cannot become " + next);
        }
        this.settings = next;
    }

    @Override
    void prepare(double learningRate) {
        rate = (float) learningRate;
        // PyTorch starts the buffer at the first gradient: b = 0 * 0 + g
        momentum = step == 1 ? 0f : (float) settings.momentum();
    }

    @Override
    void updateBlock(float[] g, float[] p, int block, int len) {
        if (state.length == 0) {
            plain(g, p, len, rate);
        } else if (settings.nesterov()) {
            nesterov(g, p, state[0][block], len, rate, momentum, (float) settings.momentum());
        } else {
            heavyBall(g, p, state[0][block], len, rate, momentum);
        }
    }

    private static void plain(float[] g, float[] p, int len, float rate) {
        for (int i = 0; i < len; i++) {
            p[i] -= rate * g[i];
        }
    }

    private static void heavyBall(float[] g, float[] p, float[] b, int len, float rate, float momentum) {
        for (int i = 0; i < len; i++) {
            float bi = momentum * b[i] + ((g[i] + GRADIENT_FLUSH) - GRADIENT_FLUSH);
            bi = (bi + MOMENT_FLUSH) - MOMENT_FLUSH;
            b[i] = bi;
            p[i] -= rate * bi;
        }
    }

    private static void nesterov(float[] g, float[] p, float[] b, int len, float rate, float bufferMomentum,
            float momentum) {
        for (int i = 0; i < len; i++) {
            float gi = (g[i] + GRADIENT_FLUSH) - GRADIENT_FLUSH;
            float bi = bufferMomentum * b[i] + gi;
            bi = (bi + MOMENT_FLUSH) - MOMENT_FLUSH;
            b[i] = bi;
            p[i] -= rate * (gi + momentum * bi);
        }
    }

    @Override
    void updateOnDevice(ElementwiseOps ops, INDArray g, INDArray p, INDArray[] state, INDArray[] work) {
        INDArray t = work[0];
        if (state.length == 0) {
            // p -= rate g
            ops.mul(g, rate, t);
            ops.sub(p, t, p);
            return;
        }
        INDArray gi = work[1];
        INDArray b = state[0];
        flushGradient(ops, g, gi);
        // b = momentum b + g, flushed (momentum 0 at the first step)
        ops.mul(b, momentum, b);
        ops.add(b, gi, b);
        flushMoment(ops, b);
        if (settings.nesterov()) {
            // p -= rate (g + momentum b)
            ops.mul(b, (float) settings.momentum(), t);
            ops.add(gi, t, t);
            ops.mul(t, rate, t);
        } else {
            // p -= rate b
            ops.mul(b, rate, t);
        }
        ops.sub(p, t, p);
    }

    @Override
    void prepareDouble(double learningRate) {
        doubleRate = learningRate;
    }

    @Override
    double updateDouble(int block, int j, double gi, double parameter) {
        if (state.length == 0) {
            return parameter - doubleRate * gi;
        }
        float[] bb = state[0][block];
        double bi = (step == 1 ? 0 : settings.momentum() * bb[j]) + gi;
        bb[j] = (float) bi;
        double direction = settings.nesterov() ? gi + settings.momentum() * bi : bi;
        return parameter - doubleRate * direction;
    }
}

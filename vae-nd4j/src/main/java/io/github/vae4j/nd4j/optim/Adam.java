package io.github.vae4j.nd4j.optim;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam (Kingma and Ba 2014) with PyTorch's placement of epsilon: p -= lr * m_hat / (sqrt(v_hat) + eps).
 *
 * <p>The update runs as a plain Java loop over the flat parameter and gradient buffers, which share memory with the
 * native arrays: measured faster than ND4J's native Adam updater op on a 1.4M-parameter model, and it keeps the
 * moments as plain arrays that a checkpoint can save.
 */
public final class Adam {

    /** Decay of the first moment. */
    public static final double BETA1 = 0.9;
    /** Decay of the second moment. */
    public static final double BETA2 = 0.999;
    /** Added to the root of the second moment. */
    public static final double EPSILON = 1e-8;

    private final double learningRate;
    private final INDArray parameters;
    private final INDArray gradients;
    private final float[] m;
    private final float[] v;
    private long step;

    /**
     * @param learningRate step size
     * @param parameters flat parameters, updated in place
     * @param gradients flat gradients, same layout
     */
    public Adam(double learningRate, INDArray parameters, INDArray gradients) {
        checkArgument(parameters.length() == gradients.length(), "parameters and gradients differ in length");
        checkArgument(parameters.length() <= Integer.MAX_VALUE, "too many parameters for one optimiser");
        this.learningRate = learningRate;
        this.parameters = parameters;
        this.gradients = gradients;
        this.m = new float[(int) parameters.length()];
        this.v = new float[(int) parameters.length()];
    }

    /** Applies one update from the current gradients. */
    public void step() {
        step++;
        double bc1 = 1 - Math.pow(BETA1, step);
        double bc2 = 1 - Math.pow(BETA2, step);
        float stepSize = (float) (learningRate / bc1);
        float invSqrtBc2 = (float) (1 / Math.sqrt(bc2));
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        float eps = (float) EPSILON;
        int n = m.length;
        if (parameters.dataType() == DataType.FLOAT) {
            FloatBuffer p = parameters.data().asNioFloat();
            FloatBuffer g = gradients.data().asNioFloat();
            for (int i = 0; i < n; i++) {
                float gi = g.get(i);
                float mi = b1 * m[i] + (1 - b1) * gi;
                float vi = b2 * v[i] + (1 - b2) * gi * gi;
                m[i] = mi;
                v[i] = vi;
                p.put(i, p.get(i) - stepSize * mi / ((float) Math.sqrt(vi) * invSqrtBc2 + eps));
            }
        } else {
            DoubleBuffer p = parameters.data().asNioDouble();
            DoubleBuffer g = gradients.data().asNioDouble();
            for (int i = 0; i < n; i++) {
                double gi = g.get(i);
                double mi = BETA1 * m[i] + (1 - BETA1) * gi;
                double vi = BETA2 * v[i] + (1 - BETA2) * gi * gi;
                m[i] = (float) mi;
                v[i] = (float) vi;
                p.put(i, p.get(i) - (learningRate / bc1) * mi / (Math.sqrt(vi / bc2) + EPSILON));
            }
        }
    }

    /** @return updates made so far */
    public long stepCount() {
        return step;
    }

    /** @return copies of the first and second moments */
    public float[][] moments() {
        return new float[][] {m.clone(), v.clone()};
    }

    /**
     * Restores the moments and step count.
     *
     * @param first first moments, one per parameter
     * @param second second moments, one per parameter
     * @param steps updates made
     */
    public void restore(float[] first, float[] second, long steps) {
        checkArgument(first.length == m.length && second.length == v.length,
                "Adam state has %s and %s moments, this model has %s parameters", first.length, second.length,
                m.length);
        System.arraycopy(first, 0, m, 0, m.length);
        System.arraycopy(second, 0, v, 0, v.length);
        this.step = steps;
    }
}

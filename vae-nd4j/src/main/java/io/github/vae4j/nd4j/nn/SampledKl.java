package io.github.vae4j.nd4j.nn;

import io.github.vae4j.LatentPrior;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The KL term of a prior without a closed form ({@link LatentPrior} other than the standard normal), estimated at the
 * training sample itself: {@code log q(z|x) - log p(z)} with {@code z = mu + sigma * eps}, where
 * {@code log q = -1/2 sum(eps^2 + logVar + log 2 pi)} at its own sample. Its gradient, holding the noise fixed:
 * {@code dMu = -g} and {@code dLogVar = -1/2 - g eps sigma / 2}, with {@code g = d log p / dz}. The prior's maths
 * runs on heap copies in double precision.
 */
final class SampledKl {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private SampledKl() {
    }

    /** Fills {@code f.kl} from {@code f.z}, {@code f.logVar} and {@code f.eps}. */
    static void kl(BatchBuffers.View f, LatentPrior prior) {
        int l = (int) f.z.rows();
        double[] z = heap(f.z);
        double[] lv = heap(f.logVar);
        double[] eps = heap(f.eps);
        double[] kl = new double[f.r];
        double[] point = new double[l];
        for (int e = 0; e < f.r; e++) {
            double logQ = 0;
            for (int j = 0; j < l; j++) {
                int i = e * l + j;
                point[j] = z[i];
                logQ -= 0.5 * (eps[i] * eps[i] + lv[i]) + HALF_LOG_TWO_PI;
            }
            kl[e] = logQ - prior.logDensity(point, null);
        }
        write(kl, 1, f.r, f.kl);
    }

    /** Adds {@code scale} times the KL's gradient to {@code f.dMu} and {@code f.dLogVar}. */
    static void addGradient(BatchBuffers.View f, LatentPrior prior, double scale) {
        int l = (int) f.z.rows();
        double[] z = heap(f.z);
        double[] eps = heap(f.eps);
        double[] sigma = heap(f.sigma);
        double[] dMu = heap(f.dMu);
        double[] dLv = heap(f.dLogVar);
        double[] point = new double[l];
        double[] g = new double[l];
        for (int e = 0; e < f.r; e++) {
            for (int j = 0; j < l; j++) {
                point[j] = z[e * l + j];
            }
            prior.logDensity(point, g);
            for (int j = 0; j < l; j++) {
                int i = e * l + j;
                dMu[i] -= scale * g[j];
                dLv[i] += scale * (-0.5 - 0.5 * g[j] * eps[i] * sigma[i]);
            }
        }
        write(dMu, l, f.r, f.dMu);
        write(dLv, l, f.r, f.dLogVar);
    }

    private static double[] heap(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('f').data().asDouble();
    }

    private static void write(double[] values, int rows, int columns, INDArray to) {
        to.assign(Nd4j.create(values, new long[] {rows, columns}, 'f').castTo(to.dataType()));
    }
}

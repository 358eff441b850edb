package io.github.vae4j.nd4j.nn;

import io.github.vae4j.LatentPrior;
import io.github.vae4j.nd4j.engine.HeapDoubles;

/**
 * The KL term of a prior without a closed form ({@link LatentPrior} other than the standard normal), estimated at the
 * training sample itself: {@code log q(z|x) - log p(z)} with {@code z = mu + sigma * eps}, where
 * {@code log q = -1/2 sum(eps^2 + logVar + log 2 pi)} at its own sample. Its gradient, holding the noise fixed:
 * {@code dMu = -g} and {@code dLogVar = -1/2 - g eps sigma / 2}, with {@code g = d log p / dz}. The prior's maths
 * runs on heap copies in double precision ({@link HeapDoubles}).
 */
final class SampledKl {

    private SampledKl() {
    }

    /** Fills {@code f.kl} from {@code f.z}, {@code f.logVar} and {@code f.eps}. */
    static void kl(BatchBuffers.View f, LatentPrior prior) {
        int l = (int) f.z.rows();
        double[] z = HeapDoubles.of(f.z);
        double[] lv = HeapDoubles.of(f.logVar);
        double[] eps = HeapDoubles.of(f.eps);
        double[] kl = new double[f.r];
        double[] point = new double[l];
        for (int e = 0; e < f.r; e++) {
            System.arraycopy(z, e * l, point, 0, l);
            kl[e] = StandardNormalPrior.posteriorLogDensity(lv, e * l, eps, e * l, l) - prior.logDensity(point, null);
        }
        HeapDoubles.assign(kl, 1, f.r, f.kl);
    }

    /** Adds {@code scale} times the KL's gradient to {@code f.dMu} and {@code f.dLogVar}. */
    static void addGradient(BatchBuffers.View f, LatentPrior prior, double scale) {
        int l = (int) f.z.rows();
        double[] z = HeapDoubles.of(f.z);
        double[] eps = HeapDoubles.of(f.eps);
        double[] sigma = HeapDoubles.of(f.sigma);
        double[] dMu = HeapDoubles.of(f.dMu);
        double[] dLv = HeapDoubles.of(f.dLogVar);
        double[] point = new double[l];
        double[] g = new double[l];
        for (int e = 0; e < f.r; e++) {
            System.arraycopy(z, e * l, point, 0, l);
            prior.logDensity(point, g);
            for (int j = 0; j < l; j++) {
                int i = e * l + j;
                dMu[i] -= scale * g[j];
                dLv[i] += scale * (-0.5 - 0.5 * g[j] * eps[i] * sigma[i]);
            }
        }
        HeapDoubles.assign(dMu, l, f.r, f.dMu);
        HeapDoubles.assign(dLv, l, f.r, f.dLogVar);
    }

}

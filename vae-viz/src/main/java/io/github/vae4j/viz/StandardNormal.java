package io.github.vae4j.viz;

/**
 * The inverse cumulative distribution function (quantile function) of the standard normal distribution, by Peter
 * J. Acklam's rational approximation: a rational function in the central region 0.02425 &lt;= p &lt;= 0.97575 and
 * another in {@code sqrt(-2 log p)} in the tails. Its relative error is below 1.15e-9 over (0, 1), far finer than a
 * picture needs.
 *
 * <p>Used to place a regular grid over the prior's central region, as in Kingma and Welling's figures of learned
 * manifolds: evenly spaced probabilities mapped through the inverse CDF give latent points that are dense where the
 * prior has mass.
 */
public final class StandardNormal {

    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00};
    private static final double P_LOW = 0.02425;
    private static final double P_HIGH = 1 - P_LOW;

    private StandardNormal() {
    }

    /**
     * The value x with P(Z &lt;= x) = p for a standard normal Z.
     *
     * @param p a probability in [0, 1]
     * @return the quantile; negative infinity for 0, positive infinity for 1, 0 for 0.5
     * @throws IllegalArgumentException if p is outside [0, 1] or NaN
     */
    public static double inverseCdf(double p) {
        Checks.require(p >= 0 && p <= 1, "probability p must be in [0, 1], got " + p);
        if (p == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (p < P_LOW) {
            return tail(Math.sqrt(-2 * Math.log(p)));
        }
        if (p > P_HIGH) {
            return -tail(Math.sqrt(-2 * Math.log1p(-p)));
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
    }

    private static double tail(double q) {
        return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
    }

    /**
     * Quantiles at {@code n} evenly spaced probabilities from {@code low} to {@code high}, both included (for
     * n = 1, the quantile of their midpoint).
     *
     * @param n how many, at least 1
     * @param low the first probability, in (0, 1)
     * @param high the last probability, in (low, 1)
     * @return n increasing quantiles
     * @throws IllegalArgumentException if n is below 1, or the probabilities are not {@code 0 < low < high < 1}
     */
    public static double[] quantiles(int n, double low, double high) {
        Checks.positive(n, "n");
        Checks.require(low > 0 && low < high && high < 1, "probabilities must satisfy 0 < low < high < 1, got low "
                + low + ", high " + high);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double p = n == 1 ? (low + high) / 2 : low + (high - low) * i / (n - 1);
            out[i] = inverseCdf(p);
        }
        return out;
    }
}

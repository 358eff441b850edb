package io.github.vae4j;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * The maximum-likelihood fit of a generalized Pareto distribution (location 0) to excesses over a threshold, as
 * peaks-over-threshold thresholds need (Siffer et al., KDD 2017). The likelihood is profiled in
 * {@code theta = shape / scale} (Grimshaw 1993): for a given theta the best shape is the mean of
 * {@code log(1 + theta y)}, so the fit is a search in one variable, here over a grid on each side of the exponential
 * case (theta = 0) refined by golden sections. The shape is kept at -1 or above: below it the likelihood of a bounded
 * tail grows without limit as the scale approaches the largest excess, and no maximum exists.
 *
 * @param shape the shape (xi, scipy's c): 0 an exponential tail, positive a heavy one, negative a bounded one
 * @param scale the scale, positive, in the excesses' units
 * @param logLikelihood the excesses' log-likelihood at the fit, nats
 */
record GeneralizedPareto(double shape, double scale, double logLikelihood) {

    /** The smallest shape a fit takes. */
    static final double MIN_SHAPE = -1;

    private static final int GRID = 400;
    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    /**
     * @param excesses values above the threshold minus the threshold, at least 2, non-negative, not all 0
     * @return the fit
     */
    static GeneralizedPareto fit(double[] excesses) {
        checkArgument(excesses.length >= 2, "a generalized Pareto fit needs at least 2 excesses, got %s",
                excesses.length);
        double max = 0;
        double sum = 0;
        for (double y : excesses) {
            checkArgument(y >= 0 && Double.isFinite(y), "an excess is %s; excesses are finite and at least 0", y);
            max = Math.max(max, y);
            sum += y;
        }
        checkArgument(max > 0, "every excess is 0: nothing to fit");
        double mean = sum / excesses.length;
        // the lowest theta: where the profiled shape reaches MIN_SHAPE (shape(theta) increases with theta)
        double lo = -1 / max;
        double hi = 0;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (shapeAt(excesses, mid) < MIN_SHAPE) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double lowest = hi;
        double bestTheta = 0;
        double best = profile(excesses, 0, mean);
        double[] grid = new double[2 * GRID + 1];
        for (int i = 0; i < GRID; i++) {
            double s = (i + 1.0) / GRID;
            grid[i] = lowest * s * s;                                       // towards the bound, denser near 0
            grid[GRID + i] = Math.pow(10, -6 + 12.0 * i / (GRID - 1)) / mean; // heavy tails, log-spaced
        }
        grid[2 * GRID] = 0;
        Arrays.sort(grid);
        int at = 0;
        for (int i = 0; i < grid.length; i++) {
            double l = profile(excesses, grid[i], mean);
            if (l > best) {
                best = l;
                bestTheta = grid[i];
                at = i;
            }
        }
        if (bestTheta == 0) {
            at = Arrays.binarySearch(grid, 0);
        }
        double a = grid[Math.max(0, at - 1)];
        double b = grid[Math.min(grid.length - 1, at + 1)];
        double theta = golden(excesses, a, b, mean);
        if (profile(excesses, theta, mean) < best) {
            theta = bestTheta;
        }
        double shape = theta == 0 ? 0 : shapeAt(excesses, theta);
        double scale = theta == 0 ? mean : shape / theta;
        return new GeneralizedPareto(shape, scale, logLikelihood(excesses, shape, scale));
    }

    /**
     * The quantile of the tail beyond a threshold: the value exceeded with probability {@code risk} when a fraction
     * {@code tail} of values exceed the threshold, {@code threshold + scale / shape ((risk / tail)^-shape - 1)}.
     *
     * @param threshold the threshold the excesses were taken over
     * @param risk the probability wanted, in (0, tail)
     * @param tail the fraction of values above the threshold
     * @return the quantile
     */
    double quantile(double threshold, double risk, double tail) {
        double r = risk / tail;
        if (Math.abs(shape) < 1e-12) {
            return threshold - scale * Math.log(r);
        }
        return threshold + scale / shape * (Math.pow(r, -shape) - 1);
    }

    /**
     * @param y excesses
     * @param shape a shape
     * @param scale a positive scale
     * @return their log-likelihood, nats; -infinity where an excess is beyond a bounded tail's end
     */
    static double logLikelihood(double[] y, double shape, double scale) {
        double l = -y.length * Math.log(scale);
        for (double v : y) {
            if (Math.abs(shape) < 1e-12) {
                l -= v / scale;
            } else {
                double u = 1 + shape * v / scale;
                if (u <= 0) {
                    return Double.NEGATIVE_INFINITY;
                }
                l -= (1 + 1 / shape) * Math.log(u);
            }
        }
        return l;
    }

    private static double shapeAt(double[] y, double theta) {
        double s = 0;
        for (double v : y) {
            s += Math.log1p(theta * v);
        }
        return s / y.length;
    }

    /** The log-likelihood maximised over the shape for a given theta: -n log(shape / theta) - n (1 + shape). */
    private static double profile(double[] y, double theta, double mean) {
        int n = y.length;
        if (theta == 0) {
            return -n * Math.log(mean) - n;
        }
        double shape = shapeAt(y, theta);
        if (!Double.isFinite(shape) || shape / theta <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return -n * Math.log(shape / theta) - n * (1 + shape);
    }

    private static double golden(double[] y, double a, double b, double mean) {
        double c = b - GOLDEN * (b - a);
        double d = a + GOLDEN * (b - a);
        double fc = profile(y, c, mean);
        double fd = profile(y, d, mean);
        for (int i = 0; i < 200 && Math.abs(b - a) > 1e-15 * Math.max(1, Math.abs(c)); i++) {
            if (fc >= fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - GOLDEN * (b - a);
                fc = profile(y, c, mean);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + GOLDEN * (b - a);
                fd = profile(y, d, mean);
            }
        }
        return fc >= fd ? c : d;
    }
}

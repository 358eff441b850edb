package io.github.vae4j;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.vae4j.spi.RandomStream;
import java.util.List;

/**
 * An equal mixture of isotropic Gaussians as a {@link LatentPrior}; see {@link LatentPrior#mixture}.
 *
 * @param components how many, 1 to {@value #MAX_COMPONENTS}
 * @param radius the means' distance from the origin
 * @param sigma each component's standard deviation
 */
record MixturePrior(int components, double radius, double sigma) implements LatentPrior {

    static final String NAME = "MIXTURE";
    static final int MAX_COMPONENTS = 64;
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    MixturePrior {
        checkArgument(components >= 1 && components <= MAX_COMPONENTS, "a mixture prior has 1 to %s components, got %s",
                MAX_COMPONENTS, components);
        checkArgument(Double.isFinite(radius) && radius >= 0, "the mixture's radius must be finite and >= 0, got %s",
                radius);
        checkArgument(Double.isFinite(sigma) && sigma > 0, "the mixture's sigma must be positive and finite, got %s",
                sigma);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Double> parameters() {
        return List.of((double) components, radius, sigma);
    }

    /** Component k's mean along dimension j of L. */
    private double mean(int k, int j, int l) {
        return j == (k / 2) % l ? (k % 2 == 0 ? radius : -radius) : 0;
    }

    @Override
    public double logDensity(double[] z, double[] gradient) {
        int l = z.length;
        double[] logs = new double[components];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < components; k++) {
            double sum = 0;
            for (int j = 0; j < l; j++) {
                double d = z[j] - mean(k, j, l);
                sum += d * d;
            }
            logs[k] = -0.5 * sum / (sigma * sigma);
            max = Math.max(max, logs[k]);
        }
        double total = 0;
        for (int k = 0; k < components; k++) {
            total += Math.exp(logs[k] - max);
        }
        if (gradient != null) {
            // d log p / dz = sum_k r_k (m_k - z) / sigma^2, r_k the responsibilities
            java.util.Arrays.fill(gradient, 0);
            for (int k = 0; k < components; k++) {
                double r = Math.exp(logs[k] - max) / total;
                for (int j = 0; j < l; j++) {
                    gradient[j] += r * (mean(k, j, l) - z[j]) / (sigma * sigma);
                }
            }
        }
        return max + Math.log(total) - Math.log(components) - l * (Math.log(sigma) + HALF_LOG_TWO_PI);
    }

    @Override
    public void sample(RandomStream random, double[] z) {
        int l = z.length;
        int k = Math.min(components - 1, (int) (random.nextDouble() * components));
        for (int j = 0; j < l; j++) {
            z[j] = mean(k, j, l) + sigma * random.nextGaussian();
        }
    }
}

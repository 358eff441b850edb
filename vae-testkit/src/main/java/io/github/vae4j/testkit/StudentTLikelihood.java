package io.github.vae4j.testkit;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.vae4j.Likelihood;
import io.github.vae4j.Likelihoods;
import io.github.vae4j.spi.RandomStream;
import java.util.List;

/**
 * A likelihood of a host's, written against vae4j's public types only, as the guide shows: Student's t with
 * {@code dof} degrees of freedom per value, for real data with heavy tails. The decoder emits a location m and a
 * scale head s per value; the scale is {@code sigma = 0.001 + softplus(s)}. With z = (x - m) / sigma,
 * {@code -log p = log sigma + log Gamma(dof/2) - log Gamma((dof+1)/2) + log(dof pi)/2 + (dof+1)/2 log(1 + z^2/dof)}.
 *
 * @param dof the degrees of freedom, above 1 (so that the mean exists) and at most 1e6
 */
public record StudentTLikelihood(double dof) implements Likelihood {

    /** The name a model file stores. */
    public static final String NAME = "studentT";

    private static final double SCALE_FLOOR = 1e-3;

    /**
     * Checks the degrees of freedom.
     *
     * @param dof above 1 and at most 1e6
     */
    public StudentTLikelihood {
        checkArgument(dof > 1 && dof <= 1e6, "Student's t needs degrees of freedom in (1, 1e6], got %s", dof);
    }

    /** Registers the factory that makes it again from a model file's parameters. */
    public static void register() {
        Likelihoods.register(NAME, p -> {
            checkArgument(p.size() == 1, "Student's t has 1 parameter, the file gives %s", p.size());
            return new StudentTLikelihood(p.get(0));
        });
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Double> parameters() {
        return List.of(dof);
    }

    @Override
    public int heads() {
        return 2;
    }

    @Override
    public double negativeLogDensity(double x, double[] theta, double[] gradient) {
        double sigma = SCALE_FLOOR + softplus(theta[1]);
        double z = (x - theta[0]) / sigma;
        double q = dof + z * z;
        if (gradient != null) {
            gradient[0] = -(dof + 1) * z / (sigma * q);
            gradient[1] = (1 / sigma - (dof + 1) * z * z / (sigma * q)) * sigmoid(theta[1]);
        }
        return Math.log(sigma) + logGamma(dof / 2) - logGamma((dof + 1) / 2) + 0.5 * Math.log(dof * Math.PI)
                + 0.5 * (dof + 1) * Math.log1p(z * z / dof);
    }

    @Override
    public double mean(double[] theta) {
        return theta[0];
    }

    @Override
    public double sample(double[] theta, RandomStream random) {
        double sigma = SCALE_FLOOR + softplus(theta[1]);
        double chiSquare = 2 * gamma(dof / 2, random);
        return theta[0] + sigma * random.nextGaussian() / Math.sqrt(chiSquare / dof);
    }

    /** A Gamma(shape, 1) draw: Marsaglia and Tsang (2000), with the boost for a shape below 1. */
    private static double gamma(double shape, RandomStream random) {
        if (shape < 1) {
            return gamma(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (u > 0 && Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    /** log Gamma(x) for x > 0: Lanczos's approximation (g = 7, 9 terms), about 15 digits. */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
        }
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        double y = x - 1;
        double a = c[0];
        double t = y + 7.5;
        for (int i = 1; i < 9; i++) {
            a += c[i] / (y + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
    }

    private static double softplus(double t) {
        return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
    }

    private static double sigmoid(double t) {
        return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
    }
}

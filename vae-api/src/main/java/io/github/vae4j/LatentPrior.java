package io.github.vae4j;

import io.github.vae4j.spi.RandomStream;
import java.util.List;

/**
 * The prior p(z) over the latent space, as a value a host can choose or write: its log-density at a point with the
 * gradient there, and a draw. The standard normal ({@link #STANDARD_NORMAL}, the default) has a closed-form KL
 * divergence from the encoder's diagonal Gaussian; any other prior's KL is estimated at the training sample itself,
 * {@code log q(z|x) - log p(z)} with {@code z = mean + exp(logVariance / 2) * eps}, which is unbiased and whose
 * gradient flows through z (so free bits, a floor per latent dimension, need the standard normal).
 * {@link #mixture(int, double, double)} is a mixture of Gaussians. A model file stores the prior by {@link #name()}
 * with its {@link #parameters()}; {@link Priors} finds it again, and a host registers its own there.
 *
 * <p>A prior is used from many threads at once and must keep no mutable state; one with parameters should have value
 * equality (a record).
 */
public interface LatentPrior {

    /** N(0, I): the default, with the closed-form KL. */
    LatentPrior STANDARD_NORMAL = new StandardNormal();

    /**
     * An equal mixture of {@code components} Gaussians N(m_k, sigma^2 I): component k's mean is {@code radius} along
     * latent axis {@code (k / 2) mod L}, on its positive side for even k and its negative side for odd k.
     *
     * @param components 1 to 64
     * @param radius the means' distance from the origin, finite and at least 0
     * @param sigma each component's standard deviation, positive and finite
     * @return the prior
     */
    static LatentPrior mixture(int components, double radius, double sigma) {
        return new MixturePrior(components, radius, sigma);
    }

    /** @return the name a model file stores and {@link Priors} finds it by */
    String name();

    /** @return the parameters stored with the name */
    default List<Double> parameters() {
        return List.of();
    }

    /** @return whether this is N(0, I), whose KL the backends compute in closed form */
    default boolean isStandardNormal() {
        return false;
    }

    /**
     * log p(z) of one point, in nats, and its gradient.
     *
     * @param z the point, one value per latent dimension
     * @param gradient receives d log p / dz, one value per dimension; {@code null} when not wanted
     * @return the log-density, nats
     */
    double logDensity(double[] z, double[] gradient);

    /**
     * Draws one point.
     *
     * @param random the source of the draw
     * @param z receives the point, one value per latent dimension
     */
    void sample(RandomStream random, double[] z);
}

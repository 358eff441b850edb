package io.github.vae4j;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The priors a model file can name: {@code STANDARD_NORMAL}, {@code MIXTURE}, and those a host registers, each by its
 * {@link LatentPrior#name()} with a factory that makes it from its saved {@link LatentPrior#parameters()}, as
 * {@link Likelihoods} does for likelihoods. Safe to use from many threads.
 */
public final class Priors {

    private static final NamedFactories<LatentPrior> FACTORIES = new NamedFactories<>("prior", LatentPrior::name,
            Map.of(StandardNormal.NAME, p -> LatentPrior.STANDARD_NORMAL, MixturePrior.NAME, Priors::mixture));

    private Priors() {
    }

    private static LatentPrior mixture(List<Double> p) {
        checkArgument(p.size() == 3, "a mixture prior has 3 parameters, got %s", p.size());
        double k = p.get(0);
        checkArgument(k == Math.rint(k), "a mixture prior's component count must be whole, got %s", k);
        return new MixturePrior((int) k, p.get(1), p.get(2));
    }

    /**
     * Registers the factory of a prior, replacing any earlier one of the name (but a built-in's).
     *
     * @param name the name its {@link LatentPrior#name()} gives
     * @param factory makes it from its saved parameters
     * @throws IllegalArgumentException if the name is not a valid name, or is a built-in's
     */
    public static void register(String name, Function<List<Double>, LatentPrior> factory) {
        FACTORIES.register(name, factory);
    }

    /**
     * The prior a model file names.
     *
     * @param name its name
     * @param parameters its saved parameters
     * @return it, or empty when no factory of the name is registered
     * @throws IllegalArgumentException if the factory rejects the parameters, or makes a prior of another name
     */
    public static Optional<LatentPrior> find(String name, List<Double> parameters) {
        return FACTORIES.find(name, parameters);
    }

    /** @return the names a file may hold now, sorted */
    public static List<String> names() {
        return FACTORIES.names();
    }
}

package io.github.vae4j;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The priors a model file can name: {@code STANDARD_NORMAL}, {@code MIXTURE}, and those a host registers, each by its
 * {@link LatentPrior#name()} with a factory that makes it from its saved {@link LatentPrior#parameters()}, as
 * {@link Likelihoods} does for likelihoods. Safe to use from many threads.
 */
public final class Priors {

    private static final Map<String, Function<List<Double>, LatentPrior>> FACTORIES = new TreeMap<>();

    static {
        FACTORIES.put(StandardNormal.NAME, p -> LatentPrior.STANDARD_NORMAL);
        FACTORIES.put(MixturePrior.NAME, p -> {
            checkArgument(p.size() == 3, "a mixture prior has 3 parameters, got %s", p.size());
            double k = p.get(0);
            checkArgument(k == Math.rint(k), "a mixture prior's component count must be whole, got %s", k);
            return new MixturePrior((int) k, p.get(1), p.get(2));
        });
    }

    private Priors() {
    }

    /**
     * Registers the factory of a prior, replacing any earlier one of the name (but a built-in's).
     *
     * @param name the name its {@link LatentPrior#name()} gives
     * @param factory makes it from its saved parameters
     * @throws IllegalArgumentException if the name is not a valid name, or is a built-in's
     */
    public static void register(String name, Function<List<Double>, LatentPrior> factory) {
        checkNotNull(factory, "factory");
        Likelihoods.checkName(name);
        synchronized (FACTORIES) {
            checkArgument(!isBuiltIn(name), "%s is a built-in prior's name", name);
            FACTORIES.put(name, factory);
        }
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
        Function<List<Double>, LatentPrior> factory;
        synchronized (FACTORIES) {
            factory = FACTORIES.get(name);
        }
        if (factory == null) {
            return Optional.empty();
        }
        LatentPrior made = factory.apply(List.copyOf(parameters));
        checkArgument(made != null && name.equals(made.name()), "the factory registered for prior %s made %s", name,
                made == null ? "null" : "one named " + made.name());
        return Optional.of(made);
    }

    /** @return the names a file may hold now, sorted */
    public static List<String> names() {
        synchronized (FACTORIES) {
            return List.copyOf(FACTORIES.keySet());
        }
    }

    static boolean isBuiltIn(String name) {
        return name.equals(StandardNormal.NAME) || name.equals(MixturePrior.NAME);
    }
}

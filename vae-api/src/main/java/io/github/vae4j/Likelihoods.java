package io.github.vae4j;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The likelihoods a model file can name: the built-ins, and those a host registers, each by its {@link
 * Likelihood#name()} with a factory that makes it from its saved {@link Likelihood#parameters()}. Register a
 * likelihood of your own before {@link Vae#load} meets a file that names it (once per JVM, for example in a static
 * initialiser; on a cluster, on every executor):
 *
 * <pre>{@code
 * Likelihoods.register("studentT", p -> new StudentT(p.get(0)));
 * }</pre>
 *
 * Safe to use from many threads.
 */
public final class Likelihoods {

    /**
     * The built-ins, read through {@link Likelihood}'s constants: initialising the enum of built-ins first would
     * initialise {@link Likelihood} (it has default methods) while the enum's constants are still null.
     */
    private static final NamedFactories<Likelihood> FACTORIES = new NamedFactories<>("likelihood", Likelihood::name,
            Map.of(Likelihood.BERNOULLI.name(), p -> Likelihood.BERNOULLI,
                    Likelihood.GAUSSIAN.name(), p -> Likelihood.GAUSSIAN,
                    Likelihood.TABULAR.name(), p -> Likelihood.TABULAR));

    private Likelihoods() {
    }

    /**
     * Registers the factory of a likelihood, replacing any earlier one of the name (but a built-in's).
     *
     * @param name the name its {@link Likelihood#name()} gives
     * @param factory makes it from its saved parameters; may throw {@link IllegalArgumentException} for bad ones
     * @throws IllegalArgumentException if the name is not a valid name, or is a built-in's
     */
    public static void register(String name, Function<List<Double>, Likelihood> factory) {
        FACTORIES.register(name, factory);
    }

    /**
     * The likelihood a model file names.
     *
     * @param name its name
     * @param parameters its saved parameters
     * @return it, or empty when no factory of the name is registered
     * @throws IllegalArgumentException if the factory rejects the parameters, or makes a likelihood of another name
     */
    public static Optional<Likelihood> find(String name, List<Double> parameters) {
        return FACTORIES.find(name, parameters);
    }

    /** @return the names a file may hold now, sorted */
    public static List<String> names() {
        return FACTORIES.names();
    }

    static boolean isBuiltIn(String name) {
        return FACTORIES.isBuiltIn(name);
    }
}

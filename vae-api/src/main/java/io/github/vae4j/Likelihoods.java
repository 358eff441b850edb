package io.github.vae4j;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

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

    /** What a name may hold: letters, digits, '.', '_' and '-', 1 to 64 characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static final Map<String, Function<List<Double>, Likelihood>> FACTORIES = new TreeMap<>();

    /**
     * The built-ins, read through {@link Likelihood}'s constants: initialising the enum of built-ins first would
     * initialise {@link Likelihood} (it has default methods) while the enum's constants are still null.
     */
    private static final List<Likelihood> BUILT_INS = List.of(Likelihood.BERNOULLI, Likelihood.GAUSSIAN,
            Likelihood.TABULAR);

    static {
        for (Likelihood l : BUILT_INS) {
            FACTORIES.put(l.name(), p -> l);
        }
    }

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
        checkNotNull(factory, "factory");
        checkName(name);
        synchronized (FACTORIES) {
            checkArgument(!isBuiltIn(name), "%s is a built-in likelihood's name", name);
            FACTORIES.put(name, factory);
        }
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
        Function<List<Double>, Likelihood> factory;
        synchronized (FACTORIES) {
            factory = FACTORIES.get(name);
        }
        if (factory == null) {
            return Optional.empty();
        }
        Likelihood made = factory.apply(List.copyOf(parameters));
        checkArgument(made != null && name.equals(made.name()), "the factory registered for likelihood %s made %s",
                name, made == null ? "null" : "one named " + made.name());
        return Optional.of(made);
    }

    /** @return the names a file may hold now, sorted */
    public static List<String> names() {
        synchronized (FACTORIES) {
            return List.copyOf(FACTORIES.keySet());
        }
    }

    /**
     * Checks a likelihood's name.
     *
     * @param name the name
     * @throws IllegalArgumentException naming the value if it is not a valid name
     */
    static void checkName(String name) {
        checkArgument(name != null && NAME.matcher(name).matches(), "a likelihood's name is 1 to 64 letters, digits, "
                + "'.', '_' or '-', got '%s'", name);
    }

    static boolean isBuiltIn(String name) {
        for (Likelihood l : BUILT_INS) {
            if (l.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}

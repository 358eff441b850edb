package io.github.vae4j;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Factories by name, of values a model file names with their parameters: the one registry behind {@link Likelihoods}
 * and {@link Priors}. The built-ins' names cannot be registered again. Safe to use from many threads.
 *
 * @param <T> the kind of value
 */
final class NamedFactories<T> {

    /** What a name may hold: letters, digits, '.', '_' and '-', 1 to 64 characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String kind;
    private final Function<T, String> nameOf;
    private final Set<String> builtIns;
    private final Map<String, Function<List<Double>, T>> factories = new TreeMap<>();

    /**
     * @param kind what the values are, for messages: "likelihood", "prior"
     * @param nameOf a value's name
     * @param builtIns the built-ins' factories, by name
     */
    NamedFactories(String kind, Function<T, String> nameOf, Map<String, Function<List<Double>, T>> builtIns) {
        this.kind = kind;
        this.nameOf = nameOf;
        this.builtIns = Set.copyOf(builtIns.keySet());
        factories.putAll(builtIns);
    }

    /** Registers a factory, replacing any earlier one of the name (but a built-in's). */
    void register(String name, Function<List<Double>, T> factory) {
        checkNotNull(factory, "factory");
        checkName(name);
        checkArgument(!isBuiltIn(name), "%s is a built-in %s's name", name, kind);
        synchronized (factories) {
            factories.put(name, factory);
        }
    }

    /** The value a file names, or empty when no factory of the name is registered. */
    Optional<T> find(String name, List<Double> parameters) {
        Function<List<Double>, T> factory;
        synchronized (factories) {
            factory = factories.get(name);
        }
        if (factory == null) {
            return Optional.empty();
        }
        T made = factory.apply(List.copyOf(parameters));
        checkArgument(made != null && name.equals(nameOf.apply(made)), "the factory registered for %s %s made %s",
                kind, name, made == null ? "null" : "one named " + nameOf.apply(made));
        return Optional.of(made);
    }

    /** @return the names registered now, the built-ins' included, sorted */
    List<String> names() {
        synchronized (factories) {
            return List.copyOf(factories.keySet());
        }
    }

    boolean isBuiltIn(String name) {
        return builtIns.contains(name);
    }

    /**
     * Checks a likelihood's or a prior's name.
     *
     * @throws IllegalArgumentException naming the value if it is not a valid name
     */
    static void checkName(String name) {
        checkArgument(name != null && NAME.matcher(name).matches(), "a likelihood's name is 1 to 64 letters, digits, "
                + "'.', '_' or '-', got '%s'", name);
    }
}

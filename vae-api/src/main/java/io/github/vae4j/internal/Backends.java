package io.github.vae4j.internal;

import io.github.vae4j.BackendNotFoundException;
import io.github.vae4j.Device;
import io.github.vae4j.spi.VaeBackend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the backend for a {@link Device} with {@link ServiceLoader}, once per JVM and device. The rules, in order:
 * a device the code asks for ({@link io.github.vae4j.Vae.Builder#device}) stands; at {@link Device#AUTO} the system property
 * {@value Device#DEVICE_PROPERTY}, else the environment variable {@value Device#DEVICE_ENV}, may name one; the
 * property {@value VaeBackend#BACKEND_PROPERTY} or variable {@value VaeBackend#BACKEND_ENV} may then force a backend
 * by name among those of the device; otherwise the available backend of highest priority is used.
 */
public final class Backends {

    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    private static final Map<Device, VaeBackend> CHOSEN = new EnumMap<>(Device.class);

    private Backends() {
    }

    /** @return the backend for {@link Device#AUTO} */
    public static VaeBackend get() {
        return get(Device.AUTO);
    }

    /**
     * @param requested the device the code asks for
     * @return the backend that computes for it
     * @throws BackendNotFoundException if none can, saying why and what to add
     */
    public static VaeBackend get(Device requested) {
        synchronized (CHOSEN) {
            VaeBackend b = CHOSEN.get(requested);
            if (b == null) {
                Choice choice = choose(found(), requested, System::getProperty, System::getenv);
                choice.log().ifPresent(LOG::info);
                b = choice.backend();
                CHOSEN.put(requested, b);
            }
            return b;
        }
    }

    private static List<VaeBackend> found() {
        List<VaeBackend> found = new ArrayList<>();
        ServiceLoader.load(VaeBackend.class, Backends.class.getClassLoader()).forEach(found::add);
        if (found.isEmpty()) {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null && context != Backends.class.getClassLoader()) {
                ServiceLoader.load(VaeBackend.class, context).forEach(found::add);
            }
        }
        return found;
    }

    /**
     * The backend chosen, and the line to log about it (AUTO says which device and why).
     *
     * @param backend the backend
     * @param log the line, if one is due
     */
    public record Choice(VaeBackend backend, Optional<String> log) {
    }

    /** The device in force and where it was set, for messages. */
    private record Wanted(Device device, String source) {
    }

    private static Wanted wanted(Device requested, UnaryOperator<String> properties, UnaryOperator<String> env) {
        if (requested != Device.AUTO) {
            return new Wanted(requested, "Vae.builder().device(" + requested + ")");
        }
        String property = properties.apply(Device.DEVICE_PROPERTY);
        if (property != null && !property.isBlank()) {
            String source = "system property " + Device.DEVICE_PROPERTY + "=" + property.trim();
            return new Wanted(Device.parse(property, "system property " + Device.DEVICE_PROPERTY), source);
        }
        String variable = env.apply(Device.DEVICE_ENV);
        if (variable != null && !variable.isBlank()) {
            String source = "environment variable " + Device.DEVICE_ENV + "=" + variable.trim();
            return new Wanted(Device.parse(variable, "environment variable " + Device.DEVICE_ENV), source);
        }
        return new Wanted(Device.AUTO, "default");
    }

    /**
     * The selection rules over the backends found, with the JVM's properties and environment given, for tests.
     *
     * @param found the backends on the class path
     * @param requested the device the code asks for
     * @param properties system property lookup
     * @param env environment variable lookup
     * @return the backend and the line to log
     * @throws BackendNotFoundException if no backend can compute for the device
     */
    public static Choice choose(List<VaeBackend> found, Device requested, UnaryOperator<String> properties,
            UnaryOperator<String> env) {
        if (found.isEmpty()) {
            throw new BackendNotFoundException("No vae4j backend on the class path. Add the CPU backend as a "
                    + "dependency: io.github.vae4j:vae-nd4j:" + Versions.library()
                    + " (Maven: <dependency><groupId>io.github.vae4j</groupId><artifactId>vae-nd4j</artifactId>"
                    + "<version>" + Versions.library() + "</version></dependency>)");
        }
        Wanted wanted = wanted(requested, properties, env);
        List<VaeBackend> candidates = new ArrayList<>(found.stream()
                .filter(b -> wanted.device() == Device.AUTO || b.device() == wanted.device()).toList());
        candidates.sort(Comparator.comparingInt(VaeBackend::priority).reversed());
        if (candidates.isEmpty()) {
            throw new BackendNotFoundException(wanted.device() + " was asked for (" + wanted.source() + ") but no "
                    + wanted.device() + " backend is on the class path, only " + names(found) + ". Add "
                    + artifact(wanted.device()));
        }
        String forcedName = properties.apply(VaeBackend.BACKEND_PROPERTY);
        if (forcedName == null || forcedName.isBlank()) {
            forcedName = env.apply(VaeBackend.BACKEND_ENV);
        }
        if (forcedName != null && !forcedName.isBlank()) {
            String forced = forcedName.trim();
            VaeBackend b = candidates.stream().filter(c -> c.name().equals(forced)).findFirst()
                    .orElseThrow(() -> new BackendNotFoundException("vae4j backend '" + forced + "' was asked for ("
                            + VaeBackend.BACKEND_PROPERTY + " / " + VaeBackend.BACKEND_ENV + ") but only these are on "
                            + "the class path" + (wanted.device() == Device.AUTO ? "" : " for " + wanted.device())
                            + ": " + names(candidates)));
            Optional<String> why = b.unavailableReason();
            if (why.isPresent()) {
                throw new BackendNotFoundException("vae4j backend '" + forced + "' was asked for but cannot run: "
                        + why.get());
            }
            return new Choice(b, Optional.of("vae4j computes on " + b.device() + " with backend '" + b.name()
                    + "', forced by " + VaeBackend.BACKEND_PROPERTY + " / " + VaeBackend.BACKEND_ENV));
        }
        List<String> refused = new ArrayList<>();
        for (VaeBackend b : candidates) {
            Optional<String> why = b.unavailableReason();
            if (why.isEmpty()) {
                return new Choice(b, wanted.device() == Device.AUTO ? Optional.of(autoLine(b, found, refused))
                        : Optional.empty());
            }
            refused.add(b.name() + " (" + why.get() + ")");
        }
        if (wanted.device() == Device.AUTO) {
            throw new BackendNotFoundException("No vae4j backend can run on this machine: " + refused
                    + ". The CPU backend is " + artifact(Device.CPU));
        }
        throw new BackendNotFoundException(wanted.device() + " was asked for (" + wanted.source() + ") but cannot "
                + "be used: " + String.join("; ", refused));
    }

    /** The one line AUTO logs: the device, the backend, and why not CUDA when it is the CPU. */
    private static String autoLine(VaeBackend b, List<VaeBackend> found, List<String> refused) {
        String line = "vae4j computes on " + b.device() + " with backend '" + b.name() + "' (device AUTO): ";
        if (b.device() == Device.CUDA) {
            return line + "a usable GPU was found";
        }
        if (!refused.isEmpty()) {
            return line + "passed over " + String.join("; ", refused);
        }
        boolean cudaPresent = found.stream().anyMatch(f -> f.device() == Device.CUDA);
        return line + (cudaPresent ? "it ranks first" : "no CUDA backend on the class path (" + artifact(Device.CUDA)
                + ")");
    }

    private static String artifact(Device device) {
        return switch (device) {
            case CUDA -> "io.github.vae4j:vae-cuda:" + Versions.library() + " (see docs/gpu.md)";
            default -> "io.github.vae4j:vae-nd4j:" + Versions.library();
        };
    }

    private static List<String> names(List<VaeBackend> backends) {
        return backends.stream().map(b -> b.name() + " (" + b.device() + ")").toList();
    }
}

package io.github.vae4j;

import io.github.vae4j.spi.VaeBackend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the backend with {@link ServiceLoader}, once per JVM. */
final class Backends {

    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    private static volatile VaeBackend chosen;

    private Backends() {
    }

    static VaeBackend get() {
        VaeBackend b = chosen;
        if (b == null) {
            synchronized (Backends.class) {
                b = chosen;
                if (b == null) {
                    b = choose();
                    chosen = b;
                }
            }
        }
        return b;
    }

    private static VaeBackend choose() {
        List<VaeBackend> found = new ArrayList<>();
        ServiceLoader.load(VaeBackend.class, Vae.class.getClassLoader()).forEach(found::add);
        if (found.isEmpty()) {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null && context != Vae.class.getClassLoader()) {
                ServiceLoader.load(VaeBackend.class, context).forEach(found::add);
            }
        }
        if (found.isEmpty()) {
            throw new BackendNotFoundException("No vae4j backend on the class path. Add the CPU backend as a "
                    + "dependency: io.github.vae4j:vae-nd4j:" + Versions.library()
                    + " (Maven: <dependency><groupId>io.github.vae4j</groupId><artifactId>vae-nd4j</artifactId>"
                    + "<version>" + Versions.library() + "</version></dependency>)");
        }
        String forced = System.getProperty(VaeBackend.BACKEND_PROPERTY, System.getenv(VaeBackend.BACKEND_ENV));
        if (forced != null && !forced.isBlank()) {
            for (VaeBackend b : found) {
                if (b.name().equals(forced)) {
                    Optional<String> why = b.unavailableReason();
                    if (why.isPresent()) {
                        throw new BackendNotFoundException("vae4j backend '" + forced + "' was asked for but cannot run: "
                                + why.get());
                    }
                    return b;
                }
            }
            throw new BackendNotFoundException("vae4j backend '" + forced + "' was asked for (" 
                    + VaeBackend.BACKEND_PROPERTY + " / " + VaeBackend.BACKEND_ENV + ") but only these are on the "
                    + "class path: " + found.stream().map(VaeBackend::name).toList());
        }
        found.sort(Comparator.comparingInt(VaeBackend::priority).reversed());
        List<String> refused = new ArrayList<>();
        for (VaeBackend b : found) {
            Optional<String> why = b.unavailableReason();
            if (why.isEmpty()) {
                if (!refused.isEmpty()) {
                    LOG.info("vae4j uses backend '{}'; passed over: {}", b.name(), refused);
                }
                return b;
            }
            refused.add(b.name() + " (" + why.get() + ")");
        }
        throw new BackendNotFoundException("No vae4j backend can run on this machine: " + refused
                + ". The CPU backend is io.github.vae4j:vae-nd4j:" + Versions.library());
    }
}

package io.github.vae4j.nd4j.engine;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader vae4j gives ND4J ({@code ND4JClassLoading.setNd4jClassloader}) before ND4J's first use, so that
 * ND4J sees only the engine vae4j chose. It delegates everything to its parent but hides the service registrations
 * ({@code META-INF/services/...}) of the other engines' jars: ND4J finds its engines with a {@link
 * java.util.ServiceLoader} over its class loader, ranks them and loads the first that says it is available. Hiding
 * them matters on a CPU host that has {@code vae-cuda} on its class path: without a driver, ND4J's CUDA engine fails
 * to load its native library and ND4J prints a long {@code UnsatisfiedLinkError} before falling back to the CPU.
 * ND4J reads its own engine priorities ({@code BACKEND_PRIORITY_CPU}, {@code BACKEND_PRIORITY_GPU}) only from the
 * environment, so a class loader is the one switch a library has.
 */
final class EngineClassLoader extends ClassLoader {

    private static final String SERVICES = "META-INF/services/";

    /** Locations (jar or folder URLs, ending in {@code !/} or {@code /}) whose services are hidden. */
    private final List<String> hidden;

    /**
     * @param parent the class loader ND4J used so far
     * @param hidden locations whose service registrations ND4J must not see
     */
    EngineClassLoader(ClassLoader parent, List<String> hidden) {
        super(parent);
        this.hidden = List.copyOf(hidden);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> all = getParent().getResources(name);
        if (!name.startsWith(SERVICES) || hidden.isEmpty()) {
            return all;
        }
        List<URL> kept = Collections.list(all).stream()
                .filter(url -> hidden.stream().noneMatch(h -> url.toString().startsWith(h))).toList();
        return Collections.enumeration(kept);
    }

    @Override
    public URL getResource(String name) {
        if (name.startsWith(SERVICES)) {
            try {
                Enumeration<URL> kept = getResources(name);
                return kept.hasMoreElements() ? kept.nextElement() : null;
            } catch (IOException e) {
                return null;
            }
        }
        return getParent().getResource(name);
    }
}

package io.github.vae4j.nd4j.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses which of ND4J's native CPU binaries to load, from the CPU's features, before ND4J loads. ND4J's binaries are
 * built for an instruction-set level (AVX-512, AVX2, or generic x86-64); JavaCPP loads the most advanced one it finds
 * on the class path, and libnd4j ends the whole JVM with {@code System.exit(1)} when the CPU cannot run it. So this
 * class reads {@code /proc/cpuinfo}, picks the most advanced binary that is both shipped and supported, and tells
 * JavaCPP through its {@value #EXTENSION_PROPERTY} system property. A property the host already set is left alone.
 */
public final class NativeBinary {

    /** JavaCPP's property naming the classifier extension to load, e.g. {@code -avx2}. */
    public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";

    private static final Logger LOG = LoggerFactory.getLogger(NativeBinary.class);

    /** A binary level: its classifier extension and the CPU flags its code uses. */
    public enum Level {
        /** {@code linux-x86_64-avx512}. */
        AVX512("-avx512", List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx2", "fma")),
        /** {@code linux-x86_64-avx2}. */
        AVX2("-avx2", List.of("avx2", "fma", "f16c")),
        /** {@code linux-x86_64}, any x86-64 CPU. */
        GENERIC("", List.of());

        /** The classifier extension: {@code -avx2}, or empty for the generic binary. */
        public final String extension;
        final List<String> flags;

        Level(String extension, List<String> flags) {
            this.extension = extension;
            this.flags = flags;
        }

        /** @return where the binary of this level lives on the class path */
        String resource() {
            return "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64" + extension + "/libnd4jcpu.so";
        }
    }

    private NativeBinary() {
    }

    /**
     * The most advanced level that is shipped and that the CPU supports.
     *
     * @param cpuFlags the CPU's feature flags, as {@code /proc/cpuinfo} names them
     * @param shipped whether the binary of a level is on the class path
     * @return the level, or empty if none can run
     */
    public static Optional<Level> choose(Set<String> cpuFlags, Predicate<Level> shipped) {
        return Stream.of(Level.values()).filter(shipped).filter(l -> cpuFlags.containsAll(l.flags)).findFirst();
    }

    /**
     * Sets {@value #EXTENSION_PROPERTY} for this CPU unless the host has set it, or the CPU's flags cannot be read
     * (then JavaCPP's own choice stands).
     *
     * @return why no shipped binary can run on this CPU, if that is so
     */
    public static synchronized Optional<String> select() {
        String preset = System.getProperty(EXTENSION_PROPERTY);
        if (preset != null) {
            LOG.debug("ND4J binary: {}={} set by the host", EXTENSION_PROPERTY, preset);
            return Optional.empty();
        }
        Optional<Set<String>> flags = cpuFlags(Path.of("/proc/cpuinfo"));
        if (flags.isEmpty()) {
            return Optional.empty();
        }
        ClassLoader loader = NativeBinary.class.getClassLoader();
        Predicate<Level> shipped = l -> loader.getResource(l.resource()) != null;
        Optional<Level> level = choose(flags.get(), shipped);
        if (level.isEmpty()) {
            String available = Stream.of(Level.values()).filter(shipped).map(l -> l.name() + " (needs " + l.flags
                    + ")").collect(Collectors.joining(", "));
            return Optional.of("no ND4J binary on the class path runs on this CPU; shipped: "
                    + (available.isEmpty() ? "none (add org.nd4j:nd4j-native with a linux-x86_64 classifier)"
                            : available));
        }
        System.setProperty(EXTENSION_PROPERTY, level.get().extension);
        LOG.debug("ND4J binary: {} for this CPU", level.get());
        return Optional.empty();
    }

    /**
     * The feature flags of the first CPU in a {@code /proc/cpuinfo}-style file.
     *
     * @param cpuinfo the file
     * @return the flags, or empty if the file is missing, unreadable or has no flags line
     */
    public static Optional<Set<String>> cpuFlags(Path cpuinfo) {
        if (!Files.isReadable(cpuinfo)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> Set.copyOf(Arrays.asList(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }
}

package io.github.vae4j.nd4j.engine;

import java.net.URL;
import java.util.Optional;

/**
 * ND4J's engines, each registered by its own jar as an {@code org.nd4j.linalg.factory.Nd4jBackend} service. ND4J loads
 * one engine per JVM, the first time it is used; vae4j picks which before that ({@link Nd4jRuntime#init(Nd4jEngine)}).
 */
public enum Nd4jEngine {

    /** {@code org.nd4j:nd4j-native}, OpenBLAS on the CPU. */
    CPU("org.nd4j.linalg.cpu.nativecpu.CpuBackend", "org.nd4j:nd4j-native:1.0.0-M2.1"),
    /** {@code org.nd4j:nd4j-cuda-11.6}, cuBLAS and ND4J's CUDA kernels on an NVIDIA GPU. */
    CUDA("org.nd4j.linalg.jcublas.JCublasBackend", "org.nd4j:nd4j-cuda-11.6:1.0.0-M2.1");

    private final String backendClass;
    private final String artifact;

    Nd4jEngine(String backendClass, String artifact) {
        this.backendClass = backendClass;
        this.artifact = artifact;
    }

    /** @return the engine's {@code Nd4jBackend} class name */
    public String backendClass() {
        return backendClass;
    }

    /** @return the Maven coordinates of the engine's Java jar */
    public String artifact() {
        return artifact;
    }

    /**
     * @param loader where to look
     * @return the location of the jar (or folder) that holds this engine's backend class, if it is on the class path
     */
    Optional<String> location(ClassLoader loader) {
        String resource = backendClass.replace('.', '/') + ".class";
        URL url = loader.getResource(resource);
        if (url == null) {
            return Optional.empty();
        }
        String s = url.toString();
        return Optional.of(s.substring(0, s.length() - resource.length()));
    }

    /**
     * @param className an {@code Nd4jBackend} class name
     * @return the engine it belongs to, if vae4j knows it
     */
    static Optional<Nd4jEngine> of(String className) {
        for (Nd4jEngine e : values()) {
            if (e.backendClass.equals(className)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}

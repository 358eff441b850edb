package io.github.vae4j;

import java.util.Locale;

/**
 * Where a model computes. {@link #AUTO} (the default) uses a GPU when a usable one and the CUDA backend
 * ({@code io.github.vae4j:vae-cuda}) are there, else the CPU, and logs one line saying which and why; {@link #CPU}
 * and {@link #CUDA} insist, and a device asked for that cannot run is a {@link BackendNotFoundException} naming the
 * cause and what to add. Set it per model with {@link Vae.Builder#device(Device)} or {@link Vae#load(java.nio.file.Path,
 * Device)}; when the code leaves it at {@code AUTO}, the system property {@value #DEVICE_PROPERTY} or else the
 * environment variable {@value #DEVICE_ENV} ({@code auto}, {@code cpu} or {@code cuda}, any case) decide, so that an
 * operator can force a device without changing the application.
 *
 * <p>ND4J runs one engine per JVM, started by the first model: after a CPU model, a CUDA one cannot be made in the
 * same JVM, and the error says so.
 */
public enum Device {

    /** A usable GPU if there is one, else the CPU. */
    AUTO,
    /** The CPU backend, {@code io.github.vae4j:vae-nd4j}. */
    CPU,
    /** An NVIDIA GPU through the CUDA backend, {@code io.github.vae4j:vae-cuda}. */
    CUDA;

    /** System property that sets the device when the code leaves it at {@link #AUTO}. */
    public static final String DEVICE_PROPERTY = "vae4j.device";

    /** Environment variable that sets the device when the code and {@value #DEVICE_PROPERTY} leave it open. */
    public static final String DEVICE_ENV = "VAE4J_DEVICE";

    /**
     * The device a name stands for.
     *
     * @param name {@code auto}, {@code cpu}, {@code cuda} or {@code gpu}, in any case, with or without spaces around
     * @param source where the name came from, for the message
     * @return the device
     * @throws IllegalArgumentException naming the source and the value if the name is none of those
     */
    public static Device parse(String name, String source) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "auto" -> AUTO;
            case "cpu" -> CPU;
            case "cuda", "gpu" -> CUDA;
            default -> throw new IllegalArgumentException(source + " must be auto, cpu or cuda, got '" + name + "'");
        };
    }
}

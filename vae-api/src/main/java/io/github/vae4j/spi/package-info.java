/**
 * The backend SPI: what a backend implements so that {@link io.github.vae4j.Vae} can run on it. A backend module
 * registers a {@link io.github.vae4j.spi.VaeBackend} in {@code META-INF/services/io.github.vae4j.spi.VaeBackend} (or
 * with {@code provides} in its module declaration); the facade picks the available one of highest priority, or the
 * one named by the system property {@code vae4j.backend}.
 *
 * <pre>{@code
 * public final class MyBackend implements VaeBackend {
 *     public String name() { return "my-backend"; }
 *     public int priority() { return 5; }
 *     public Optional<String> unavailableReason() { return Optional.empty(); }
 *     public BackendModel create(VaeConfig config, Optimizer optimizer) { return new MyModel(config, optimizer); }
 * }
 * }</pre>
 *
 * <p>A {@link io.github.vae4j.spi.BackendModel} computes only: the facade checks the input, batches it, and owns every
 * random stream ({@link io.github.vae4j.spi.RandomStream}). A training step is two calls,
 * {@link io.github.vae4j.spi.BackendModel#computeGradient} then {@link io.github.vae4j.spi.BackendModel#applyUpdate},
 * so that the trainer can clip or combine gradients in between.
 */
package io.github.vae4j.spi;

/**
 * The backend test kit: the suites every backend passes, written against vae-api's public types and SPI only, so
 * that a new backend proves itself by running them. {@link io.github.vae4j.testkit.BackendContract} is the facade's
 * contract (validation, state, determinism, threads, persistence, resume, training to a stated ELBO on the bundled
 * MNIST sample); {@link io.github.vae4j.testkit.SpiGradientCheck} checks a backend's gradients against central
 * differences of its own loss, through {@link io.github.vae4j.spi.BackendModel} alone.
 */
package io.github.vae4j.testkit;

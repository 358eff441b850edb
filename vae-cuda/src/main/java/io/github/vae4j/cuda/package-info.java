/**
 * The CUDA backend of vae4j: {@link io.github.vae4j.cuda.CudaBackend}, found by {@link java.util.ServiceLoader} when
 * this module is on the class path and chosen by {@link io.github.vae4j.Device#AUTO} when a usable NVIDIA GPU is
 * present. Applications do not call this package: they ask for a device,
 *
 * <pre>{@code
 * Vae vae = Vae.builder().device(Device.CUDA).build();   // or AUTO (the default), or -Dvae4j.device=cuda
 * }</pre>
 *
 * and {@code docs/gpu.md} says what the host must have installed.
 */
package io.github.vae4j.cuda;

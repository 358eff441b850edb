/**
 * The CPU backend on ND4J: registered for {@link java.util.ServiceLoader}, so that adding the {@code vae-nd4j}
 * dependency is all a host does; {@code Vae.builder().build()} then runs here. It loads ND4J's AVX2 or generic
 * binary according to the CPU, and sets its threads itself.
 *
 * <pre>{@code
 * // optional: fewer threads for a host that runs other heavy work beside training
 * java -Dvae4j.nd4j.threads=1 -cp app.jar:... com.example.App
 * }</pre>
 *
 * <p>{@link io.github.vae4j.nd4j.Nd4jBackend} is the service, {@link io.github.vae4j.nd4j.Nd4jVaeModel} the model,
 * {@link io.github.vae4j.nd4j.engine.Nd4jRuntime} the thread set-up and its system properties.
 */
package io.github.vae4j.nd4j;

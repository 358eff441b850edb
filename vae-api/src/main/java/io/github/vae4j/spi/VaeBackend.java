package io.github.vae4j.spi;

import io.github.vae4j.Device;
import io.github.vae4j.Optimizer;
import io.github.vae4j.VaeConfig;
import java.util.Optional;

/**
 * A provider of models, found with {@link java.util.ServiceLoader}: a backend module registers its implementation in
 * {@code META-INF/services/io.github.vae4j.spi.VaeBackend}. Among the available backends the one with the highest
 * {@link #priority()} is used among those of the {@link Device} asked for, unless the system property
 * {@value #BACKEND_PROPERTY} or the environment variable {@value #BACKEND_ENV} names one. Implementations must be
 * cheap to construct: native libraries load on first use.
 */
public interface VaeBackend {

    /** System property that forces a backend by {@link #name()}. */
    String BACKEND_PROPERTY = "vae4j.backend";

    /** Environment variable that forces a backend by {@link #name()}. */
    String BACKEND_ENV = "VAE4J_BACKEND";

    /** @return a short, stable name, for example {@code "nd4j-cpu"} */
    String name();

    /** @return rank among available backends; higher wins (CPU 0, GPU 10) */
    int priority();

    /** @return where this backend computes; {@link Device#CPU} unless it says otherwise */
    default Device device() {
        return Device.CPU;
    }

    /**
     * Whether this backend can run here. Called before the backend is chosen; may load native code.
     *
     * @return empty when usable, otherwise the reason it is not
     */
    Optional<String> unavailableReason();

    /**
     * A new model with freshly initialised parameters, drawn from {@code config.seed()}, and a fresh optimiser.
     *
     * @param config the architecture, with the input size set
     * @param optimizer the optimiser to start with
     * @return the model
     */
    BackendModel create(VaeConfig config, Optimizer optimizer);

    /**
     * A model with the given configuration and state, as saved earlier.
     *
     * @param config the architecture, with the input size set
     * @param state parameters, optimiser and optimiser state in this backend's layout
     * @return the model
     * @throws IllegalArgumentException if the state does not fit the configuration
     */
    default BackendModel restore(VaeConfig config, ModelState state) {
        BackendModel model = create(config, state.optimizer());
        try {
            model.restore(state);
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}

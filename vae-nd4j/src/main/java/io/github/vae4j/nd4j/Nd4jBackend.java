package io.github.vae4j.nd4j;

import io.github.vae4j.Device;
import io.github.vae4j.Optimizer;
import io.github.vae4j.VaeConfig;
import io.github.vae4j.nd4j.engine.Kernels;
import io.github.vae4j.nd4j.engine.NativeBinary;
import io.github.vae4j.nd4j.engine.Nd4jEngine;
import io.github.vae4j.nd4j.engine.Nd4jRuntime;
import io.github.vae4j.spi.BackendModel;
import io.github.vae4j.spi.VaeBackend;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CPU backend on ND4J's native (OpenBLAS) engine. Registered for {@link java.util.ServiceLoader}; the native
 * library loads on first use, not when this class loads. Models compute with the host-tuned kernels, or the portable
 * ones when {@value io.github.vae4j.nd4j.engine.Kernels#KERNELS_PROPERTY} says so; ND4J is started on its CPU engine
 * even when ND4J's CUDA engine is on the class path too ({@link Nd4jRuntime#init(Nd4jEngine)}).
 */
public final class Nd4jBackend implements VaeBackend {

    /** The name that selects this backend through {@value VaeBackend#BACKEND_PROPERTY}. */
    public static final String NAME = "nd4j-cpu";

    private static final Logger LOG = LoggerFactory.getLogger(Nd4jBackend.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Device device() {
        return Device.CPU;
    }

    @Override
    public Optional<String> unavailableReason() {
        Optional<String> other = Nd4jRuntime.otherEngineRunning(Nd4jEngine.CPU);
        if (other.isPresent()) {
            return other;
        }
        Optional<String> cpu = NativeBinary.select();
        if (cpu.isPresent()) {
            return cpu;
        }
        try {
            Nd4jRuntime.init();
            return Optional.empty();
        } catch (Throwable e) { // native loading fails with errors, not exceptions
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            LOG.warn("ND4J could not be started", e);
            return Optional.of("ND4J's native library could not be loaded: " + e
                    + (root != e ? " caused by " + root : ""));
        }
    }

    @Override
    public BackendModel create(VaeConfig config, Optimizer optimizer) {
        String runtime = Nd4jRuntime.init();
        Kernels kernels = Kernels.forCpu();
        return new Nd4jVaeModel(config, optimizer, DataType.FLOAT, runtime + "; " + kernels.name() + " kernels",
                kernels);
    }
}

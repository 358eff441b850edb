package io.github.vae4j.cuda;

import io.github.vae4j.Device;
import io.github.vae4j.Optimizer;
import io.github.vae4j.VaeConfig;
import io.github.vae4j.nd4j.Nd4jVaeModel;
import io.github.vae4j.nd4j.engine.Kernels;
import io.github.vae4j.nd4j.engine.Nd4jEngine;
import io.github.vae4j.nd4j.engine.Nd4jRuntime;
import io.github.vae4j.spi.BackendModel;
import io.github.vae4j.spi.VaeBackend;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CUDA backend: vae4j's network ({@code vae-nd4j}) with the portable kernels, on ND4J's CUDA engine. Registered
 * for {@link java.util.ServiceLoader} with priority 10, above the CPU backend's 0, so that {@link Device#AUTO} takes
 * it when it can run. Before anything native loads it checks the machine ({@link CudaProbe}): ND4J's CUDA natives,
 * the NVIDIA driver, a GPU, the CUDA 11.6 runtime; then it starts ND4J's CUDA engine once per JVM. When any of that
 * fails, {@link #unavailableReason()} says what and what to add, and AUTO falls back to the CPU.
 */
public final class CudaBackend implements VaeBackend {

    /** The name that selects this backend through {@value VaeBackend#BACKEND_PROPERTY}. */
    public static final String NAME = "nd4j-cuda";

    private static final Logger LOG = LoggerFactory.getLogger(CudaBackend.class);

    private final CudaProbe probe;

    /** The backend, probing this machine. */
    public CudaBackend() {
        this(CudaProbe.ofThisMachine());
    }

    CudaBackend(CudaProbe probe) {
        this.probe = probe;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Device device() {
        return Device.CUDA;
    }

    @Override
    public Optional<String> unavailableReason() {
        if (Nd4jRuntime.startedEngine().equals(Optional.of(Nd4jEngine.CUDA))) {
            return Optional.empty();
        }
        // what the machine lacks comes first: it would stop CUDA in a fresh JVM too
        Optional<String> missing = probe.missing();
        if (missing.isPresent()) {
            return missing;
        }
        Optional<String> other = Nd4jRuntime.otherEngineRunning(Nd4jEngine.CUDA);
        if (other.isPresent()) {
            return other;
        }
        try {
            Nd4jRuntime.init(Nd4jEngine.CUDA);
            return Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("ND4J's CUDA engine did not start", e);
            return Optional.of("ND4J's CUDA engine did not start: " + e.getMessage());
        }
    }

    @Override
    public BackendModel create(VaeConfig config, Optimizer optimizer) {
        String runtime = Nd4jRuntime.init(Nd4jEngine.CUDA);
        Kernels kernels = Kernels.portable();
        return new Nd4jVaeModel(config, optimizer, DataType.FLOAT, runtime + "; " + kernels.name() + " kernels",
                kernels);
    }
}

package io.github.vae4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vae4j.internal.Backends;
import io.github.vae4j.spi.BackendModel;
import io.github.vae4j.spi.VaeBackend;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How a device and a backend are chosen: AUTO, a forced CPU or CUDA from the builder, the system property and the
 * environment variable, each error message and the fallback, over stand-in backends.
 */
class DeviceSelectionTest {

    /** A backend that only says who it is and whether it can run. */
    private record Stub(String name, Device device, int priority, Optional<String> unavailableReason)
            implements VaeBackend {
        @Override
        public BackendModel create(VaeConfig config, Optimizer optimizer) {
            throw new UnsupportedOperationException();
        }
    }

    private static final Stub CPU = new Stub("nd4j-cpu", Device.CPU, 0, Optional.empty());
    private static final Stub CUDA_OK = new Stub("nd4j-cuda", Device.CUDA, 10, Optional.empty());
    private static final Stub CUDA_NO_DRIVER = new Stub("nd4j-cuda", Device.CUDA, 10,
            Optional.of("no NVIDIA driver: libcuda.so.1 was not found"));

    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();

    private Backends.Choice choose(Device requested, VaeBackend... found) {
        return Backends.choose(List.of(found), requested, properties::get, env::get);
    }

    @Test
    void autoTakesAUsableGpuAndSaysSo() {
        Backends.Choice c = choose(Device.AUTO, CPU, CUDA_OK);
        assertThat(c.backend()).isSameAs(CUDA_OK);
        assertThat(c.log()).hasValueSatisfying(line -> assertThat(line).contains("CUDA", "nd4j-cuda", "usable GPU"));
    }

    @Test
    void autoFallsBackToTheCpuAndLogsWhy() {
        Backends.Choice c = choose(Device.AUTO, CUDA_NO_DRIVER, CPU);
        assertThat(c.backend()).isSameAs(CPU);
        assertThat(c.log()).hasValueSatisfying(line -> assertThat(line).contains("computes on CPU", "nd4j-cpu",
                "passed over nd4j-cuda (no NVIDIA driver: libcuda.so.1 was not found)"));
    }

    @Test
    void autoWithoutTheCudaBackendSaysWhatToAdd() {
        Backends.Choice c = choose(Device.AUTO, CPU);
        assertThat(c.backend()).isSameAs(CPU);
        assertThat(c.log()).hasValueSatisfying(line -> assertThat(line)
                .contains("no CUDA backend on the class path", "io.github.vae4j:vae-cuda"));
    }

    @Test
    void aForcedCpuIgnoresAUsableGpu() {
        Backends.Choice c = choose(Device.CPU, CPU, CUDA_OK);
        assertThat(c.backend()).isSameAs(CPU);
        assertThat(c.log()).isEmpty();
    }

    @Test
    void aForcedCudaWithoutItsBackendNamesTheArtifact() {
        assertThatThrownBy(() -> choose(Device.CUDA, CPU)).isInstanceOf(BackendNotFoundException.class)
                .hasMessageContaining("CUDA was asked for (Vae.builder().device(CUDA))")
                .hasMessageContaining("no CUDA backend is on the class path")
                .hasMessageContaining("io.github.vae4j:vae-cuda:").hasMessageContaining("docs/gpu.md");
    }

    @Test
    void aForcedCudaThatCannotRunNamesTheCause() {
        assertThatThrownBy(() -> choose(Device.CUDA, CPU, CUDA_NO_DRIVER))
                .isInstanceOf(BackendNotFoundException.class)
                .hasMessageContaining("CUDA was asked for (Vae.builder().device(CUDA)) but cannot be used")
                .hasMessageContaining("libcuda.so.1 was not found");
    }

    @Test
    void thePropertySetsTheDeviceWhenTheCodeLeavesItAtAuto() {
        properties.put(Device.DEVICE_PROPERTY, "cuda");
        assertThatThrownBy(() -> choose(Device.AUTO, CPU, CUDA_NO_DRIVER))
                .hasMessageContaining("system property vae4j.device=cuda").hasMessageContaining("libcuda.so.1");
        properties.put(Device.DEVICE_PROPERTY, " CPU ");
        assertThat(choose(Device.AUTO, CPU, CUDA_OK).backend()).isSameAs(CPU);
    }

    @Test
    void theEnvironmentVariableComesAfterTheProperty() {
        env.put(Device.DEVICE_ENV, "CPU");
        assertThat(choose(Device.AUTO, CPU, CUDA_OK).backend()).isSameAs(CPU);
        properties.put(Device.DEVICE_PROPERTY, "auto");
        assertThat(choose(Device.AUTO, CPU, CUDA_OK).backend()).isSameAs(CUDA_OK);
        properties.clear();
        env.put(Device.DEVICE_ENV, "gpu");
        assertThatThrownBy(() -> choose(Device.AUTO, CPU)).hasMessageContaining("environment variable VAE4J_DEVICE=gpu")
                .hasMessageContaining("io.github.vae4j:vae-cuda");
    }

    @Test
    void aDeviceInTheCodeBeatsThePropertyAndTheVariable() {
        properties.put(Device.DEVICE_PROPERTY, "cuda");
        env.put(Device.DEVICE_ENV, "cuda");
        assertThat(choose(Device.CPU, CPU, CUDA_OK).backend()).isSameAs(CPU);
    }

    @Test
    void aBadDeviceNameIsRejectedNamingWhereItCameFrom() {
        properties.put(Device.DEVICE_PROPERTY, "tpu");
        assertThatThrownBy(() -> choose(Device.AUTO, CPU)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("system property vae4j.device must be auto, cpu or cuda, got 'tpu'");
        properties.clear();
        env.put(Device.DEVICE_ENV, "");
        assertThat(choose(Device.AUTO, CPU).backend()).as("an empty variable is no setting").isSameAs(CPU);
    }

    @Test
    void aBackendForcedByNameMustBeOfTheDevice() {
        properties.put(VaeBackend.BACKEND_PROPERTY, "nd4j-cpu");
        assertThat(choose(Device.AUTO, CPU, CUDA_OK).backend()).isSameAs(CPU);
        assertThatThrownBy(() -> choose(Device.CUDA, CPU, CUDA_OK)).isInstanceOf(BackendNotFoundException.class)
                .hasMessageContaining("'nd4j-cpu' was asked for").hasMessageContaining("for CUDA: [nd4j-cuda (CUDA)]");
    }

    @Test
    void noBackendAtAllNamesTheCpuArtifact() {
        assertThatThrownBy(() -> choose(Device.AUTO)).isInstanceOf(BackendNotFoundException.class)
                .hasMessageContaining("io.github.vae4j:vae-nd4j:");
    }

    @Test
    void devicesParseInAnyCase() {
        assertThat(Device.parse("Cuda", "x")).isEqualTo(Device.CUDA);
        assertThat(Device.parse("GPU", "x")).isEqualTo(Device.CUDA);
        assertThat(Device.parse(" auto", "x")).isEqualTo(Device.AUTO);
        assertThat(Device.parse("cpu", "x")).isEqualTo(Device.CPU);
    }

    @Test
    void aSavedModelLoadsOnTheDeviceAskedFor(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("m.vae");
        try (Vae vae = Vae.builder().inputSize(2).latent(1).hidden(2).epochs(1).build()) {
            vae.fit(new float[][] {{0, 1}, {1, 0}, {0.5f, 0.5f}});
            vae.save(file);
        }
        try (Vae loaded = Vae.load(file, Device.CPU)) {
            assertThat(loaded.device()).isEqualTo(Device.CPU);
        }
        assertThatThrownBy(() -> Vae.load(file, Device.CUDA)).isInstanceOf(BackendNotFoundException.class)
                .hasMessageContaining("io.github.vae4j:vae-cuda");
        assertThatThrownBy(() -> Vae.load(file, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("device");
    }

    @Test
    void theFacadeRefusesCudaWhenOnlyACpuBackendIsThere() {
        assertThatThrownBy(() -> Vae.builder().inputSize(3).device(Device.CUDA).build())
                .isInstanceOf(BackendNotFoundException.class).hasMessageContaining("io.github.vae4j:vae-cuda");
        try (Vae vae = Vae.builder().inputSize(3).device(Device.CPU).build()) {
            assertThat(vae.device()).isEqualTo(Device.CPU);
        }
        assertThatThrownBy(() -> Vae.builder().device(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("device");
    }
}

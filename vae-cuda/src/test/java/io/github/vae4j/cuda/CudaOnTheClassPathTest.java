package io.github.vae4j.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vae4j.BackendNotFoundException;
import io.github.vae4j.Device;
import io.github.vae4j.Vae;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A host with {@code vae-cuda} on its class path: AUTO computes on a GPU when one is usable and otherwise on the CPU
 * with a log line saying why; a forced CUDA device that cannot run fails with the cause; {@code Device.CPU}, the
 * property and the environment variable work in fresh JVMs, where ND4J has not started yet.
 */
class CudaOnTheClassPathTest {

    /** Why CUDA cannot run here, probed without starting ND4J; empty on a machine with a usable GPU. */
    static Optional<String> cudaProblem() {
        return CudaProbe.ofThisMachine().missing();
    }

    private record Run(int exit, String output) {
    }

    private static Run host(Map<String, String> env, String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DeviceChoiceMain.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove(Device.DEVICE_ENV);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void autoTrainsWhereItCanAndLogsWhich() throws Exception {
        Run run = host(Map.of());
        assertThat(run.exit()).as(run.output()).isZero();
        if (cudaProblem().isPresent()) {
            assertThat(run.output()).contains("DEVICE CPU").contains("vae4j computes on CPU with backend 'nd4j-cpu' "
                    + "(device AUTO): passed over nd4j-cuda (" + cudaProblem().get());
            assertThat(run.output()).as("no native loading error reaches the log")
                    .doesNotContain("UnsatisfiedLinkError").doesNotContain("JCublasBackend");
        } else {
            assertThat(run.output()).contains("DEVICE CUDA").contains("a usable GPU was found");
        }
    }

    @Test
    void forcingCudaWhereItCannotRunIsAClearError() throws Exception {
        Run property = host(Map.of(), "-D" + Device.DEVICE_PROPERTY + "=cuda");
        Run variable = host(Map.of(Device.DEVICE_ENV, "CUDA"));
        if (cudaProblem().isPresent()) {
            assertThat(property.exit()).isEqualTo(3);
            assertThat(property.output()).contains("ERROR BackendNotFoundException: CUDA was asked for (system property "
                    + "vae4j.device=cuda) but cannot be used: nd4j-cuda (" + cudaProblem().get());
            assertThat(variable.output()).contains("(environment variable VAE4J_DEVICE=CUDA) but cannot be used");
        } else {
            assertThat(property.output()).contains("DEVICE CUDA");
            assertThat(variable.output()).contains("DEVICE CUDA");
        }
    }

    @Test
    void theCpuCanBeForcedWithoutEnvironmentVariables() throws Exception {
        Run run = host(Map.of(), "-D" + Device.DEVICE_PROPERTY + "=cpu");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("DEVICE CPU | ND4J 1.0.0-M2.1 CPU (").contains("host-tuned kernels")
                .doesNotContain("UnsatisfiedLinkError");
    }

    @Test
    void inThisJvmTheBuilderForcesEitherDevice() {
        try (Vae cpu = Vae.builder().inputSize(4).device(Device.CPU).build()) {
            assertThat(cpu.device()).isEqualTo(Device.CPU);
        }
        if (cudaProblem().isPresent()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Vae.builder().inputSize(4).device(Device.CUDA)
                    .build()).isInstanceOf(BackendNotFoundException.class).hasMessageContaining(cudaProblem().get());
        }
    }
}

package io.github.vae4j.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each prerequisite of ND4J's CUDA engine, missing in turn on a made-up machine, and the message that says so. */
class CudaProbeTest {

    @TempDir
    Path dir;

    private Path touch(String relative) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "");
        return p;
    }

    private CudaProbe probe(boolean natives, boolean redist) throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        if (natives) {
            touch("classes/" + CudaProbe.ENGINE_NATIVES.get(0));
        }
        if (redist) {
            for (String library : CudaProbe.RUNTIME_LIBRARIES) {
                touch("classes/" + CudaProbe.REDIST_FOLDER + library);
            }
        }
        ClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
        return new CudaProbe(loader, List.of(dir.resolve("lib")), dir.resolve("proc/driver/nvidia"));
    }

    @Test
    void withoutTheEngineNativesItNamesTheArtifact() throws IOException {
        assertThat(probe(false, false).missing()).hasValueSatisfying(m -> assertThat(m)
                .contains("ND4J's CUDA natives are not on the class path")
                .contains("org.nd4j:nd4j-cuda-11.6:1.0.0-M2.1:linux-x86_64"));
    }

    @Test
    void withoutADriverItSaysSo() throws IOException {
        assertThat(probe(true, true).missing()).hasValueSatisfying(m -> assertThat(m)
                .startsWith("no NVIDIA driver: libcuda.so.1 was not found").contains("--gpus all"));
    }

    @Test
    void aDriverThatSeesNoGpuIsNoDevice() throws IOException {
        touch("lib/libcuda.so.1");
        Files.createDirectories(dir.resolve("proc/driver/nvidia/gpus"));
        assertThat(probe(true, true).missing()).hasValueSatisfying(m -> assertThat(m).startsWith("no GPU")
                .contains("lists no device"));
    }

    @Test
    void withoutTheCuda116RuntimeItNamesBothWaysToGetIt() throws IOException {
        touch("lib/libcuda.so.1");
        touch("proc/driver/nvidia/gpus/0000:01:00.0/information");
        assertThat(probe(true, false).missing()).hasValueSatisfying(m -> assertThat(m)
                .startsWith("no CUDA 11.6 runtime: libcudart.so.11.0")
                .contains("org.bytedeco:cuda:11.6-8.3-1.5.7:linux-x86_64-redist").contains("install CUDA 11.6"));
    }

    @Test
    void everythingPresentFromTheRedistJarOrAnInstall() throws IOException {
        touch("lib/libcuda.so.1");
        touch("proc/driver/nvidia/gpus/0000:01:00.0/information");
        assertThat(probe(true, true).missing()).isEmpty();
        for (String library : CudaProbe.RUNTIME_LIBRARIES) {
            touch("lib/" + library);
        }
        assertThat(new CudaProbe(new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, null),
                List.of(dir.resolve("lib")), dir.resolve("no-proc")).missing()).isEmpty();
    }
}

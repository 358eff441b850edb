package io.github.vae4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vae4j.Vae;
import io.github.vae4j.nd4j.engine.NativeBinary;
import io.github.vae4j.nd4j.engine.NativeBinary.Level;
import io.github.vae4j.nd4j.engine.Nd4jEngine;
import io.github.vae4j.nd4j.engine.Nd4jRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

class Nd4jBackendTest {

    @Test
    void ndFourJRunsOneEngineAndRefusesAnotherWithAClearError() {
        Nd4jRuntime.init();
        assertThat(Nd4jRuntime.startedEngine()).hasValue(Nd4jEngine.CPU);
        assertThat(new Nd4jBackend().device()).isEqualTo(io.github.vae4j.Device.CPU);
        assertThat(new Nd4jBackend().unavailableReason()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Nd4jRuntime.init(Nd4jEngine.CUDA))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ND4J already runs its CPU engine in this JVM")
                .hasMessageContaining("Vae.builder().device(");
    }

    private static final Set<String> SKYLAKE_SERVER = Set.of("sse4_2", "avx", "avx2", "fma", "f16c", "avx512f",
            "avx512cd", "avx512bw", "avx512dq", "avx512vl");
    private static final Set<String> HASWELL = Set.of("sse4_2", "avx", "avx2", "fma", "f16c");
    private static final Set<String> SANDY_BRIDGE = Set.of("sse4_2", "avx");

    @Test
    void thisMachineCanRunTheBackendAndSaysSo() throws Exception {
        assertThat(new Nd4jBackend().unavailableReason()).isEmpty();
        assertThat(new Nd4jBackend().name()).isEqualTo("nd4j-cpu");
        // the binary ND4J loaded is the one chosen for this CPU's flags among those shipped
        Set<String> flags = NativeBinary.cpuFlags(Path.of("/proc/cpuinfo")).orElseThrow();
        Level chosen = NativeBinary.choose(flags, l -> l != Level.AVX512).orElseThrow();
        String expected = switch (chosen) {
            case AVX512 -> "AVX512";
            case AVX2 -> "AVX2";
            case GENERIC -> "generic x86-64";
        };
        assertThat(Nd4jRuntime.init()).contains("(" + expected + " binary)");
        assertThat(System.getProperty(NativeBinary.EXTENSION_PROPERTY)).isEqualTo(chosen.extension);
    }

    @Test
    void theMostAdvancedShippedBinaryThatTheCpuRunsIsChosen() {
        Set<Level> all = EnumSet.allOf(Level.class);
        Set<Level> shippedToday = EnumSet.of(Level.AVX2, Level.GENERIC);
        assertThat(NativeBinary.choose(SKYLAKE_SERVER, all::contains)).contains(Level.AVX512);
        assertThat(NativeBinary.choose(SKYLAKE_SERVER, shippedToday::contains)).contains(Level.AVX2);
        assertThat(NativeBinary.choose(HASWELL, all::contains)).contains(Level.AVX2);
        assertThat(NativeBinary.choose(SANDY_BRIDGE, all::contains)).contains(Level.GENERIC);
        assertThat(NativeBinary.choose(SANDY_BRIDGE, EnumSet.of(Level.AVX2)::contains)).isEmpty();
        assertThat(NativeBinary.choose(Set.of(), shippedToday::contains)).contains(Level.GENERIC);
    }

    @Test
    void cpuFlagsAreReadFromTheFirstFlagsLine(@TempDir Path dir) throws Exception {
        Path cpuinfo = Files.writeString(dir.resolve("cpuinfo"), "processor\t: 0\nmodel name\t: Test CPU\n"
                + "flags\t\t: fpu sse4_2 avx avx2 fma f16c avx2\n\nprocessor\t: 1\nflags\t\t: fpu\n");
        assertThat(NativeBinary.cpuFlags(cpuinfo)).contains(Set.of("fpu", "sse4_2", "avx", "avx2", "fma", "f16c"));
        assertThat(NativeBinary.cpuFlags(dir.resolve("missing"))).isEqualTo(Optional.empty());
        assertThat(NativeBinary.cpuFlags(Files.writeString(dir.resolve("none"), "processor : 0\n"))).isEmpty();
    }

    @Test
    void aModelUsedOnAnotherThreadGivesThatThreadOneOpenMpThread() throws Exception {
        Nd4jRuntime.init();
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        Vae vae = Vae.builder().inputSize(6).hidden(4).latent(2).build();
        int[] seen = new int[2];
        Thread other = new Thread(() -> {
            // OpenMP keeps its thread count per thread: a fresh thread starts at one per core
            seen[0] = ops.ompGetMaxThreads();
            vae.encode(new float[][] {{0, 1, 0, 1, 0, 1}});
            seen[1] = ops.ompGetMaxThreads();
        });
        other.start();
        other.join();
        assertThat(seen[0]).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(seen[1]).isEqualTo(1);
    }
}

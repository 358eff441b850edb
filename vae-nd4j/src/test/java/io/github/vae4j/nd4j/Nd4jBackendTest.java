package io.github.vae4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class Nd4jBackendTest {

    @Test
    void thisMachineCanRunTheBackendAndSaysSo() throws Exception {
        // the check agrees with the CPU's own flags: available exactly when AVX2 is listed
        boolean avx2 = Files.readString(Path.of("/proc/cpuinfo")).contains(" avx2");
        assertThat(Nd4jBackend.missingCpuFeature().isEmpty()).isEqualTo(avx2);
        assertThat(new Nd4jBackend().unavailableReason()).isEmpty();
        assertThat(new Nd4jBackend().name()).isEqualTo("nd4j-cpu");
    }
}

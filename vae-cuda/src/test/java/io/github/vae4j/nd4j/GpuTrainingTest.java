package io.github.vae4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.vae4j.Device;
import io.github.vae4j.Vae;
import io.github.vae4j.cuda.CudaBackend;
import io.github.vae4j.testkit.MnistSample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on the GPU, where one is usable (skipped with the reason elsewhere): the test ELBO on the MNIST sample,
 * examples per second, and the saved model's answers on the CPU in a fresh JVM.
 */
class GpuTrainingTest {

    @Test
    void trainsOnTheGpuAndTheModelGivesTheSameAnswersOnTheCpu(@TempDir Path dir) throws Exception {
        Optional<String> why = new CudaBackend().unavailableReason();
        assumeTrue(why.isEmpty(), () -> "no usable GPU here: " + why.orElse(""));
        float[][] train = MnistSample.train();
        float[][] test = MnistSample.test();
        try (Vae vae = Vae.builder().device(Device.CUDA).latent(8).hidden(256, 128).epochs(3).seed(42).build()) {
            long start = System.nanoTime();
            vae.fit(train);
            double seconds = (System.nanoTime() - start) / 1e9;
            double elbo = Arrays.stream(vae.elbo(test)).average().orElseThrow();
            System.out.printf("GPU: %s; 3 epochs of 8,000 digits in %.1f s (%.0f examples/s), test ELBO %.2f%n",
                    vae.backendDescription(), seconds, 3 * train.length / seconds, elbo);
            assertThat(vae.device()).isEqualTo(Device.CUDA);
            assertThat(elbo).isGreaterThan(-150.0);
            Path file = dir.resolve("gpu.vae");
            vae.save(file);
            float[][] z = vae.encode(Arrays.copyOf(test, 5));
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-D" + Device.DEVICE_PROPERTY + "=cpu", "-cp", System.getProperty("java.class.path"),
                    EncodeOnCpuMain.class.getName(), file.toString());
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String line = out.lines().filter(l -> l.startsWith("Z ")).findFirst().orElseThrow(() ->
                    new AssertionError(out));
            String[] values = line.substring(2).trim().split(" ");
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 8; j++) {
                    assertThat(Float.parseFloat(values[i * 8 + j])).isCloseTo(z[i][j],
                            org.assertj.core.data.Offset.offset(1e-3f));
                }
            }
        }
    }
}

package io.github.vae4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vae4j.GaussianVariance;
import io.github.vae4j.Likelihood;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL while it saves leaves a model file that loads: the previous model or the new one,
 * never a mixture. The child process saves two large models alternately over one file as fast as it can.
 */
class KillDuringSaveTest {

    private static final int PARAMETERS = 1_400_000;

    static SavedModel model(long seed) {
        return TestModels.model(seed, TestModels.config(784, Likelihood.BERNOULLI, GaussianVariance.learned(), 16),
                PARAMETERS, 2, -100 - seed);
    }

    /**
     * The child: writes models 1 and 2 alternately to the file named by the first argument, and prints "ready"
     * after the first complete write.
     *
     * @param args the file
     * @throws Exception never expected
     */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        SavedModel[] models = {model(1), model(2)};
        for (long i = 0; ; i++) {
            ModelFile.write(file, models[(int) (i % 2)]);
            if (i == 0) {
                System.out.println("ready");
                System.out.flush();
            }
        }
    }

    @Test
    void killMinus9DuringSaveLeavesALoadableModel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.vae4j");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long[] delaysMs = {0, 37, 111, 203, 350};
        for (long delay : delaysMs) {
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    KillDuringSaveTest.class.getName(), file.toString()).redirectErrorStream(true).start();
            try {
                var lines = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()));
                String line;
                do {
                    line = lines.readLine();
                } while (line != null && !line.equals("ready"));
                assertThat(line).as("the child's first save").isEqualTo("ready");
                Thread.sleep(delay);
            } finally {
                child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
                child.waitFor(30, TimeUnit.SECONDS);
            }
            SavedModel loaded = ModelFile.read(file);
            double elbo = loaded.provenance().finalElbo();
            assertThat(elbo).isIn(-101.0, -102.0);
            assertThat(loaded.state().parameters()).hasSize(PARAMETERS);
            // Arrays.equals: AssertJ's containsExactly diffs in quadratic time on a million values
            assertThat(Arrays.equals(loaded.state().parameters(),
                    model((long) -(elbo + 100)).state().parameters())).as("parameters of the saved model").isTrue();
        }
        // temporary files a killed writer left behind are separate files, never the model
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> !p.getFileName().toString().startsWith(".")).toList()).containsExactly(file);
        }
    }
}

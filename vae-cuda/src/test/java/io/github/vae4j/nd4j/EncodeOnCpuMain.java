package io.github.vae4j.nd4j;

import io.github.vae4j.Vae;
import io.github.vae4j.testkit.MnistSample;
import java.nio.file.Path;
import java.util.Arrays;

/** Loads a model file in a fresh JVM and prints the posterior means of the first five test digits. */
public final class EncodeOnCpuMain {

    private EncodeOnCpuMain() {
    }

    /**
     * @param args the model file
     * @throws Exception if it cannot be read
     */
    public static void main(String[] args) throws Exception {
        try (Vae vae = Vae.load(Path.of(args[0]))) {
            StringBuilder sb = new StringBuilder("Z");
            for (float[] row : vae.encode(Arrays.copyOf(MnistSample.test(), 5))) {
                for (float v : row) {
                    sb.append(' ').append(v);
                }
            }
            System.out.println(sb + " | " + vae.device());
        }
    }
}

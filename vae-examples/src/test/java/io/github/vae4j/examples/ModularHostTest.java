package io.github.vae4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A modular host application: its own module requires {@code io.github.vae4j.api} on the module path, with the
 * ND4J backend and ND4J on the class path (ND4J's jars split packages, so they cannot be modules). It is compiled
 * and run in a JVM of its own, and must find the backend through the API's {@code uses} clause and train.
 */
class ModularHostTest {

    /** The API's module and the modules it requires; everything else of the test class path stays on the class path. */
    private static boolean onModulePath(String entry) {
        String name = Path.of(entry).getFileName().toString();
        return entry.contains("vae-api") || name.startsWith("guava-") || name.startsWith("failureaccess-")
                || name.startsWith("fastcsv-") || name.startsWith("slf4j-api-");
    }

    @Test
    void aModularApplicationRequiresTheApiAndFindsTheNd4jBackend(@TempDir Path dir) throws Exception {
        String testClassPath = System.getProperty("jdk.module.path") != null ? System.getProperty("jdk.module.path")
                : System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = Arrays.stream(testClassPath.split(File.pathSeparator)).filter(e -> !e.isBlank())
                .toList();
        String modulePath = entries.stream().filter(ModularHostTest::onModulePath)
                .collect(Collectors.joining(File.pathSeparator));
        String classPath = entries.stream().filter(e -> !onModulePath(e) && !e.contains("test-classes")
                && !e.contains("vae-examples")).collect(Collectors.joining(File.pathSeparator));
        assertThat(modulePath).as("the test class path holds vae-api").contains("vae-api");

        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("host"));
        Files.writeString(src.resolve("module-info.java"), "module host {\n    requires io.github.vae4j.api;\n}\n");
        Files.writeString(src.resolve("host/Main.java"), """
                package host;

                import io.github.vae4j.Training;
                import io.github.vae4j.Vae;

                public class Main {
                    public static void main(String[] args) {
                        float[][] rows = new float[64][6];
                        for (int i = 0; i < rows.length; i++) {
                            for (int j = 0; j < 6; j++) {
                                rows[i][j] = ((i * 7 + j * 3) % 10) / 10f;
                            }
                        }
                        try (Vae vae = Vae.builder().inputSize(6).latent(2).hidden(8).build()) {
                            vae.fit(rows, Training.builder().epochs(2).batchSize(16).build());
                            System.out.println("module " + Vae.class.getModule().getName() + "; host module "
                                    + Main.class.getModule().getName() + "; backend " + vae.backendDescription()
                                    + "; epochs " + vae.epochsCompleted());
                        }
                    }
                }
                """);
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--module-path", modulePath,
                src.resolve("module-info.java").toString(), src.resolve("host/Main.java").toString()));
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac exit code").isZero();

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("out.txt");
        // JavaCPP, under ND4J, reads memory through sun.misc.Unsafe: a modular launch must resolve jdk.unsupported,
        // which a class-path launch resolves by default
        Process p = new ProcessBuilder(java.toString(), "--module-path", modulePath + File.pathSeparator + classes,
                "--add-modules", "jdk.unsupported", "--class-path", classPath, "-m", "host/host.Main").redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("the host finished").isTrue();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("module io.github.vae4j.api; host module host; backend ND4J", "epochs 2");
    }
}

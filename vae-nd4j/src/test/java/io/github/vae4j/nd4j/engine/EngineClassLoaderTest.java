package io.github.vae4j.nd4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What ND4J sees through the class loader vae4j gives it: the service registrations of the hidden engine's jar are
 * gone, everything else is as before. Two folders stand in for nd4j-native's and nd4j-cuda's jars.
 */
class EngineClassLoaderTest {

    private static final String SERVICE = "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend";

    @TempDir
    Path dir;

    private Path jar(String name, String backendClass) throws IOException {
        Path root = dir.resolve(name);
        Path service = root.resolve(SERVICE);
        Files.createDirectories(service.getParent());
        Files.writeString(service, backendClass + "\n");
        Path cls = root.resolve(backendClass.replace('.', '/') + ".class");
        Files.createDirectories(cls.getParent());
        Files.writeString(cls, "");
        Path other = root.resolve("META-INF/services/org.nd4j.linalg.compression.NDArrayCompressor");
        Files.writeString(other, "x.Compressor\n");
        Files.writeString(root.resolve("data-" + name + ".txt"), name);
        return root;
    }

    @Test
    void theHiddenEnginesRegistrationsAreGoneAndTheRestStays() throws IOException {
        Path cpu = jar("cpu", Nd4jEngine.CPU.backendClass());
        Path cuda = jar("cuda", Nd4jEngine.CUDA.backendClass());
        ClassLoader parent = new URLClassLoader(new URL[] {cpu.toUri().toURL(), cuda.toUri().toURL()}, null);
        assertThat(Collections.list(parent.getResources(SERVICE))).hasSize(2);

        String cudaLocation = Nd4jEngine.CUDA.location(parent).orElseThrow();
        assertThat(cudaLocation).isEqualTo(cuda.toUri().toURL().toString());
        assertThat(Nd4jEngine.CPU.location(parent)).hasValue(cpu.toUri().toURL().toString());

        ClassLoader loader = new EngineClassLoader(parent, List.of(cudaLocation));
        List<URL> services = Collections.list(loader.getResources(SERVICE));
        assertThat(services).hasSize(1);
        assertThat(services.get(0).toString()).startsWith(cpu.toUri().toURL().toString());
        assertThat(loader.getResource(SERVICE).toString()).startsWith(cpu.toUri().toURL().toString());
        assertThat(Collections.list(loader.getResources("META-INF/services/org.nd4j.linalg.compression."
                + "NDArrayCompressor"))).as("every service of the hidden jar").hasSize(1);
        assertThat(loader.getResource("data-cuda.txt")).as("other resources of the hidden jar").isNotNull();
        assertThat(new EngineClassLoader(parent, List.of()).getResources(SERVICE).hasMoreElements()).isTrue();
    }

    @Test
    void anEngineNotOnTheClassPathHasNoLocation() {
        ClassLoader empty = new URLClassLoader(new URL[0], null);
        assertThat(Nd4jEngine.CUDA.location(empty)).isEmpty();
        assertThat(Nd4jEngine.of(Nd4jEngine.CUDA.backendClass())).hasValue(Nd4jEngine.CUDA);
        assertThat(Nd4jEngine.of("org.example.OtherBackend")).isEmpty();
    }
}

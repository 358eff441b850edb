package io.github.vae4j.cuda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a host needs before ND4J's CUDA engine can start, checked without loading any native code, so that a machine
 * without a GPU learns why in one line instead of an {@code UnsatisfiedLinkError}: ND4J's CUDA natives on the class
 * path, the NVIDIA driver ({@code libcuda.so.1}), a GPU the driver sees, and the CUDA 11.6 runtime libraries (from a
 * CUDA install or the {@code org.bytedeco:cuda} redist jar). Each check names what to add.
 */
final class CudaProbe {

    /** ND4J's CUDA natives, as the {@code linux-x86_64} (or {@code -cudnn}) classifier jar holds them. */
    static final List<String> ENGINE_NATIVES = List.of(
            "org/nd4j/linalg/jcublas/bindings/linux-x86_64/libnd4jcuda.so",
            "org/nd4j/linalg/jcublas/bindings/linux-x86_64-cudnn/libnd4jcuda.so");
    /** The CUDA runtime and cuBLAS of CUDA 11.x, which ND4J's CUDA 11.6 engine links to. */
    static final List<String> RUNTIME_LIBRARIES = List.of("libcudart.so.11.0", "libcublas.so.11");
    /** Where the redist jar keeps them. */
    static final String REDIST_FOLDER = "org/bytedeco/cuda/linux-x86_64/";
    /** The redist jar's coordinates. */
    static final String REDIST = "org.bytedeco:cuda:11.6-8.3-1.5.7:linux-x86_64-redist";

    /** Where Linux distributions, NVIDIA's installers and container runtimes put the driver and CUDA libraries. */
    static final List<String> LIBRARY_FOLDERS = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib",
            "/lib/x86_64-linux-gnu", "/lib64", "/usr/local/nvidia/lib64", "/usr/local/cuda/compat",
            "/usr/local/cuda-11.6/lib64", "/usr/local/cuda/lib64", "/usr/lib/wsl/lib");

    private final ClassLoader loader;
    private final List<Path> folders;
    private final Path nvidiaProc;

    /**
     * @param loader where to look for ND4J's natives and the redist jar
     * @param folders where to look for libraries, in order
     * @param nvidiaProc the driver's {@code /proc/driver/nvidia} folder
     */
    CudaProbe(ClassLoader loader, List<Path> folders, Path nvidiaProc) {
        this.loader = loader;
        this.folders = List.copyOf(folders);
        this.nvidiaProc = nvidiaProc;
    }

    /** @return the probe of this machine: {@code LD_LIBRARY_PATH}'s folders, then {@link #LIBRARY_FOLDERS} */
    static CudaProbe ofThisMachine() {
        Set<Path> folders = new LinkedHashSet<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            Stream.of(ld.split(":")).filter(s -> !s.isBlank()).map(Path::of).forEach(folders::add);
        }
        LIBRARY_FOLDERS.stream().map(Path::of).forEach(folders::add);
        return new CudaProbe(CudaProbe.class.getClassLoader(), new ArrayList<>(folders), Path.of("/proc/driver/nvidia"));
    }

    /**
     * @return why ND4J's CUDA engine cannot start here, with what to add; empty when every prerequisite is there
     */
    Optional<String> missing() {
        if (ENGINE_NATIVES.stream().noneMatch(r -> loader.getResource(r) != null)) {
            return Optional.of("ND4J's CUDA natives are not on the class path: add "
                    + "org.nd4j:nd4j-cuda-11.6:1.0.0-M2.1:linux-x86_64 (io.github.vae4j:vae-cuda brings it unless "
                    + "it was excluded)");
        }
        if (find("libcuda.so.1").isEmpty()) {
            return Optional.of("no NVIDIA driver: libcuda.so.1 was not found on LD_LIBRARY_PATH or in "
                    + String.join(", ", LIBRARY_FOLDERS) + "; install the NVIDIA driver (in a container, give it the "
                    + "GPU, e.g. docker run --gpus all)");
        }
        if (Files.isDirectory(nvidiaProc) && !hasEntries(nvidiaProc.resolve("gpus"))) {
            return Optional.of("no GPU: the NVIDIA driver is loaded but " + nvidiaProc.resolve("gpus")
                    + " lists no device");
        }
        for (String library : RUNTIME_LIBRARIES) {
            if (find(library).isEmpty() && loader.getResource(REDIST_FOLDER + library) == null) {
                return Optional.of("no CUDA 11.6 runtime: " + library + " is neither installed (CUDA 11.6 on "
                        + "LD_LIBRARY_PATH or in /usr/local/cuda-11.6/lib64) nor on the class path; install CUDA 11.6 "
                        + "or add " + REDIST + " (1.8 GB)");
            }
        }
        return Optional.empty();
    }

    /** @return the first of the folders that holds the file */
    Optional<Path> find(String library) {
        return folders.stream().map(f -> f.resolve(library)).filter(Files::exists).findFirst();
    }

    private static boolean hasEntries(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isPresent();
        } catch (java.io.IOException e) {
            return true; // cannot tell: let ND4J try
        }
    }
}

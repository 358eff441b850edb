package io.github.vae4j.nd4j.engine;

import io.github.vae4j.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads ND4J's native code once and sets its thread pools for this workload.
 *
 * <p>ND4J runs elementwise ops on an OpenMP pool and matrix multiplies on OpenBLAS's pool. With both at one thread
 * per core they busy-wait against each other: on a 2-core machine every small op then costs about a millisecond.
 * vae4j's ops are small (a batch of 100 rows), so it gives elementwise work one OpenMP thread, and OpenBLAS one
 * thread too: vae4j splits each large matrix product between the threads of its own {@link ComputeThreads}, one per core, each
 * running single-threaded OpenBLAS on a block of the result's rows or columns, which was faster at these shapes than
 * OpenBLAS's threading. The settings are made from Java, so no environment variable is needed; the system properties
 * {@value #OMP_THREADS_PROPERTY}, {@value #BLAS_THREADS_PROPERTY} and {@value ComputeThreads#THREADS_PROPERTY} override them.
 * These are process-wide ND4J settings.
 */
public final class Nd4jRuntime {

    /** System property: OpenMP threads for ND4J's elementwise ops (default 1). */
    public static final String OMP_THREADS_PROPERTY = "vae4j.nd4j.ompThreads";
    /** System property: OpenBLAS's own threads per matrix multiply (default 1; see {@link ComputeThreads}). */
    public static final String BLAS_THREADS_PROPERTY = "vae4j.nd4j.blasThreads";

    private static final Logger LOG = LoggerFactory.getLogger(Nd4jRuntime.class);

    private static final String ND4J_VERSION = "1.0.0-M2.1";

    private static volatile String description;
    /** The engine ND4J runs, once started. */
    private static volatile Nd4jEngine started;

    /** Whether the current thread's OpenMP thread count was set. */
    private static final ThreadLocal<Boolean> CONFIGURED_THREAD = ThreadLocal.withInitial(() -> false);

    private Nd4jRuntime() {
    }

    /**
     * Loads ND4J on its CPU engine and sets its threads, once per JVM.
     *
     * @return a line describing the backend: ND4J version, binary level, BLAS vendor and threads
     * @throws IllegalStateException if ND4J already runs another engine in this JVM
     */
    public static String init() {
        return init(Nd4jEngine.CPU);
    }

    /**
     * Loads ND4J on the given engine, once per JVM: before ND4J's first use the other engines' registrations are
     * hidden from it ({@link EngineClassLoader}), so that a CPU host with ND4J's CUDA engine on its class path never
     * tries the GPU. For {@link Nd4jEngine#CUDA} the CPU engine stays visible: if the CUDA engine cannot start,
     * ND4J falls back to the CPU, and this method then fails without leaving ND4J unusable.
     *
     * @param engine the engine to run
     * @return a line describing the backend
     * @throws IllegalStateException if ND4J already runs another engine in this JVM, or did not start the one asked
     */
    public static String init(Nd4jEngine engine) {
        String d = description;
        if (d != null && started == engine) {
            return d;
        }
        return start(engine);
    }

    private static synchronized String start(Nd4jEngine engine) {
        if (description == null) {
            if (engine == Nd4jEngine.CPU) {
                hideCudaEngine();
            }
            // before ND4J loads: a CPU binary this machine cannot run would end the JVM, and CUDA falls back to it
            NativeBinary.select().ifPresent(problem -> {
                throw new IllegalStateException(problem);
            });
            // loading the Nd4j class finds the engine and fills the configuration NativeOpsHolder reads
            String loaded = Nd4j.getBackend().getClass().getName();
            started = Nd4jEngine.of(loaded).orElseThrow(() -> new IllegalStateException(
                    "ND4J started an engine vae4j does not know: " + loaded));
            description = started == Nd4jEngine.CPU ? cpuSettings() : cudaSettings();
            if (started != engine) {
                throw new IllegalStateException("ND4J did not start its " + engine + " engine but its " + started
                        + " one" + (engine == Nd4jEngine.CUDA ? " (see ND4J's log above for why)" : ""));
            }
        }
        otherEngineRunning(engine).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
        return description;
    }

    /**
     * @param engine the engine a caller wants
     * @return why it cannot start in this JVM because ND4J already runs another, if that is so
     */
    public static Optional<String> otherEngineRunning(Nd4jEngine engine) {
        Nd4jEngine running = started;
        if (running == null || running == engine) {
            return Optional.empty();
        }
        return Optional.of("ND4J already runs its " + running + " engine in this JVM, and runs one engine per JVM: "
                + "the " + engine + " engine cannot start now. Choose the device before the first model "
                + "(Vae.builder().device(...), -D" + Device.DEVICE_PROPERTY + "=...)");
    }

    /** @return the engine ND4J runs in this JVM, empty before it started through this class */
    public static Optional<Nd4jEngine> startedEngine() {
        return Optional.ofNullable(started);
    }

    /** Hides the CUDA engine's service registrations from ND4J, if its jar is on the class path. */
    private static void hideCudaEngine() {
        ClassLoader current = ND4JClassLoading.getNd4jClassloader();
        Nd4jEngine.CUDA.location(current).ifPresent(location -> {
            LOG.debug("ND4J on the CPU: hiding the service registrations of {}", location);
            ND4JClassLoading.setNd4jClassloader(new EngineClassLoader(current, List.of(location)));
        });
    }

    /** The CUDA engine's description line. */
    private static String cudaSettings() {
        int devices = Nd4j.getAffinityManager().getNumberOfDevices();
        String line = "ND4J " + ND4J_VERSION + " CUDA on " + devices + " device(s): " + cudaDevices();
        LOG.info("vae4j backend: {}", line);
        return line;
    }

    /** The GPUs ND4J reports, by name and memory. */
    private static String cudaDevices() {
        Object info = Nd4j.getExecutioner().getEnvironmentInformation().get("cuda.devicesInformation");
        if (info instanceof List<?> list) {
            List<String> names = new ArrayList<>();
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    Object mem = m.get("cuda.totalMemory");
                    names.add(m.get("cuda.deviceName") + (mem instanceof Number n
                            ? String.format(Locale.ROOT, " (%.1f GiB)", n.doubleValue() / (1L << 30)) : ""));
                }
            }
            if (!names.isEmpty()) {
                return String.join(", ", names);
            }
        }
        return String.valueOf(info);
    }

    private static int ompThreads() {
        return Math.max(1, Integer.getInteger(OMP_THREADS_PROPERTY, 1));
    }

    /**
     * Loads ND4J and sets its threads if not done yet, and gives the calling thread's ND4J ops the OpenMP thread
     * count of {@link #init()}. OpenMP keeps that count per thread: measured, a thread that never set it runs ND4J's
     * elementwise ops on one OpenMP thread per core, the setting whose thread pools fight BLAS's. The backend calls
     * this on entry to training and inference, so that a model built on one thread and used on others runs the
     * same. Cheap after the first call on a thread.
     */
    public static void configureThread() {
        if (!CONFIGURED_THREAD.get()) {
            if (started == null) {
                init();
            }
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(ompThreads());
            CONFIGURED_THREAD.set(true);
        }
    }

    /** Sets the CPU engine's threads; returns the description line. */
    private static String cpuSettings() {
        int omp = ompThreads();
        int blas = Integer.getInteger(BLAS_THREADS_PROPERTY, 1);
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        ops.setOmpNumThreads(omp);
        CONFIGURED_THREAD.set(true);
        Nd4j.factory().blas().setMaxThreads(Math.max(1, blas));
        // libnd4j's codes: 3 AVX512, 2 AVX/AVX2, otherwise generic x86-64
        String level = switch (ops.binaryLevel()) {
            case 3 -> "AVX512";
            case 2 -> "AVX2";
            default -> "generic x86-64";
        };
        String line = "ND4J " + ND4J_VERSION + " CPU (" + level + " binary), BLAS "
                + Nd4j.factory().blas().getBlasVendor() + " with " + Nd4j.factory().blas().getMaxThreads()
                + " thread(s) a call, " + ops.ompGetMaxThreads() + " OpenMP thread(s), products split over "
                + ComputeThreads.shared().size() + " thread(s)";
        LOG.info("vae4j backend: {}", line);
        return line;
    }
}

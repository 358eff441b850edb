package io.github.vae4j.nd4j;

import io.github.vae4j.nd4j.nn.Team;
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
 * thread too: vae4j splits each large matrix product between the threads of its own {@link Team}, one per core, each
 * running single-threaded OpenBLAS on a block of the result's rows or columns, which was faster at these shapes than
 * OpenBLAS's threading. The settings are made from Java, so no environment variable is needed; the system properties
 * {@value #OMP_THREADS_PROPERTY}, {@value #BLAS_THREADS_PROPERTY} and {@value Team#THREADS_PROPERTY} override them.
 * These are process-wide ND4J settings.
 */
public final class Nd4jRuntime {

    /** System property: OpenMP threads for ND4J's elementwise ops (default 1). */
    public static final String OMP_THREADS_PROPERTY = "vae4j.nd4j.ompThreads";
    /** System property: OpenBLAS's own threads per matrix multiply (default 1; see {@link Team}). */
    public static final String BLAS_THREADS_PROPERTY = "vae4j.nd4j.blasThreads";

    private static final Logger LOG = LoggerFactory.getLogger(Nd4jRuntime.class);

    private static final String ND4J_VERSION = "1.0.0-M2.1";

    private static volatile String description;

    /** Whether the current thread's OpenMP thread count was set. */
    private static final ThreadLocal<Boolean> CONFIGURED_THREAD = ThreadLocal.withInitial(() -> false);

    private Nd4jRuntime() {
    }

    /**
     * Loads ND4J and sets its threads, once per JVM.
     *
     * @return a line describing the backend: ND4J version, binary level, BLAS vendor and threads
     */
    public static String init() {
        String d = description;
        if (d == null) {
            synchronized (Nd4jRuntime.class) {
                d = description;
                if (d == null) {
                    d = configure();
                    description = d;
                }
            }
        }
        return d;
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
            init();
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(ompThreads());
            CONFIGURED_THREAD.set(true);
        }
    }

    private static String configure() {
        // before ND4J loads: a binary the CPU cannot run would end the JVM
        NativeBinary.select().ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
        int omp = ompThreads();
        int blas = Integer.getInteger(BLAS_THREADS_PROPERTY, 1);
        // loading the Nd4j class finds the backend and fills the configuration NativeOpsHolder reads
        Nd4j.getBackend();
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
                + Team.shared().size() + " thread(s)";
        LOG.info("vae4j backend: {}", line);
        return line;
    }
}

package io.github.vae4j.nd4j.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives native memory that the C library holds free back to the operating system. ND4J's convolution ops allocate
 * megabytes of temporary buffers per call; glibc serves them from its heap, where small allocations made between two
 * calls pin the freed space, so the resident set of a process training a convolutional model grew by about a
 * gigabyte per Fashion-MNIST epoch although nothing leaked. glibc's {@code malloc_trim(0)} returns every free page;
 * calling it every {@value #CALLS_PER_TRIM} convolution calls keeps the resident set flat at a cost far below one
 * call's. It changes no allocator setting of the host process. Elsewhere than on glibc it does nothing.
 */
public final class NativeMemoryTrim {

    /** Convolution calls between two trims. */
    public static final int CALLS_PER_TRIM = 32;

    private static final Logger LOG = LoggerFactory.getLogger(NativeMemoryTrim.class);
    private static final CLibrary C = load();
    private static final AtomicLong CALLS = new AtomicLong();

    /** The one function used. */
    public interface CLibrary extends Library {
        /**
         * glibc's {@code int malloc_trim(size_t pad)}.
         *
         * @param pad bytes to leave at the top of the heap
         * @return 1 if memory was released
         */
        int malloc_trim(long pad);
    }

    private NativeMemoryTrim() {
    }

    private static CLibrary load() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return null;
        }
        try {
            return Native.load("c", CLibrary.class);
        } catch (Throwable e) { // not glibc, or JNA cannot load: nothing to trim
            LOG.debug("malloc_trim unavailable: {}", e.toString());
            return null;
        }
    }

    /** Counts one large native call and trims every {@value #CALLS_PER_TRIM} of them. */
    public static void afterLargeCall() {
        if (C != null && CALLS.incrementAndGet() % CALLS_PER_TRIM == 0) {
            C.malloc_trim(0);
        }
    }
}

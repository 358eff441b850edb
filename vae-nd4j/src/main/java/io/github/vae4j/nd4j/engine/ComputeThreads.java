package io.github.vae4j.nd4j.engine;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that share one piece of work: the calling thread and one helper thread per further core. vae4j runs
 * its matrix products and its optimiser's update on them, in place of OpenBLAS's own thread pool.
 *
 * <p>Why not OpenBLAS's threads: at this library's shapes (a batch of 100 examples against layers of a few hundred
 * units) OpenBLAS's threading gained little over one thread. Measured on a 2-core AMD EPYC virtual machine, a
 * 784 x 512 layer's product for 100 examples ran at 68 GFLOP/s on one thread, 82 on OpenBLAS's two, and 113 when
 * each of two threads ran single-threaded OpenBLAS on half of the output rows. Hand-offs must be cheap for that: a
 * product takes 0.2 to 1 ms, while waking a parked thread takes tens of microseconds. So each helper spins while work
 * keeps coming, and parks after {@value #SPIN_MILLIS} ms without any. Spinning costs nothing when the machine's
 * cores are this library's: the caller works on the other core meanwhile, running ND4J's single-threaded elementwise
 * ops.
 *
 * <p>One caller at a time: {@link #run} does nothing and returns {@code false} while another thread has the team,
 * and {@link #runAll} then runs the parts one after another on the calling thread. Many threads doing inference at
 * once thus each use one core, and a part may itself call {@code runAll}. The helpers are daemon threads, started on
 * first use.
 */
public final class ComputeThreads {

    /** System property: threads in the shared team, the caller included (default: available processors). */
    public static final String THREADS_PROPERTY = "vae4j.nd4j.threads";

    /** How long an idle helper spins before it parks. */
    static final long SPIN_MILLIS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(ComputeThreads.class);

    private static final ComputeThreads SHARED = new ComputeThreads(Math.max(1,
            Integer.getInteger(THREADS_PROPERTY, Runtime.getRuntime().availableProcessors())));

    private final int size;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Helper[] helpers;
    private IntConsumer work;

    /**
     * A team of its own, apart from the {@link #shared()} one.
     *
     * @param size threads, the caller included, at least 1
     */
    public ComputeThreads(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a team needs at least 1 thread, got " + size);
        }
        this.size = size;
    }

    /** @return the team shared by every model in this JVM */
    public static ComputeThreads shared() {
        return SHARED;
    }

    /** @return threads that take part in {@link #run}, the caller included */
    public int size() {
        return size;
    }

    /**
     * Runs {@code part} for every index from 0 to {@code size() - 1} at once: index 0 on the calling thread, the
     * others on the helpers, and returns when all are done. If another thread has the team, runs nothing.
     *
     * @param part the work, given its index
     * @return whether the work ran; {@code false} if the team was busy
     * @throws IllegalStateException if a helper's part failed (the cause attached); the caller's own failure is
     *     rethrown as it is. Either way every part has finished first, since the parts share arrays.
     */
    public boolean run(IntConsumer part) {
        if (!busy.compareAndSet(false, true)) {
            return false;
        }
        try {
            if (size == 1) {
                part.accept(0);
                return true;
            }
            Helper[] team = started();
            work = part;
            for (Helper h : team) {
                h.post();
            }
            Throwable failure = null;
            try {
                part.accept(0);
            } finally {
                for (Helper h : team) {
                    Throwable f = h.await();
                    failure = failure == null ? f : failure;
                }
                work = null;
            }
            if (failure != null) {
                throw new IllegalStateException("a vae4j helper thread failed", failure);
            }
            return true;
        } finally {
            busy.set(false);
        }
    }

    /**
     * Runs {@code part} for every index from 0 to {@code size() - 1}: at once on the team as {@link #run} does when
     * the team is free, else one after another on the calling thread, in index order. Each part does the same
     * arithmetic either way, so results do not depend on whether another thread had the team.
     *
     * @param part the work, given its index
     * @throws IllegalStateException if a helper's part failed, as for {@link #run}
     */
    public void runAll(IntConsumer part) {
        if (!run(part)) {
            for (int i = 0; i < size; i++) {
                part.accept(i);
            }
        }
    }

    private Helper[] started() {
        Helper[] h = helpers;
        if (h == null) {
            // only the thread holding busy gets here
            h = new Helper[size - 1];
            for (int i = 0; i < h.length; i++) {
                h[i] = new Helper(i + 1);
            }
            helpers = h;
        }
        return h;
    }

    /** One helper thread: spins on its sequence number, runs its part, reports. */
    private final class Helper implements Runnable {
        private final int index;
        private final Thread thread;
        private volatile long posted;
        private volatile long done;
        private volatile boolean parked;
        private volatile Throwable failure;

        Helper(int index) {
            this.index = index;
            this.thread = new Thread(this, "vae4j-team-" + index);
            thread.setDaemon(true);
            thread.start();
        }

        void post() {
            failure = null;
            posted = posted + 1;
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        /** Spins until the posted part is done. @return its failure, or null */
        Throwable await() {
            long target = posted;
            while (done != target) {
                Thread.onSpinWait();
            }
            return failure;
        }

        @Override
        public void run() {
            try {
                // parts may run ND4J ops, which need this thread's OpenMP setting
                Nd4jRuntime.configureThread();
            } catch (RuntimeException | LinkageError e) {
                // a helper that dies would leave its caller waiting for ever: work on, report it with the parts
                LOG.warn("vae4j helper thread {} could not set its OpenMP threads: {}", index, e.toString());
            }
            long seen = 0;
            long spinNanos = SPIN_MILLIS * 1_000_000L;
            while (true) {
                long idleSince = System.nanoTime();
                while (posted == seen) {
                    if (System.nanoTime() - idleSince > spinNanos) {
                        parked = true;
                        // re-checked after announcing: post() writes posted, then reads parked
                        if (posted == seen) {
                            LockSupport.park(this);
                            // nobody should interrupt a helper; if someone does, park must not return at once for ever
                            Thread.interrupted();
                        }
                        parked = false;
                        idleSince = System.nanoTime();
                    } else {
                        Thread.onSpinWait();
                    }
                }
                seen = posted;
                try {
                    work.accept(index);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    done = seen;
                }
            }
        }
    }
}

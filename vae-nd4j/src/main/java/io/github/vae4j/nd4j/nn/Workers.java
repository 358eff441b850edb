package io.github.vae4j.nd4j.nn;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The helper threads that let a training step use every core for work BLAS does not do, the optimiser's update.
 * Daemon threads, created when first needed and kept while in use.
 */
public final class Workers {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "vae4j-worker-" + COUNTER.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private Workers() {
    }

    /** @return the number of cores this JVM may use */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Runs {@code task} on this thread and on {@code helpers} helper threads at once, and returns when all are done.
     * The task is told which thread it is on, 0 for this one.
     *
     * @param helpers helper threads, 0 or more
     * @param task the work, given its thread index
     * @throws IllegalStateException if any fails (the cause attached). An interrupted caller still waits for the
     *     helpers, which work on shared arrays, and returns with its interrupt flag set.
     */
    public static void all(int helpers, IntConsumer task) {
        Future<?>[] running = new Future<?>[helpers];
        for (int t = 0; t < helpers; t++) {
            int index = t + 1;
            running[t] = POOL.submit(() -> task.accept(index));
        }
        try {
            task.accept(0);
        } finally {
            for (Future<?> f : running) {
                join(f);
            }
        }
    }

    private static void join(Future<?> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    return;
                } catch (InterruptedException e) {
                    // the helper works on shared arrays: wait for it before reporting the interruption
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a vae4j worker thread failed", e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

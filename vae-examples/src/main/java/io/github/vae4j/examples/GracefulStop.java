package io.github.vae4j.examples;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C handling: a shutdown hook that asks the program to stop and gives it time to save its model. Training
 * checks {@link #check()} after every step and stops with {@link StopRequested}; the program then saves and calls
 * {@link #close()}, which lets the JVM exit. If the program does not finish within {@link #GRACE_SECONDS}, the JVM
 * exits anyway.
 */
final class GracefulStop implements AutoCloseable {

    /** How long the shutdown hook waits for the program to save. */
    static final int GRACE_SECONDS = 60;

    /** Thrown from a training listener to end {@code fit} early; the model keeps its last completed step. */
    static final class StopRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopRequested() {
            super("stopped on request (Ctrl-C)", null, false, false);
        }
    }

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    private GracefulStop(PrintStream out) {
        hook = new Thread(() -> {
            requested = true;
            out.println();
            out.println("Interrupted: stopping after the current step and saving the model (Ctrl-C again is "
                    + "ignored; waiting up to " + GRACE_SECONDS + " s)...");
            out.flush();
            try {
                if (!finished.await(GRACE_SECONDS, TimeUnit.SECONDS)) {
                    out.println("The program did not finish in time; exiting without saving.");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vae4j-graceful-stop");
    }

    /** Installs the hook. */
    static GracefulStop install(PrintStream out) {
        GracefulStop stop = new GracefulStop(out);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** @return whether a stop was asked for */
    boolean requested() {
        return requested;
    }

    /** Asks for a stop, as Ctrl-C does (for tests). */
    void request() {
        requested = true;
    }

    /** @throws StopRequested if a stop was asked for */
    void check() {
        if (requested) {
            throw new StopRequested();
        }
    }

    /** The program is done: lets a waiting shutdown hook return, or removes the hook. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running and now returns
        }
    }
}

package io.github.vae4j.examples;

import java.io.PrintStream;
import java.nio.file.Path;

/** What the example programs share: exit codes and error reporting. */
final class Programs {

    /** The system property, set by the module's exec:java configuration, that names the module's folder. */
    static final String BASEDIR_PROPERTY = "vae4j.examples.basedir";

    /** Exit code of a wrong command line. */
    static final int USAGE = 2;
    /** Exit code of missing or unreadable data, or another failure. */
    static final int FAILURE = 1;

    private Programs() {
    }

    /** A program body that reports problems by exception. */
    @FunctionalInterface
    interface Body {
        /** @return the exit code */
        int run(PrintStream out, GracefulStop stop) throws Exception;
    }

    /**
     * Runs a program with Ctrl-C handling, turning a usage or data problem into a one-line message on {@code err}.
     *
     * @return the exit code: 0, {@link #USAGE} or {@link #FAILURE}
     */
    static int run(String name, PrintStream out, PrintStream err, Body body) {
        System.setProperty("java.awt.headless", "true");
        GracefulStop stop = GracefulStop.install(out);
        try {
            return body.run(out, stop);
        } catch (Cli.UsageException e) {
            err.println(name + ": " + e.getMessage());
            err.println("Run with --help to see the options.");
            return USAGE;
        } catch (Dataset.DataException e) {
            err.println(name + ": " + e.getMessage());
            return FAILURE;
        } catch (Exception e) {
            err.println(name + " failed: " + e);
            e.printStackTrace(err);
            return FAILURE;
        } finally {
            out.flush();
            stop.close();
        }
    }

    /**
     * The default output folder of a program: {@code target/NAME} in the vae-examples module when run by Maven's
     * exec:java (which sets {@value #BASEDIR_PROPERTY}), else {@code target/NAME} in the working directory.
     */
    static String defaultOut(String name) {
        String base = System.getProperty(BASEDIR_PROPERTY);
        return base == null || base.isBlank() ? "target/" + name : Path.of(base, "target", name).toString();
    }

    /** Exits with the code if it is not 0; returning normally lets Maven's exec:java carry on. */
    static void exit(int code) {
        if (code != 0) {
            System.exit(code);
        }
    }
}

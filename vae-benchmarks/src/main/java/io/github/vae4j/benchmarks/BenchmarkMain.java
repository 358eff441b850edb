package io.github.vae4j.benchmarks;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The command line of the internal benchmarks: {@code --rounds N}, {@code --help}; a bad option is a one-line message
 * and exit code 2, a failure a stack trace and exit code 1.
 */
final class BenchmarkMain {

    /** The benchmark's body, given its rounds. */
    interface Body {
        void run(int rounds, PrintStream out) throws Exception;
    }

    private BenchmarkMain() {
    }

    /** @return the exit code: 0, 1 for a failure, 2 for a bad command line */
    static int run(String name, String summary, int defaultRounds, String[] args, PrintStream out, PrintStream err,
            Body body) {
        int rounds = defaultRounds;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help")) {
                out.printf(Locale.ROOT, "Usage: %s [--rounds N]%n%n%s%n%nOptions:%n  --rounds N  rounds (default %d)%n"
                        + "  --help      show this help and exit%n", name, summary, defaultRounds);
                return 0;
            }
            if (!args[i].equals("--rounds") || i + 1 == args.length) {
                err.println(name + ": unexpected argument '" + args[i] + "'; the options are --rounds N and --help");
                return 2;
            }
            try {
                rounds = Integer.parseInt(args[++i]);
            } catch (NumberFormatException e) {
                rounds = 0;
            }
            if (rounds < 1 || rounds > 100_000) {
                err.println(name + ": --rounds must be a whole number from 1 to 100000, got '" + args[i] + "'");
                return 2;
            }
        }
        try {
            body.run(rounds, out);
            return 0;
        } catch (Exception e) {
            err.println(name + " failed: " + e);
            e.printStackTrace(err);
            return 1;
        } finally {
            out.flush();
        }
    }

    /** Exits with the code if it is not 0. */
    static void exit(int code) {
        if (code != 0) {
            System.exit(code);
        }
    }
}

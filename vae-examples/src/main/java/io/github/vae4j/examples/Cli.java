package io.github.vae4j.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small command-line parser for the example programs: {@code --name value}, {@code --name=value}, flags and
 * {@code --help}. Unknown options, missing values and malformed numbers are {@link UsageException}s whose message
 * says what is wrong.
 */
final class Cli {

    /** A wrong command line; the message says what is wrong. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private record Option(String name, String valueName, String help, String defaultValue, boolean flag) {
    }

    private final String program;
    private final String summary;
    private final Map<String, Option> options = new LinkedHashMap<>();

    Cli(String program, String summary) {
        this.program = program;
        this.summary = summary;
        flag("help", "show this help and exit");
    }

    /** Declares an option with a value; {@code defaultValue} may be null (then the help text says what happens). */
    Cli option(String name, String valueName, String help, String defaultValue) {
        options.put(name, new Option(name, valueName, help, defaultValue, false));
        return this;
    }

    /** Declares a flag, false unless given. */
    Cli flag(String name, String help) {
        options.put(name, new Option(name, null, help, null, true));
        return this;
    }

    /** The options' description, as {@code --help} prints it. */
    String usage() {
        StringBuilder s = new StringBuilder();
        s.append("Usage: ").append(program).append(" [options]\n\n").append(summary).append("\n\nOptions:\n");
        List<String[]> rows = new ArrayList<>();
        int width = 0;
        for (Option o : options.values()) {
            String left = "--" + o.name + (o.flag ? "" : " " + o.valueName);
            width = Math.max(width, left.length());
            rows.add(new String[] {left, o.help + (o.defaultValue == null ? "" : " (default " + o.defaultValue + ")")});
        }
        for (String[] row : rows) {
            s.append("  ").append(row[0]).append(" ".repeat(width - row[0].length() + 2)).append(row[1]).append('\n');
        }
        return s.toString();
    }

    /**
     * Parses arguments.
     *
     * @return the values, or null if {@code --help} was given (the usage is then printed to {@code out})
     * @throws UsageException if the command line is wrong
     */
    Args parse(String[] args, PrintStream out) throws UsageException {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'; options start with --");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Option o = options.get(name);
            if (o == null) {
                throw new UsageException("unknown option --" + name);
            }
            if (o.flag) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                value = "true";
            } else if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException("--" + name + " needs a value: --" + name + " " + o.valueName);
                }
                value = args[++i];
            }
            values.put(name, value);
        }
        if (values.containsKey("help")) {
            out.print(usage());
            return null;
        }
        for (Option o : options.values()) {
            if (!o.flag && o.defaultValue != null) {
                values.putIfAbsent(o.name, o.defaultValue);
            }
        }
        return new Args(values);
    }

    /** Parsed values. */
    static final class Args {
        private final Map<String, String> values;

        private Args(Map<String, String> values) {
            this.values = values;
        }

        boolean has(String name) {
            return values.containsKey(name);
        }

        boolean flag(String name) {
            return values.containsKey(name);
        }

        String string(String name) {
            return values.get(name);
        }

        Path path(String name) {
            String v = values.get(name);
            return v == null ? null : Path.of(v);
        }

        int integer(String name, int min, int max) throws UsageException {
            String v = values.get(name);
            try {
                int n = Integer.parseInt(v.replace("_", "").replace(",", ""));
                if (n < min || n > max) {
                    throw new UsageException("--" + name + " must be between " + min + " and " + max + ", got " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " needs a whole number, got '" + v + "'");
            }
        }

        double decimal(String name, double min, double max) throws UsageException {
            String v = values.get(name);
            try {
                double d = Double.parseDouble(v);
                if (!(d >= min && d <= max)) {
                    throw new UsageException("--" + name + " must be between " + min + " and " + max + ", got " + v);
                }
                return d;
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " needs a number, got '" + v + "'");
            }
        }

        long longValue(String name) throws UsageException {
            String v = values.get(name);
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " needs a whole number, got '" + v + "'");
            }
        }

        /** A comma-separated list of whole numbers, each within [min, max]. */
        int[] integers(String name, int min, int max) throws UsageException {
            String v = values.get(name);
            String[] parts = v.split(",");
            int[] out = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    out[i] = Integer.parseInt(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new UsageException("--" + name + " needs whole numbers separated by commas, got '" + v + "'");
                }
                if (out[i] < min || out[i] > max) {
                    throw new UsageException("--" + name + " values must be between " + min + " and " + max
                            + ", got " + out[i]);
                }
            }
            return out;
        }
    }
}

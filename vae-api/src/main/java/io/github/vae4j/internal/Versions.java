package io.github.vae4j.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library version, read from a resource the build fills in. */
public final class Versions {

    private static final String LIBRARY = read();

    private Versions() {
    }

    public static String library() {
        return LIBRARY;
    }

    private static String read() {
        try (InputStream in = Versions.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}

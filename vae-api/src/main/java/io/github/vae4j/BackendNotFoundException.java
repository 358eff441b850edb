package io.github.vae4j;

/**
 * No vae4j backend is on the class path, or none of those present can run on this machine.
 */
public final class BackendNotFoundException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message what was looked for and which dependency to add */
    public BackendNotFoundException(String message) {
        super(message);
    }
}

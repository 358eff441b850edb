package io.github.vae4j.io;

import java.io.IOException;

/** A model file is not valid: truncated, corrupted, of an unknown or newer format, or inconsistent. */
public class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the file */
    public ModelFormatException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong with the file
     * @param cause the underlying failure
     */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

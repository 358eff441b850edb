package io.github.vae4j.io;

import java.io.IOException;
import java.nio.file.Path;

/** Reads and writes model files. PLACEHOLDER: being written. */
public final class ModelFile {

    private ModelFile() {
    }

    /**
     * @param path target
     * @param model content
     * @throws IOException on failure
     */
    public static void write(Path path, SavedModel model) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * @param path source
     * @return content
     * @throws IOException on failure
     */
    public static SavedModel read(Path path) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}

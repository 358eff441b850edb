package io.github.vae4j;

import io.github.vae4j.internal.Backends;
import io.github.vae4j.io.ModelFile;
import io.github.vae4j.io.ModelFormatException;
import io.github.vae4j.io.SavedModel;
import io.github.vae4j.spi.VaeBackend;
import io.github.vae4j.training.TrainingState;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A model to and from its file ({@link ModelFile}): the snapshot of a {@link VaeState} written atomically, and a
 * state restored on a backend of the device asked for. A well-formed file whose parameters do not fit its own
 * configuration is a {@link ModelFormatException}, like a damaged one.
 */
final class Persistence {

    private Persistence() {
    }

    /** Writes the model and its unfinished run, if any. Read lock held. */
    static void save(VaeState s, Path path) throws IOException {
        ModelFile.write(path, s.snapshot(s.requireModel("save"), s.life.pendingRun));
    }

    /** The bytes {@link #save} writes. Read lock held. */
    static byte[] toBytes(VaeState s) {
        return ModelFile.toBytes(s.snapshot(s.requireModel("save"), s.life.pendingRun));
    }

    static VaeState load(Path path, Device device) throws IOException {
        SavedModel saved = ModelFile.read(path);
        try {
            return restore(saved, device);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(path + " is inconsistent: " + e.getMessage(), e);
        }
    }

    static VaeState fromBytes(byte[] modelFile) throws IOException {
        SavedModel saved = ModelFile.fromBytes(modelFile);
        try {
            return restore(saved, Device.AUTO);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("the model is inconsistent: " + e.getMessage(), e);
        }
    }

    private static VaeState restore(SavedModel saved, Device device) {
        VaeBackend backend = Backends.get(device);
        VaeState s = new VaeState(backend, saved.config(), saved.defaults(), saved.state().optimizer(),
                VaeState.Checkpoints.NONE);
        s.model = backend.restore(saved.config(), saved.state());
        s.life = TrainingState.restored(saved.progress(), saved.provenance().trainingExamples(),
                saved.provenance().finalElbo());
        s.scaling = saved.scaling();
        return s;
    }
}

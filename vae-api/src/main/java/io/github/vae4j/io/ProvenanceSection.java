package io.github.vae4j.io;

import static io.github.vae4j.io.ByteSink.utf8;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * The training defaults (a section of their own from version 3; before, settings in the configuration, see
 * {@link ArchitectureSection.OlderSettings}; the gradient-norm limit from version 4) and the provenance: how the
 * model was made.
 */
final class ProvenanceSection {

    private ProvenanceSection() {
    }

    /** @return the defaults' bytes */
    static long defaultsBytes() {
        return 4 + 4 + 8 + 8;
    }

    static void writeDefaults(ByteSink sink, TrainingDefaults d) throws IOException {
        sink.int32(d.epochs());
        sink.int32(d.batchSize());
        sink.float64(d.beta());
        sink.float64(d.clipGradientNorm());
    }

    static TrainingDefaults readDefaults(ByteSource in, FormatVersion version, ArchitectureSection.OlderSettings older)
            throws IOException {
        int epochs = older.epochs();
        int batchSize = older.batchSize();
        double beta = older.beta();
        if (!version.hasSettingsInConfiguration()) {
            in.section("training defaults");
            epochs = in.int32("epochs");
            batchSize = in.int32("batch size");
            beta = in.float64("beta");
        }
        double clip = version.hasSchema() ? in.float64("gradient norm limit") : 0;
        try {
            return new TrainingDefaults(epochs, batchSize, beta, clip);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("invalid configuration: " + e.getMessage(), e);
        }
    }

    /** @return the provenance's bytes; checks the strings' limits */
    static long provenanceBytes(Provenance p) {
        return utf8("library version", p.libraryVersion()) + utf8("Java version", p.javaVersion())
                + utf8("backend description", p.backend()) + 8 + 4 + 8 + 8 + 8 + 4;
    }

    static void writeProvenance(ByteSink sink, Provenance p) throws IOException {
        sink.string(p.libraryVersion());
        sink.string(p.javaVersion());
        sink.string(p.backend());
        sink.int64(p.trainingExamples());
        sink.int32(p.epochs());
        sink.int64(p.seed());
        sink.float64(p.finalElbo());
        sink.int64(p.createdAt().getEpochSecond());
        sink.int32(p.createdAt().getNano());
    }

    static Provenance readProvenance(ByteSource in) throws IOException {
        in.section("provenance");
        String libraryVersion = in.string("library version");
        String javaVersion = in.string("Java version");
        String backend = in.string("backend description");
        long trainingExamples = in.int64("training examples");
        int epochs = in.int32("epochs");
        long seed = in.int64("seed");
        double finalElbo = in.float64("final ELBO");
        int timeOffset = in.position();
        long seconds = in.int64("creation time (seconds)");
        int nanos = in.int32("creation time (nanoseconds)");
        if (nanos < 0 || nanos > 999_999_999) {
            throw in.fail(timeOffset, "creation time has %s nanoseconds, it must be between 0 and 999999999", nanos);
        }
        try {
            return new Provenance(libraryVersion, javaVersion, backend, trainingExamples, epochs, seed, finalElbo,
                    Instant.ofEpochSecond(seconds, nanos));
        } catch (DateTimeException | IllegalArgumentException | NullPointerException e) {
            throw new ModelFormatException("invalid provenance: " + e.getMessage(), e);
        }
    }
}

package io.github.vae4j.io;

import static io.github.vae4j.io.ByteSink.limit;
import static io.github.vae4j.io.HeaderSection.CHECKSUM_BYTES;
import static io.github.vae4j.io.HeaderSection.HEADER_BYTES;

import io.github.vae4j.VaeConfig;
import io.github.vae4j.spi.ModelState;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The model format's sections in file order: the header ({@link HeaderSection}), the configuration
 * ({@link ArchitectureSection}, the schema within it), the scaling ({@link SchemaSection}), the training defaults and
 * provenance ({@link ProvenanceSection}), the training and run progress ({@link ProgressSection}) and the state
 * ({@link StateSection}), then the checksum. Writing is in version 4; reading takes versions 1 to 4, each section
 * asking {@link FormatVersion} what the file's version holds. See {@code docs/model-format.md} for the layout, which
 * the sections must follow exactly.
 */
final class ModelCodec {

    /** Offset of the declared file length. */
    static final int LENGTH_OFFSET = HeaderSection.LENGTH_OFFSET;

    private ModelCodec() {
    }

    // ------------------------------------------------------------------------------------------------- writing

    /**
     * A model checked against the format's limits, with its exact length known.
     *
     * @param model the model
     * @param length its file's bytes
     */
    record Plan(SavedModel model, long length) {
    }

    /**
     * Checks that {@code model} can be represented and computes its file length; touches no file.
     *
     * @throws IllegalArgumentException if the model exceeds a limit of the format
     */
    static Plan plan(SavedModel model) {
        VaeConfig config = model.config();
        ModelState state = model.state();
        RunProgress run = model.progress().run();
        long length = HEADER_BYTES + ArchitectureSection.bytes(config) + SchemaSection.scalingBytes(model.scaling())
                + ProvenanceSection.defaultsBytes() + ProvenanceSection.provenanceBytes(model.provenance())
                + ProgressSection.bytes(model.progress())
                + StateSection.bytes(state, run != null && run.hasBestState()) + CHECKSUM_BYTES;
        limit(length <= ModelFile.MAX_FILE_BYTES, "the model needs %s bytes, the format allows at most %s", length,
                ModelFile.MAX_FILE_BYTES);
        return new Plan(model, length);
    }

    /** Writes the planned model to {@code out}, header to checksum; does not close {@code out}. */
    static void encode(Plan plan, OutputStream out) throws IOException {
        SavedModel model = plan.model();
        ByteSink sink = new ByteSink(out);
        sink.bytes(HeaderSection.write(ModelFile.FORMAT_VERSION, plan.length()));
        ArchitectureSection.write(sink, model.config());
        SchemaSection.writeScaling(sink, model.scaling());
        ProvenanceSection.writeDefaults(sink, model.defaults());
        ProvenanceSection.writeProvenance(sink, model.provenance());
        ProgressSection.write(sink, model.progress());
        RunProgress run = model.progress().run();
        StateSection.write(sink, model.state(), run != null && run.hasBestState() ? run.bestState() : null);
        sink.checksum();
        if (sink.written() != plan.length()) {
            throw new IllegalStateException("wrote " + sink.written() + " bytes, planned " + plan.length());
        }
    }

    // ------------------------------------------------------------------------------------------------- reading

    /**
     * Decodes a whole model file held in memory: header, length, checksum, then the body.
     *
     * @throws ModelFormatException if the bytes are not a valid model file
     * @throws IOException if the model's arrays do not fit in memory
     */
    static SavedModel decode(byte[] bytes) throws IOException {
        int n = bytes.length;
        int version = HeaderSection.check(bytes);
        long declared = HeaderSection.declaredLength(bytes);
        if (n < declared) {
            throw new ModelFormatException("truncated model file: it has " + n + " of the " + declared
                    + " bytes its header declares; " + whereItEnds(bytes, version, declared));
        }
        if (n > declared) {
            throw new ModelFormatException("trailing garbage: " + (n - declared) + " unexpected bytes after the end "
                    + "of the model, which its header says has " + declared + " bytes");
        }
        int end = (int) declared - CHECKSUM_BYTES;
        int stored = ByteBuffer.wrap(bytes).getInt(end);
        int computed = HeaderSection.crc32c(bytes, 0, end);
        if (stored != computed) {
            throw new ModelFormatException(String.format("checksum mismatch: the file is corrupted "
                    + "(stored CRC32C %08x, computed %08x over %s bytes)", stored, computed, end));
        }
        try {
            return decodeBody(new ByteSource(bytes, HEADER_BYTES, end), new FormatVersion(version), true);
        } catch (RuntimeException e) { // defence in depth: every known failure is already a ModelFormatException
            throw new ModelFormatException("internal error while reading a model file, please report it: " + e, e);
        }
    }

    /**
     * Checks a model file's header.
     *
     * @return the format version
     * @throws ModelFormatException if the header is missing, truncated, corrupted or of a newer version
     * @see HeaderSection#check
     */
    static int checkHeader(byte[] bytes) throws ModelFormatException {
        return HeaderSection.check(bytes);
    }

    /** Says in which section a truncated file ends, by walking its structure over the bytes that are there. */
    private static String whereItEnds(byte[] bytes, int version, long declared) {
        int available = (int) Math.min(bytes.length, declared - CHECKSUM_BYTES);
        ByteSource source = new ByteSource(bytes, HEADER_BYTES, available);
        try {
            decodeBody(source, new FormatVersion(version), false);
            return "it ends inside the checksum";
        } catch (IOException | RuntimeException e) {
            return source.ranOut() ? "it ends inside the " + source.section() + " section"
                    : "the bytes before the cut are not valid either: " + e.getMessage();
        }
    }

    /**
     * Decodes the body, between the header and the checksum.
     *
     * @param materialise {@code false} to only walk the structure (parameter arrays are skipped, not allocated)
     * @return the model, or {@code null} when not materialised
     */
    private static SavedModel decodeBody(ByteSource in, FormatVersion version, boolean materialise)
            throws IOException {
        ArchitectureSection.Read architecture = ArchitectureSection.read(in, version);
        var scaling = version.hasSchema() ? SchemaSection.readScaling(in) : null;
        TrainingDefaults defaults = ProvenanceSection.readDefaults(in, version, architecture.older());
        Provenance provenance = ProvenanceSection.readProvenance(in);
        ProgressSection.Read progress = ProgressSection.read(in, version);
        StateSection.Read state = StateSection.read(in, version, architecture.older(), progress.run(), materialise);
        if (!materialise) {
            return null;
        }
        RunProgress run;
        try {
            run = progress.run() == null ? null : progress.run().with(state.best());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelFormatException("invalid model: " + e.getMessage(), e);
        }
        TrainingProgress training;
        try {
            training = new TrainingProgress(progress.epochsCompleted(), progress.stepsCompleted(),
                    progress.shuffleRandom(), progress.noiseRandom(), run);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelFormatException("invalid training progress: " + e.getMessage(), e);
        }
        try {
            return new SavedModel(architecture.config(), defaults, provenance, state.state(), training, scaling);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelFormatException("invalid model: " + e.getMessage(), e);
        }
    }
}

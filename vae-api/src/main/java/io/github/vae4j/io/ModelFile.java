package io.github.vae4j.io;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes model files: a versioned binary format holding a {@link SavedModel}, its configuration,
 * provenance, training progress, parameters and optimiser state, protected by CRC32C checksums. The format is
 * described byte by byte in {@code docs/model-format.md}.
 *
 * <p>Reading is safe on untrusted files: no Java serialisation is involved, so loading a file cannot run code; every
 * size in a file is checked against a limit and against the bytes actually present before anything is allocated; and
 * every way a file can be wrong (truncated, corrupted, not a model file, of a newer format, inconsistent) is reported
 * as a {@link ModelFormatException} that says what is wrong. A reader reads every older version of the format.
 *
 * <p>Writing to a path is atomic: the model is written to a temporary file in the same folder, flushed to the disk,
 * and renamed over the target, so a crash never leaves a half-written model and an existing file is either kept or
 * replaced as a whole.
 *
 * <p>All methods are thread-safe; concurrent writes to the same path leave one of the models, whole.
 */
public final class ModelFile {

    /** The format version this library writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 6;

    /** The customary file name extension of model files. */
    public static final String EXTENSION = ".vae4j";

    /** Largest model file, in bytes, so that a whole file fits in one Java array: 2 GiB minus 9 bytes. */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    /** Most parameters in a model file (2^28, 1 GiB of float32 values). */
    public static final int MAX_PARAMETERS = 1 << 28;

    /** Most optimiser slots (Adam uses 2). */
    public static final int MAX_OPTIMIZER_SLOTS = 8;

    /** Most hidden layers in a configuration. */
    public static final int MAX_HIDDEN_LAYERS = 64;

    /** Longest string in a model file, in bytes of UTF-8. */
    public static final int MAX_STRING_BYTES = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ModelFile.class);

    private ModelFile() {
    }

    /**
     * Writes {@code model} to {@code path}, atomically: to a temporary file in the same folder, which is flushed to
     * the disk and then renamed over {@code path}. An existing file at {@code path} is replaced as a whole, or left
     * as it was if writing fails; the temporary file is deleted on failure. A symbolic link at {@code path} is
     * replaced by the file, not followed. The new file gets the permissions of the file it replaces, or the default
     * ones.
     *
     * @param path the file to write; its folder must exist
     * @param model the model
     * @throws java.nio.file.NoSuchFileException if the folder of {@code path} does not exist (it is not created)
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if the model exceeds a limit of the format ({@link #MAX_PARAMETERS},
     *     {@link #MAX_OPTIMIZER_SLOTS}, {@link #MAX_HIDDEN_LAYERS}, {@link #MAX_STRING_BYTES},
     *     {@link #MAX_FILE_BYTES}); nothing is written then
     */
    public static void write(Path path, SavedModel model) throws IOException {
        checkNotNull(path, "path");
        checkNotNull(model, "model");
        long start = System.nanoTime();
        ModelCodec.Plan plan = ModelCodec.plan(model);
        AtomicFiles.write(path, out -> ModelCodec.encode(plan, out));
        LOG.debug("wrote {}: format {}, {} bytes, {} parameters, in {} ms", path, FORMAT_VERSION, plan.length(),
                model.state().parameters().length, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Reads a model file written by {@link #write(Path, SavedModel)}, in this format version or any older one.
     *
     * @param path the file
     * @return the model
     * @throws ModelFormatException if the file is not a valid model file, with a message that says what is wrong
     *     and names the file: truncated (and where), corrupted (checksum mismatch), not a vae4j model file, written in
     *     a newer format version, larger than {@link #MAX_FILE_BYTES}, or with content that is out of its limits or
     *     inconsistent
     * @throws IOException if the file cannot be read, or the model does not fit in memory
     */
    public static SavedModel read(Path path) throws IOException {
        checkNotNull(path, "path");
        long start = System.nanoTime();
        byte[] bytes;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > MAX_FILE_BYTES) {
                throw new ModelFormatException(path + ": " + size + " bytes is larger than any model file (at most "
                        + MAX_FILE_BYTES + " bytes)");
            }
            bytes = allocate((int) size);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read on
            }
            if (buffer.hasRemaining()) { // it shrank since its size was taken
                bytes = Arrays.copyOf(bytes, buffer.position());
            } else if (channel.read(ByteBuffer.allocate(1)) > 0) {
                throw new IOException(path + " grew while it was being read");
            }
        }
        SavedModel model;
        try {
            model = ModelCodec.decode(bytes);
        } catch (ModelFormatException e) {
            throw new ModelFormatException(path + ": " + e.getMessage(), e);
        }
        LOG.debug("read {}: {} bytes, {} parameters, in {} ms", path, bytes.length,
                model.state().parameters().length, (System.nanoTime() - start) / 1_000_000);
        return model;
    }

    /**
     * Writes {@code model} to a stream, in the same format as a file. Not atomic; the stream is not closed.
     *
     * @param out the stream
     * @param model the model
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if the model exceeds a limit of the format
     */
    public static void write(OutputStream out, SavedModel model) throws IOException {
        checkNotNull(out, "output stream");
        checkNotNull(model, "model");
        ModelCodec.encode(ModelCodec.plan(model), out);
    }

    /**
     * Reads a model from a stream that holds exactly one model file: the stream must end after it. The stream is
     * read to its end (at most one byte further than the model) and not closed.
     *
     * @param in the stream
     * @return the model
     * @throws ModelFormatException if the content is not a valid model file, or more bytes follow it
     * @throws IOException if reading fails, or the model does not fit in memory
     */
    public static SavedModel read(InputStream in) throws IOException {
        checkNotNull(in, "input stream");
        byte[] header = in.readNBytes(HeaderSection.HEADER_BYTES);
        if (header.length < HeaderSection.HEADER_BYTES) {
            return ModelCodec.decode(header); // throws: empty, not a model file, or truncated
        }
        ModelCodec.checkHeader(header);
        long declared = ByteBuffer.wrap(header).getLong(ModelCodec.LENGTH_OFFSET);
        byte[] bytes = readUpTo(in, header, (int) declared);
        if (bytes.length == declared && in.read() >= 0) {
            throw new ModelFormatException("trailing garbage: the stream goes on after the end of the model, which "
                    + "its header says has " + declared + " bytes");
        }
        return ModelCodec.decode(bytes);
    }

    /**
     * The model file's bytes, as {@link #write(Path, SavedModel)} would write them.
     *
     * @param model the model
     * @return the bytes
     * @throws IllegalArgumentException if the model exceeds a limit of the format
     */
    public static byte[] toBytes(SavedModel model) {
        checkNotNull(model, "model");
        ModelCodec.Plan plan = ModelCodec.plan(model);
        byte[] bytes = new byte[(int) plan.length()];
        OutputStream out = new OutputStream() {
            private int position;

            @Override
            public void write(int b) {
                bytes[position++] = (byte) b;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                System.arraycopy(b, off, bytes, position, len);
                position += len;
            }
        };
        try {
            ModelCodec.encode(plan, out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e); // cannot happen
        }
        return bytes;
    }

    /**
     * Reads a model from the complete bytes of a model file.
     *
     * @param bytes the file's content
     * @return the model
     * @throws ModelFormatException if {@code bytes} are not a valid model file
     * @throws IOException if the model does not fit in memory
     */
    public static SavedModel fromBytes(byte[] bytes) throws IOException {
        checkNotNull(bytes, "bytes");
        return ModelCodec.decode(bytes);
    }

    private static byte[] allocate(int size) throws IOException {
        try {
            return new byte[size];
        } catch (OutOfMemoryError e) {
            throw new IOException("not enough memory to read a model file of " + size + " bytes", e);
        }
    }

    /**
     * Reads until {@code length} bytes in all or the end of the stream, growing the buffer as bytes arrive rather
     * than trusting {@code length} with one allocation.
     */
    private static byte[] readUpTo(InputStream in, byte[] start, int length) throws IOException {
        byte[] bytes = Arrays.copyOf(start, Math.min(length, 1 << 20));
        int filled = start.length;
        while (filled < length) {
            if (filled == bytes.length) {
                int grown = (int) Math.min(length, 2L * bytes.length);
                try {
                    bytes = Arrays.copyOf(bytes, grown);
                } catch (OutOfMemoryError e) {
                    throw new IOException("not enough memory to read a model of " + length + " bytes", e);
                }
            }
            int n = in.read(bytes, filled, bytes.length - filled);
            if (n < 0) {
                return Arrays.copyOf(bytes, filled);
            }
            filled += n;
        }
        return bytes.length == filled ? bytes : Arrays.copyOf(bytes, filled);
    }
}

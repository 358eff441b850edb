package io.github.vae4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Big-endian input of the primitive types of the model format from a byte range held in memory. Every read first
 * checks that the bytes are there, and every count is checked against its limit before anything is allocated, so
 * that no content can make the reader allocate more than the file holds. Tracks the section being read, for the
 * error messages.
 */
final class ByteSource {

    private final ByteBuffer buffer;
    private String section = "header";
    private boolean ranOut;

    /**
     * @param bytes the file
     * @param from offset of the first byte to read
     * @param to offset just past the last byte to read
     */
    ByteSource(byte[] bytes, int from, int to) {
        this.buffer = ByteBuffer.wrap(bytes, from, to - from); // big-endian; positions stay absolute offsets
    }

    /** Names the section that the following reads belong to. */
    void section(String name) {
        section = name;
    }

    String section() {
        return section;
    }

    /** @return {@code true} once a read found fewer bytes than it needed */
    boolean ranOut() {
        return ranOut;
    }

    int position() {
        return buffer.position();
    }

    long remaining() {
        return buffer.remaining();
    }

    int int8(String what) throws ModelFormatException {
        need(1, what);
        return buffer.get() & 0xff;
    }

    int int32(String what) throws ModelFormatException {
        need(4, what);
        return buffer.getInt();
    }

    long int64(String what) throws ModelFormatException {
        need(8, what);
        return buffer.getLong();
    }

    double float64(String what) throws ModelFormatException {
        return Double.longBitsToDouble(int64(what));
    }

    /**
     * Reads a count and checks it against its bounds.
     *
     * @param what the field, for messages
     * @param max the largest valid count
     * @return the count, in [0, max]
     */
    int count(String what, int max) throws ModelFormatException {
        int offset = buffer.position();
        int value = int32(what);
        if (value < 0 || value > max) {
            throw fail(offset, "%s is %s, it must be between 0 and %s", what, value, max);
        }
        return value;
    }

    /** Reads a length-prefixed UTF-8 string of at most {@link ModelFile#MAX_STRING_BYTES} bytes; strict decoding. */
    String string(String what) throws ModelFormatException {
        int length = count(what + " length (bytes)", ModelFile.MAX_STRING_BYTES);
        int offset = buffer.position();
        need(length, what);
        ByteBuffer slice = buffer.slice();
        slice.limit(length);
        buffer.position(offset + length);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(slice);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(String.format("%s at offset %s in the %s section is not valid UTF-8",
                    what, offset, section), e);
        }
    }

    /**
     * Reads {@code count} floats in bulk; the count must already have been checked against the bytes that remain.
     *
     * @throws IOException if the array does not fit in memory
     */
    float[] floats(int count, String what) throws IOException {
        need((long) count * Float.BYTES, what);
        float[] values;
        try {
            values = new float[count];
        } catch (OutOfMemoryError e) {
            throw new IOException("not enough memory for the " + count + " values of the " + what
                    + " of a model file", e);
        }
        buffer.asFloatBuffer().get(values);
        buffer.position(buffer.position() + count * Float.BYTES);
        return values;
    }

    /** Steps over {@code bytes} bytes without reading them. */
    void skip(long bytes, String what) throws ModelFormatException {
        need(bytes, what);
        buffer.position(buffer.position() + (int) bytes);
    }

    /** A failure at {@code offset} of the current section. */
    ModelFormatException fail(int offset, String format, Object... args) {
        return new ModelFormatException(String.format(format, args) + " (offset " + offset + ", " + section
                + " section)");
    }

    private void need(long bytes, String what) throws ModelFormatException {
        if (buffer.remaining() < bytes) {
            ranOut = true;
            throw new ModelFormatException(String.format(
                    "the %s section ends early: the %s at offset %s needs %s bytes, only %s remain", section, what,
                    buffer.position(), bytes, buffer.remaining()));
        }
    }
}

package io.github.vae4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Big-endian output of the primitive types of the model format, buffered, with a running CRC32C over every byte
 * written. Float arrays go through the buffer in bulk, never one value at a time.
 */
final class ByteSink {

    private static final int CAPACITY = 1 << 16;

    private final OutputStream out;
    private final ByteBuffer buffer = ByteBuffer.allocate(CAPACITY); // big-endian
    private final CRC32C crc = new CRC32C();
    private long written;

    ByteSink(OutputStream out) {
        this.out = out;
    }

    void int8(int value) throws IOException {
        ensure(1);
        buffer.put((byte) value);
    }

    void int32(int value) throws IOException {
        ensure(4);
        buffer.putInt(value);
    }

    void int64(long value) throws IOException {
        ensure(8);
        buffer.putLong(value);
    }

    /** Writes the raw bits, so that every NaN payload survives. */
    void float64(double value) throws IOException {
        int64(Double.doubleToRawLongBits(value));
    }

    /** A string: its length in UTF-8 bytes, then the bytes (checked against the format's limit by {@link #utf8}). */
    void string(String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int32(utf8.length);
        bytes(utf8);
    }

    /**
     * @param what the string's name, for the message
     * @param value the string
     * @return its length in the file: 4 bytes of length, then UTF-8
     * @throws IllegalArgumentException if it is longer than {@link ModelFile#MAX_STRING_BYTES} in UTF-8
     */
    static long utf8(String what, String value) {
        int n = value.getBytes(StandardCharsets.UTF_8).length;
        limit(n <= ModelFile.MAX_STRING_BYTES, "the %s has %s bytes in UTF-8, the format allows at most %s", what, n,
                ModelFile.MAX_STRING_BYTES);
        return 4L + n;
    }

    /** @throws IllegalArgumentException naming the limit a model to save exceeds, unless {@code ok} */
    static void limit(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException("cannot save the model: " + String.format(format, args));
        }
    }

    void bytes(byte[] bytes) throws IOException {
        int offset = 0;
        while (offset < bytes.length) {
            ensure(1);
            int n = Math.min(bytes.length - offset, buffer.remaining());
            buffer.put(bytes, offset, n);
            offset += n;
        }
    }

    /** Writes {@code values} in bulk, as big-endian IEEE 754 single-precision raw bits. */
    void floats(float[] values) throws IOException {
        int offset = 0;
        while (offset < values.length) {
            ensure(Float.BYTES);
            int n = Math.min(values.length - offset, buffer.remaining() / Float.BYTES);
            buffer.asFloatBuffer().put(values, offset, n);
            buffer.position(buffer.position() + n * Float.BYTES);
            offset += n;
        }
    }

    /** Writes the CRC32C of every byte written so far, itself not included, and flushes. */
    void checksum() throws IOException {
        drain();
        int value = (int) crc.getValue();
        buffer.putInt(value);
        out.write(buffer.array(), 0, buffer.position());
        written += buffer.position();
        buffer.clear();
        out.flush();
    }

    /** @return bytes written so far, buffered ones included */
    long written() {
        return written + buffer.position();
    }

    private void ensure(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            drain();
        }
    }

    private void drain() throws IOException {
        int n = buffer.position();
        if (n > 0) {
            crc.update(buffer.array(), 0, n);
            out.write(buffer.array(), 0, n);
            written += n;
            buffer.clear();
        }
    }
}

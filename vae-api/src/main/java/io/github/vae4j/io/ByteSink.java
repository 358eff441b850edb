package io.github.vae4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
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

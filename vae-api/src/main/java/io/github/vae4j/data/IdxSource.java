package io.github.vae4j.data;

import io.github.vae4j.DataSource;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * An IDX image file streamed one image at a time; see {@link DataSource#idx(Path)}.
 */
public final class IdxSource implements DataSource {

    private final Path file;
    private final Idx.ImageHeader header;

    /**
     * Reads the header.
     *
     * @param file an {@code idx3-ubyte} file, plain or gzip-compressed
     * @throws IOException if the file cannot be read or is not an IDX image file
     */
    public IdxSource(Path file) throws IOException {
        this.file = file;
        try (InputStream in = Files.newInputStream(file)) {
            this.header = Idx.readImageHeader(Idx.open(in), file.toString());
        }
    }

    /** @return rows of pixels per image */
    public int height() {
        return header.height();
    }

    /** @return columns of pixels per image */
    public int imageWidth() {
        return header.width();
    }

    @Override
    public int width() {
        return header.height() * header.width();
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.of(header.count());
    }

    @Override
    public RowReader open() throws IOException {
        InputStream raw = Files.newInputStream(file);
        DataInputStream in;
        try {
            in = Idx.open(raw);
            Idx.ImageHeader now = Idx.readImageHeader(in, file.toString());
            if (!now.equals(header)) {
                throw new IOException(file + " changed: its header now says " + now + ", it said " + header);
            }
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
        byte[] pixels = new byte[width()];
        return new RowReader() {
            private int next;

            @Override
            public boolean next(float[] row) throws IOException {
                if (next == header.count()) {
                    return false;
                }
                try {
                    in.readFully(pixels);
                } catch (EOFException e) {
                    throw new IOException(file + " is truncated at image " + next + " of " + header.count(), e);
                }
                for (int p = 0; p < pixels.length; p++) {
                    row[p] = (pixels[p] & 0xff) / 255f;
                }
                next++;
                return true;
            }

            @Override
            public String where() {
                return file + " image " + (next - 1);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    @Override
    public String toString() {
        return "IDX file " + file + " (" + header.count() + " images of " + header.height() + "x" + header.width()
                + ")";
    }
}

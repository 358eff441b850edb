package io.github.vae4j.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST (a big-endian header of magic number and dimensions, then
 * unsigned bytes), plain or gzip-compressed.
 */
public final class Idx {

    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;
    /** More items than any IDX file in use holds; a larger count means a corrupt header. */
    private static final int MAX_ITEMS = 100_000_000;
    private static final int MAX_SIDE = 4096;

    private Idx() {
    }

    /**
     * Reads images as rows of pixel intensities scaled to [0, 1] (byte / 255), row-major within an image.
     *
     * @param file an {@code idx3-ubyte} file, optionally gzip-compressed
     * @return {@code n x (height * width)} intensities
     * @throws IOException if the file cannot be read or is not an IDX image file
     */
    public static float[][] readImages(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readImages(in, file.toString());
        }
    }

    /**
     * Reads images from a stream; see {@link #readImages(Path)}.
     *
     * @param stream the bytes, optionally gzip-compressed; not closed
     * @param name what to call the source in messages
     * @return {@code n x (height * width)} intensities
     * @throws IOException if the stream cannot be read or is not an IDX image file
     */
    public static float[][] readImages(InputStream stream, String name) throws IOException {
        DataInputStream in = open(stream);
        ImageHeader header = readImageHeader(in, name);
        int size = header.height() * header.width();
        byte[] pixels = new byte[size];
        float[][] out = new float[header.count()][];
        for (int i = 0; i < header.count(); i++) {
            readFully(in, pixels, name, i);
            float[] row = new float[size];
            for (int p = 0; p < size; p++) {
                row[p] = (pixels[p] & 0xff) / 255f;
            }
            out[i] = row;
        }
        return out;
    }

    /**
     * The dimensions in an image file's header.
     *
     * @param count images in the file
     * @param height rows of pixels per image
     * @param width columns of pixels per image
     */
    record ImageHeader(int count, int height, int width) {
    }

    /** Reads and checks the 16-byte header of an image file. */
    static ImageHeader readImageHeader(DataInputStream in, String name) throws IOException {
        int magic;
        int n;
        int height;
        int width;
        try {
            magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new IOException(name + " is not an IDX image file: magic number 0x" + Integer.toHexString(magic)
                        + ", expected 0x803");
            }
            n = in.readInt();
            height = in.readInt();
            width = in.readInt();
        } catch (EOFException e) {
            throw new IOException(name + " is not an IDX image file: it ends inside the 16-byte header", e);
        }
        if (n < 0 || n > MAX_ITEMS || height <= 0 || height > MAX_SIDE || width <= 0 || width > MAX_SIDE) {
            throw new IOException(name + " has an implausible header: " + n + " images of " + height + " x " + width);
        }
        return new ImageHeader(n, height, width);
    }

    /**
     * Reads labels.
     *
     * @param file an {@code idx1-ubyte} file, optionally gzip-compressed
     * @return one label (0-255) per item
     * @throws IOException if the file cannot be read or is not an IDX label file
     */
    public static int[] readLabels(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readLabels(in, file.toString());
        }
    }

    /**
     * Reads labels from a stream; see {@link #readLabels(Path)}.
     *
     * @param stream the bytes, optionally gzip-compressed; not closed
     * @param name what to call the source in messages
     * @return one label (0-255) per item
     * @throws IOException if the stream cannot be read or is not an IDX label file
     */
    public static int[] readLabels(InputStream stream, String name) throws IOException {
        DataInputStream in = open(stream);
        int magic = in.readInt();
        if (magic != LABELS_MAGIC) {
            throw new IOException(name + " is not an IDX label file: magic number 0x" + Integer.toHexString(magic)
                    + ", expected 0x801");
        }
        int n = in.readInt();
        if (n < 0 || n > MAX_ITEMS) {
            throw new IOException(name + " has an implausible header: " + n + " labels");
        }
        byte[] bytes = new byte[n];
        readFully(in, bytes, name, 0);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = bytes[i] & 0xff;
        }
        return labels;
    }

    private static void readFully(DataInputStream in, byte[] into, String name, int item) throws IOException {
        try {
            in.readFully(into);
        } catch (EOFException e) {
            throw new IOException(name + " is truncated at item " + item, e);
        }
    }

    /** Buffers a stream and undoes its gzip compression, if any. */
    static DataInputStream open(InputStream stream) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(stream, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16)
                : buffered);
    }
}

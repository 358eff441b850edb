package io.github.vae4j.io;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * The model file's 24-byte header, frozen for every format version: magic number, format version, file length and
 * the header's own CRC32C; and the CRC32C that ends the file.
 */
final class HeaderSection {

    /** "VAE4J", CR LF, Ctrl-Z: catches text-mode transfers and {@code type} on Windows, like PNG's signature. */
    static final byte[] MAGIC = {'V', 'A', 'E', '4', 'J', '\r', '\n', 0x1a};

    /** Magic (8), format version (4), file length (8), header CRC32C (4). */
    static final int HEADER_BYTES = 24;

    /** Offset of the format version. */
    static final int VERSION_OFFSET = 8;

    /** Offset of the declared file length. */
    static final int LENGTH_OFFSET = 12;

    /** Offset of the header's CRC32C, which covers bytes 0 to 19. */
    static final int HEADER_CRC_OFFSET = 20;

    /** Bytes of the trailing CRC32C. */
    static final int CHECKSUM_BYTES = 4;

    /** The smallest length a file can declare: a header and a checksum. */
    static final int MIN_FILE_BYTES = HEADER_BYTES + CHECKSUM_BYTES;

    private HeaderSection() {
    }

    /** The 24-byte header: magic, version, length, CRC32C of the first 20 bytes. */
    static byte[] write(int version, long length) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        header.put(MAGIC).putInt(version).putLong(length);
        header.putInt(crc32c(header.array(), 0, HEADER_CRC_OFFSET));
        return header.array();
    }

    /**
     * Checks the header at the start of {@code bytes}, which may hold only the header or the whole file: the magic
     * number, the header checksum, the version and the declared length.
     *
     * @return the format version
     * @throws ModelFormatException if the header is missing, truncated, corrupted or of a newer version
     */
    static int check(byte[] bytes) throws ModelFormatException {
        int n = bytes.length;
        if (n == 0) {
            throw new ModelFormatException("not a vae4j model file: the file is empty");
        }
        int magic = Math.min(n, MAGIC.length);
        if (!Arrays.equals(bytes, 0, magic, MAGIC, 0, magic)) {
            throw new ModelFormatException("not a vae4j model file: the magic number does not match (the file starts "
                    + "with " + HexFormat.ofDelimiter(" ").formatHex(bytes, 0, magic) + ")");
        }
        if (n < HEADER_BYTES) {
            throw new ModelFormatException("truncated model file: it has " + n + " bytes and ends inside the "
                    + HEADER_BYTES + "-byte header");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, 0, HEADER_BYTES);
        int storedHeaderCrc = header.getInt(HEADER_CRC_OFFSET);
        int headerCrc = crc32c(bytes, 0, HEADER_CRC_OFFSET);
        if (storedHeaderCrc != headerCrc) {
            throw new ModelFormatException(String.format("header checksum mismatch: the file's header is corrupted "
                    + "(stored CRC32C %08x, computed %08x)", storedHeaderCrc, headerCrc));
        }
        int version = header.getInt(VERSION_OFFSET);
        if (version > ModelFile.FORMAT_VERSION) {
            throw new ModelFormatException("written by a newer vae4j: format " + version + ", this library reads up to "
                    + ModelFile.FORMAT_VERSION);
        }
        if (version < 1) {
            throw new ModelFormatException("invalid format version " + version + ": versions start at 1");
        }
        long declared = header.getLong(LENGTH_OFFSET);
        if (declared < MIN_FILE_BYTES || declared > ModelFile.MAX_FILE_BYTES) {
            throw new ModelFormatException("the header declares a file length of " + declared
                    + " bytes, which is not between " + MIN_FILE_BYTES + " and " + ModelFile.MAX_FILE_BYTES);
        }
        return version;
    }

    /** @return the file length the header of {@code bytes} declares */
    static long declaredLength(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong(LENGTH_OFFSET);
    }

    /** @return the CRC32C of bytes {@code from} to {@code to} */
    static int crc32c(byte[] bytes, int from, int to) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, to - from);
        return (int) crc.getValue();
    }
}

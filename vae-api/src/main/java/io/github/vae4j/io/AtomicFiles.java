package io.github.vae4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a file atomically: the content goes to a new temporary file in the target's folder, which is flushed to
 * the disk and then renamed over the target. Readers see the old file or the new one, never a mixture, and a crash
 * at any point leaves the old file intact (at worst with a stray temporary file, after a crash of the JVM itself).
 */
final class AtomicFiles {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    /** Writes the content of a file. */
    @FunctionalInterface
    interface Content {
        /** Writes everything to {@code out}, which it must not close. */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code content} to {@code path}, atomically replacing any file there.
     *
     * @throws NoSuchFileException if the folder of {@code path} does not exist; it is not created
     * @throws IOException if writing fails, in which case the previous file is left as it was and the temporary file
     *     is deleted
     */
    static void write(Path path, Content content) throws IOException {
        Path target = path.toAbsolutePath();
        Path folder = target.getParent();
        if (folder == null || target.getFileName() == null) {
            throw new IOException("cannot write " + target + ": not a file path");
        }
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null,
                    "the folder for " + target.getFileName() + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "is a folder, not a file");
        }
        Path temp = createTemp(folder, target.getFileName().toString());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel); // unbuffered; content buffers itself
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            copyPermissions(target, temp);
            move(temp, target);
        } catch (Throwable e) { // also a RuntimeException or an Error thrown by the content
            try {
                Files.deleteIfExists(temp);
            } catch (IOException | RuntimeException deleteFailure) {
                e.addSuppressed(deleteFailure);
            }
            throw e;
        }
        syncFolder(folder);
    }

    /**
     * A new empty file next to the target, created with the default permissions (unlike
     * {@link Files#createTempFile}, which makes it readable by its owner only, and so would the model file be).
     */
    private static Path createTemp(Path folder, String name) throws IOException {
        String base = name.length() > 64 ? name.substring(0, 64) : name;
        for (int attempt = 0;; attempt++) {
            Path temp = folder.resolve("." + base + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /** Gives the new file the permissions of the one it replaces, where the file system has POSIX permissions. */
    private static void copyPermissions(Path from, Path to) {
        try {
            if (Files.exists(from)) {
                Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("kept the default permissions of {}: {}", to, e.toString());
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            LOG.warn("the file system of {} cannot rename atomically; replacing the file non-atomically", to);
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename itself durable. Possible on Linux and macOS; elsewhere (Windows) the folder cannot be opened. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not flush the folder {} to the disk: {}", folder, e.toString());
        }
    }
}

package io.github.vae4j.viz;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writing pictures to files. */
final class Pictures {

    private Pictures() {
    }

    /**
     * Writes a PNG, creating missing parent folders.
     *
     * @param image the picture
     * @param file the file to write, replaced if it exists
     * @throws IOException if writing fails
     */
    static void writePng(BufferedImage image, Path file) throws IOException {
        Checks.notNull(file, "file");
        createParents(file);
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer for an image of type " + image.getType());
        }
    }

    static void createParents(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    /** @return the 0-255 gray level of an intensity, clamped to [0, 1] */
    static int gray(float value) {
        float v = value < 0f ? 0f : Math.min(value, 1f);
        return Math.round(v * 255f);
    }
}

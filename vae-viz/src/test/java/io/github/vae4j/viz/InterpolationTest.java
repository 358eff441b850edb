package io.github.vae4j.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

class InterpolationTest {

    @TempDir
    Path dir;

    /** Encodes a 4-pixel image to the mean of its first and last two pixels; decodes z to [z0, z0, z1, z1]. */
    static final UnaryOperator<float[][]> ENCODER = x -> {
        float[][] z = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            z[i] = new float[] {(x[i][0] + x[i][1]) / 2, (x[i][2] + x[i][3]) / 2};
        }
        return z;
    };
    static final UnaryOperator<float[][]> DECODER = z -> {
        float[][] x = new float[z.length][];
        for (int i = 0; i < z.length; i++) {
            x[i] = new float[] {z[i][0], z[i][0], z[i][1], z[i][1]};
        }
        return x;
    };

    @Test
    void linearIncludesBothEnds() {
        float[][] path = Interpolation.linear(new float[] {0f, 1f}, new float[] {1f, -1f}, 5);
        assertThat(path).hasNumberOfRows(5);
        assertThat(path[0]).containsExactly(0f, 1f);
        assertThat(path[2]).containsExactly(0.5f, 0f);
        assertThat(path[4]).containsExactly(1f, -1f);
    }

    @Test
    void framesWalkFromOneInputToTheOther() {
        List<float[][]> frames = Interpolation.frames(ENCODER, DECODER, 4, new float[][] {{0, 0, 1, 1}},
                new float[][] {{1, 1, 0, 0}}, 3);
        assertThat(frames).hasSize(3);
        assertThat(frames.get(0)[0]).containsExactly(0f, 0f, 1f, 1f);
        assertThat(frames.get(1)[0]).containsExactly(0.5f, 0.5f, 0.5f, 0.5f);
        assertThat(frames.get(2)[0]).containsExactly(1f, 1f, 0f, 0f);
    }

    @Test
    void gifHasOneFramePerStepTheLoopExtensionAndTheDelays() throws Exception {
        Tiles tiles = new Tiles(2, 2, 4, 1);
        Path file = dir.resolve("walk.gif");
        float[][] from = {{0, 0, 1, 1}, {1, 1, 1, 1}, {0, 0, 0, 0}};
        float[][] to = {{1, 1, 0, 0}, {0, 0, 0, 0}, {1, 1, 1, 1}};
        Interpolation.writeGif(file, ENCODER, DECODER, from, to, 7, tiles, 2, 50, 500);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertThat(reader.getFormatName()).isEqualToIgnoringCase("gif");
            assertThat(reader.getNumImages(true)).isEqualTo(7);
            BufferedImage first = reader.read(0);
            assertThat(first.getWidth()).isEqualTo(tiles.gridWidth(2));
            assertThat(first.getHeight()).isEqualTo(tiles.gridHeight(2));
            assertThat(delay(reader, 0)).isEqualTo("50");
            assertThat(delay(reader, 3)).isEqualTo("5");
            assertThat(delay(reader, 6)).isEqualTo("50");
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode app = (IIOMetadataNode) find(root, "ApplicationExtension");
            assertThat(app).as("NETSCAPE2.0 loop extension").isNotNull();
            assertThat(app.getAttribute("applicationID")).isEqualTo("NETSCAPE");
            assertThat(app.getAttribute("authenticationCode")).isEqualTo("2.0");
            assertThat((byte[]) app.getUserObject()).containsExactly(1, 0, 0);
            reader.dispose();
        }
    }

    @Test
    void grayFramesKeepTheirGrayLevels() throws Exception {
        List<BufferedImage> frames = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            BufferedImage gray = new BufferedImage(256, 2, BufferedImage.TYPE_BYTE_GRAY);
            for (int x = 0; x < 256; x++) {
                gray.getRaster().setSample(x, 0, 0, (x + 10 * k) % 256);
                gray.getRaster().setSample(x, 1, 0, 255 - x);
            }
            frames.add(gray);
        }
        Path file = dir.resolve("grays.gif");
        AnimatedGif.write(file, frames, 100);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            for (int k = 0; k < 3; k++) {
                BufferedImage frame = reader.read(k);
                for (int x = 0; x < 256; x++) {
                    int level = (x + 10 * k) % 256;
                    assertThat(frame.getRGB(x, 0) & 0xFFFFFF).as("frame %d, x %d", k, x)
                            .isEqualTo(level << 16 | level << 8 | level);
                    int other = 255 - x;
                    assertThat(frame.getRGB(x, 1) & 0xFFFFFF).isEqualTo(other << 16 | other << 8 | other);
                }
            }
            reader.dispose();
        }
    }

    @Test
    void animatedGifOfPlainPictures() throws Exception {
        List<BufferedImage> frames = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            BufferedImage f = new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB);
            f.setRGB(i, i, 0xFF0000);
            frames.add(f);
        }
        Path file = dir.resolve("plain.gif");
        AnimatedGif.write(file, frames, 100);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(4);
            assertThat(reader.getWidth(0)).isEqualTo(30);
            assertThat(reader.getHeight(3)).isEqualTo(20);
            reader.dispose();
        }
        // replacing a larger file leaves no stale bytes
        AnimatedGif.write(file, frames.subList(0, 1), 100);
        assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(30);
    }

    @Test
    void badInputNamesTheProblem() {
        assertThatThrownBy(() -> Interpolation.linear(new float[] {1, 2}, new float[] {1}, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from has 2 coordinates but to has 1");
        assertThatThrownBy(() -> Interpolation.linear(new float[] {1}, new float[] {1}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("steps must be >= 2, got 1");
        assertThatThrownBy(() -> Interpolation.frames(ENCODER, DECODER, 4, new float[][] {{0, 0, 0}},
                new float[][] {{0, 0, 0, 0}}, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from[0] has 3 values, expected 4");
        assertThatThrownBy(() -> Interpolation.frames(ENCODER, DECODER, 4, new float[0][], new float[0][], 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from is empty");
        assertThatThrownBy(() -> AnimatedGif.write(dir.resolve("x.gif"), List.of(), 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frames is empty");
        assertThatThrownBy(() -> AnimatedGif.write(dir.resolve("x.gif"), List.of(new BufferedImage(2, 2,
                BufferedImage.TYPE_BYTE_GRAY), new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY)), 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frames[1] is 3 x 2 pixels but frames[0] is 2 x 2");
        assertThatThrownBy(() -> AnimatedGif.write(dir.resolve("x.gif"), List.of(new BufferedImage(2, 2,
                BufferedImage.TYPE_BYTE_GRAY)), 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delays[0] must be between 10 and 655350 ms, got 5");
    }

    private static String delay(ImageReader reader, int frame) throws Exception {
        IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(frame)
                .getAsTree("javax_imageio_gif_image_1.0");
        return ((IIOMetadataNode) find(root, "GraphicControlExtension")).getAttribute("delayTime");
    }

    private static Node find(Node node, String name) {
        if (node.getNodeName().equals(name)) {
            return node;
        }
        for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            Node found = find(c, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}

package io.github.vae4j.viz;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes animated GIFs with the JDK's GIF writer ({@code javax.imageio}): one frame per picture, each with its own
 * delay, and the NETSCAPE2.0 application extension that makes viewers and browsers loop the animation.
 *
 * <pre>{@code
 * AnimatedGif.write(Path.of("walk.gif"), frames, 100);   // 10 frames per second, looping forever
 * }</pre>
 */
public final class AnimatedGif {

    /** Shortest frame delay accepted: 10 ms, the format's unit (browsers show delays below 20 ms more slowly). */
    public static final int MIN_DELAY_MILLIS = 10;
    /** Longest frame delay the format can hold. */
    public static final int MAX_DELAY_MILLIS = 655_350;

    private static final IndexColorModel GRAYS;

    static {
        byte[] levels = new byte[256];
        for (int i = 0; i < 256; i++) {
            levels[i] = (byte) i;
        }
        GRAYS = new IndexColorModel(8, 256, levels, levels, levels);
    }

    private AnimatedGif() {
    }

    /**
     * Writes frames that all show for the same time, looping forever.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @param frames the pictures, at least one, all of the same size
     * @param delayMillis how long each frame shows, {@value #MIN_DELAY_MILLIS} to {@value #MAX_DELAY_MILLIS} ms,
     *     rounded to hundredths of a second
     * @throws IllegalArgumentException if there are no frames, their sizes differ or the delay is out of range
     * @throws IOException if writing fails
     */
    public static void write(Path file, List<? extends RenderedImage> frames, int delayMillis) throws IOException {
        Checks.notNull(frames, "frames");
        int[] delays = new int[frames.size()];
        Arrays.fill(delays, delayMillis);
        write(file, frames, delays, 0);
    }

    /**
     * Writes frames with a delay each.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @param frames the pictures, at least one, all of the same size; grayscale pictures keep all 256 gray levels,
     *     others are reduced to a palette by the JDK's writer
     * @param delaysMillis how long each frame shows, one per frame, {@value #MIN_DELAY_MILLIS} to
     *     {@value #MAX_DELAY_MILLIS} ms, rounded to hundredths of a second
     * @param loops how many times viewers repeat the animation, 0 for forever, at most 65535
     * @throws IllegalArgumentException if there are no frames, their sizes differ, the number of delays is not the
     *     number of frames, a delay is out of range or loops is out of range
     * @throws IOException if writing fails
     */
    public static void write(Path file, List<? extends RenderedImage> frames, int[] delaysMillis, int loops)
            throws IOException {
        Checks.notNull(file, "file");
        Checks.notNull(frames, "frames");
        Checks.notNull(delaysMillis, "delays");
        Checks.require(!frames.isEmpty(), "frames is empty");
        Checks.require(delaysMillis.length == frames.size(), "there are " + frames.size() + " frames but "
                + delaysMillis.length + " delays");
        Checks.require(loops >= 0 && loops <= 0xFFFF, "loops must be between 0 (forever) and 65535, got " + loops);
        RenderedImage first = Checks.notNull(frames.get(0), "frames[0]");
        for (int i = 0; i < frames.size(); i++) {
            RenderedImage f = Checks.notNull(frames.get(i), "frames[" + i + "]");
            Checks.require(f.getWidth() == first.getWidth() && f.getHeight() == first.getHeight(), "frames[" + i
                    + "] is " + f.getWidth() + " x " + f.getHeight() + " pixels but frames[0] is " + first.getWidth()
                    + " x " + first.getHeight());
            Checks.require(delaysMillis[i] >= MIN_DELAY_MILLIS && delaysMillis[i] <= MAX_DELAY_MILLIS, "delays["
                    + i + "] must be between " + MIN_DELAY_MILLIS + " and " + MAX_DELAY_MILLIS + " ms, got "
                    + delaysMillis[i]);
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException("this JDK has no GIF writer");
        }
        ImageWriter writer = writers.next();
        Pictures.createParents(file);
        try (OutputStream stream = Files.newOutputStream(file);
                ImageOutputStream out = ImageIO.createImageOutputStream(stream)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            writer.prepareWriteSequence(null);
            for (int i = 0; i < frames.size(); i++) {
                RenderedImage image = indexedIfGray(frames.get(i));
                // not ImageTypeSpecifier.createFromRenderedImage: for a TYPE_BYTE_INDEXED picture it returns the
                // type's default palette, not the picture's own, and the frame would be written in false colours
                IIOMetadata metadata = writer.getDefaultImageMetadata(
                        new ImageTypeSpecifier(image.getColorModel(), image.getSampleModel()), param);
                configure(metadata, Math.round(delaysMillis[i] / 10f), i == 0 ? loops : -1);
                writer.writeToSequence(new IIOImage(image, null, metadata), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    /** Sets a frame's delay and, on the first frame ({@code loops >= 0}), the looping extension. */
    private static void configure(IIOMetadata metadata, int delayHundredths, int loops) throws IOException {
        String format = metadata.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
        // not interlaced: no use in an animation, and the JDK's writer loses rows of pictures 2 rows high
        child(root, "ImageDescriptor").setAttribute("interlaceFlag", "FALSE");
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(delayHundredths));
        control.setAttribute("transparentColorIndex", "0");
        if (loops >= 0) {
            IIOMetadataNode extension = new IIOMetadataNode("ApplicationExtension");
            extension.setAttribute("applicationID", "NETSCAPE");
            extension.setAttribute("authenticationCode", "2.0");
            extension.setUserObject(new byte[] {1, (byte) (loops & 0xFF), (byte) ((loops >> 8) & 0xFF)});
            child(root, "ApplicationExtensions").appendChild(extension);
        }
        metadata.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    /** An 8-bit grayscale picture as an indexed one with a palette of all 256 grays. */
    private static RenderedImage indexedIfGray(RenderedImage image) {
        if (!(image instanceof BufferedImage gray) || gray.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        BufferedImage indexed = new BufferedImage(gray.getWidth(), gray.getHeight(), BufferedImage.TYPE_BYTE_INDEXED,
                GRAYS);
        indexed.getRaster().setRect(gray.getRaster());
        return indexed;
    }
}

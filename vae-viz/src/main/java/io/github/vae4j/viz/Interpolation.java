package io.github.vae4j.viz;

import io.github.vae4j.Vae;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Walks in a straight line through the latent space from one input to another and shows the decoded images as an
 * animated GIF: both inputs are encoded to their posterior means, the means are interpolated linearly, and each
 * point on the way is decoded ({@link Vae#decode}: the means of p(x|z)).
 *
 * <pre>{@code
 * Interpolation.writeGif(Path.of("interpolation.gif"), vae, test[0], test[1], 16, Tiles.of(28, 28).withScale(4),
 *         80, 800);
 * }</pre>
 */
public final class Interpolation {

    private Interpolation() {
    }

    /**
     * Evenly spaced points on the segment from one point to another, both ends included:
     * {@code (1 - t) * from + t * to} for {@code t = i / (steps - 1)}.
     *
     * @param from the start, at least one coordinate
     * @param to the end, as many coordinates
     * @param steps points on the way, at least 2
     * @return {@code steps} points; the first equals {@code from}, the last {@code to}
     * @throws IllegalArgumentException if the lengths differ or are 0, a coordinate is not finite, or steps is
     *     below 2
     */
    public static float[][] linear(float[] from, float[] to, int steps) {
        Checks.notNull(from, "from");
        Checks.notNull(to, "to");
        Checks.require(from.length > 0, "from is empty");
        Checks.require(from.length == to.length, "from has " + from.length + " coordinates but to has " + to.length);
        Checks.rows(new float[][] {from}, "from", from.length, "its length");
        Checks.rows(new float[][] {to}, "to", to.length, "its length");
        Checks.require(steps >= 2, "steps must be >= 2, got " + steps);
        float[][] out = new float[steps][from.length];
        for (int i = 0; i < steps; i++) {
            double t = (double) i / (steps - 1);
            for (int d = 0; d < from.length; d++) {
                out[i][d] = i == steps - 1 ? to[d] : (float) ((1 - t) * from[d] + t * to[d]);
            }
        }
        return out;
    }

    /**
     * The decoded images of the walks from each {@code from[j]} to {@code to[j]}, linear in the posterior means.
     *
     * @param vae a trained model
     * @param from the start inputs, at least one, each of the model's input size
     * @param to the end inputs, one per start input
     * @param steps frames, at least 2
     * @return {@code steps} frames, each holding one decoded image per pair
     * @throws IllegalArgumentException if the arrays are empty, differ in length, or hold rows of the wrong width or
     *     non-finite values, or steps is below 2
     */
    public static List<float[][]> frames(Vae vae, float[][] from, float[][] to, int steps) {
        Checks.notNull(vae, "vae");
        return frames(vae::encode, vae::decode, vae.inputSize(), from, to, steps);
    }

    /** {@link #frames(Vae, float[][], float[][], int)} with any encoder (to means) and decoder. */
    static List<float[][]> frames(UnaryOperator<float[][]> encoder, UnaryOperator<float[][]> decoder, int width,
            float[][] from, float[][] to, int steps) {
        Checks.rows(from, "from", width, "the model's input size");
        Checks.rows(to, "to", width, "the model's input size");
        Checks.require(from.length == to.length, "from has " + from.length + " inputs but to has " + to.length);
        Checks.require(steps >= 2, "steps must be >= 2, got " + steps);
        float[][] start = encoder.apply(from);
        float[][] end = encoder.apply(to);
        int pairs = from.length;
        float[][] z = new float[steps * pairs][];
        for (int j = 0; j < pairs; j++) {
            float[][] walk = linear(start[j], end[j], steps);
            for (int i = 0; i < steps; i++) {
                z[i * pairs + j] = walk[i];
            }
        }
        float[][] decoded = decoder.apply(z);
        Checks.require(decoded != null && decoded.length == z.length, "the decoder returned "
                + (decoded == null ? "null" : decoded.length + " images") + " for " + z.length + " latent points");
        List<float[][]> frames = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            float[][] frame = new float[pairs][];
            System.arraycopy(decoded, i * pairs, frame, 0, pairs);
            frames.add(frame);
        }
        return frames;
    }

    /**
     * Writes the walks from each {@code from[j]} to {@code to[j]} as one animated GIF: every frame is a grid with one
     * tile per pair. The first and last frames (the reconstructions of the inputs) show for {@code pauseMillis},
     * the others for {@code frameMillis}; the animation loops forever.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @param vae a trained model whose input size is {@code tiles.pixels()}
     * @param from the start inputs, at least one
     * @param to the end inputs, one per start input
     * @param steps frames, at least 2
     * @param tiles image size, enlargement and gaps
     * @param columns tiles per row, at least 1
     * @param frameMillis delay of the frames between the ends, 10 ms or more
     * @param pauseMillis delay of the first and last frames, 10 ms or more
     * @throws IllegalArgumentException as {@link #frames} does, or if the model's input size is not
     *     {@code tiles.pixels()}, columns is below 1 or a delay is out of range
     * @throws IOException if writing fails
     */
    public static void writeGif(Path file, Vae vae, float[][] from, float[][] to, int steps, Tiles tiles,
            int columns, int frameMillis, int pauseMillis) throws IOException {
        Checks.notNull(vae, "vae");
        Checks.notNull(tiles, "tiles");
        ImageGrid.checkInputSize(vae, tiles);
        writeGif(file, vae::encode, vae::decode, from, to, steps, tiles, columns, frameMillis, pauseMillis);
    }

    /** {@link #writeGif(Path, Vae, float[][], float[][], int, Tiles, int, int, int)} with any encoder and decoder. */
    static void writeGif(Path file, UnaryOperator<float[][]> encoder, UnaryOperator<float[][]> decoder,
            float[][] from, float[][] to, int steps, Tiles tiles, int columns, int frameMillis, int pauseMillis)
            throws IOException {
        Checks.notNull(tiles, "tiles");
        Checks.positive(columns, "columns");
        List<float[][]> frames = frames(encoder, decoder, tiles.pixels(), from, to, steps);
        List<BufferedImage> pictures = new ArrayList<>(frames.size());
        for (float[][] frame : frames) {
            pictures.add(ImageGrid.render(frame, tiles, columns));
        }
        int[] delays = new int[steps];
        Arrays.fill(delays, frameMillis);
        delays[0] = pauseMillis;
        delays[steps - 1] = pauseMillis;
        AnimatedGif.write(file, pictures, delays, 0);
    }

    /**
     * Writes the walk from one input to another as an animated GIF of single images; see
     * {@link #writeGif(Path, Vae, float[][], float[][], int, Tiles, int, int, int)}.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @param vae a trained model whose input size is {@code tiles.pixels()}
     * @param from the start input
     * @param to the end input
     * @param steps frames, at least 2
     * @param tiles image size, enlargement and gaps
     * @param frameMillis delay of the frames between the ends, 10 ms or more
     * @param pauseMillis delay of the first and last frames, 10 ms or more
     * @throws IllegalArgumentException if an input has the wrong width or non-finite values, steps is below 2 or a
     *     delay is out of range
     * @throws IOException if writing fails
     */
    public static void writeGif(Path file, Vae vae, float[] from, float[] to, int steps, Tiles tiles,
            int frameMillis, int pauseMillis) throws IOException {
        Checks.notNull(from, "from");
        Checks.notNull(to, "to");
        writeGif(file, vae, new float[][] {from}, new float[][] {to}, steps, tiles, 1, frameMillis, pauseMillis);
    }
}

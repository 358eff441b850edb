package io.github.vae4j.viz;

import io.github.vae4j.Vae;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The learned manifold of a model with a two-dimensional latent space, as in Kingma and Welling's figures: a regular
 * {@code n x n} grid of latent points over the prior's central region is decoded, and the decoded images are tiled
 * in the same arrangement. The grid's coordinates are standard normal quantiles of evenly spaced probabilities
 * (by default 0.05 to 0.95), so it covers the central 90% of the prior along each axis and is dense where the prior
 * has mass.
 *
 * <p>Orientation, as in a plot: the first latent coordinate z1 grows from left to right, the second, z2, from bottom
 * to top.
 *
 * <pre>{@code
 * LatentManifold.writePng(Path.of("manifold.png"), vae, 20, Tiles.of(28, 28).withScale(1).withMargin(0));
 * }</pre>
 */
public final class LatentManifold {

    /** Probability of the first grid line along each axis. */
    public static final double DEFAULT_LOW = 0.05;
    /** Probability of the last grid line along each axis. */
    public static final double DEFAULT_HIGH = 0.95;

    private LatentManifold() {
    }

    /**
     * The latent points of the grid, in the order of the tiles: row by row from the top, left to right within a row.
     * Point {@code r * n + c} is {@code (q[c], q[n - 1 - r])} with {@code q = StandardNormal.quantiles(n, low, high)}.
     *
     * @param n points along each axis, at least 1
     * @param low the probability of the first grid line, in (0, 1)
     * @param high the probability of the last grid line, in (low, 1)
     * @return {@code n * n} points of 2 coordinates
     * @throws IllegalArgumentException if n is below 1 or the probabilities are not {@code 0 < low < high < 1}
     */
    public static float[][] grid(int n, double low, double high) {
        Checks.positive(n, "n");
        Checks.require(n <= Tiles.MAX_SIDE, "n must be at most " + Tiles.MAX_SIDE + ", got " + n);
        double[] q = StandardNormal.quantiles(n, low, high);
        float[][] z = new float[n * n][];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                z[r * n + c] = new float[] {(float) q[c], (float) q[n - 1 - r]};
            }
        }
        return z;
    }

    /**
     * The grid over probabilities {@value #DEFAULT_LOW} to {@value #DEFAULT_HIGH}; see {@link #grid(int, double,
     * double)}.
     *
     * @param n points along each axis, at least 1
     * @return {@code n * n} points of 2 coordinates
     * @throws IllegalArgumentException if n is below 1
     */
    public static float[][] grid(int n) {
        return grid(n, DEFAULT_LOW, DEFAULT_HIGH);
    }

    /**
     * Decodes the grid with any decoder and tiles the images.
     *
     * @param decoder maps {@code m x 2} latent points to {@code m} images of {@code tiles.pixels()} values each, in
     *     [0, 1]
     * @param n points along each axis, at least 1
     * @param tiles image size, enlargement and gaps
     * @return a grayscale picture of {@code tiles.gridWidth(n)} by {@code tiles.gridHeight(n)} pixels
     * @throws IllegalArgumentException if n is below 1, the picture would be too large, or the decoder returns the
     *     wrong number of images or images of the wrong size
     */
    public static BufferedImage render(UnaryOperator<float[][]> decoder, int n, Tiles tiles) {
        Checks.notNull(decoder, "decoder");
        Checks.notNull(tiles, "tiles");
        Checks.positive(n, "n");
        tiles.gridWidth(n);
        tiles.gridHeight(n);
        float[][] z = grid(n);
        float[][] images = decoder.apply(z);
        Checks.require(images != null && images.length == z.length, "the decoder returned "
                + (images == null ? "null" : images.length + " images") + " for " + z.length + " latent points");
        return ImageGrid.render(images, tiles, n);
    }

    /**
     * Decodes the grid with a model ({@link Vae#decode}: the means of p(x|z)) and tiles the images.
     *
     * @param vae a trained model with latent size 2 and input size {@code tiles.pixels()}
     * @param n points along each axis, at least 1
     * @param tiles image size, enlargement and gaps
     * @return a grayscale picture of {@code tiles.gridWidth(n)} by {@code tiles.gridHeight(n)} pixels
     * @throws IllegalArgumentException if the model's latent size is not 2, its input size is not
     *     {@code tiles.pixels()}, n is below 1 or the picture would be too large
     */
    public static BufferedImage render(Vae vae, int n, Tiles tiles) {
        Checks.notNull(vae, "vae");
        Checks.notNull(tiles, "tiles");
        Checks.require(vae.latentSize() == 2, "a latent manifold needs a model with latent size 2, this one has "
                + vae.latentSize());
        ImageGrid.checkInputSize(vae, tiles);
        return render(vae::decode, n, tiles);
    }

    /**
     * Decodes the grid with a model and writes the tiled images as a PNG; see {@link #render(Vae, int, Tiles)}.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @param vae a trained model with latent size 2 and input size {@code tiles.pixels()}
     * @param n points along each axis, at least 1
     * @param tiles image size, enlargement and gaps
     * @throws IllegalArgumentException as {@link #render(Vae, int, Tiles)} does
     * @throws IOException if writing fails
     */
    public static void writePng(Path file, Vae vae, int n, Tiles tiles) throws IOException {
        Pictures.writePng(render(vae, n, tiles), file);
    }

    /**
     * Decodes the grid with any decoder and writes the tiled images as a PNG; see
     * {@link #render(UnaryOperator, int, Tiles)}.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @param decoder maps {@code m x 2} latent points to {@code m} images
     * @param n points along each axis, at least 1
     * @param tiles image size, enlargement and gaps
     * @throws IllegalArgumentException as {@link #render(UnaryOperator, int, Tiles)} does
     * @throws IOException if writing fails
     */
    public static void writePng(Path file, UnaryOperator<float[][]> decoder, int n, Tiles tiles) throws IOException {
        Pictures.writePng(render(decoder, n, tiles), file);
    }
}

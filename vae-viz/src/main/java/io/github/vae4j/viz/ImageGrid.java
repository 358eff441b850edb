package io.github.vae4j.viz;

import io.github.vae4j.Vae;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Grids of grayscale images, such as digits and their reconstructions or samples from a model, written as PNG.
 * Each image is a row of {@code width * height} intensities, row-major, 0 black and 1 white (values outside [0, 1]
 * are clamped); the layout is given by {@link Tiles}. Gaps between tiles are white.
 *
 * <pre>{@code
 * Tiles tiles = Tiles.of(28, 28).withScale(3);
 * ImageGrid.writePng(Path.of("digits.png"), images, tiles, 10);
 * ImageGrid.writeReconstructionsPng(Path.of("reconstructions.png"), vae, testRows, tiles, 8, ImageGrid.Arrangement.BESIDE);
 * ImageGrid.writeSamplesPng(Path.of("samples.png"), vae, 10, 10, tiles, 1);
 * }</pre>
 */
public final class ImageGrid {

    /** The gray level of the gaps between tiles, and of empty places in the last row: white. */
    public static final int BACKGROUND = 255;

    /** How originals and their reconstructions are placed. */
    public enum Arrangement {
        /**
         * A row of originals above a row of their reconstructions, repeated; a wider gap separates the pairs of
         * rows.
         */
        ABOVE,
        /**
         * Each original with its reconstruction on its right; a wider gap separates the pairs.
         */
        BESIDE
    }

    private ImageGrid() {
    }

    /**
     * Tiles images into a grid, filled row by row.
     *
     * @param images the images, at least one, each of {@code tiles.pixels()} values
     * @param tiles image size, enlargement and gaps
     * @param columns tiles per row, at least 1; fewer if there are fewer images
     * @return a grayscale picture of {@code tiles.gridWidth(min(columns, n))} by
     *     {@code tiles.gridHeight(ceil(n / columns))} pixels
     * @throws IllegalArgumentException if images is empty, an image has the wrong number of values or a value that
     *     is not finite, or columns is below 1
     */
    public static BufferedImage render(float[][] images, Tiles tiles, int columns) {
        Checks.notNull(tiles, "tiles");
        Checks.rows(images, "images", tiles.pixels(), "width * height = " + tiles.width() + " * " + tiles.height());
        Checks.positive(columns, "columns");
        int cols = Math.min(columns, images.length);
        int rows = ceilDiv(images.length, cols);
        Canvas canvas = new Canvas(tiles, cols, rows, Integer.MAX_VALUE, Integer.MAX_VALUE);
        for (int i = 0; i < images.length; i++) {
            canvas.draw(images[i], i % cols, i / cols);
        }
        return canvas.image;
    }

    /**
     * Tiles images into a grid and writes it as a PNG; see {@link #render}.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @param images the images, at least one, each of {@code tiles.pixels()} values
     * @param tiles image size, enlargement and gaps
     * @param columns tiles per row, at least 1
     * @throws IllegalArgumentException as {@link #render} does
     * @throws IOException if writing fails
     */
    public static void writePng(Path file, float[][] images, Tiles tiles, int columns) throws IOException {
        Pictures.writePng(render(images, tiles, columns), file);
    }

    /**
     * Places images and their reconstructions side by side or one above the other.
     *
     * @param originals the inputs, at least one, each of {@code tiles.pixels()} values
     * @param reconstructions one reconstruction per original, in the same order
     * @param tiles image size, enlargement and gaps
     * @param columns originals per row, at least 1; fewer if there are fewer originals
     * @param arrangement where each reconstruction goes relative to its original
     * @return a grayscale picture; with {@link Arrangement#ABOVE} it has {@code 2 * ceil(n / columns)} tile rows,
     *     with {@link Arrangement#BESIDE} {@code 2 * columns} tile columns; a gap of three margins separates the
     *     pairs
     * @throws IllegalArgumentException if either array is empty, their lengths differ, an image has the wrong number
     *     of values or a value that is not finite, or columns is below 1
     */
    public static BufferedImage renderComparison(float[][] originals, float[][] reconstructions, Tiles tiles,
            int columns, Arrangement arrangement) {
        Checks.notNull(tiles, "tiles");
        Checks.notNull(arrangement, "arrangement");
        String meaning = "width * height = " + tiles.width() + " * " + tiles.height();
        Checks.rows(originals, "originals", tiles.pixels(), meaning);
        Checks.rows(reconstructions, "reconstructions", tiles.pixels(), meaning);
        Checks.require(originals.length == reconstructions.length, "originals has " + originals.length
                + " images but reconstructions has " + reconstructions.length);
        Checks.positive(columns, "columns");
        int n = originals.length;
        int cols = Math.min(columns, n);
        int blocks = ceilDiv(n, cols);
        Canvas canvas = arrangement == Arrangement.ABOVE
                ? new Canvas(tiles, cols, 2 * blocks, Integer.MAX_VALUE, 2)
                : new Canvas(tiles, 2 * cols, blocks, 2, Integer.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            int c = i % cols;
            int b = i / cols;
            if (arrangement == Arrangement.ABOVE) {
                canvas.draw(originals[i], c, 2 * b);
                canvas.draw(reconstructions[i], c, 2 * b + 1);
            } else {
                canvas.draw(originals[i], 2 * c, b);
                canvas.draw(reconstructions[i], 2 * c + 1, b);
            }
        }
        return canvas.image;
    }

    /**
     * Writes originals and their reconstructions as a PNG; see {@link #renderComparison}.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @param originals the inputs
     * @param reconstructions one reconstruction per original
     * @param tiles image size, enlargement and gaps
     * @param columns originals per row
     * @param arrangement where each reconstruction goes relative to its original
     * @throws IllegalArgumentException as {@link #renderComparison} does
     * @throws IOException if writing fails
     */
    public static void writeComparisonPng(Path file, float[][] originals, float[][] reconstructions, Tiles tiles,
            int columns, Arrangement arrangement) throws IOException {
        Pictures.writePng(renderComparison(originals, reconstructions, tiles, columns, arrangement), file);
    }

    /**
     * Reconstructs inputs with a model ({@link Vae#reconstruct}: decoded posterior means) and writes them with the
     * inputs as a PNG; see {@link #renderComparison}.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @param vae a trained model whose input size is {@code tiles.pixels()}
     * @param originals the inputs
     * @param tiles image size, enlargement and gaps
     * @param columns originals per row
     * @param arrangement where each reconstruction goes relative to its original
     * @throws IllegalArgumentException as {@link #renderComparison} does, or if the model's input size is not
     *     {@code tiles.pixels()}
     * @throws IOException if writing fails
     */
    public static void writeReconstructionsPng(Path file, Vae vae, float[][] originals, Tiles tiles, int columns,
            Arrangement arrangement) throws IOException {
        Checks.notNull(vae, "vae");
        Checks.notNull(tiles, "tiles");
        checkInputSize(vae, tiles);
        Checks.rows(originals, "originals", tiles.pixels(), "the model's input size");
        writeComparisonPng(file, originals, vae.reconstruct(originals), tiles, columns, arrangement);
    }

    /**
     * Draws {@code rows * columns} samples from the model's prior with the given seed ({@link Vae#sample(int, long)}:
     * the decoded means, not noisy draws from p(x|z)) and writes them as a grid.
     *
     * @param file the file to write, replaced if it exists; missing parent folders are created
     * @param vae a trained model whose input size is {@code tiles.pixels()}
     * @param rows tile rows, at least 1
     * @param columns tiles per row, at least 1
     * @param tiles image size, enlargement and gaps
     * @param seed seed of the latent draws: the same seed gives the same picture
     * @throws IllegalArgumentException if rows or columns is below 1, or the model's input size is not
     *     {@code tiles.pixels()}
     * @throws IOException if writing fails
     */
    public static void writeSamplesPng(Path file, Vae vae, int rows, int columns, Tiles tiles, long seed)
            throws IOException {
        Checks.notNull(vae, "vae");
        Checks.notNull(tiles, "tiles");
        Checks.positive(rows, "rows");
        Checks.positive(columns, "columns");
        checkInputSize(vae, tiles);
        tiles.gridWidth(columns);
        tiles.gridHeight(rows);
        writePng(file, vae.sample(rows * columns, seed), tiles, columns);
    }

    static void checkInputSize(Vae vae, Tiles tiles) {
        Checks.require(vae.inputSize() == tiles.pixels(), "the model's input size is " + vae.inputSize()
                + " but the tiles hold " + tiles.width() + " * " + tiles.height() + " = " + tiles.pixels()
                + " pixels");
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /**
     * A white grayscale picture with places for tiles; after every {@code groupColumns} columns (rows) the gap is
     * three margins instead of one.
     */
    static final class Canvas {
        final BufferedImage image;
        private final Tiles tiles;
        private final int groupColumns;
        private final int groupRows;

        Canvas(Tiles tiles, int columns, int rows, int groupColumns, int groupRows) {
            this.tiles = tiles;
            this.groupColumns = groupColumns;
            this.groupRows = groupRows;
            int width = Tiles.checkedSide(size(columns, tiles.tileWidth(), groupColumns), "width");
            int height = Tiles.checkedSide(size(rows, tiles.tileHeight(), groupRows), "height");
            image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            WritableRaster raster = image.getRaster();
            int[] line = new int[width];
            Arrays.fill(line, BACKGROUND);
            for (int y = 0; y < height; y++) {
                raster.setSamples(0, y, width, 1, 0, line);
            }
        }

        /** @return the size of {@code count} tiles in a line, margins included */
        private long size(int count, int tileSize, int group) {
            long wideGaps = count == 0 ? 0 : (count - 1) / group;
            return tiles.margin() + (long) count * (tileSize + tiles.margin()) + wideGaps * 2 * tiles.margin();
        }

        /** @return where tile {@code index} of a line starts */
        private long position(int index, int tileSize, int group) {
            return tiles.margin() + (long) index * (tileSize + tiles.margin()) + (long) (index / group) * 2
                    * tiles.margin();
        }

        void draw(float[] pixels, int column, int row) {
            int x0 = (int) position(column, tiles.tileWidth(), groupColumns);
            int y0 = (int) position(row, tiles.tileHeight(), groupRows);
            int scale = tiles.scale();
            int width = tiles.width();
            int[] line = new int[width * scale];
            WritableRaster raster = image.getRaster();
            for (int y = 0; y < tiles.height(); y++) {
                for (int x = 0; x < width; x++) {
                    Arrays.fill(line, x * scale, (x + 1) * scale, Pictures.gray(pixels[y * width + x]));
                }
                for (int s = 0; s < scale; s++) {
                    raster.setSamples(x0, y0 + y * scale + s, line.length, 1, 0, line);
                }
            }
        }
    }
}

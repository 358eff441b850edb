package io.github.vae4j.viz;

/**
 * How images are laid out as tiles of a grid: the size of one image in pixels, the integer factor each pixel is
 * enlarged by, and the gap between tiles (and around the grid) in output pixels. Images are grayscale, one value per
 * pixel, row-major, 0 black and 1 white; values outside [0, 1] are clamped.
 *
 * <pre>{@code
 * Tiles tiles = Tiles.of(28, 28);            // MNIST digits, enlarged 2x, 2-pixel gaps
 * Tiles big = tiles.withScale(4).withMargin(4);
 * }</pre>
 *
 * @param width image width in pixels, at least 1
 * @param height image height in pixels, at least 1
 * @param scale each image pixel becomes a {@code scale x scale} block, at least 1
 * @param margin the gap between neighbouring tiles and around the grid, in output pixels, at least 0
 */
public record Tiles(int width, int height, int scale, int margin) {

    /** Largest side of one image, and of a whole picture, accepted. */
    public static final int MAX_SIDE = 16_384;

    /** Default enlargement factor of {@link #of}. */
    public static final int DEFAULT_SCALE = 2;

    /** Default gap of {@link #of}, in output pixels. */
    public static final int DEFAULT_MARGIN = 2;

    /**
     * Checks the values.
     *
     * @param width image width in pixels, at least 1
     * @param height image height in pixels, at least 1
     * @param scale enlargement factor, at least 1
     * @param margin gap in output pixels, at least 0
     * @throws IllegalArgumentException if a size or the scale is below 1, the margin is negative, or a tile would
     *     be larger than {@value #MAX_SIDE} pixels
     */
    public Tiles {
        Checks.positive(width, "image width");
        Checks.positive(height, "image height");
        Checks.positive(scale, "scale");
        Checks.nonNegative(margin, "margin");
        Checks.require((long) width * scale <= MAX_SIDE && (long) height * scale <= MAX_SIDE && margin <= MAX_SIDE,
                "a tile of " + width + " x " + height + " pixels enlarged " + scale + " times, margin " + margin
                        + ", is larger than " + MAX_SIDE + " pixels");
    }

    /**
     * Tiles of the given image size, enlarged {@value #DEFAULT_SCALE} times, with {@value #DEFAULT_MARGIN}-pixel gaps.
     *
     * @param width image width in pixels
     * @param height image height in pixels
     * @return the layout
     * @throws IllegalArgumentException if a size is below 1
     */
    public static Tiles of(int width, int height) {
        return new Tiles(width, height, DEFAULT_SCALE, DEFAULT_MARGIN);
    }

    /**
     * @param factor the enlargement factor, at least 1
     * @return a copy with that factor
     */
    public Tiles withScale(int factor) {
        return new Tiles(width, height, factor, margin);
    }

    /**
     * @param pixels the gap in output pixels, at least 0
     * @return a copy with that gap
     */
    public Tiles withMargin(int pixels) {
        return new Tiles(width, height, scale, pixels);
    }

    /** @return values per image, {@code width * height} */
    public int pixels() {
        return width * height;
    }

    /** @return the width of one tile in output pixels */
    public int tileWidth() {
        return width * scale;
    }

    /** @return the height of one tile in output pixels */
    public int tileHeight() {
        return height * scale;
    }

    /**
     * @param columns tiles per row
     * @return the width in output pixels of a grid of that many columns, margins included
     */
    public int gridWidth(int columns) {
        return checkedSide((long) columns * tileWidth() + (long) (columns + 1) * margin, "width");
    }

    /**
     * @param rows tile rows
     * @return the height in output pixels of a grid of that many rows, margins included
     */
    public int gridHeight(int rows) {
        return checkedSide((long) rows * tileHeight() + (long) (rows + 1) * margin, "height");
    }

    static int checkedSide(long pixels, String side) {
        Checks.require(pixels <= MAX_SIDE, "the picture would be " + pixels + " pixels in " + side + ", more than "
                + MAX_SIDE);
        return (int) pixels;
    }
}

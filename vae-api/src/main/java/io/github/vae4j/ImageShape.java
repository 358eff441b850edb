package io.github.vae4j;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The shape of image inputs. Each example is still one row of {@code height * width * channels} values, in
 * row-major, channels-last order: the value of channel {@code c} of the pixel in row {@code y}, column {@code x} is at
 * index {@code (y * width + x) * channels + c}. For one channel that is simply the pixels row by row, as in the IDX
 * files of MNIST; for colour it is the interleaved RGB order of {@code java.awt.image.BufferedImage} rasters.
 *
 * @param height rows of pixels, positive
 * @param width columns of pixels, positive
 * @param channels values per pixel (1 for grey, 3 for RGB), positive
 */
public record ImageShape(int height, int width, int channels) {

    /**
     * Validates the sizes: each positive, and the product no more than {@link VaeConfig#MAX_LAYER_SIZE}.
     *
     * @param height rows of pixels, positive
     * @param width columns of pixels, positive
     * @param channels values per pixel (1 for grey, 3 for RGB), positive
     */
    public ImageShape {
        checkArgument(height > 0 && width > 0 && channels > 0,
                "image height, width and channels must be positive, got %sx%sx%s", height, width, channels);
        checkArgument((long) height * width * channels <= VaeConfig.MAX_LAYER_SIZE,
                "image %sx%sx%s has more than %s values", height, width, channels, VaeConfig.MAX_LAYER_SIZE);
    }

    /** @return values per example: {@code height * width * channels} */
    public int size() {
        return height * width * channels;
    }

    /** @return {@code HxWxC}, as in messages */
    @Override
    public String toString() {
        return height + "x" + width + "x" + channels;
    }
}

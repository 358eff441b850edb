package io.github.vae4j.nd4j.nn;

import io.github.vae4j.Convolutions;
import io.github.vae4j.ImageShape;
import io.github.vae4j.nd4j.engine.NativeFloats;

/**
 * The geometry of a convolution from a large channels-last image to a small one, and the two copies between an image
 * and its patch matrix: {@link #gather} (im2col) and its adjoint {@link #scatter} (col2im). The patch of small pixel
 * {@code (i, j)} is the {@code k x k x channels} block of the large image at rows {@code i * stride - padTop + kh}
 * and columns {@code j * stride - padLeft + kw}, ordered {@code (kh, kw, channel)}, channel fastest, zero outside the
 * image. Padding is ND4J's: SAME pads {@code ((small - 1) * stride + k - large) / 2} before (the odd cell after), VALID
 * none; so the patches reproduce {@code conv2d} and {@code deconv2d} exactly.
 *
 * <p>For fixed {@code kh} a patch row's {@code k x channels} values lie next to each other in the large image, so a
 * gather is one block copy per small pixel and kernel row.
 *
 * @param largeHeight the large image's height
 * @param largeWidth its width
 * @param channels its channels (those the patches hold)
 * @param smallHeight the small image's height
 * @param smallWidth its width
 * @param kernel the kernel size
 * @param stride the stride
 * @param padTop rows of zeros before the large image
 * @param padLeft columns of zeros before it
 */
record Patches(int largeHeight, int largeWidth, int channels, int smallHeight, int smallWidth, int kernel, int stride,
        int padTop, int padLeft) {

    /**
     * @param large the large image
     * @param small the small image
     * @param kernel the kernel size
     * @param stride the stride
     * @param padding SAME or VALID
     * @return the geometry of the convolution from {@code large} to {@code small}
     */
    static Patches of(ImageShape large, ImageShape small, int kernel, int stride, Convolutions.Padding padding) {
        int top = 0;
        int left = 0;
        if (padding == Convolutions.Padding.SAME) {
            top = Math.max(0, ((small.height() - 1) * stride + kernel - large.height()) / 2);
            left = Math.max(0, ((small.width() - 1) * stride + kernel - large.width()) / 2);
        }
        return new Patches(large.height(), large.width(), large.channels(), small.height(), small.width(), kernel,
                stride, top, left);
    }

    /** @return values in one patch: {@code k * k * channels} */
    int patchSize() {
        return kernel * kernel * channels;
    }

    /** @return the small image's pixels, one patch each */
    int smallPixels() {
        return smallHeight * smallWidth;
    }

    /** @return the large image's pixels */
    int largePixels() {
        return largeHeight * largeWidth;
    }

    /** @return patch values of one example */
    int elementsPerExample() {
        return patchSize() * smallPixels();
    }

    /**
     * Copies the patches of examples {@code [from, to)} of a batch of large images into a patch matrix, one column
     * of {@link #patchSize()} values per small pixel, the first example's first pixel in column 0.
     *
     * @param image the batch of large images, example after example
     * @param patches receives the {@code patchSize() x (to - from) * smallPixels()} column-major patch matrix
     * @param from first example
     * @param to one past the last example
     */
    void gather(NativeFloats image, NativeFloats patches, int from, int to) {
        walk(image, patches, from, to, true);
    }

    /**
     * Adds a patch matrix of examples {@code [from, to)} into their large images, the adjoint of {@link #gather}:
     * each value goes where {@link #gather} took it from; values that fall in the padding are dropped.
     *
     * @param patches the {@code patchSize() x (to - from) * smallPixels()} column-major patch matrix
     * @param image the batch of large images, added to
     * @param from first example
     * @param to one past the last example
     */
    void scatter(NativeFloats patches, NativeFloats image, int from, int to) {
        walk(image, patches, from, to, false);
    }

    private void walk(NativeFloats image, NativeFloats patches, int from, int to, boolean gather) {
        int row = kernel * channels;
        int patch = patchSize();
        int column = 0;
        for (int e = from; e < to; e++) {
            int imageStart = e * largePixels() * channels;
            for (int i = 0; i < smallHeight; i++) {
                for (int j = 0; j < smallWidth; j++, column++) {
                    int left = j * stride - padLeft;
                    // the kernel columns inside the image: [lo, hi)
                    int lo = Math.max(0, -left);
                    int hi = Math.min(kernel, largeWidth - left);
                    for (int kh = 0; kh < kernel; kh++) {
                        int y = i * stride - padTop + kh;
                        int at = column * patch + kh * row;
                        if (y < 0 || y >= largeHeight || hi <= lo) {
                            if (gather) {
                                patches.zero(at, row);
                            }
                            continue;
                        }
                        int src = imageStart + (y * largeWidth + left + lo) * channels;
                        int n = (hi - lo) * channels;
                        if (gather) {
                            if (lo > 0) {
                                patches.zero(at, lo * channels);
                            }
                            patches.copy(at + lo * channels, image, src, n);
                            if (hi < kernel) {
                                patches.zero(at + hi * channels, (kernel - hi) * channels);
                            }
                        } else {
                            image.add(src, patches, at + lo * channels, n);
                        }
                    }
                }
            }
        }
    }
}

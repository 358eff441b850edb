package io.github.vae4j.testkit;

import io.github.vae4j.data.Idx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** The bundled 10,000-digit MNIST sample: rows 0-7999 train, 8000-9999 test. Loaded once per JVM. */
public final class MnistSample {

    /** Rows of the training part: 0 to 7999; the test part is 8000 to 9999. */
    public static final int TRAIN = 8000;

    private static float[][] images;
    private static int[] labels;

    private MnistSample() {
    }

    /** @return all 10,000 digits, 784 values in [0, 1] a row */
    public static synchronized float[][] images() {
        if (images == null) {
            try (InputStream in = MnistSample.class.getResourceAsStream("/datasets/mnist/images-idx3-ubyte.gz");
                    InputStream l = MnistSample.class.getResourceAsStream("/datasets/mnist/labels-idx1-ubyte.gz")) {
                images = Idx.readImages(in, "bundled MNIST images");
                labels = Idx.readLabels(l, "bundled MNIST labels");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return images;
    }

    /** @return the 8,000 training digits */
    public static float[][] train() {
        return Arrays.copyOfRange(images(), 0, TRAIN);
    }

    /** @return the 2,000 test digits */
    public static float[][] test() {
        return Arrays.copyOfRange(images(), TRAIN, images().length);
    }

    /** @return the 10,000 digits' labels, 0 to 9 */
    public static int[] labels() {
        images();
        return labels;
    }
}

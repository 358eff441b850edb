package io.github.vae4j.examples;

import io.github.vae4j.data.Idx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Images and labels split into training and test rows, pixels scaled to [0, 1].
 *
 * @param name what the data is, for messages and captions
 * @param trainImages training rows, {@code n x (width * height)}
 * @param trainLabels one label per training row
 * @param testImages test rows
 * @param testLabels one label per test row
 * @param width image width
 * @param height image height
 * @param classNames the name of each label, or null to show the label's number
 */
record Dataset(String name, float[][] trainImages, int[] trainLabels, float[][] testImages, int[] testLabels,
        int width, int height, List<String> classNames) {

    /** Training rows of the bundled MNIST sample; the rest are test rows. */
    static final int BUNDLED_TRAIN_ROWS = 8000;

    /** Fashion-MNIST's class names, label 0 to 9. */
    static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Where Debian's package dataset-fashion-mnist puts its files. */
    static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    /** A folder that does not hold a usable data set; the message says what is wrong and what to do. */
    static final class DataException extends Exception {
        private static final long serialVersionUID = 1L;

        DataException(String message) {
            super(message);
        }

        DataException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** @return the label's name */
    String className(int label) {
        return classNames != null && label >= 0 && label < classNames.size() ? classNames.get(label)
                : Integer.toString(label);
    }

    /** @return this data set with at most the given numbers of training and test rows (the first ones) */
    Dataset limit(int trainRows, int testRows) {
        int tr = Math.min(trainRows, trainImages.length);
        int te = Math.min(testRows, testImages.length);
        return new Dataset(name, Arrays.copyOf(trainImages, tr), Arrays.copyOf(trainLabels, tr),
                Arrays.copyOf(testImages, te), Arrays.copyOf(testLabels, te), width, height, classNames);
    }

    /**
     * A file bundled on the class path under {@code /datasets/}, as a path: the file itself when the class path is a
     * folder (Maven's exec:java), else a copy in a temporary folder.
     *
     * @param name the file's path under {@code /datasets/}, for example {@code shuttle/shuttle.csv.gz}
     */
    static Path bundledFile(String name) throws DataException {
        java.net.URL url = Dataset.class.getResource("/datasets/" + name);
        if (url == null) {
            throw new DataException("the bundled file /datasets/" + name + " is not on the class path; build with "
                    + "./mvnw install, or pass --data FILE");
        }
        try {
            if (url.getProtocol().equals("file")) {
                return Path.of(url.toURI());
            }
            Path copy = Files.createTempDirectory("vae4j-data").resolve(Path.of(name).getFileName().toString());
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy);
            }
            copy.toFile().deleteOnExit();
            return copy;
        } catch (IOException | java.net.URISyntaxException e) {
            throw new DataException("cannot read the bundled file " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The 10,000-digit MNIST sample bundled on the class path as {@code /datasets/mnist/}: rows 0-7999 train,
     * 8000-9999 test.
     */
    static Dataset bundledMnist() throws DataException {
        try (InputStream images = Dataset.class.getResourceAsStream("/datasets/mnist/images-idx3-ubyte.gz");
                InputStream labels = Dataset.class.getResourceAsStream("/datasets/mnist/labels-idx1-ubyte.gz")) {
            if (images == null || labels == null) {
                throw new DataException("the bundled MNIST sample is not on the class path (/datasets/mnist/); "
                        + "build with ./mvnw install, or pass --data DIR");
            }
            float[][] x = Idx.readImages(images, "bundled MNIST images");
            int[] y = Idx.readLabels(labels, "bundled MNIST labels");
            return split("MNIST (bundled 10,000-digit sample)", x, y, BUNDLED_TRAIN_ROWS, null);
        } catch (IOException e) {
            throw new DataException("cannot read the bundled MNIST sample: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a folder in either of the usual layouts, files gzip-compressed or not:
     * <ul>
     *   <li>{@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
     *       {@code t10k-labels-idx1-ubyte} (MNIST and Fashion-MNIST as published);</li>
     *   <li>{@code images-idx3-ubyte} and {@code labels-idx1-ubyte}, split 80% training, 20% test (as the
     *       bundled sample).</li>
     * </ul>
     */
    static Dataset fromFolder(Path folder, String name, List<String> classNames) throws DataException {
        if (!Files.exists(folder)) {
            throw new DataException("data folder " + folder.toAbsolutePath() + " does not exist");
        }
        if (!Files.isDirectory(folder)) {
            throw new DataException(folder.toAbsolutePath() + " is not a folder; --data needs the folder that holds "
                    + "the IDX files");
        }
        try {
            Path trainImages = find(folder, "train-images-idx3-ubyte");
            Path trainLabels = find(folder, "train-labels-idx1-ubyte");
            Path testImages = find(folder, "t10k-images-idx3-ubyte");
            Path testLabels = find(folder, "t10k-labels-idx1-ubyte");
            if (trainImages != null && trainLabels != null && testImages != null && testLabels != null) {
                float[][] x = Idx.readImages(trainImages);
                int[] y = Idx.readLabels(trainLabels);
                float[][] tx = Idx.readImages(testImages);
                int[] ty = Idx.readLabels(testLabels);
                checkCount(x, y, trainImages, trainLabels);
                checkCount(tx, ty, testImages, testLabels);
                int side = side(x.length > 0 ? x : tx, trainImages);
                if (tx.length > 0 && tx[0].length != x[0].length) {
                    throw new DataException(testImages + " holds images of " + tx[0].length + " pixels but "
                            + trainImages + " of " + x[0].length);
                }
                return new Dataset(name, x, y, tx, ty, side, side, classNames);
            }
            Path images = find(folder, "images-idx3-ubyte");
            Path labels = find(folder, "labels-idx1-ubyte");
            if (images != null && labels != null) {
                float[][] x = Idx.readImages(images);
                int[] y = Idx.readLabels(labels);
                checkCount(x, y, images, labels);
                return split(name, x, y, (int) Math.round(x.length * 0.8), classNames);
            }
        } catch (IOException e) {
            throw new DataException("cannot read the data in " + folder.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        throw new DataException("found no MNIST-style IDX files in " + folder.toAbsolutePath() + ": expected "
                + "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte "
                + "(each may end in .gz), or images-idx3-ubyte and labels-idx1-ubyte");
    }

    private static Path find(Path folder, String base) {
        for (String candidate : new String[] {base + ".gz", base, base.replace("-idx", ".idx") + ".gz",
            base.replace("-idx", ".idx")}) {
            Path p = folder.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static void checkCount(float[][] images, int[] labels, Path imageFile, Path labelFile)
            throws DataException {
        if (images.length != labels.length) {
            throw new DataException(imageFile + " holds " + images.length + " images but " + labelFile + " holds "
                    + labels.length + " labels");
        }
        if (images.length == 0) {
            throw new DataException(imageFile + " holds no images");
        }
    }

    private static int side(float[][] images, Path file) throws DataException {
        int pixels = images[0].length;
        int side = (int) Math.round(Math.sqrt(pixels));
        if (side * side != pixels) {
            throw new DataException(file + " holds images of " + pixels + " pixels; the examples need square images");
        }
        return side;
    }

    private static Dataset split(String name, float[][] x, int[] y, int trainRows, List<String> classNames)
            throws DataException {
        if (x.length != y.length) {
            throw new DataException(name + ": " + x.length + " images but " + y.length + " labels");
        }
        if (x.length < 2) {
            throw new DataException(name + " holds fewer than 2 images");
        }
        int tr = Math.max(1, Math.min(trainRows, x.length - 1));
        int side = side(x, Path.of(name));
        return new Dataset(name, Arrays.copyOfRange(x, 0, tr), Arrays.copyOfRange(y, 0, tr),
                Arrays.copyOfRange(x, tr, x.length), Arrays.copyOfRange(y, tr, y.length), side, side, classNames);
    }
}

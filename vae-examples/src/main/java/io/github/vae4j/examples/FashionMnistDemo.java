package io.github.vae4j.examples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MNIST demo's pictures on Fashion-MNIST (Zalando's 28 x 28 grayscale clothing images, ten classes), read from
 * the Debian package {@code dataset-fashion-mnist} ({@value #INSTALL}) or any folder with the four IDX files. By
 * default it uses the first 10,000 of the 60,000 training images, to finish in a few minutes; {@code --train-rows}
 * changes that.
 *
 * <pre>
 * sudo apt-get install dataset-fashion-mnist
 * ./mvnw -q -pl vae-examples exec:java -Dexec.mainClass=io.github.vae4j.examples.FashionMnistDemo
 * </pre>
 */
public final class FashionMnistDemo {

    /** How to get the data. */
    static final String INSTALL = "sudo apt-get install dataset-fashion-mnist";

    private FashionMnistDemo() {
    }

    /**
     * Runs the demo; {@code --help} lists the options.
     *
     * @param args command-line options
     */
    public static void main(String[] args) {
        Programs.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Programs.run("FashionMnistDemo", out, err, (o, stop) -> {
            Cli cli = PictureDemo.cli("FashionMnistDemo", "Trains a variational autoencoder on Fashion-MNIST and "
                    + "writes pictures of what it learned, with an index.html, into one folder.",
                    "folder with Fashion-MNIST's train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
                            + "t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz",
                    Dataset.DEBIAN_FASHION_MNIST.toString(), Programs.defaultOut("vae4j-fashion"));
            cli.option("train-rows", "N", "use at most this many of the 60,000 training rows", "10000");
            Cli.Args a = cli.parse(args, o);
            if (a == null) {
                return 0;
            }
            Path folder = a.path("data");
            if (!Files.isDirectory(folder)) {
                throw new Dataset.DataException("Fashion-MNIST not found: " + folder.toAbsolutePath()
                        + " is not a folder. Install it with `" + INSTALL + "` or pass --data DIR.");
            }
            Dataset data = Dataset.fromFolder(folder, "Fashion-MNIST", Dataset.FASHION_CLASSES);
            PictureDemo.run(PictureDemo.settings(a, data), o, stop);
            return 0;
        });
    }
}

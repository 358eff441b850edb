package io.github.vae4j.examples;

import java.io.PrintStream;

/**
 * The main demo: trains a variational autoencoder on the bundled 10,000-digit MNIST sample (8,000 training and
 * 2,000 test digits, from the class path) and writes reconstructions, samples, training curves, the latent space of a
 * second, two-dimensional model, a manifold and an interpolation, with an index.html, into one folder. Prints
 * progress per epoch, the test ELBO and an importance-weighted log-likelihood estimate. Ctrl-C stops training and
 * saves the model.
 *
 * <pre>
 * ./mvnw -q install -DskipTests
 * ./mvnw -q -pl vae-examples exec:java
 * ./mvnw -q -pl vae-examples exec:java -Dexec.args="--epochs 20 --out /tmp/demo"
 * </pre>
 */
public final class MnistDemo {

    private MnistDemo() {
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
        return Programs.run("MnistDemo", out, err, (o, stop) -> {
            Cli cli = PictureDemo.cli("MnistDemo", "Trains a variational autoencoder on MNIST digits and writes "
                    + "pictures of what it learned, with an index.html, into one folder.",
                    "folder with MNIST IDX files (train-images-idx3-ubyte[.gz] and the other three, or "
                            + "images-idx3-ubyte[.gz] and labels-idx1-ubyte[.gz]) (default: the bundled "
                            + "10,000-digit sample, 8,000 train, 2,000 test)", null, Programs.defaultOut("vae4j-demo"));
            Cli.Args a = cli.parse(args, o);
            if (a == null) {
                return 0;
            }
            Dataset data = a.has("data") ? Dataset.fromFolder(a.path("data"), "MNIST (" + a.string("data") + ")",
                    null) : Dataset.bundledMnist();
            PictureDemo.run(PictureDemo.settings(a, data), o, stop);
            return 0;
        });
    }
}

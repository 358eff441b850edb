package io.github.vae4j.io;

import static io.github.vae4j.io.ByteSink.limit;
import static io.github.vae4j.io.ByteSink.utf8;

import io.github.vae4j.Convolutions;
import io.github.vae4j.GaussianVariance;
import io.github.vae4j.ImageShape;
import io.github.vae4j.LatentPrior;
import io.github.vae4j.Likelihood;
import io.github.vae4j.Likelihoods;
import io.github.vae4j.Priors;
import io.github.vae4j.VaeConfig;
import io.github.vae4j.tabular.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The configuration section: what the model is ({@link VaeConfig}). Sizes, likelihood, Gaussian variance and seed in
 * every version; before version 3 also the training settings; from version 2 the image shape and convolutions; from
 * version 4 the schema ({@link SchemaSection}); from version 5 the likelihood's parameters after its name, and the
 * prior (name and parameters) at the end.
 */
final class ArchitectureSection {

    private static final String TABULAR = "TABULAR";

    /** Most parameters a likelihood may save with its name. */
    static final int MAX_LIKELIHOOD_PARAMETERS = 64;

    private ArchitectureSection() {
    }

    /**
     * The training settings versions 1 and 2 kept in the configuration; zeros in later versions.
     *
     * @param beta the KL weight
     * @param epochs epochs per fit
     * @param batchSize examples per step
     * @param learningRate Adam's learning rate, the only optimiser then
     */
    record OlderSettings(double beta, int epochs, int batchSize, double learningRate) {
        static final OlderSettings NONE = new OlderSettings(0, 0, 0, 0);
    }

    /** The section as read: the configuration, and the older versions' training settings. */
    record Read(VaeConfig config, OlderSettings older) {
    }

    /** @return the section's bytes; checks the format's limits */
    static long bytes(VaeConfig c) {
        int hidden = c.hiddenSizes().size();
        limit(hidden <= ModelFile.MAX_HIDDEN_LAYERS, "%s hidden layers, the format allows at most %s", hidden,
                ModelFile.MAX_HIDDEN_LAYERS);
        long likelihood = namedBytes("likelihood", c.likelihood().name(), c.likelihood().parameters());
        int convolutions = c.convolutions().filters().size();
        limit(convolutions <= ModelFile.MAX_HIDDEN_LAYERS, "%s convolutions, the format allows at most %s",
                convolutions, ModelFile.MAX_HIDDEN_LAYERS);
        long padding = utf8("padding", c.convolutions().padding().name());
        return 4 + 4 + 4 + 4L * hidden + likelihood + 1 + 8 + 8 + 1 + 3 * 4 + 4 + 4L * convolutions + 4 + 4 + padding
                + SchemaSection.schemaBytes(c.schema()) + namedBytes("prior", c.prior().name(), c.prior().parameters())
                + 4;
    }

    static void write(ByteSink sink, VaeConfig c) throws IOException {
        sink.int32(c.inputSize());
        sink.int32(c.latentSize());
        sink.int32(c.hiddenSizes().size());
        for (int size : c.hiddenSizes()) {
            sink.int32(size);
        }
        writeNamed(sink, c.likelihood().name(), c.likelihood().parameters());
        sink.int8(c.gaussianVariance().isLearned() ? 1 : 0);
        sink.float64(c.gaussianVariance().value());
        sink.int64(c.seed());
        ImageShape image = c.image();
        sink.int8(image == null ? 0 : 1);
        sink.int32(image == null ? 0 : image.height());
        sink.int32(image == null ? 0 : image.width());
        sink.int32(image == null ? 0 : image.channels());
        Convolutions conv = c.convolutions();
        sink.int32(conv.filters().size());
        for (int filters : conv.filters()) {
            sink.int32(filters);
        }
        sink.int32(conv.kernelSize());
        sink.int32(conv.stride());
        sink.string(conv.padding().name());
        SchemaSection.writeSchema(sink, c.schema());
        writeNamed(sink, c.prior().name(), c.prior().parameters());
        sink.int32(c.conditions());
    }

    /**
     * @return the bytes of a likelihood's or a prior's name and parameters (the count's 4 bytes included); checks the
     *     format's limits, naming {@code kind}
     */
    private static long namedBytes(String kind, String name, List<Double> parameters) {
        long bytes = utf8(kind, name);
        int count = parameters.size();
        limit(count <= MAX_LIKELIHOOD_PARAMETERS, "the %s has %s parameters, the format allows at most %s", kind, count,
                MAX_LIKELIHOOD_PARAMETERS);
        return bytes + 4 + 8L * count;
    }

    /** A likelihood's or a prior's name, then its parameters' count and values. */
    private static void writeNamed(ByteSink sink, String name, List<Double> parameters) throws IOException {
        sink.string(name);
        sink.int32(parameters.size());
        for (double p : parameters) {
            sink.float64(p);
        }
    }

    /** The parameters after a likelihood's or a prior's name: a count, then the values. */
    private static List<Double> readParameters(ByteSource in, String kind) throws IOException {
        int count = in.count(kind + " parameter count", MAX_LIKELIHOOD_PARAMETERS);
        List<Double> parameters = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            parameters.add(in.float64(kind + " parameter " + i));
        }
        return parameters;
    }

    /**
     * What a likelihood's or a prior's name and parameters stand for, through its registry ({@code registry}:
     * {@code Likelihoods} or {@code Priors}): a factory's refusal and an unknown name fail at the name's offset.
     */
    private static <T> T resolve(ByteSource in, int offset, String kind, String name, List<Double> parameters,
            String registry, BiFunction<String, List<Double>, Optional<T>> find, Supplier<List<String>> known)
            throws ModelFormatException {
        Optional<T> found;
        try {
            found = find.apply(name, parameters);
        } catch (IllegalArgumentException e) {
            throw in.fail(offset, "%s '%s' with parameters %s: %s", kind, name, parameters, e.getMessage());
        }
        return found.orElseThrow(() -> in.fail(offset, "unknown %s '%s': this library knows %s; register a %s of your "
                + "own with %s.register before loading", kind, name, String.join(", ", known.get()), kind, registry));
    }

    /** The prior at the end of the configuration: version 5 on; the standard normal before. */
    private static LatentPrior readPrior(ByteSource in, FormatVersion version) throws IOException {
        if (!version.hasLikelihoodParameters()) {
            return LatentPrior.STANDARD_NORMAL;
        }
        in.section("prior");
        int offset = in.position();
        String name = in.string("prior");
        List<Double> parameters = readParameters(in, "prior");
        return resolve(in, offset, "prior", name, parameters, "Priors", Priors::find, Priors::names);
    }

    static Read read(ByteSource in, FormatVersion version) throws IOException {
        in.section("configuration");
        int inputSize = in.int32("input size");
        int latentSize = in.int32("latent size");
        List<Integer> hiddenSizes = hiddenSizes(in);
        int likelihoodOffset = in.position();
        String likelihoodName = in.string("likelihood");
        List<Double> likelihoodParameters = version.hasLikelihoodParameters() ? readParameters(in, "likelihood")
                : List.of();
        int varianceOffset = in.position();
        int learned = in.int8("Gaussian variance kind");
        double varianceValue = in.float64("Gaussian variance value");
        OlderSettings older = OlderSettings.NONE;
        if (version.hasSettingsInConfiguration()) {
            double beta = in.float64("beta");
            int epochs = in.int32("epochs");
            int batchSize = in.int32("batch size");
            older = new OlderSettings(beta, epochs, batchSize, in.float64("learning rate"));
        }
        long seed = in.int64("seed");
        Likelihood likelihood = likelihood(in, likelihoodOffset, likelihoodName, likelihoodParameters, version);
        if (learned > 1) {
            throw in.fail(varianceOffset, "Gaussian variance kind is %s, it must be 0 (fixed) or 1 (learned)",
                    learned);
        }
        ImageShape image = null;
        Convolutions convolutions = Convolutions.NONE;
        if (version.hasImage()) {
            int imageOffset = in.position();
            int hasImage = in.int8("image flag");
            int height = in.int32("image height");
            int width = in.int32("image width");
            int channels = in.int32("image channels");
            if (hasImage > 1) {
                throw in.fail(imageOffset, "image flag is %s, it must be 0 (no image) or 1", hasImage);
            }
            if (hasImage == 0 && (height != 0 || width != 0 || channels != 0)) {
                throw in.fail(imageOffset + 1, "the model has no image, yet its image shape is %sx%sx%s, not 0x0x0",
                        height, width, channels);
            }
            convolutions = convolutions(in);
            image = hasImage == 1 ? valid(() -> new ImageShape(height, width, channels)) : null;
        }
        Schema schema = version.hasSchema() ? SchemaSection.readSchema(in, version) : null;
        LatentPrior prior = readPrior(in, version);
        int conditions = version.hasConditions() ? in.int32("condition width") : 0;
        ImageShape shape = image;
        Convolutions conv = convolutions;
        VaeConfig config = valid(() -> new VaeConfig(inputSize, latentSize, hiddenSizes, shape, conv, likelihood,
                new GaussianVariance(learned == 1, varianceValue), seed, schema, prior, conditions));
        return new Read(config, older);
    }

    private static List<Integer> hiddenSizes(ByteSource in) throws IOException {
        int count = in.count("hidden layer count", ModelFile.MAX_HIDDEN_LAYERS);
        List<Integer> sizes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int offset = in.position();
            int size = in.int32("hidden layer " + i + " size");
            if (size <= 0 || size > VaeConfig.MAX_LAYER_SIZE) {
                throw in.fail(offset, "hidden layer %s has size %s, it must be between 1 and %s", i, size,
                        VaeConfig.MAX_LAYER_SIZE);
            }
            sizes.add(size);
        }
        return sizes;
    }

    private static Convolutions convolutions(ByteSource in) throws IOException {
        int count = in.count("convolution count", ModelFile.MAX_HIDDEN_LAYERS);
        List<Integer> filters = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            filters.add(in.int32("convolution " + i + " filters"));
        }
        int kernel = in.int32("kernel size");
        int stride = in.int32("stride");
        int paddingOffset = in.position();
        String paddingName = in.string("padding");
        Convolutions.Padding padding;
        try {
            padding = Convolutions.Padding.valueOf(paddingName);
        } catch (IllegalArgumentException e) {
            throw in.fail(paddingOffset, "unknown padding '%s': this library knows %s", paddingName,
                    Arrays.toString(Convolutions.Padding.values()));
        }
        return valid(() -> new Convolutions(filters, kernel, stride, padding));
    }

    /**
     * The likelihood a file names: a built-in, or one a host registered with {@link Likelihoods} (from version 5,
     * with its parameters).
     */
    private static Likelihood likelihood(ByteSource in, int offset, String name, List<Double> parameters,
            FormatVersion version) throws ModelFormatException {
        if (name.equals(TABULAR) && !version.hasSchema()) {
            throw in.fail(offset, "likelihood %s needs format %s, the file is of format %s", TABULAR,
                    FormatVersion.SCHEMA, version.number());
        }
        return resolve(in, offset, "likelihood", name, parameters, "Likelihoods", Likelihoods::find,
                Likelihoods::names);
    }

    /** A value of the configuration, its own checks failing as an invalid configuration. */
    private static <T> T valid(Supplier<T> make) throws ModelFormatException {
        try {
            return make.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelFormatException("invalid configuration: " + e.getMessage(), e);
        }
    }
}

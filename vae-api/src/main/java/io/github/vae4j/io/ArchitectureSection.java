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
        long likelihood = utf8("likelihood", c.likelihood().name());
        int parameters = c.likelihood().parameters().size();
        limit(parameters <= MAX_LIKELIHOOD_PARAMETERS, "the likelihood has %s parameters, the format allows at most %s",
                parameters, MAX_LIKELIHOOD_PARAMETERS);
        int convolutions = c.convolutions().filters().size();
        limit(convolutions <= ModelFile.MAX_HIDDEN_LAYERS, "%s convolutions, the format allows at most %s",
                convolutions, ModelFile.MAX_HIDDEN_LAYERS);
        long padding = utf8("padding", c.convolutions().padding().name());
        return 4 + 4 + 4 + 4L * hidden + likelihood + 4 + 8L * parameters + 1 + 8 + 8 + 1 + 3 * 4 + 4 + 4L * convolutions + 4 + 4
                + padding + SchemaSection.schemaBytes(c.schema()) + priorBytes(c.prior());
    }

    static void write(ByteSink sink, VaeConfig c) throws IOException {
        sink.int32(c.inputSize());
        sink.int32(c.latentSize());
        sink.int32(c.hiddenSizes().size());
        for (int size : c.hiddenSizes()) {
            sink.int32(size);
        }
        sink.string(c.likelihood().name());
        sink.int32(c.likelihood().parameters().size());
        for (double p : c.likelihood().parameters()) {
            sink.float64(p);
        }
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
        sink.string(c.prior().name());
        sink.int32(c.prior().parameters().size());
        for (double p : c.prior().parameters()) {
            sink.float64(p);
        }
    }

    /** @return the prior's bytes at the end of the configuration (version 5): its name, then its parameters */
    private static long priorBytes(LatentPrior prior) {
        int parameters = prior.parameters().size();
        limit(parameters <= MAX_LIKELIHOOD_PARAMETERS, "the prior has %s parameters, the format allows at most %s",
                parameters, MAX_LIKELIHOOD_PARAMETERS);
        return utf8("prior", prior.name()) + 4 + 8L * parameters;
    }

    /** The prior at the end of the configuration: version 5 on; the standard normal before. */
    private static LatentPrior readPrior(ByteSource in, FormatVersion version) throws IOException {
        if (!version.hasLikelihoodParameters()) {
            return LatentPrior.STANDARD_NORMAL;
        }
        in.section("prior");
        int offset = in.position();
        String name = in.string("prior");
        int count = in.count("prior parameter count", MAX_LIKELIHOOD_PARAMETERS);
        List<Double> parameters = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            parameters.add(in.float64("prior parameter " + i));
        }
        Optional<LatentPrior> found;
        try {
            found = Priors.find(name, parameters);
        } catch (IllegalArgumentException e) {
            throw in.fail(offset, "prior '%s' with parameters %s: %s", name, parameters, e.getMessage());
        }
        return found.orElseThrow(() -> in.fail(offset, "unknown prior '%s': this library knows %s; register a prior "
                + "of your own with Priors.register before loading", name, String.join(", ", Priors.names())));
    }

    static Read read(ByteSource in, FormatVersion version) throws IOException {
        in.section("configuration");
        int inputSize = in.int32("input size");
        int latentSize = in.int32("latent size");
        List<Integer> hiddenSizes = hiddenSizes(in);
        int likelihoodOffset = in.position();
        String likelihoodName = in.string("likelihood");
        List<Double> likelihoodParameters = new ArrayList<>();
        if (version.hasLikelihoodParameters()) {
            int count = in.count("likelihood parameter count", MAX_LIKELIHOOD_PARAMETERS);
            for (int i = 0; i < count; i++) {
                likelihoodParameters.add(in.float64("likelihood parameter " + i));
            }
        }
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
        Schema schema = version.hasSchema() ? SchemaSection.readSchema(in) : null;
        LatentPrior prior = readPrior(in, version);
        ImageShape shape = image;
        Convolutions conv = convolutions;
        VaeConfig config = valid(() -> new VaeConfig(inputSize, latentSize, hiddenSizes, shape, conv, likelihood,
                new GaussianVariance(learned == 1, varianceValue), seed, schema, prior));
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
        Optional<Likelihood> found;
        try {
            found = Likelihoods.find(name, parameters);
        } catch (IllegalArgumentException e) {
            throw in.fail(offset, "likelihood '%s' with parameters %s: %s", name, parameters, e.getMessage());
        }
        return found.orElseThrow(() -> in.fail(offset, "unknown likelihood '%s': this library knows %s; register a "
                + "likelihood of your own with Likelihoods.register before loading", name,
                String.join(", ", Likelihoods.names())));
    }

    /** A value of the configuration, its own checks failing as an invalid configuration. */
    private static <T> T valid(java.util.function.Supplier<T> make) throws ModelFormatException {
        try {
            return make.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelFormatException("invalid configuration: " + e.getMessage(), e);
        }
    }
}

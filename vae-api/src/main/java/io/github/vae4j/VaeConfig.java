package io.github.vae4j;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import io.github.vae4j.tabular.Schema;
import java.util.List;

/**
 * What a model is: its architecture and seed, immutable. How it is trained is apart from this, in a {@link Training}
 * plan. Built and validated by {@link Vae.Builder}; saved in every model file.
 *
 * @param inputSize number of features per example, or 0 while it is still to be taken from the first {@code fit}
 * @param latentSize dimension of the latent space z
 * @param hiddenSizes widths of the encoder's dense hidden layers, input side first (after any convolutions); the
 *     decoder uses them reversed
 * @param image the shape of image inputs, or {@code null} for plain feature rows; when set, {@code inputSize} is its
 *     {@link ImageShape#size()}
 * @param convolutions the encoder's convolutions and the decoder's mirrored transposed convolutions;
 *     {@link Convolutions#NONE} for a dense model; anything else needs an {@code image}
 * @param likelihood the decoder's distribution p(x|z)
 * @param gaussianVariance how a Gaussian decoder's variance is obtained (ignored for Bernoulli)
 * @param seed the seed of every random choice: initial weights, shuffling, validation split and sampling
 * @param schema the columns of a tabular model ({@link Likelihood#TABULAR}), or {@code null}; when set, the input
 *     size is its {@link Schema#inputWidth()}
 * @param prior the prior p(z); {@link LatentPrior#STANDARD_NORMAL} by default
 * @param conditions values per row of the condition a conditional VAE (Sohn et al. 2015) is given, 0 for an
 *     unconditional model: the encoder sees the example and its condition, the decoder the latent code and the
 *     condition; for a tabular model, the width its schema's condition columns encode to
 */
public record VaeConfig(
        int inputSize,
        int latentSize,
        List<Integer> hiddenSizes,
        ImageShape image,
        Convolutions convolutions,
        Likelihood likelihood,
        GaussianVariance gaussianVariance,
        long seed,
        Schema schema,
        LatentPrior prior,
        int conditions) {

    /** Largest width accepted for any layer, the input included: far beyond any dense model that fits in memory. */
    public static final int MAX_LAYER_SIZE = 1 << 24;

    /**
     * Validates every field; see {@link Vae.Builder} for the rules.
     *
     * @param inputSize number of features per example, or 0 while it is still to be taken from the first {@code fit}
     * @param latentSize dimension of the latent space z
     * @param hiddenSizes widths of the encoder's dense hidden layers, input side first (after any convolutions); the
     *     decoder uses them reversed
     * @param image the shape of image inputs, or {@code null} for plain feature rows; when set, {@code inputSize} is
     *     its {@link ImageShape#size()}
     * @param convolutions the encoder's convolutions and the decoder's mirrored transposed convolutions;
     *     {@link Convolutions#NONE} for a dense model; anything else needs an {@code image}
     * @param likelihood the decoder's distribution p(x|z)
     * @param gaussianVariance how a Gaussian decoder's variance is obtained (ignored for Bernoulli)
     * @param seed the seed of every random choice: initial weights, shuffling, validation split and sampling
     * @param schema the columns of a tabular model, or {@code null}
     * @param prior the prior p(z)
     * @param conditions values per row of the condition, 0 for an unconditional model
     */
    public VaeConfig {
        checkArgument(inputSize >= 0 && inputSize <= MAX_LAYER_SIZE,
                "input size must be between 1 and %s (0 = taken from the data), got %s", MAX_LAYER_SIZE, inputSize);
        checkSize("latent size", latentSize);
        checkNotNull(hiddenSizes, "hidden sizes");
        hiddenSizes = ImmutableList.copyOf(hiddenSizes);
        for (int i = 0; i < hiddenSizes.size(); i++) {
            checkSize("hidden layer " + i + " size", hiddenSizes.get(i));
        }
        inputSize = imageInputSize(inputSize, image, convolutions);
        checkLikelihood(likelihood);
        checkNotNull(gaussianVariance, "Gaussian variance");
        inputSize = tabularInputSize(inputSize, image, likelihood, schema);
        checkNotNull(prior, "prior (LatentPrior.STANDARD_NORMAL for the standard normal)");
        if (!prior.isStandardNormal()) {
            NamedFactories.checkName(prior.name());
            checkNotNull(prior.parameters(), "the parameters of prior %s", prior.name());
        }
        checkConditions(conditions, hiddenSizes, schema);
    }

    /**
     * An unconditional configuration ({@code conditions} 0).
     *
     * @param inputSize number of features per example, or 0 while it is still to be taken from the first {@code fit}
     * @param latentSize dimension of the latent space z
     * @param hiddenSizes widths of the encoder's dense hidden layers, input side first
     * @param image the shape of image inputs, or {@code null}
     * @param convolutions the convolutions; {@link Convolutions#NONE} for a dense model
     * @param likelihood the decoder's distribution p(x|z)
     * @param gaussianVariance how a Gaussian decoder's variance is obtained
     * @param seed the seed of every random choice
     * @param schema the columns of a tabular model, or {@code null}
     * @param prior the prior p(z)
     */
    public VaeConfig(int inputSize, int latentSize, List<Integer> hiddenSizes, ImageShape image,
            Convolutions convolutions, Likelihood likelihood, GaussianVariance gaussianVariance, long seed,
            Schema schema, LatentPrior prior) {
        this(inputSize, latentSize, hiddenSizes, image, convolutions, likelihood, gaussianVariance, seed, schema,
                prior, schema == null ? 0 : schema.conditionWidth());
    }

    private static void checkConditions(int conditions, List<Integer> hiddenSizes, Schema schema) {
        checkArgument(conditions >= 0 && conditions <= MAX_LAYER_SIZE,
                "conditions must be between 0 (none) and %s values per row, got %s", MAX_LAYER_SIZE, conditions);
        checkArgument(schema == null || conditions == schema.conditionWidth(), "the schema's condition columns "
                + "encode to %s values per row, but the model is given %s", schema == null ? 0
                : schema.conditionWidth(), conditions);
        checkArgument(conditions == 0 || !hiddenSizes.isEmpty(), "a conditional model needs at least one hidden "
                + "layer: the condition joins the input of the encoder's first dense layer and of the decoder's");
    }

    /** @return whether the model is given a condition with each example (a conditional VAE) */
    public boolean isConditional() {
        return conditions > 0;
    }

    /**
     * @return values per row the backend receives: the example's {@link #inputSize} values followed by its
     *     {@link #conditions} values
     */
    public int rowWidth() {
        return inputSize + conditions;
    }

    /**
     * A model with the standard normal prior.
     *
     * @param inputSize number of features per example, or 0 while it is still to be taken from the first {@code fit}
     * @param latentSize dimension of the latent space z
     * @param hiddenSizes widths of the encoder's dense hidden layers, input side first (after any convolutions)
     * @param image the shape of image inputs, or {@code null} for plain feature rows
     * @param convolutions the encoder's convolutions; {@link Convolutions#NONE} for a dense model
     * @param likelihood the decoder's distribution p(x|z)
     * @param gaussianVariance how a Gaussian decoder's variance is obtained (ignored for Bernoulli)
     * @param seed the seed of every random choice
     * @param schema the columns of a tabular model, or {@code null}
     */
    public VaeConfig(int inputSize, int latentSize, List<Integer> hiddenSizes, ImageShape image,
            Convolutions convolutions, Likelihood likelihood, GaussianVariance gaussianVariance, long seed,
            Schema schema) {
        this(inputSize, latentSize, hiddenSizes, image, convolutions, likelihood, gaussianVariance, seed, schema,
                LatentPrior.STANDARD_NORMAL);
    }

    /** The input size an image fixes, after checking the convolutions fit it (or that there are none without one). */
    private static int imageInputSize(int inputSize, ImageShape image, Convolutions convolutions) {
        checkNotNull(convolutions, "convolutions (use Convolutions.NONE for none)");
        if (image == null) {
            checkArgument(convolutions.isEmpty(),
                    "convolutions need an image shape (height, width, channels) to work on");
            return inputSize;
        }
        checkArgument(inputSize == 0 || inputSize == image.size(),
                "the image shape %s has %s values per example, but the input size is %s", image, image.size(),
                inputSize);
        convolutions.shapes(image);
        return image.size();
    }

    /** The input size a schema fixes, after checking that schema and tabular likelihood come together. */
    private static int tabularInputSize(int inputSize, ImageShape image, Likelihood likelihood, Schema schema) {
        checkArgument((schema != null) == (likelihood == Likelihood.TABULAR),
                "a tabular likelihood needs a schema, and a schema a tabular likelihood");
        if (schema == null) {
            return inputSize;
        }
        checkArgument(image == null, "a tabular model has no image shape");
        checkArgument(inputSize == 0 || inputSize == schema.inputWidth(),
                "the schema encodes %s values per row, but the input size is %s", schema.inputWidth(), inputSize);
        return schema.inputWidth();
    }

    /** Most decoder outputs a likelihood may ask for per input value. */
    public static final int MAX_LIKELIHOOD_HEADS = 16;

    /** A likelihood of a host's: a valid name, not a built-in's unless it is the built-in, and 1 to 16 heads. */
    private static void checkLikelihood(Likelihood likelihood) {
        checkNotNull(likelihood, "likelihood");
        if (likelihood instanceof StandardLikelihood) {
            return;
        }
        String name = likelihood.name();
        NamedFactories.checkName(name);
        checkArgument(!Likelihoods.isBuiltIn(name), "the likelihood %s takes a built-in likelihood's name, %s",
                likelihood, name);
        int heads = likelihood.heads();
        checkArgument(heads >= 1 && heads <= MAX_LIKELIHOOD_HEADS, "the likelihood %s asks for %s decoder outputs "
                + "per value; 1 to %s are allowed", name, heads, MAX_LIKELIHOOD_HEADS);
        checkNotNull(likelihood.parameters(), "the parameters of likelihood %s", name);
    }

    /** @return whether the likelihood is one of a host's, not a built-in */
    public boolean hasCustomLikelihood() {
        return !(likelihood instanceof StandardLikelihood);
    }

    /**
     * A model without a schema.
     *
     * @param inputSize number of features per example, or 0 while it is still to be taken from the first {@code fit}
     * @param latentSize dimension of the latent space z
     * @param hiddenSizes widths of the encoder's dense hidden layers, input side first (after any convolutions)
     * @param image the shape of image inputs, or {@code null} for plain feature rows
     * @param convolutions the encoder's convolutions; {@link Convolutions#NONE} for a dense model
     * @param likelihood the decoder's distribution p(x|z)
     * @param gaussianVariance how a Gaussian decoder's variance is obtained (ignored for Bernoulli)
     * @param seed the seed of every random choice
     */
    public VaeConfig(int inputSize, int latentSize, List<Integer> hiddenSizes, ImageShape image,
            Convolutions convolutions, Likelihood likelihood, GaussianVariance gaussianVariance, long seed) {
        this(inputSize, latentSize, hiddenSizes, image, convolutions, likelihood, gaussianVariance, seed, null);
    }

    /** @return {@code true} for a tabular model, one with a schema */
    public boolean isTabular() {
        return schema != null;
    }

    /**
     * A dense model: no image shape, no convolutions.
     *
     * @param inputSize number of features per example, or 0 while it is still to be taken from the first {@code fit}
     * @param latentSize dimension of the latent space z
     * @param hiddenSizes widths of the encoder's hidden layers, input side first; the decoder uses them reversed
     * @param likelihood the decoder's distribution p(x|z)
     * @param gaussianVariance how a Gaussian decoder's variance is obtained (ignored for Bernoulli)
     * @param seed the seed of every random choice: initial weights, shuffling, validation split and sampling
     */
    public VaeConfig(int inputSize, int latentSize, List<Integer> hiddenSizes, Likelihood likelihood,
            GaussianVariance gaussianVariance, long seed) {
        this(inputSize, latentSize, hiddenSizes, null, Convolutions.NONE, likelihood, gaussianVariance, seed);
    }

    /** @return {@code true} for a model with an image shape */
    public boolean isImage() {
        return image != null;
    }

    /**
     * The widths of the encoder's layers before the mean and log-variance heads: each convolution's output
     * ({@code height * width * filters}), then the dense hidden layers. The decoder's are the same, reversed.
     *
     * @return the widths, input side first
     */
    public List<Integer> encoderWidths() {
        ImmutableList.Builder<Integer> widths = ImmutableList.builder();
        if (image != null) {
            List<ImageShape> shapes = convolutions.shapes(image);
            for (int i = 1; i < shapes.size(); i++) {
                widths.add(shapes.get(i).size());
            }
        }
        return widths.addAll(hiddenSizes).build();
    }

    private static void checkSize(String what, int size) {
        checkArgument(size > 0 && size <= MAX_LAYER_SIZE, "%s must be between 1 and %s, got %s", what,
                MAX_LAYER_SIZE, size);
    }

    /** @return {@code true} once the input size is known */
    public boolean hasInputSize() {
        return inputSize > 0;
    }

    /**
     * A copy with the input size set.
     *
     * @param newInputSize features per example; positive
     * @return the new configuration
     */
    public VaeConfig withInputSize(int newInputSize) {
        checkSize("input size", newInputSize);
        return new VaeConfig(newInputSize, latentSize, hiddenSizes, image, convolutions, likelihood, gaussianVariance,
                seed, schema, prior, conditions);
    }
}

package io.github.vae4j;

import io.github.vae4j.spi.RandomStream;
import java.util.List;

/**
 * The decoder's distribution p(x|z) over each input value, which sets the reconstruction term of the ELBO. It is a
 * value a host can supply: the decoder emits {@link #heads()} numbers per input value (a Gaussian's mean and variance,
 * a Bernoulli's logit), and the likelihood turns them into a negative log-density with its gradient, a mean and a
 * draw. Values are independent given z, so a row's reconstruction term is the sum over its values.
 *
 * <pre>{@code
 * record StudentT(double dof) implements Likelihood { ... }      // heads: location and log-scale
 * Likelihoods.register("studentT", p -> new StudentT(p.get(0)));  // so that Vae.load finds it again
 * Vae vae = Vae.builder().likelihood(new StudentT(4)).build();
 * }</pre>
 *
 * <p>A model file stores the likelihood by {@link #name()} with its {@link #parameters()}; {@link Vae#load} asks
 * {@link Likelihoods} for it again. The built-in {@link #BERNOULLI} and {@link #GAUSSIAN} are likelihoods of this
 * kind, whose backends also have fast kernels of their own (checked against these methods); {@link #TABULAR} is one of
 * them per column of a schema. A likelihood is used from many threads at once and must keep no mutable state; one
 * with parameters should have value equality (a record), since a model's configuration compares it.
 */
public interface Likelihood {

    /**
     * Independent Bernoulli per feature, for data in [0, 1] such as pixel intensities. The decoder emits logits;
     * the reconstruction term is the binary cross-entropy (non-integer targets are allowed), in nats per example,
     * and the decoded mean is the probability sigmoid(logit).
     */
    Likelihood BERNOULLI = StandardLikelihood.BERNOULLI;

    /**
     * Independent Gaussian per feature, for real-valued data. The decoder emits a mean and (unless the variance is
     * fixed, see {@link GaussianVariance}) a variance per feature; the reconstruction term is the full negative
     * log-density including 0.5 * log(2 * pi) per feature, so the ELBO is a true bound on log p(x) in nats. Its
     * methods here are those of the default learned variance (floor {@value GaussianVariance#DEFAULT_FLOOR}); a
     * model's {@link GaussianVariance} is applied by the backend.
     */
    Likelihood GAUSSIAN = StandardLikelihood.GAUSSIAN;

    /**
     * One likelihood per column of a {@link io.github.vae4j.tabular.Schema}: Gaussian (learned variance, floored) for
     * numeric columns on standardised values, Bernoulli for binary columns, categorical (a softmax over the levels)
     * for categorical columns. The reconstruction term sums the columns' negative log-likelihoods, leaving out missing
     * entries. Set by {@code Vae.Builder.schema}, which also fixes the input size; its per-value methods are not
     * used (the backend computes each column's term).
     */
    Likelihood TABULAR = StandardLikelihood.TABULAR;

    /**
     * @return the name the model file stores and {@link Likelihoods} finds it by: letters, digits, '.', '_' or '-'; the
     *     built-ins are {@code BERNOULLI}, {@code GAUSSIAN} and {@code TABULAR}
     */
    String name();

    /** @return the parameters the model file stores with the name, and {@link Likelihoods}' factory takes back */
    default List<Double> parameters() {
        return List.of();
    }

    /** @return the decoder's outputs per input value, 1 or more */
    int heads();

    /**
     * Whether a value can be observed: data with another value is rejected before training, naming its row and column.
     *
     * @param x a finite value
     * @return {@code true} when x lies in the support
     */
    default boolean accepts(double x) {
        return true;
    }

    /** @return the support in words, for the message that rejects a value; "real values" by default */
    default String support() {
        return "real values";
    }

    /**
     * -log p(x | theta) of one value, in nats, and its gradient with respect to the heads.
     *
     * @param x the observed value
     * @param theta the decoder's {@link #heads()} outputs for this value
     * @param gradient receives d(-log p)/d(theta), {@link #heads()} values; {@code null} when not wanted
     * @return the negative log-density, nats
     */
    double negativeLogDensity(double x, double[] theta, double[] gradient);

    /**
     * @param theta the decoder's outputs for one value
     * @return the mean of x given them
     */
    double mean(double[] theta);

    /**
     * @param theta the decoder's outputs for one value
     * @param random the source of the draw
     * @return a draw of x given them
     */
    double sample(double[] theta, RandomStream random);

    /**
     * The built-in likelihood a name stands for, as configuration files and command lines give it.
     *
     * @param name {@code bernoulli}, {@code gaussian} or {@code tabular}, in any case, with or without spaces around
     * @return the likelihood
     * @throws IllegalArgumentException naming the value if it is none of those
     */
    static Likelihood parse(String name) {
        String n = name.trim().toUpperCase(java.util.Locale.ROOT);
        for (Likelihood l : List.of(BERNOULLI, GAUSSIAN, TABULAR)) {
            if (l.name().equals(n)) {
                return l;
            }
        }
        throw new IllegalArgumentException("likelihood must be bernoulli, gaussian or tabular, got '" + name + "'");
    }
}

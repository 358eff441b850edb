package io.github.vae4j;

/**
 * The decoder's distribution p(x|z) over each input feature, which sets the reconstruction term of the ELBO.
 */
public enum Likelihood {
    /**
     * Independent Bernoulli per feature, for data in [0, 1] such as pixel intensities. The decoder emits logits;
     * the reconstruction term is the binary cross-entropy (non-integer targets are allowed), in nats per example,
     * and the decoded mean is the probability sigmoid(logit).
     */
    BERNOULLI,

    /**
     * Independent Gaussian per feature, for real-valued data. The decoder emits a mean and (unless the variance is
     * fixed, see {@link GaussianVariance}) a variance per feature; the reconstruction term is the full negative
     * log-density including 0.5 * log(2 * pi) per feature, so the ELBO is a true bound on log p(x) in nats.
     */
    GAUSSIAN,

    /**
     * One likelihood per column of a {@link io.github.vae4j.tabular.Schema}: Gaussian (learned variance, floored) for
     * numeric columns on standardised values, Bernoulli for binary columns, categorical (a softmax over the levels)
     * for categorical columns. The reconstruction term sums the columns' negative log-likelihoods, leaving out missing
     * entries. Set by {@code Vae.Builder.schema}, which also fixes the input size.
     */
    TABULAR;

    /**
     * The likelihood a name stands for, as configuration files and command lines give it.
     *
     * @param name {@code bernoulli}, {@code gaussian} or {@code tabular}, in any case, with or without spaces around
     * @return the likelihood
     * @throws IllegalArgumentException naming the value if it is none of those
     */
    public static Likelihood parse(String name) {
        String n = name.trim().toUpperCase(java.util.Locale.ROOT);
        for (Likelihood l : values()) {
            if (l.name().equals(n)) {
                return l;
            }
        }
        throw new IllegalArgumentException("likelihood must be bernoulli, gaussian or tabular, got '" + name + "'");
    }
}

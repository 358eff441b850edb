package io.github.vae4j.tabular;

/** What a column holds, and so which likelihood models it. */
public enum ColumnKind {
    /** Real numbers: a Gaussian with a learned variance, on values standardised inside the model. */
    NUMERIC,
    /** One of two values: a Bernoulli. */
    BINARY,
    /** One of a fixed set of levels: a categorical distribution, a softmax over the levels. */
    CATEGORICAL
}

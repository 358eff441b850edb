package io.github.vae4j.tabular;

/**
 * What reading and scoring do with a level that a binary or categorical column of the schema does not have: a value
 * never seen in the training rows.
 */
public enum UnknownLevels {
    /** An {@link IllegalArgumentException} naming the line, column and value. */
    REJECT,
    /** The entry becomes missing, in a nullable column; in a column that is not nullable it is still rejected. */
    AS_MISSING,
    /**
     * The default: the entry is kept as an unknown level ({@link Table#UNKNOWN}, its text kept for
     * {@link Table#value}) and scored as the column's least likely level given the rest of the row, so that a row
     * scores at least as unusual as with any level the column has seen: to an anomaly detector a value never seen
     * is evidence, not an error. The encoder sees no level (a binary column halfway between its two). Training
     * rows must not hold one: a model cannot learn a level it does not have.
     */
    LEAST_LIKELY
}

package io.github.vae4j.tabular;

/** What reading does with a level a binary or categorical column does not know. */
public enum UnknownLevels {
    /** An {@link IllegalArgumentException} naming the line, column and value (the default). */
    REJECT,
    /** The entry becomes missing, in a nullable column; in a column that is not nullable it is still rejected. */
    AS_MISSING
}

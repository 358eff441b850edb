package io.github.vae4j.tabular;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.HashSet;
import java.util.List;

/**
 * One column of a {@link Schema}: its name, kind, levels, whether it may have missing entries, and for a numeric
 * column whether it is modelled after the transform log(1 + x).
 *
 * <p>In the network a column takes, in the encoder's input: 1 value (numeric: standardised; binary: 0 or 1) or one
 * per level (categorical: one-hot), plus 1 missing-value indicator if nullable; in the decoder's output: 2 values
 * (numeric: mean and variance), 1 (binary: logit) or one per level (categorical: logits).
 *
 * @param name the column's name, as in a CSV header; not blank
 * @param kind what it holds
 * @param nullable whether entries may be missing (then left out of the reconstruction term)
 * @param levels the values of a binary (exactly 2) or categorical (at least 1, distinct) column, in the order of
 *     their codes; empty for a numeric column
 * @param logTransform for a numeric column, whether it is modelled as log(1 + x), for non-negative, skewed values
 */
public record Column(String name, ColumnKind kind, boolean nullable, List<String> levels, boolean logTransform) {

    /** Most levels of a categorical column. */
    public static final int MAX_LEVELS = 1 << 12;

    /**
     * Validates the column.
     *
     * @param name the column's name, as in a CSV header; not blank
     * @param kind what it holds
     * @param nullable whether entries may be missing
     * @param levels the values of a binary or categorical column; empty for a numeric one
     * @param logTransform for a numeric column, whether it is modelled as log(1 + x)
     */
    public Column {
        checkNotNull(name, "column name");
        checkArgument(!name.isBlank(), "a column needs a name");
        checkNotNull(kind, "column kind");
        levels = ImmutableList.copyOf(levels);
        switch (kind) {
            case NUMERIC -> checkArgument(levels.isEmpty(), "numeric column '%s' has no levels", name);
            case BINARY -> checkArgument(levels.size() == 2, "binary column '%s' needs 2 levels, got %s", name,
                    levels);
            case CATEGORICAL -> checkArgument(levels.size() >= 1 && levels.size() <= MAX_LEVELS,
                    "categorical column '%s' needs 1 to %s levels, got %s", name, MAX_LEVELS, levels.size());
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
        checkArgument(new HashSet<>(levels).size() == levels.size(), "column '%s' repeats a level: %s", name,
                levels);
        checkArgument(!logTransform || kind == ColumnKind.NUMERIC, "only a numeric column can be log-transformed, "
                + "not '%s'", name);
    }

    /**
     * @param name the column's name
     * @return a numeric column without missing values or transform
     */
    public static Column numeric(String name) {
        return new Column(name, ColumnKind.NUMERIC, false, List.of(), false);
    }

    /**
     * @param name the column's name
     * @param first the level coded 0
     * @param second the level coded 1
     * @return a binary column without missing values
     */
    public static Column binary(String name, String first, String second) {
        return new Column(name, ColumnKind.BINARY, false, List.of(first, second), false);
    }

    /**
     * @param name the column's name
     * @param levels its levels, at least 1
     * @return a categorical column without missing values
     */
    public static Column categorical(String name, List<String> levels) {
        return new Column(name, ColumnKind.CATEGORICAL, false, levels, false);
    }

    /**
     * @param value whether entries may be missing
     * @return a copy with that setting
     */
    public Column withNullable(boolean value) {
        return new Column(name, kind, value, levels, logTransform);
    }

    /**
     * @param value whether the numeric column is modelled as log(1 + x)
     * @return a copy with that setting
     */
    public Column withLogTransform(boolean value) {
        return new Column(name, kind, nullable, levels, value);
    }

    /**
     * @param level a level's text
     * @return its code, or -1 if this column does not have it
     */
    public int code(String level) {
        return levels.indexOf(level);
    }

    /** @return values this column takes in the encoder's input: 1 or one per level, plus 1 if nullable */
    public int inputWidth() {
        return (kind == ColumnKind.CATEGORICAL ? levels.size() : 1) + (nullable ? 1 : 0);
    }

    /** @return values this column takes in the decoder's output: 2 (mean, variance), 1 (logit) or one per level */
    public int headWidth() {
        return switch (kind) {
            case NUMERIC -> 2;
            case BINARY -> 1;
            case CATEGORICAL -> levels.size();
        };
    }
}

package io.github.vae4j.tabular;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import io.github.vae4j.Vae;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The columns of a table and how the model treats them: one likelihood per column (Gaussian for numeric columns, with
 * a learned variance floored at {@link #varianceFloor()} in standardised units; Bernoulli for binary columns;
 * categorical for categorical columns), missing entries left out of the reconstruction term, and what to do with
 * unknown levels. {@code Table.inferSchema} infers one from a CSV file; {@code Vae.builder().schema(schema)} makes a
 * model of it. Immutable.
 *
 * <pre>{@code
 * Schema schema = Schema.builder()
 *         .numeric("amount").numeric("income", true, true)      // nullable, modelled as log(1 + x)
 *         .binary("records", "no", "yes")
 *         .categorical("home", "owner", "rent", "parents", "other")
 *         .build();
 * }</pre>
 */
public final class Schema {

    /** The default variance floor of numeric columns, in standardised units: a standard deviation of 0.1. */
    public static final double DEFAULT_VARIANCE_FLOOR = 0.01;

    /** Most columns of a schema. */
    public static final int MAX_COLUMNS = 1 << 16;

    private final List<Column> columns;
    private final double varianceFloor;
    private final UnknownLevels unknownLevels;
    private final int[] inputOffsets;
    private final int[] headOffsets;

    private Schema(List<Column> columns, double varianceFloor, UnknownLevels unknownLevels) {
        checkArgument(!columns.isEmpty(), "a schema needs at least one column");
        checkArgument(columns.size() <= MAX_COLUMNS, "a schema has at most %s columns, got %s", MAX_COLUMNS,
                columns.size());
        checkArgument(Double.isFinite(varianceFloor) && varianceFloor > 0,
                "the variance floor must be positive and finite, got %s", varianceFloor);
        Set<String> names = new HashSet<>();
        for (Column c : columns) {
            checkArgument(names.add(c.name()), "two columns are named '%s'", c.name());
        }
        this.columns = ImmutableList.copyOf(columns);
        this.varianceFloor = varianceFloor;
        this.unknownLevels = checkNotNull(unknownLevels, "unknown levels");
        this.inputOffsets = new int[columns.size() + 1];
        this.headOffsets = new int[columns.size() + 1];
        for (int i = 0; i < columns.size(); i++) {
            inputOffsets[i + 1] = Math.addExact(inputOffsets[i], columns.get(i).inputWidth());
            headOffsets[i + 1] = Math.addExact(headOffsets[i], columns.get(i).headWidth());
        }
    }

    /**
     * @param columns the columns, in order
     * @return a schema with the default variance floor that scores unknown levels as the least likely
     *     ({@link UnknownLevels#LEAST_LIKELY})
     */
    public static Schema of(List<Column> columns) {
        return new Schema(columns, DEFAULT_VARIANCE_FLOOR, UnknownLevels.LEAST_LIKELY);
    }

    /**
     * @param columns the columns, in order
     * @return a schema with the default variance floor that scores unknown levels as the least likely
     */
    public static Schema of(Column... columns) {
        return of(List.of(columns));
    }

    /** @return a builder of a schema with no columns yet */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder that starts from this schema */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.columns.addAll(columns);
        b.varianceFloor = varianceFloor;
        b.unknownLevels = unknownLevels;
        return b;
    }

    /** @return the columns, in order */
    public List<Column> columns() {
        return columns;
    }

    /** @return the number of columns */
    public int size() {
        return columns.size();
    }

    /**
     * @param i the column's position
     * @return the column
     */
    public Column column(int i) {
        return columns.get(i);
    }

    /**
     * @param name a column's name
     * @return its position, or -1
     */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** @return the smallest variance of a numeric column's Gaussian, in standardised units */
    public double varianceFloor() {
        return varianceFloor;
    }

    /** @return what reading does with unknown levels */
    public UnknownLevels unknownLevels() {
        return unknownLevels;
    }

    /** @return the width of an encoded row, the encoder's input */
    public int inputWidth() {
        return inputOffsets[columns.size()];
    }

    /** @return the width of the decoder's output */
    public int headWidth() {
        return headOffsets[columns.size()];
    }

    /**
     * @param i a column's position
     * @return where its values start in an encoded row
     */
    public int inputOffset(int i) {
        return inputOffsets[i];
    }

    /**
     * @param i a column's position
     * @return where its values start in the decoder's output
     */
    public int headOffset(int i) {
        return headOffsets[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s && s.columns.equals(columns) && s.varianceFloor == varianceFloor
                && s.unknownLevels == unknownLevels;
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, varianceFloor, unknownLevels);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Schema[");
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            s.append(i == 0 ? "" : ", ").append(c.name()).append(' ').append(c.kind().name().toLowerCase());
            if (c.kind() != ColumnKind.NUMERIC) {
                s.append(c.levels());
            }
            if (c.nullable()) {
                s.append(" nullable");
            }
            if (c.logTransform()) {
                s.append(" log");
            }
        }
        return s.append(']').toString();
    }

    /** Builds a {@link Schema}. */
    public static final class Builder {
        private final List<Column> columns = new ArrayList<>();
        private double varianceFloor = DEFAULT_VARIANCE_FLOOR;
        private UnknownLevels unknownLevels = UnknownLevels.LEAST_LIKELY;

        private Builder() {
        }

        /**
         * @param column a column to add at the end
         * @return this builder
         */
        public Builder column(Column column) {
            columns.add(checkNotNull(column, "column"));
            return this;
        }

        /**
         * @param name a numeric column to add
         * @return this builder
         */
        public Builder numeric(String name) {
            return column(Column.numeric(name));
        }

        /**
         * @param name a numeric column to add
         * @param nullable whether entries may be missing
         * @param logTransform whether it is modelled as log(1 + x)
         * @return this builder
         */
        public Builder numeric(String name, boolean nullable, boolean logTransform) {
            return column(Column.numeric(name).withNullable(nullable).withLogTransform(logTransform));
        }

        /**
         * @param name a binary column to add
         * @param first the level coded 0
         * @param second the level coded 1
         * @return this builder
         */
        public Builder binary(String name, String first, String second) {
            return column(Column.binary(name, first, second));
        }

        /**
         * @param name a categorical column to add
         * @param levels its levels
         * @return this builder
         */
        public Builder categorical(String name, String... levels) {
            return column(Column.categorical(name, List.of(levels)));
        }

        /**
         * Changes a column, for example to declare a kind the inference got wrong.
         *
         * @param name the column's name
         * @param change what to do with it
         * @return this builder
         * @throws IllegalArgumentException if there is no such column
         */
        public Builder replace(String name, UnaryOperator<Column> change) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(name)) {
                    columns.set(i, checkNotNull(change.apply(columns.get(i)), "changed column"));
                    return this;
                }
            }
            throw new IllegalArgumentException("no column named '" + name + "'");
        }

        /**
         * Leaves a column out: tables read with the schema skip it.
         *
         * @param name the column's name
         * @return this builder
         * @throws IllegalArgumentException if there is no such column
         */
        public Builder drop(String name) {
            checkArgument(columns.removeIf(c -> c.name().equals(name)), "no column named '%s'", name);
            return this;
        }

        /**
         * @param floor the smallest variance of a numeric column, in standardised units; positive
         * @return this builder
         */
        public Builder varianceFloor(double floor) {
            checkArgument(Double.isFinite(floor) && floor > 0, "the variance floor must be positive and finite, "
                    + "got %s", floor);
            this.varianceFloor = floor;
            return this;
        }

        /**
         * @param policy what reading and scoring do with unknown levels; default
         *     {@link UnknownLevels#LEAST_LIKELY}, {@link UnknownLevels#REJECT} for the strict rejection
         * @return this builder
         */
        public Builder unknownLevels(UnknownLevels policy) {
            this.unknownLevels = checkNotNull(policy, "unknown levels");
            return this;
        }

        /** @return the schema */
        public Schema build() {
            return new Schema(columns, varianceFloor, unknownLevels);
        }
    }
}

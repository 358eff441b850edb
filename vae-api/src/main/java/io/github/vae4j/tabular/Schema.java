package io.github.vae4j.tabular;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import io.github.vae4j.Vae;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
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
 * <p>Columns named as <em>conditions</em> ({@link Builder#condition(String)}, {@link #withConditions}) are inputs, not
 * modelled: a conditional VAE sees them beside each row (the encoder) and beside the latent code (the decoder), so
 * scores are given each row's context and samples can be asked for of a kind. The encoded row is the modelled
 * columns' encoding, then the condition columns' ({@link #inputWidth()}, then {@link #conditionWidth()} values).
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
    private final boolean[] condition;
    private final int inputWidth;
    private final int conditionWidth;
    private final int headWidth;

    private Schema(List<Column> columns, double varianceFloor, UnknownLevels unknownLevels, Set<String> conditions) {
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
        for (String name : conditions) {
            checkArgument(names.contains(name), "condition '%s' is not a column of the schema", name);
        }
        checkArgument(conditions.size() < columns.size(), "every column is a condition; a model needs at least one "
                + "column to model");
        this.condition = new boolean[columns.size()];
        this.inputOffsets = new int[columns.size()];
        this.headOffsets = new int[columns.size()];
        int modelled = 0;
        int heads = 0;
        for (int i = 0; i < columns.size(); i++) {
            condition[i] = conditions.contains(columns.get(i).name());
            if (!condition[i]) {
                inputOffsets[i] = modelled;
                headOffsets[i] = heads;
                modelled = Math.addExact(modelled, columns.get(i).inputWidth());
                heads = Math.addExact(heads, columns.get(i).headWidth());
            }
        }
        int given = modelled;
        for (int i = 0; i < columns.size(); i++) {
            if (condition[i]) {
                inputOffsets[i] = given;
                headOffsets[i] = -1;
                given = Math.addExact(given, columns.get(i).inputWidth());
            }
        }
        this.inputWidth = modelled;
        this.conditionWidth = given - modelled;
        this.headWidth = heads;
    }

    /**
     * @param columns the columns, in order
     * @return a schema with the default variance floor that scores unknown levels as the least likely
     *     ({@link UnknownLevels#LEAST_LIKELY})
     */
    public static Schema of(List<Column> columns) {
        return new Schema(columns, DEFAULT_VARIANCE_FLOOR, UnknownLevels.LEAST_LIKELY, Set.of());
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
        b.conditions.addAll(conditionNames());
        return b;
    }

    /**
     * This schema with the named columns as conditions, the others modelled: for an inferred schema,
     * {@code Table.inferSchema(file).withConditions("Status")}.
     *
     * @param names the condition columns; none makes every column modelled
     * @return the new schema
     * @throws IllegalArgumentException if a name is not a column, or every column would be a condition
     */
    public Schema withConditions(String... names) {
        Builder b = toBuilder();
        b.conditions.clear();
        for (String name : names) {
            b.condition(name);
        }
        return b.build();
    }

    /**
     * @param i the column index
     * @return whether column i is a condition: an input of the model, not modelled
     */
    public boolean isCondition(int i) {
        return condition[i];
    }

    /** @return the names of the condition columns, in column order; empty for an unconditional schema */
    public List<String> conditionNames() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (condition[i]) {
                out.add(columns.get(i).name());
            }
        }
        return out;
    }

    /** @return whether some columns are conditions */
    public boolean hasConditions() {
        return conditionWidth > 0;
    }

    /**
     * The modelled columns alone, as the decoder's likelihood sees them: their offsets are those of this schema.
     *
     * @return this schema without its condition columns (this schema itself when it has none)
     */
    public Schema modelled() {
        if (!hasConditions()) {
            return this;
        }
        List<Column> kept = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!condition[i]) {
                kept.add(columns.get(i));
            }
        }
        return new Schema(kept, varianceFloor, unknownLevels, Set.of());
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

    /**
     * @return the width of the modelled columns' encoding: the decoder's target, and an encoded row without its
     *     conditions
     */
    public int inputWidth() {
        return inputWidth;
    }

    /** @return the width of an encoded row: the modelled columns' encoding, then the condition columns' */
    public int encodedWidth() {
        return inputWidth + conditionWidth;
    }

    /** @return the width of the condition columns' encoding, which follows the modelled columns'; 0 for none */
    public int conditionWidth() {
        return conditionWidth;
    }

    /** @return the width of the decoder's output */
    public int headWidth() {
        return headWidth;
    }

    /**
     * @param i a column's position
     * @return where its values start in an encoded row (a condition column's after every modelled column's)
     */
    public int inputOffset(int i) {
        return inputOffsets[i];
    }

    /**
     * @param i a column's position
     * @return where its values start in the decoder's output; -1 for a condition column, which has none
     */
    public int headOffset(int i) {
        return headOffsets[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s && s.columns.equals(columns) && s.varianceFloor == varianceFloor
                && s.unknownLevels == unknownLevels && Arrays.equals(s.condition, condition);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, varianceFloor, unknownLevels, Arrays.hashCode(condition));
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
            if (condition[i]) {
                s.append(" condition");
            }
        }
        return s.append(']').toString();
    }

    /** Builds a {@link Schema}. */
    public static final class Builder {
        private final List<Column> columns = new ArrayList<>();
        private double varianceFloor = DEFAULT_VARIANCE_FLOOR;
        private UnknownLevels unknownLevels = UnknownLevels.LEAST_LIKELY;
        private final Set<String> conditions = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * Makes a column a condition: an input the model is given with each row, not a column it models. The column
         * may be added before or after this call.
         *
         * @param name the column's name
         * @return this builder
         * @throws IllegalArgumentException at {@link #build()} if no column has the name
         */
        public Builder condition(String name) {
            conditions.add(checkNotNull(name, "condition column name"));
            return this;
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
            conditions.remove(name);
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
            return new Schema(columns, varianceFloor, unknownLevels, conditions);
        }
    }
}

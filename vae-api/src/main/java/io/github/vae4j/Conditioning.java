package io.github.vae4j;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.vae4j.internal.InputChecks;

/**
 * A conditional model's conditions at the edge: checked once (present, one per row, of the model's width, finite)
 * and joined to the rows they go with, each example followed by its condition, as the backend receives them
 * ({@link VaeConfig#rowWidth()}).
 */
final class Conditioning {

    private Conditioning() {
    }

    /**
     * Refuses a call without conditions on a conditional model.
     *
     * @param config the model's configuration
     * @param call the call made, for the message
     * @param instead the calls that take conditions
     * @throws IllegalStateException if the model is conditional
     */
    static void requireUnconditioned(VaeConfig config, String call, String instead) {
        if (config.isConditional()) {
            throw new IllegalStateException("this model is conditional (" + config.conditions() + " condition values "
                    + "per row): " + call + " has no conditions; call " + instead);
        }
    }

    /**
     * Refuses a call with conditions on an unconditional model.
     *
     * @param config the model's configuration
     * @param call the call made, for the message
     * @throws IllegalStateException if the model has no conditions
     */
    static void requireConditioned(VaeConfig config, String call) {
        if (!config.isConditional()) {
            throw new IllegalStateException(call + " needs a conditional model: build it with "
                    + "Vae.builder().conditions(width)");
        }
    }

    /**
     * Checks conditions: present, {@code rows} of them, each of the model's width and finite.
     *
     * @param config the model's configuration
     * @param conditions one condition per row
     * @param rows the rows they go with
     * @throws IllegalArgumentException naming the row, column and value at fault
     */
    static void check(VaeConfig config, float[][] conditions, int rows) {
        InputChecks.checkRows(conditions, "conditions", config.conditions(), "the model's condition width", 0);
        checkArgument(conditions.length == rows, "%s conditions for %s rows: give one condition per row",
                conditions.length, rows);
    }

    /**
     * Each row followed by its condition, as the backend receives it.
     *
     * @param rows the examples, already checked
     * @param conditions one condition per row, already checked ({@link #check})
     * @return {@code rows.length} new rows of {@code rows[i].length + conditions} values
     */
    static float[][] join(float[][] rows, float[][] conditions) {
        float[][] joined = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            float[] row = new float[rows[i].length + conditions[i].length];
            System.arraycopy(rows[i], 0, row, 0, rows[i].length);
            System.arraycopy(conditions[i], 0, row, rows[i].length, conditions[i].length);
            joined[i] = row;
        }
        return joined;
    }

    /**
     * One condition for {@code n} rows.
     *
     * @param config the model's configuration
     * @param condition the condition
     * @param n rows
     * @return {@code n} references to a checked copy of the condition
     */
    static float[][] repeat(VaeConfig config, float[] condition, int n) {
        requireConditioned(config, "a condition");
        checkArgument(condition != null, "condition is null");
        float[] copy = condition.clone();
        check(config, new float[][] {copy}, 1);
        float[][] out = new float[Math.max(0, n)][];
        java.util.Arrays.fill(out, copy);
        return out;
    }

    /**
     * Lays out a chunk of latent points as the decoder takes them, each followed by its condition.
     *
     * @param z {@code rows x latent} points
     * @param rows points in the chunk
     * @param latent the latent dimension
     * @param conditions one condition per point of the whole call, {@code c} values each
     * @param from the chunk's first point in the call
     * @param out receives {@code rows x (latent + c)} values
     */
    static void joinLatents(float[] z, int rows, int latent, float[][] conditions, int from, float[] out) {
        for (int i = 0; i < rows; i++) {
            int c = conditions[from + i].length;
            System.arraycopy(z, i * latent, out, i * (latent + c), latent);
            System.arraycopy(conditions[from + i], 0, out, i * (latent + c) + latent, c);
        }
    }

    /**
     * The conditions rows carry.
     *
     * @param config the model's configuration
     * @param joined rows as the backend takes them, each example followed by its condition
     * @return the conditions, {@code joined.length x conditions}; {@code null} for an unconditional model
     */
    static float[][] conditionsOf(VaeConfig config, float[][] joined) {
        if (!config.isConditional()) {
            return null;
        }
        int from = config.inputSize();
        float[][] out = new float[joined.length][];
        for (int i = 0; i < joined.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(joined[i], from, from + config.conditions());
        }
        return out;
    }
}

package io.github.vae4j.series;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.github.vae4j.tabular.Column;
import io.github.vae4j.tabular.ColumnKind;
import io.github.vae4j.tabular.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a window of a series is laid out as one row of a tabular model: point-major, oldest point first, each point's
 * channels in order, every value a nullable numeric column named {@code channel@t-k} ({@code k} points before the
 * window's newest point, whose columns are {@code channel@t}). The schema is the layout, so a saved model carries its
 * window and channels.
 *
 * @param window points in a window
 * @param channels the channels' names
 */
record WindowLayout(int window, List<String> channels) {

    private static final String LAG = "@t";

    WindowLayout {
        channels = ImmutableList.copyOf(channels);
        checkArgument(window >= 1, "a window must hold at least 1 point, got %s", window);
        checkArgument((long) window * channels.size() <= Schema.MAX_COLUMNS, "a window of %s points of %s channels "
                + "is %s values, more than a model takes (%s)", window, channels.size(),
                (long) window * channels.size(), Schema.MAX_COLUMNS);
    }

    int width() {
        return channels.size();
    }

    /** @return values in a window */
    int size() {
        return window * channels.size();
    }

    /** @return the schema of a window's row */
    Schema schema() {
        Schema.Builder b = Schema.builder();
        for (int o = 0; o < window; o++) {
            int lag = window - 1 - o;
            for (String c : channels) {
                b.column(Column.numeric(c + LAG + (lag == 0 ? "" : "-" + lag)).withNullable(true));
            }
        }
        return b.build();
    }

    /**
     * @param schema a model's schema
     * @return the layout it was made from
     * @throws IllegalArgumentException if it is not a window's schema
     */
    static WindowLayout of(Schema schema) {
        List<String> channels = new ArrayList<>();
        for (Column c : schema.columns()) {
            String name = c.name();
            int at = name.lastIndexOf(LAG);
            checkArgument(at > 0 && c.kind() == ColumnKind.NUMERIC, "the model's column '%s' is not a window's "
                    + "(channel@t-k): the model is not a SeriesDetector's", name);
            if (name.endsWith(LAG)) {
                channels.add(name.substring(0, at));
            }
        }
        checkArgument(!channels.isEmpty() && schema.size() % channels.size() == 0, "the model's columns are not a "
                + "window's: the model is not a SeriesDetector's");
        WindowLayout layout = new WindowLayout(schema.size() / channels.size(), channels);
        checkArgument(layout.schema().equals(schema), "the model's columns are not a window's: the model is not a "
                + "SeriesDetector's");
        return layout;
    }

    /**
     * Copies the window that ends at point {@code t} into {@code raw}; points before the series' start are missing.
     *
     * @param values a series' values, point-major
     * @param t the window's newest point
     * @param raw receives {@link #size()} values
     */
    void window(float[] values, int t, float[] raw) {
        int first = t - (window - 1);
        int width = channels.size();
        int pad = Math.max(0, -first);
        Arrays.fill(raw, 0, pad * width, Float.NaN);
        System.arraycopy(values, (first + pad) * width, raw, pad * width, (window - pad) * width);
    }

    /** @return where the newest point's values start in a window's row */
    int newest() {
        return (window - 1) * channels.size();
    }
}

package io.github.vae4j.series;

import io.github.vae4j.DataSource;
import io.github.vae4j.spi.RandomStream;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * The training windows of one or more series as raw rows, each read from its series when asked (never copied whole):
 * every window that ends at a point {@code t >= window - 1} of each series, in a new random order at each pass, with
 * whole points set missing at a rate (Donut's missing-point injection), so that the model learns to score around
 * gaps. Deterministic for a seed: the k-th pass draws the same order and gaps in every run.
 */
final class WindowSource implements DataSource {

    private final WindowLayout layout;
    private final List<TimeSeries> series;
    private final int[] seriesOf;
    private final int[] endOf;
    private final double missingRate;
    private final long seed;
    private int passes;

    WindowSource(WindowLayout layout, List<TimeSeries> series, double missingRate, long seed) {
        this.layout = layout;
        this.series = List.copyOf(series);
        long total = 0;
        for (TimeSeries s : series) {
            total += Math.max(0, s.length() - (layout.window() - 1));
        }
        if (total == 0 || total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the series give " + total + " windows of " + layout.window()
                    + " points; training needs a series at least as long as the window");
        }
        seriesOf = new int[(int) total];
        endOf = new int[(int) total];
        int i = 0;
        for (int s = 0; s < series.size(); s++) {
            for (int t = layout.window() - 1; t < series.get(s).length(); t++) {
                seriesOf[i] = s;
                endOf[i++] = t;
            }
        }
        this.missingRate = missingRate;
        this.seed = seed;
    }

    @Override
    public int width() {
        return layout.size();
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.of(endOf.length);
    }

    @Override
    public synchronized RowReader open() {
        RandomStream random = new RandomStream(seed).split(passes++);
        int[] order = new int[endOf.length];
        Arrays.setAll(order, i -> i);
        random.shuffle(order);
        return new RowReader() {
            private int next;

            @Override
            public boolean next(float[] row) {
                if (next == order.length) {
                    return false;
                }
                int w = order[next++];
                layout.window(series.get(seriesOf[w]).values(), endOf[w], row);
                if (missingRate > 0) {
                    int width = layout.width();
                    for (int o = 0; o < layout.window(); o++) {
                        if (random.nextDouble() < missingRate) {
                            Arrays.fill(row, o * width, (o + 1) * width, Float.NaN);
                        }
                    }
                }
                return true;
            }

            @Override
            public String where() {
                int w = order[next - 1];
                return "series " + seriesOf[w] + ", the window ending at point " + endOf[w];
            }

            @Override
            public String column(int c) {
                return "channel '" + layout.channels().get(c % layout.width()) + "', "
                        + (layout.window() - 1 - c / layout.width()) + " points before the window's end";
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String toString() {
        return endOf.length + " windows of " + layout.window() + " points from " + series.size() + " series";
    }
}

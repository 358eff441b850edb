package io.github.vae4j.series;

import io.github.vae4j.tabular.Column;
import io.github.vae4j.tabular.Scaling;
import io.github.vae4j.tabular.Schema;
import java.util.List;

/**
 * The standardisation of a detector's channels, fitted once on its training series and given to every lag of the
 * window: {@link Scaling.Fitter#fitWithResolution()} over the points, one column a channel. A channel is centred on its
 * mean and scaled by its standard deviation, never finer than its step over the variance floor's standard deviation;
 * a channel stuck at one value or flipping between two takes the series' resolution as its step, so that a channel
 * that never moved in training is measured in the series' own units when it moves: stuck at 0.5 and then at 0.7 is 20
 * steps off, not a fraction of a standard deviation of 1.
 */
final class ChannelScaling {

    private ChannelScaling() {
    }

    /**
     * @param layout the window's layout
     * @param series the training series
     * @return one centre and scale per column of the window's schema
     */
    static Scaling fit(WindowLayout layout, List<TimeSeries> series) {
        int width = layout.width();
        Schema.Builder channels = Schema.builder();
        for (String c : layout.channels()) {
            channels.column(Column.numeric(c).withNullable(true));
        }
        Scaling.Fitter fitter = new Scaling.Fitter(channels.build());
        float[] point = new float[width];
        for (TimeSeries s : series) {
            float[] v = s.values();
            for (int t = 0; t < s.length(); t++) {
                System.arraycopy(v, t * width, point, 0, width);
                fitter.add(point);
            }
        }
        Scaling perChannel = fitter.fitWithResolution();
        double[] center = new double[layout.size()];
        double[] scale = new double[layout.size()];
        for (int o = 0; o < layout.window(); o++) {
            for (int c = 0; c < width; c++) {
                center[o * width + c] = perChannel.centerOf(c);
                scale[o * width + c] = perChannel.scaleOf(c);
            }
        }
        return new Scaling(center, scale);
    }
}

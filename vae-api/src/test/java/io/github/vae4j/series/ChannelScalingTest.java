package io.github.vae4j.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.tabular.Scaling;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each channel's standardisation, worked out by hand: its step, the series' resolution, the same for every lag. */
class ChannelScalingTest {

    @Test
    void channelsAreScaledByTheirSpreadButNeverFinerThanTheirStepOrTheSeriesResolution() {
        int n = 2000;
        double[][] points = new double[n][];
        for (int t = 0; t < n; t++) {
            points[t] = new double[] {
                0.5 + 0.01 * (t % 5),               // steps of 0.01, sd 0.0141: scale 0.01 / 0.1 = 0.1
                0.5,                                // stuck: the series' resolution, 0.1
                t % 100 == 0 ? 1.0 : 0.5,           // two values: sd 0.0497, the resolution (0.01) wins, 0.1
                100 * Math.sin(t * 0.37),           // 2,000 distinct values, continuous: its sd
                t == 3 ? Double.NaN : 0.3 + 0.01 * (t % 3) // steps of 0.01: 0.1
            };
        }
        TimeSeries s = TimeSeries.of(points);
        WindowLayout layout = new WindowLayout(3, s.channels());
        Scaling scaling = ChannelScaling.fit(layout, List.of(s));
        assertThat(scaling.size()).isEqualTo(15);
        assertThat(scaling.scaleOf(0)).isCloseTo(0.1, within(1e-6));
        assertThat(scaling.scaleOf(1)).isCloseTo(0.1, within(1e-6));
        assertThat(scaling.scaleOf(2)).isCloseTo(0.1, within(1e-6));
        double sd = 0;
        double mean = 0;
        for (double[] p : points) {
            mean += p[3] / n;
        }
        for (double[] p : points) {
            sd += (p[3] - mean) * (p[3] - mean) / n;
        }
        assertThat(scaling.scaleOf(3)).isCloseTo(Math.sqrt(sd), within(1e-3));
        assertThat(scaling.scaleOf(4)).isCloseTo(0.1, within(1e-6));
        assertThat(scaling.centerOf(1)).isCloseTo(0.5, within(1e-9));
        assertThat(scaling.centerOf(4)).isCloseTo(0.31, within(1e-4)); // the missing point left out
        for (int lag = 1; lag < 3; lag++) {
            for (int c = 0; c < 5; c++) {
                assertThat(scaling.scaleOf(lag * 5 + c)).isEqualTo(scaling.scaleOf(c));
                assertThat(scaling.centerOf(lag * 5 + c)).isEqualTo(scaling.centerOf(c));
            }
        }
    }

    @Test
    void aSeriesOfConstantChannelsIsScaledByOne() {
        TimeSeries s = TimeSeries.of(new double[][] {{1, 2}, {1, 2}, {1, 2}});
        Scaling scaling = ChannelScaling.fit(new WindowLayout(2, s.channels()), List.of(s));
        assertThat(scaling.scaleOf(0)).isEqualTo(1);
        assertThat(scaling.scaleOf(3)).isEqualTo(1);
    }
}

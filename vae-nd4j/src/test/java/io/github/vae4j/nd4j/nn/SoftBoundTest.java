package io.github.vae4j.nd4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SoftBoundTest {

    private final SoftBound bound = new SoftBound(-3, 2, 0.5);

    @Test
    void identityInsideTheRangeBitForBit() {
        for (double r : new double[] {-3, -2.9999, -1, 0, 0.123456789, 1.5, 2}) {
            assertThat(bound.apply(r)).isEqualTo(r);
            assertThat(bound.slope(r)).isEqualTo(1.0);
        }
    }

    @Test
    void handComputedValuesBeyondTheEdges() {
        // 2 + 0.5 tanh(1 / 0.5) = 2 + 0.5 * 0.9640275800758169
        assertThat(bound.apply(3)).isCloseTo(2.4820137900379085, offset(1e-15));
        // -3 - 0.5 tanh(0.25 / 0.5)
        assertThat(bound.apply(-3.25)).isCloseTo(-3 - 0.5 * 0.46211715726000974, offset(1e-15));
        // slope 1 - tanh^2 = sech^2(2)
        assertThat(bound.slope(bound.apply(3))).isCloseTo(1 / Math.pow(Math.cosh(2), 2), offset(1e-12));
    }

    @Test
    void neverPastEdgePlusSoftnessWhateverTheInput() {
        for (double r : new double[] {1e3, 1e30, Double.MAX_VALUE}) {
            assertThat(bound.apply(r)).isLessThanOrEqualTo(2.5).isGreaterThan(2.49);
            assertThat(bound.apply(-r)).isGreaterThanOrEqualTo(-3.5).isLessThan(-3.49);
        }
        assertThat(SoftBound.LOG_VARIANCE.apply(1e9)).isLessThanOrEqualTo(4);
        assertThat(SoftBound.MEAN.apply(-1e9)).isGreaterThanOrEqualTo(-12);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-5, -3.4, -3.1, -2.5, 1.9, 2.01, 2.3, 3, 4.5})
    void slopeFromTheBoundedValueIsTheCentralDifference(double r) {
        double h = 1e-6;
        double numeric = (bound.apply(r + h) - bound.apply(r - h)) / (2 * h);
        assertThat(bound.slope(bound.apply(r))).isCloseTo(numeric, offset(1e-8));
    }

    @Test
    void continuousWithItsSlopeAtBothEdges() {
        double e = 1e-9;
        assertThat(bound.apply(2 + e)).isCloseTo(2 + e, offset(1e-15));
        assertThat(bound.slope(bound.apply(2 + e))).isCloseTo(1, offset(1e-12));
        assertThat(bound.apply(-3 - e)).isCloseTo(-3 - e, offset(1e-15));
        assertThat(bound.slope(bound.apply(-3 - e))).isCloseTo(1, offset(1e-12));
    }

    @Test
    void anEmptyRangeOrNoSoftnessIsRefused() {
        assertThatThrownBy(() -> new SoftBound(1, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1.0, 1.0]");
        assertThatThrownBy(() -> new SoftBound(0, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("softness 0.0");
    }
}

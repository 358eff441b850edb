package io.github.vae4j.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StandardNormalTest {

    /** Reference quantiles (Python's statistics.NormalDist, Wichura's AS 241); Acklam's relative error is below 1.15e-9. */
    @ParameterizedTest
    @CsvSource({
        "0.5, 0.0",
        "0.975, 1.9599639845400536",
        "0.025, -1.9599639845400536",
        "0.95, 1.6448536269514715",
        "0.05, -1.6448536269514715",
        "0.8413447460685429, 1.0",
        "0.1586552539314571, -1.0",
        "0.99, 2.3263478740408408",
        "0.999, 3.090232306167813",
        "0.001, -3.090232306167813",
        "0.02425, -1.9729610513118845",
        "0.7, 0.5244005127080407",
        "1e-10, -6.361340902404056",
        "1e-300, -37.0470962993612",
    })
    void matchesKnownQuantiles(double p, double expected) {
        double x = StandardNormal.inverseCdf(p);
        assertThat(x).isCloseTo(expected, within(Math.max(2e-9 * Math.abs(expected), 1e-12)));
    }

    @Test
    void endsAreInfinite() {
        assertThat(StandardNormal.inverseCdf(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(StandardNormal.inverseCdf(1)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void isSymmetricAndIncreasing() {
        double previous = Double.NEGATIVE_INFINITY;
        for (int i = 1; i < 1000; i++) {
            double p = i / 1000.0;
            double x = StandardNormal.inverseCdf(p);
            assertThat(x).isGreaterThan(previous);
            assertThat(x).isCloseTo(-StandardNormal.inverseCdf(1 - p), within(1e-9));
            previous = x;
        }
    }

    @Test
    void quantilesAreEvenlySpacedProbabilities() {
        double[] q = StandardNormal.quantiles(3, 0.05, 0.95);
        assertThat(q[0]).isCloseTo(-1.644853626951472, within(1e-8));
        assertThat(q[1]).isCloseTo(0.0, within(1e-12));
        assertThat(q[2]).isCloseTo(1.644853626951472, within(1e-8));
        assertThat(StandardNormal.quantiles(1, 0.05, 0.95)).containsExactly(0.0);
    }

    @Test
    void badInputNamesTheProblem() {
        assertThatThrownBy(() -> StandardNormal.inverseCdf(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probability p must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> StandardNormal.inverseCdf(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got NaN");
        assertThatThrownBy(() -> StandardNormal.quantiles(0, 0.05, 0.95)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n must be >= 1, got 0");
        assertThatThrownBy(() -> StandardNormal.quantiles(3, 0.5, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 < low < high < 1");
    }
}

package io.github.vae4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Peaks over threshold against reference values: the maximum-likelihood generalized Pareto fits of the excesses over
 * the 0.98 quantile of three deterministic samples (1,000 quantiles of an exponential, a heavy-tailed and a uniform
 * law), found with scipy 1.10 and confirmed at 40 digits with mpmath on the likelihood profiled in shape / scale.
 */
class PeaksOverThresholdTest {

    private static double[] quantiles(DoubleUnaryOperator inverse) {
        double[] x = new double[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = inverse.applyAsDouble((i + 0.5) / 1000);
        }
        return x;
    }

    private static double[] excesses(double[] x, double t) {
        return java.util.Arrays.stream(x).filter(v -> v > t).map(v -> v - t).toArray();
    }

    @Test
    void anExponentialTailFitsTheReference() {
        double[] x = quantiles(u -> -Math.log(1 - u));
        double t = 3.88833060125;
        double[] y = excesses(x, t);
        assertThat(y).hasSize(20);
        GeneralizedPareto fit = GeneralizedPareto.fit(y);
        assertThat(fit.shape()).isCloseTo(-0.116107369958, within(1e-6));
        assertThat(fit.scale()).isCloseTo(1.12484089151, within(1e-6));
        assertThat(fit.logLikelihood()).isCloseTo(-20.0306845185, within(1e-8));
        assertThat(AnomalyThreshold.peaksOverThreshold(x, 1e-4).value()).isCloseTo(8.33948237258, within(1e-5));
    }

    @Test
    void aHeavyTailFitsTheReference() {
        double[] x = quantiles(u -> Math.pow(1 - u, -1 / 3.0) - 1);
        GeneralizedPareto fit = GeneralizedPareto.fit(excesses(x, 2.65506156956));
        assertThat(fit.shape()).isCloseTo(0.222925258292, within(1e-6));
        assertThat(fit.scale()).isCloseTo(1.36762748292, within(1e-6));
        assertThat(fit.logLikelihood()).isCloseTo(-30.720054652, within(1e-8));
        assertThat(AnomalyThreshold.peaksOverThreshold(x, 1e-4).value()).isCloseTo(16.5080043132, within(1e-4));
    }

    @Test
    void aBoundedTailStopsAtTheLowestShapeAndEndsNearItsLargestValue() {
        // the excesses are uniform: their likelihood grows without limit below shape -1, so the fit keeps -1
        double[] x = quantiles(u -> u);
        GeneralizedPareto fit = GeneralizedPareto.fit(excesses(x, 0.97952));
        assertThat(fit.shape()).isCloseTo(GeneralizedPareto.MIN_SHAPE, within(1e-6));
        double z = AnomalyThreshold.peaksOverThreshold(x, 1e-4).value();
        assertThat(z).isBetween(0.99, 1.01);
        // the threshold is a fit: not below what the largest normal scores reach
        assertThat(z).isGreaterThan(AnomalyThreshold.forFalsePositiveRate(x, 0.01).value());
    }

    @Test
    void aSmallerRiskGivesAHigherThreshold() {
        double[] x = quantiles(u -> -Math.log(1 - u));
        double previous = Double.NEGATIVE_INFINITY;
        for (double risk : new double[] {1e-2, 1e-3, 1e-4, 1e-6}) {
            double z = AnomalyThreshold.peaksOverThreshold(x, risk).value();
            assertThat(z).isGreaterThan(previous);
            previous = z;
        }
    }

    @Test
    void badInputIsRefused() {
        double[] x = quantiles(u -> u);
        assertThatThrownBy(() -> AnomalyThreshold.peaksOverThreshold(new double[50], 1e-3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 100");
        assertThatThrownBy(() -> AnomalyThreshold.peaksOverThreshold(x, 0.05))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("risk");
        double[] nan = x.clone();
        nan[7] = Double.NaN;
        assertThatThrownBy(() -> AnomalyThreshold.peaksOverThreshold(nan, 1e-3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("normalScores[7] is NaN");
        assertThatThrownBy(() -> AnomalyThreshold.peaksOverThreshold(new double[200], 1e-3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too few");
    }
}

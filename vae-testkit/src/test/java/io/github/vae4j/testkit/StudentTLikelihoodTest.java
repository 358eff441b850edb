package io.github.vae4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.Likelihood;
import io.github.vae4j.Likelihoods;
import io.github.vae4j.spi.RandomStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example likelihood's maths against hand values and central differences in double precision. */
class StudentTLikelihoodTest {

    /** The scale head whose sigma is exactly 1: softplus(s) = 0.999. */
    private static final double UNIT_SCALE = Math.log(Math.expm1(0.999));

    @Test
    void logGammaMatchesKnownValues() {
        assertThat(StudentTLikelihood.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-13));
        assertThat(StudentTLikelihood.logGamma(5)).isCloseTo(Math.log(24), within(1e-12));
        assertThat(StudentTLikelihood.logGamma(2.5)).isCloseTo(Math.log(0.75 * Math.sqrt(Math.PI)), within(1e-13));
    }

    @Test
    void theDensityIsStudentsTAtHandValues() {
        StudentTLikelihood t = new StudentTLikelihood(2);
        // dof 2, sigma 1: p(0) = Gamma(1.5) / (Gamma(1) sqrt(2 pi)) = 1 / (2 sqrt 2); p(1) = p(0) (1 + 1/2)^(-3/2)
        double at0 = -Math.log(1 / (2 * Math.sqrt(2)));
        assertThat(t.negativeLogDensity(3, new double[] {3, UNIT_SCALE}, null)).isCloseTo(at0, within(1e-12));
        assertThat(t.negativeLogDensity(4, new double[] {3, UNIT_SCALE}, null))
                .isCloseTo(at0 + 1.5 * Math.log(1.5), within(1e-12));
    }

    @Test
    void theGradientMatchesCentralDifferences() {
        StudentTLikelihood t = new StudentTLikelihood(4.5);
        double[][] points = {{0.3, -0.2, 0.1}, {-2.5, 1.0, 1.7}, {10, 0.5, -3}};
        for (double[] p : points) {
            double x = p[0];
            double[] theta = {p[1], p[2]};
            double[] g = new double[2];
            t.negativeLogDensity(x, theta, g);
            for (int k = 0; k < 2; k++) {
                double[] up = theta.clone();
                double[] down = theta.clone();
                up[k] += 1e-6;
                down[k] -= 1e-6;
                double numeric = (t.negativeLogDensity(x, up, null) - t.negativeLogDensity(x, down, null)) / 2e-6;
                assertThat(g[k]).as("x %s, head %s", x, k).isCloseTo(numeric, within(1e-6 * Math.max(1, Math.abs(numeric))));
            }
        }
    }

    @Test
    void drawsHaveTheMeanAndVarianceOfStudentsT() {
        StudentTLikelihood t = new StudentTLikelihood(5);
        RandomStream random = new RandomStream(3);
        int n = 200_000;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double x = t.sample(new double[] {2, UNIT_SCALE}, random);
            sum += x;
            squares += (x - 2) * (x - 2);
        }
        assertThat(sum / n).isCloseTo(2, within(0.02));
        assertThat(squares / n).as("dof / (dof - 2)").isCloseTo(5.0 / 3, within(0.05));
    }

    @Test
    void itIsFoundAgainByNameWithItsParameters() {
        StudentTLikelihood.register();
        Likelihood back = Likelihoods.find(StudentTLikelihood.NAME, List.of(7.5)).orElseThrow();
        assertThat(back).isEqualTo(new StudentTLikelihood(7.5));
        assertThat(Likelihoods.names()).contains("BERNOULLI", "GAUSSIAN", "TABULAR", StudentTLikelihood.NAME);
        assertThatThrownBy(() -> Likelihoods.find(StudentTLikelihood.NAME, List.of(0.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("degrees of freedom in (1, 1e6]");
        assertThatThrownBy(() -> Likelihoods.register("GAUSSIAN", p -> t()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("built-in");
        assertThatThrownBy(() -> Likelihoods.register("no spaces", p -> t()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 'no spaces'");
        assertThat(Likelihoods.find("nobody.registered.this", List.of())).isEmpty();
    }

    private static Likelihood t() {
        return new StudentTLikelihood(3);
    }
}

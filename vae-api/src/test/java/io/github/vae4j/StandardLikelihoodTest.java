package io.github.vae4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in likelihoods as values: hand values, gradients against central differences, and their names. */
class StandardLikelihoodTest {

    @Test
    void bernoulliIsTheBinaryCrossEntropyOfTheLogit() {
        Likelihood b = Likelihood.BERNOULLI;
        double[] g = new double[1];
        // logit 0: p = 1/2, -log p = log 2 whatever x; d/dt = 1/2 - x
        assertThat(b.negativeLogDensity(0.25, new double[] {0}, g)).isCloseTo(Math.log(2), within(1e-15));
        assertThat(g[0]).isCloseTo(0.25, within(1e-15));
        // logit ln 3: p = 3/4; x = 1: -log(3/4)
        assertThat(b.negativeLogDensity(1, new double[] {Math.log(3)}, null)).isCloseTo(-Math.log(0.75), within(1e-14));
        assertThat(b.mean(new double[] {Math.log(3)})).isCloseTo(0.75, within(1e-15));
        assertThat(b.negativeLogDensity(0, new double[] {-800}, null)).as("no overflow").isCloseTo(0, within(1e-300));
        assertThat(b.accepts(1)).isTrue();
        assertThat(b.accepts(1.5)).isFalse();
        assertThat(b.heads()).isEqualTo(1);
    }

    @Test
    void gaussianIsTheFullNegativeLogDensityWithTheDefaultFloor() {
        Likelihood n = Likelihood.GAUSSIAN;
        // variance head r with softplus(r) = 1 - floor: variance 1; -log N(1; 0, 1) = 0.5 (log 2 pi + 1)
        double r = Math.log(Math.expm1(1 - GaussianVariance.DEFAULT_FLOOR));
        assertThat(n.negativeLogDensity(1, new double[] {0, r}, null))
                .isCloseTo(0.5 * (Math.log(2 * Math.PI) + 1), within(1e-12));
        assertThat(n.mean(new double[] {2.5, r})).isEqualTo(2.5);
        assertThat(n.heads()).isEqualTo(2);
    }

    @Test
    void theGradientsMatchCentralDifferences() {
        for (Likelihood l : List.of(Likelihood.BERNOULLI, Likelihood.GAUSSIAN)) {
            double[][] cases = l == Likelihood.BERNOULLI ? new double[][] {{0.3, -1.2}, {1, 2.5}, {0, 0.1}}
                    : new double[][] {{0.3, -1.2, 0.4}, {-2, 1.5, -3}, {5, 0, 2}};
            for (double[] c : cases) {
                double x = c[0];
                double[] theta = java.util.Arrays.copyOfRange(c, 1, c.length);
                double[] g = new double[theta.length];
                l.negativeLogDensity(x, theta, g);
                for (int k = 0; k < theta.length; k++) {
                    double[] up = theta.clone();
                    double[] down = theta.clone();
                    up[k] += 1e-6;
                    down[k] -= 1e-6;
                    double numeric = (l.negativeLogDensity(x, up, null) - l.negativeLogDensity(x, down, null)) / 2e-6;
                    assertThat(g[k]).as("%s x %s head %s", l, x, k)
                            .isCloseTo(numeric, within(1e-6 * Math.max(1, Math.abs(numeric))));
                }
            }
        }
    }

    @Test
    void namesParseAndTheTabularLikelihoodIsPerColumn() {
        assertThat(Likelihood.parse(" Gaussian ")).isSameAs(Likelihood.GAUSSIAN);
        assertThat(Likelihood.BERNOULLI.name()).isEqualTo("BERNOULLI");
        assertThat(Likelihoods.find("TABULAR", List.of())).contains(Likelihood.TABULAR);
        assertThatThrownBy(() -> Likelihood.parse("poisson")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("likelihood must be bernoulli, gaussian or tabular, got 'poisson'");
        assertThatThrownBy(() -> Likelihood.TABULAR.mean(new double[] {0}))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("per column");
    }

    /** A host's likelihood of counts: rate head exp(t), values 0 or more. */
    record Counts() implements Likelihood {
        @Override
        public String name() {
            return "test.counts";
        }

        @Override
        public int heads() {
            return 1;
        }

        @Override
        public boolean accepts(double x) {
            return x >= 0;
        }

        @Override
        public String support() {
            return "counts, 0 or more";
        }

        @Override
        public double negativeLogDensity(double x, double[] theta, double[] gradient) {
            if (gradient != null) {
                gradient[0] = Math.exp(theta[0]) - x;
            }
            return Math.exp(theta[0]) - x * theta[0];
        }

        @Override
        public double mean(double[] theta) {
            return Math.exp(theta[0]);
        }

        @Override
        public double sample(double[] theta, io.github.vae4j.spi.RandomStream random) {
            return Math.exp(theta[0]);
        }
    }

    @Test
    void dataOutsideAHostsLikelihoodsSupportIsRefusedNamingRowColumnAndValue() {
        try (Vae vae = Vae.builder().inputSize(2).latent(2).likelihood(new Counts()).build()) {
            float[][] rows = {{1, 2}, {3, -1}};
            assertThatThrownBy(() -> vae.fit(rows)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("data row 1, column 1 is -1.0: the likelihood test.counts takes counts, 0 or more");
            assertThatThrownBy(() -> vae.elbo(rows)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("x row 1, column 1 is -1.0");
            assertThat(vae.epochsCompleted()).isZero();
        }
    }

    @Test
    void aHostsLikelihoodWithABadNameOrTooManyHeadsIsRefusedByTheBuilder() {
        Likelihood bad = new Likelihood() {
            @Override
            public String name() {
                return "GAUSSIAN";
            }

            @Override
            public int heads() {
                return 1;
            }

            @Override
            public double negativeLogDensity(double x, double[] theta, double[] gradient) {
                return 0;
            }

            @Override
            public double mean(double[] theta) {
                return 0;
            }

            @Override
            public double sample(double[] theta, io.github.vae4j.spi.RandomStream random) {
                return 0;
            }
        };
        assertThatThrownBy(() -> Vae.builder().inputSize(3).likelihood(bad).config())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("built-in likelihood's name");
    }
}

package io.github.vae4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.vae4j.spi.RandomStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The priors as values: hand values, gradients against central differences, draws, and their names. */
class LatentPriorTest {

    @Test
    void theStandardNormalIsNZeroI() {
        LatentPrior p = LatentPrior.STANDARD_NORMAL;
        double[] g = new double[2];
        assertThat(p.logDensity(new double[] {1, -2}, g)).isCloseTo(-2.5 - Math.log(2 * Math.PI), within(1e-14));
        assertThat(g).containsExactly(-1, 2);
        assertThat(p.isStandardNormal()).isTrue();
    }

    @Test
    void aMixtureOfOneComponentAtTheOriginIsAScaledNormal() {
        LatentPrior p = LatentPrior.mixture(1, 0, 2);
        // N(z; 0, 4 I) in 2 dimensions at (2, 0): -log(2 pi 4) - 0.5 * 4 / 4
        assertThat(p.logDensity(new double[] {2, 0}, null)).isCloseTo(-Math.log(8 * Math.PI) - 0.5, within(1e-14));
    }

    @Test
    void aMixtureOfTwoIsTheMeanOfItsComponentsDensities() {
        LatentPrior p = LatentPrior.mixture(2, 3, 1);
        // means (3, 0) and (-3, 0); at the origin both are 4.5 away in squared distance
        double component = -Math.log(2 * Math.PI) - 4.5;
        assertThat(p.logDensity(new double[] {0, 0}, null)).isCloseTo(component, within(1e-13));
        // at (3, 0): one component at its mean, the other 18 away
        double at = Math.log(0.5 * (Math.exp(-Math.log(2 * Math.PI)) + Math.exp(-Math.log(2 * Math.PI) - 18)));
        assertThat(p.logDensity(new double[] {3, 0}, null)).isCloseTo(at, within(1e-13));
    }

    @Test
    void theGradientsMatchCentralDifferences() {
        for (LatentPrior p : List.of(LatentPrior.STANDARD_NORMAL, LatentPrior.mixture(5, 2.5, 0.7))) {
            double[][] points = {{0.3, -1.2, 0.4}, {2.4, 0.1, -0.3}, {-6, 5, 1}};
            for (double[] z : points) {
                double[] g = new double[3];
                p.logDensity(z, g);
                for (int j = 0; j < 3; j++) {
                    double[] up = z.clone();
                    double[] down = z.clone();
                    up[j] += 1e-6;
                    down[j] -= 1e-6;
                    double numeric = (p.logDensity(up, null) - p.logDensity(down, null)) / 2e-6;
                    assertThat(g[j]).as("%s at %s, dimension %s", p, java.util.Arrays.toString(z), j)
                            .isCloseTo(numeric, within(1e-6 * Math.max(1, Math.abs(numeric))));
                }
            }
        }
    }

    @Test
    void drawsOfAMixtureComeFromItsComponents() {
        LatentPrior p = LatentPrior.mixture(4, 3, 0.5);
        RandomStream random = new RandomStream(2);
        double[] z = new double[2];
        int[] quadrant = new int[4];
        for (int i = 0; i < 40_000; i++) {
            p.sample(random, z);
            // components: +3 e0, -3 e0, +3 e1, -3 e1
            int k = Math.abs(z[0]) > Math.abs(z[1]) ? (z[0] > 0 ? 0 : 1) : (z[1] > 0 ? 2 : 3);
            quadrant[k]++;
        }
        for (int k = 0; k < 4; k++) {
            assertThat(quadrant[k]).as("component %s", k).isBetween(9_500, 10_500);
        }
    }

    @Test
    void priorsAreFoundByNameAndBadOnesRefused() {
        assertThat(Priors.find("MIXTURE", List.of(3.0, 1.0, 0.5))).contains(LatentPrior.mixture(3, 1, 0.5));
        assertThat(Priors.find("STANDARD_NORMAL", List.of())).contains(LatentPrior.STANDARD_NORMAL);
        assertThat(Priors.find("nobody.made.this", List.of())).isEmpty();
        assertThatThrownBy(() -> Priors.find("MIXTURE", List.of(2.5, 1.0, 0.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole");
        assertThatThrownBy(() -> LatentPrior.mixture(0, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 64 components, got 0");
        assertThatThrownBy(() -> Priors.register("MIXTURE", q -> LatentPrior.STANDARD_NORMAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("built-in");
        VaeConfig c = Vae.builder().inputSize(4).latent(2).prior(LatentPrior.mixture(4, 2, 0.5)).config();
        assertThat(c.prior()).isEqualTo(LatentPrior.mixture(4, 2, 0.5));
        assertThat(c.withInputSize(5).prior()).isEqualTo(c.prior());
    }
}

package io.github.vae4j.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatentManifoldTest {

    @TempDir
    Path dir;

    /** A decoder whose 2 x 2 image shows z1 in its left column and z2 in its right, mapped from [-2, 2]. */
    static final UnaryOperator<float[][]> DECODER = z -> {
        float[][] out = new float[z.length][];
        for (int i = 0; i < z.length; i++) {
            float a = (z[i][0] + 2) / 4;
            float b = (z[i][1] + 2) / 4;
            out[i] = new float[] {a, b, a, b};
        }
        return out;
    };

    @Test
    void gridRunsLeftToRightInZ1AndBottomToTopInZ2() {
        float[][] z = LatentManifold.grid(3);
        assertThat(z).hasNumberOfRows(9);
        double q = 1.6448536269514715;
        assertThat((double) z[0][0]).isCloseTo(-q, within(1e-6));
        assertThat((double) z[0][1]).as("top row has the largest z2").isCloseTo(q, within(1e-6));
        assertThat((double) z[2][0]).isCloseTo(q, within(1e-6));
        assertThat((double) z[4][0]).isCloseTo(0, within(1e-6));
        assertThat((double) z[4][1]).isCloseTo(0, within(1e-6));
        assertThat((double) z[8][1]).as("bottom row has the smallest z2").isCloseTo(-q, within(1e-6));
        assertThat(LatentManifold.grid(1)).isDeepEqualTo(new float[][] {{0f, 0f}});
    }

    @Test
    void writesATiledPictureOfTheDecodedGrid() throws Exception {
        Tiles tiles = new Tiles(2, 2, 3, 0);
        Path file = dir.resolve("manifold.png");
        LatentManifold.writePng(file, DECODER, 5, tiles);
        BufferedImage png = ImageIO.read(file.toFile());
        assertThat(png.getWidth()).isEqualTo(30);
        assertThat(png.getHeight()).isEqualTo(30);
        int topLeftZ1 = png.getRaster().getSample(0, 0, 0);
        int topRightZ1 = png.getRaster().getSample(24, 0, 0);
        int topLeftZ2 = png.getRaster().getSample(3, 0, 0);
        int bottomLeftZ2 = png.getRaster().getSample(3, 24, 0);
        assertThat(topRightZ1).isGreaterThan(topLeftZ1);
        assertThat(topLeftZ2).isGreaterThan(bottomLeftZ2);
    }

    @Test
    void badInputNamesTheProblem() {
        Tiles tiles = new Tiles(2, 2, 1, 0);
        assertThatThrownBy(() -> LatentManifold.render(DECODER, 0, tiles)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n must be >= 1, got 0");
        assertThatThrownBy(() -> LatentManifold.grid(4, 0, 0.9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 < low < high < 1");
        assertThatThrownBy(() -> LatentManifold.render(z -> new float[3][4], 2, tiles))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the decoder returned 3 images for 4 latent points");
        assertThatThrownBy(() -> LatentManifold.render(z -> new float[z.length][5], 2, tiles))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 5 values, expected 4");
    }
}

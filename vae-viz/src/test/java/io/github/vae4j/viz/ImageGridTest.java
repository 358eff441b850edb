package io.github.vae4j.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {

    @TempDir
    Path dir;

    /** n images of 4 x 3 pixels; image i has every pixel at value i / (n - 1). */
    static float[][] images(int n) {
        float[][] out = new float[n][12];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(out[i], n == 1 ? 1f : (float) i / (n - 1));
        }
        return out;
    }

    @Test
    void gridHasTheExpectedSizeAndPixels() throws Exception {
        Tiles tiles = new Tiles(4, 3, 2, 1);
        Path file = dir.resolve("sub/grid.png");
        ImageGrid.writePng(file, images(5), tiles, 3);
        BufferedImage png = ImageIO.read(file.toFile());
        // 3 columns of 8 pixels, 4 gaps; 2 rows of 6 pixels, 3 gaps
        assertThat(png.getWidth()).isEqualTo(3 * 8 + 4).isEqualTo(tiles.gridWidth(3));
        assertThat(png.getHeight()).isEqualTo(2 * 6 + 3).isEqualTo(tiles.gridHeight(2));
        int gray = png.getRaster().getSample(0, 0, 0);
        assertThat(gray).as("margin").isEqualTo(ImageGrid.BACKGROUND);
        assertThat(png.getRaster().getSample(1, 1, 0)).as("image 0 is black").isZero();
        assertThat(png.getRaster().getSample(1 + 8 + 1 + 7, 1 + 5, 0)).as("image 1, last pixel").isEqualTo(64);
        assertThat(png.getRaster().getSample(1, 1 + 6 + 1, 0)).as("image 3, second row").isEqualTo(191);
        assertThat(png.getRaster().getSample(1 + 2 * 9, 8, 0)).as("empty place after image 4").isEqualTo(255);
    }

    @Test
    void fewerImagesThanColumnsGiveANarrowerGrid() {
        BufferedImage image = ImageGrid.render(images(2), Tiles.of(4, 3), 10);
        assertThat(image.getWidth()).isEqualTo(Tiles.of(4, 3).gridWidth(2));
        assertThat(image.getHeight()).isEqualTo(Tiles.of(4, 3).gridHeight(1));
    }

    @Test
    void valuesAreClamped() {
        float[][] image = {{-1f, 2f, 0.5f, 0f}};
        BufferedImage out = ImageGrid.render(image, new Tiles(4, 1, 1, 0), 1);
        assertThat(out.getRaster().getSamples(0, 0, 4, 1, 0, (int[]) null)).containsExactly(0, 255, 128, 0);
    }

    @Test
    void comparisonAboveStacksPairsOfRows() throws Exception {
        Tiles tiles = new Tiles(4, 3, 1, 2);
        Path file = dir.resolve("above.png");
        ImageGrid.writeComparisonPng(file, images(5), images(5), tiles, 3, ImageGrid.Arrangement.ABOVE);
        BufferedImage png = ImageIO.read(file.toFile());
        assertThat(png.getWidth()).isEqualTo(tiles.gridWidth(3));
        // 4 tile rows; 5 gaps, the one between the two pairs of rows three margins wide
        assertThat(png.getHeight()).isEqualTo(4 * 3 + 5 * 2 + 2 * 2);
    }

    @Test
    void comparisonBesidePlacesEachReconstructionRightOfItsOriginal() throws Exception {
        Tiles tiles = new Tiles(4, 3, 1, 1);
        float[][] originals = images(3);
        float[][] reconstructions = new float[3][12];
        Path file = dir.resolve("beside.png");
        ImageGrid.writeComparisonPng(file, originals, reconstructions, tiles, 2, ImageGrid.Arrangement.BESIDE);
        BufferedImage png = ImageIO.read(file.toFile());
        // 4 tile columns, 5 gaps of which the middle one is 3 wide; 2 tile rows
        assertThat(png.getWidth()).isEqualTo(4 * 4 + 5 + 2);
        assertThat(png.getHeight()).isEqualTo(2 * 3 + 3);
        assertThat(png.getRaster().getSample(1, 1, 0)).as("original 0").isEqualTo(0);
        assertThat(png.getRaster().getSample(1 + 4 + 1 + 4 + 3, 1, 0)).as("original 1").isEqualTo(128);
        assertThat(png.getRaster().getSample(1 + 4 + 1 + 4 + 3 + 4 + 1, 1, 0)).as("its reconstruction").isZero();
    }

    @Test
    void badInputNamesTheProblem() {
        Tiles tiles = Tiles.of(4, 3);
        assertThatThrownBy(() -> ImageGrid.render(new float[0][], tiles, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("images is empty");
        assertThatThrownBy(() -> ImageGrid.render(new float[][] {new float[12], new float[11]}, tiles, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("images[1] has 11 values, expected 12");
        assertThatThrownBy(() -> ImageGrid.render(images(2), tiles, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("columns must be >= 1");
        assertThatThrownBy(() -> ImageGrid.render(new float[][] {new float[12]}, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tiles is null");
        float[][] withNaN = images(2);
        withNaN[1][5] = Float.NaN;
        assertThatThrownBy(() -> ImageGrid.render(withNaN, tiles, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("images[1][5] is NaN");
        assertThatThrownBy(() -> ImageGrid.renderComparison(images(3), images(2), tiles, 2,
                ImageGrid.Arrangement.ABOVE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("originals has 3 images but reconstructions has 2");
        assertThatThrownBy(() -> new Tiles(0, 3, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image width must be >= 1");
        assertThatThrownBy(() -> Tiles.of(28, 28).withScale(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scale must be >= 1");
        assertThatThrownBy(() -> Tiles.of(28, 28).withMargin(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("margin must be >= 0");
        assertThatThrownBy(() -> ImageGrid.render(new float[1000][784], Tiles.of(28, 28).withScale(100), 1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 16384");
    }
}

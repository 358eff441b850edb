package io.github.vae4j.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/** The common look of the charts: white, light grid, the Tableau 10 colours. */
final class ChartStyle {

    /** Tableau 10: distinguishable colours for up to ten series (labels), also in print. */
    static final Color[] PALETTE = {new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759),
        new Color(0x76B7B2), new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7),
        new Color(0x9C755F), new Color(0xBAB0AC)};

    /** Smallest and largest chart side accepted, in pixels. */
    static final int MIN_SIDE = 100;

    private ChartStyle() {
    }

    static void checkSize(int width, int height) {
        Checks.require(width >= MIN_SIDE && width <= Tiles.MAX_SIDE && height >= MIN_SIDE && height <= Tiles.MAX_SIDE,
                "chart size must be between " + MIN_SIDE + " and " + Tiles.MAX_SIDE + " pixels per side, got "
                        + width + " x " + height);
    }

    static XYChart xyChart(int width, int height, String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title == null ? "" : title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).theme(Styler.ChartTheme.XChart).build();
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.GRAY);
        s.setPlotGridLinesColor(new Color(0xE0E0E0));
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setLegendBorderColor(new Color(0xC0C0C0));
        s.setChartTitleVisible(title != null && !title.isEmpty());
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setSeriesColors(PALETTE);
        s.setAntiAlias(true);
        s.setChartPadding(8);
        return chart;
    }

    static Color color(int index) {
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    static BufferedImage image(XYChart chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * One picture of two charts of the same width, one above the other.
     *
     * @param top the upper chart, {@code topHeight} pixels high
     * @param bottom the lower chart, or {@code null} for none
     */
    static BufferedImage stacked(XYChart top, XYChart bottom, int width, int height, int topHeight) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(image(top), 0, 0, null);
            if (bottom != null) {
                g.drawImage(image(bottom), 0, topHeight, null);
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}

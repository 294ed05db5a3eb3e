package inbound.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Ingest latency (p50, p99) against offered load, with the queue's own capacities marked. */
final class LatencyChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 40;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;

    private LatencyChart() {
    }

    /** The same chart as SVG text, for the README (a text file can be committed; the PNG stays in target/bench). */
    static void writeSvg(Path file, List<LoadStep> steps, double singlePerSecond, double batchPerSecond) throws IOException {
        double maxX = Math.max(batchPerSecond, steps.stream().mapToDouble(LoadStep::offeredPerSecond).max().orElse(1)) * 1.05;
        double maxY = Math.max(10, steps.stream().mapToDouble(LoadStep::p99Ms).filter(Double::isFinite).max().orElse(10) * 1.1);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        svg.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format("<text x=\"%d\" y=\"30\" font-size=\"16\" font-weight=\"bold\">Ingest latency against offered load (202 answers)</text>%n", LEFT));
        svg.append(String.format("<path d=\"M%d %d V%d H%d\" stroke=\"black\" fill=\"none\"/>%n", LEFT, TOP, TOP + plotHeight, LEFT + plotWidth));
        for (int i = 0; i <= 5; i++) {
            svg.append(String.format("<text x=\"%d\" y=\"%d\">%.0f</text>%n", LEFT + plotWidth * i / 5 - 12, TOP + plotHeight + 18, maxX * i / 5));
            svg.append(String.format("<text x=\"%d\" y=\"%d\">%.0f</text>%n", LEFT - 45, TOP + plotHeight - plotHeight * i / 5 + 4, maxY * i / 5));
        }
        svg.append(String.format("<text x=\"%d\" y=\"%d\">offered webhooks per second</text>%n", LEFT + plotWidth / 2 - 80, HEIGHT - 25));
        svg.append(String.format("<text x=\"20\" y=\"%d\">ms</text>%n", TOP + plotHeight / 2));
        for (double[] marker : new double[][] {{singlePerSecond, 0}, {batchPerSecond, 1}}) {
            int x = LEFT + (int) (plotWidth * marker[0] / maxX);
            String label = (marker[1] == 0 ? "queue: single SendMessage " : "queue: SendMessageBatch(10) ") + String.format("%.0f/s", marker[0]);
            svg.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"gray\" stroke-dasharray=\"6 6\"/>%n", x, TOP, x, TOP + plotHeight));
            svg.append(String.format("<text x=\"%d\" y=\"%d\" fill=\"gray\">%s</text>%n", Math.max(LEFT + 5, x - 190), TOP + 35 + (int) marker[1] * 16, label));
        }
        for (boolean median : new boolean[] {true, false}) {
            String color = median ? "#2166ac" : "#d6604d";
            StringBuilder points = new StringBuilder();
            for (LoadStep step : steps) {
                double value = median ? step.p50Ms() : step.p99Ms();
                if (Double.isFinite(value)) {
                    int x = LEFT + (int) (plotWidth * step.offeredPerSecond() / maxX);
                    int y = TOP + plotHeight - (int) (plotHeight * Math.min(value, maxY) / maxY);
                    points.append(x).append(',').append(y).append(' ');
                    svg.append(String.format("<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\"/>%n", x, y, color));
                }
            }
            svg.append(String.format("<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"/>%n", points.toString().trim(), color));
            svg.append(String.format("<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", LEFT + (median ? 10 : 50), TOP + 15, color, median ? "p50" : "p99"));
        }
        svg.append("</svg>\n");
        Files.writeString(file, svg);
    }

    static void write(Path file, List<LoadStep> steps, double singlePerSecond, double batchPerSecond) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);

        double maxX = Math.max(batchPerSecond, steps.stream().mapToDouble(LoadStep::offeredPerSecond).max().orElse(1)) * 1.05;
        double maxY = Math.max(10, steps.stream().mapToDouble(LoadStep::p99Ms).filter(Double::isFinite).max().orElse(10) * 1.1);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Ingest latency against offered load (202 answers)", LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawLine(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight);
        g.drawLine(LEFT, TOP, LEFT, TOP + plotHeight);
        for (int i = 0; i <= 5; i++) {
            int x = LEFT + plotWidth * i / 5;
            int y = TOP + plotHeight - plotHeight * i / 5;
            g.drawString(String.format("%.0f", maxX * i / 5), x - 12, TOP + plotHeight + 18);
            g.drawString(String.format("%.0f", maxY * i / 5), LEFT - 45, y + 4);
        }
        g.drawString("offered webhooks per second", LEFT + plotWidth / 2 - 80, HEIGHT - 25);
        g.drawString("ms", 20, TOP + plotHeight / 2);

        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 6}, 0));
        marker(g, singlePerSecond, maxX, plotWidth, plotHeight, new Color(150, 150, 150), "queue: single SendMessage");
        marker(g, batchPerSecond, maxX, plotWidth, plotHeight, new Color(90, 90, 90), "queue: SendMessageBatch(10)");

        g.setStroke(new BasicStroke(2.5f));
        series(g, steps, maxX, maxY, plotWidth, plotHeight, new Color(33, 102, 172), true);
        series(g, steps, maxX, maxY, plotWidth, plotHeight, new Color(214, 96, 77), false);
        g.setColor(new Color(33, 102, 172));
        g.drawString("p50", LEFT + 10, TOP + 15);
        g.setColor(new Color(214, 96, 77));
        g.drawString("p99", LEFT + 50, TOP + 15);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void marker(Graphics2D g, double value, double maxX, int plotWidth, int plotHeight, Color color, String label) {
        int x = LEFT + (int) (plotWidth * value / maxX);
        g.setColor(color);
        g.drawLine(x, TOP, x, TOP + plotHeight);
        g.drawString(label + String.format(" %.0f/s", value), Math.max(LEFT + 5, x - 190), TOP + 35 + (label.contains("single") ? 0 : 16));
    }

    private static void series(Graphics2D g, List<LoadStep> steps, double maxX, double maxY, int plotWidth, int plotHeight, Color color, boolean median) {
        g.setColor(color);
        int previousX = -1;
        int previousY = -1;
        for (LoadStep step : steps) {
            double value = median ? step.p50Ms() : step.p99Ms();
            if (!Double.isFinite(value)) {
                continue;
            }
            int x = LEFT + (int) (plotWidth * step.offeredPerSecond() / maxX);
            int y = TOP + plotHeight - (int) (plotHeight * Math.min(value, maxY) / maxY);
            g.fillOval(x - 4, y - 4, 8, 8);
            if (previousX >= 0) {
                g.drawLine(previousX, previousY, x, y);
            }
            previousX = x;
            previousY = y;
        }
    }
}

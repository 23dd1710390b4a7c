package de.check24.homewidgets.load.chaos;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import javax.imageio.ImageIO;

import de.check24.homewidgets.load.Fact;
import de.check24.homewidgets.load.Outcome;

/**
 * Draws the home page's latency over the run (median and P95 per second, log scale), the
 * fault windows shaded from stop to the first fully fresh answer with the restart marked,
 * and every undesigned error as a red tick, into a PNG.
 */
final class LatencyChart {

	private static final int WIDTH = 1400;

	private static final int HEIGHT = 560;

	private static final int LEFT = 70;

	private static final int RIGHT = 20;

	private static final int TOP = 60;

	private static final int BOTTOM = 60;

	private static final double MIN_MS = 1;

	private static final double MAX_MS = 20_000;

	private LatencyChart() {
	}

	static void write(List<Fact> facts, List<FaultWindow> windows, long start, long end, String title, Path file)
			throws IOException {
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, WIDTH, HEIGHT);
		double seconds = Math.max(1, (end - start) / 1000.0);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		for (FaultWindow window : windows) {
			int x1 = x(window.stoppedAt(), start, seconds);
			int x2 = x(window.recovered() ? window.recoveredAt() : window.endsAt(), start, seconds);
			g.setColor(new Color(255, 225, 180));
			g.fillRect(x1, TOP, Math.max(2, x2 - x1), HEIGHT - TOP - BOTTOM);
			g.setColor(new Color(200, 120, 0));
			int restart = x(window.restartedAt(), start, seconds);
			g.drawLine(restart, TOP, restart, HEIGHT - BOTTOM);
			g.drawString(window.name(), x1 + 3, TOP + 14);
		}
		g.setColor(Color.GRAY);
		g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
		for (double ms = 1; ms <= MAX_MS; ms *= 10) {
			int y = y(ms);
			g.setColor(new Color(230, 230, 230));
			g.drawLine(LEFT + 1, y, WIDTH - RIGHT - 1, y);
			g.setColor(Color.DARK_GRAY);
			g.drawString((ms >= 1000) ? (int) (ms / 1000) + " s" : (int) ms + " ms", 10, y + 4);
		}
		for (int s = 0; s <= seconds; s += tick(seconds)) {
			int x = LEFT + (int) ((WIDTH - LEFT - RIGHT) * s / seconds);
			g.drawString(s + " s", x - 10, HEIGHT - BOTTOM + 18);
		}
		TreeMap<Long, List<Long>> perSecond = new TreeMap<>();
		List<Long> errors = new ArrayList<>();
		for (Fact fact : facts) {
			if (!fact.is(Fact.REQUEST)) {
				continue;
			}
			if (Outcome.valueOf(fact.outcome().toUpperCase(java.util.Locale.ROOT)).undesigned()) {
				errors.add(fact.time());
			}
			if (fact.name() != null && fact.name().contains("home") && fact.status() > 0) {
				perSecond.computeIfAbsent((fact.time() - start) / 1000, (second) -> new ArrayList<>())
					.add(fact.millis());
			}
		}
		g.setStroke(new BasicStroke(1.5f));
		line(g, perSecond, 0.5, new Color(60, 120, 200), start, seconds);
		line(g, perSecond, 0.95, new Color(200, 40, 40), start, seconds);
		g.setColor(Color.RED);
		for (long error : errors) {
			int x = x(error, start, seconds);
			g.drawLine(x, TOP - 12, x, TOP - 2);
		}
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
		g.drawString(title, LEFT, 22);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		g.setColor(new Color(60, 120, 200));
		g.drawString("GET /home median per second", LEFT, 42);
		g.setColor(new Color(200, 40, 40));
		g.drawString("P95 per second   | red ticks above: undesigned errors", LEFT + 200, 42);
		g.setColor(new Color(200, 120, 0));
		g.drawString("shaded: stop -> first fully fresh answer; line: restart", LEFT + 560, 42);
		g.dispose();
		ImageIO.write(image, "png", file.toFile());
	}

	private static void line(Graphics2D g, TreeMap<Long, List<Long>> perSecond, double quantile, Color color,
			long start, double seconds) {
		g.setColor(color);
		int lastX = -1;
		int lastY = -1;
		for (var bucket : perSecond.entrySet()) {
			List<Long> values = new ArrayList<>(bucket.getValue());
			values.sort(null);
			long value = values.get(Math.min(values.size() - 1, (int) Math.ceil(quantile * values.size()) - 1));
			int x = x(start + bucket.getKey() * 1000 + 500, start, seconds);
			int y = y(Math.max(MIN_MS, value));
			if (lastX >= 0) {
				g.drawLine(lastX, lastY, x, y);
			}
			lastX = x;
			lastY = y;
		}
	}

	private static int tick(double seconds) {
		for (int step : new int[] { 10, 30, 60, 120, 300 }) {
			if (seconds / step <= 15) {
				return step;
			}
		}
		return 600;
	}

	private static int x(long time, long start, double seconds) {
		return LEFT + (int) ((WIDTH - LEFT - RIGHT) * Math.max(0, (time - start) / 1000.0) / seconds);
	}

	private static int y(double ms) {
		double fraction = (Math.log10(Math.min(MAX_MS, ms)) - Math.log10(MIN_MS))
				/ (Math.log10(MAX_MS) - Math.log10(MIN_MS));
		return HEIGHT - BOTTOM - (int) ((HEIGHT - TOP - BOTTOM) * fraction);
	}

}

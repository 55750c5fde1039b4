package dev.llmload.report;

import dev.llmload.metrics.LevelSummary;
import dev.llmload.metrics.Percentiles;
import java.awt.AWTError;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A headline chart of {@code index.html} as a PNG image next to it, for READMEs and CI artifacts, drawn with
 * JFreeChart on headless AWT (no browser, no display): {@link #throughput()} (output and total tokens/s against load)
 * and {@link #ttft()} (TTFT p50/p90/p99 against load, on a log axis when it spans more than 50x, as on the page).
 * A JDK that cannot draw (no fonts) is said on the console in one sentence and the image is left out: the page has
 * the same chart.
 */
public final class PngChartWriter implements ReportWriter {

  public static final String THROUGHPUT_FILE = "throughput.png";
  public static final String TTFT_FILE = "ttft.png";
  static final int WIDTH = 960;
  static final int HEIGHT = 540;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private final String fileName;
  private final Function<RunSummary, JFreeChart> chart;
  private final ConsoleReporter console;

  PngChartWriter(String fileName, Function<RunSummary, JFreeChart> chart, ConsoleReporter console) {
    this.fileName = fileName;
    this.chart = chart;
    this.console = console;
  }

  /** {@value #THROUGHPUT_FILE}: output and total tokens/s per level. */
  public static PngChartWriter throughput() {
    return new PngChartWriter(THROUGHPUT_FILE, PngChartWriter::throughputChart, ConsoleReporter.stdout());
  }

  /** {@value #TTFT_FILE}: TTFT p50, p90 and p99 per level. */
  public static PngChartWriter ttft() {
    return new PngChartWriter(TTFT_FILE, PngChartWriter::ttftChart, ConsoleReporter.stdout());
  }

  @Override
  public String fileName() {
    return fileName;
  }

  @Override
  public void write(RunSummary summary, Path file) throws IOException {
    try {
      ChartUtils.saveChartAsPNG(file.toFile(), chart.apply(summary), WIDTH, HEIGHT);
    } catch (RuntimeException | AWTError | LinkageError e) {
      console.error("could not draw " + fileName + " (" + e + "); the same chart is on index.html - a JDK without fonts cannot draw "
          + "text: install them (Debian: apt-get install fontconfig fonts-dejavu-core)");
    }
  }

  static JFreeChart throughputChart(RunSummary s) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    add(data, s, "output tok/s", LevelSummary::outputTokensPerSecond);
    add(data, s, "total tok/s", LevelSummary::totalTokensPerSecond);
    JFreeChart c = lineChart(s, "Throughput vs " + xTitle(s.levels()), "tokens / s", data);
    LineAndShapeRenderer r = (LineAndShapeRenderer) c.getCategoryPlot().getRenderer();
    style(r, 0, "#2f6fdf", false);
    style(r, 1, "#8fb3f0", true);
    return c;
  }

  static JFreeChart ttftChart(RunSummary s) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    addPercentile(data, s, "TTFT p50", Percentiles::p50);
    addPercentile(data, s, "TTFT p90", Percentiles::p90);
    addPercentile(data, s, "TTFT p99", Percentiles::p99);
    boolean log = spansMoreThan50x(s.levels());
    JFreeChart c = lineChart(s, "Time to first token vs " + xTitle(s.levels()) + (log ? " (log scale)" : ""), "ms", data);
    if (log) {
      LogAxis axis = new LogAxis("ms");
      axis.setBase(10);
      axis.setStandardTickUnits(NumberAxis.createStandardTickUnits());
      c.getCategoryPlot().setRangeAxis(axis);
    }
    LineAndShapeRenderer r = (LineAndShapeRenderer) c.getCategoryPlot().getRenderer();
    style(r, 0, "#d9480f", false);
    style(r, 1, "#f08c00", false);
    style(r, 2, "#fab005", true);
    return c;
  }

  private static JFreeChart lineChart(RunSummary s, String title, String yTitle, DefaultCategoryDataset data) {
    JFreeChart c = ChartFactory.createLineChart(title, xTitle(s.levels()), yTitle, data, PlotOrientation.VERTICAL, true, false, false);
    c.addSubtitle(new TextTitle(s.target().model() + " - " + s.runId()));
    c.setBackgroundPaint(Color.WHITE);
    CategoryPlot plot = c.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xe3e6ec));
    plot.setRangeGridlinesVisible(true);
    plot.setOutlineVisible(false);
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
    return c;
  }

  private static void style(LineAndShapeRenderer r, int series, String hex, boolean dashed) {
    Color color = Color.decode(hex);
    r.setSeriesPaint(series, color);
    r.setSeriesFillPaint(series, color);
    r.setSeriesShapesVisible(series, true);
    r.setSeriesStroke(series, dashed
        ? new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 5f}, 0f)
        : new BasicStroke(2f));
  }

  private static void add(DefaultCategoryDataset data, RunSummary s, String series, ToDoubleFunction<LevelSummary> value) {
    for (LevelSummary l : s.levels()) {
      data.addValue(value.applyAsDouble(l), series, xLabel(l));
    }
  }

  private static void addPercentile(DefaultCategoryDataset data, RunSummary s, String series, ToDoubleFunction<Percentiles> value) {
    for (LevelSummary l : s.levels()) {
      data.addValue(l.ttftMs() == null ? null : (Number) value.applyAsDouble(l.ttftMs()), series, xLabel(l));
    }
  }

  /** As on the page: a latency that grows by orders of magnitude past the knee reads better on a log axis. */
  private static boolean spansMoreThan50x(List<LevelSummary> levels) {
    double[] v = levels.stream().filter(l -> l.ttftMs() != null)
        .flatMapToDouble(l -> java.util.stream.DoubleStream.of(l.ttftMs().p50(), l.ttftMs().p90(), l.ttftMs().p99())).filter(x -> x > 0)
        .toArray();
    return v.length > 1 && java.util.Arrays.stream(v).max().orElseThrow() / java.util.Arrays.stream(v).min().orElseThrow() > 50;
  }

  /** A level's place on the x axis, as on the page: its concurrency, or its label. */
  private static String xLabel(LevelSummary l) {
    return l.kind().equals("concurrency") && l.concurrency() != null
        ? String.format(Locale.ROOT, l.concurrency() == Math.rint(l.concurrency()) ? "%.0f" : "%s", l.concurrency())
        : l.label();
  }

  private static String xTitle(List<LevelSummary> levels) {
    String kind = levels.isEmpty() ? "concurrency" : levels.get(0).kind();
    if (levels.stream().anyMatch(l -> !l.kind().equals(kind))) {
      return "level";
    }
    return switch (kind) {
      case "rate" -> "request rate";
      case "step" -> "step";
      default -> "concurrency";
    };
  }
}

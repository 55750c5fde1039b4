package dev.llmload.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.metrics.LevelSummary;
import dev.llmload.metrics.Percentiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** throughput.png and ttft.png: written with every report, PNG images of the stated size, headless. */
class PngChartWriterTest {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir
  Path dir;

  static void assertPng(Path file) throws IOException {
    assertTrue(Files.isRegularFile(file), file + " exists");
    try (InputStream in = Files.newInputStream(file)) {
      assertArrayEquals(PNG_SIGNATURE, in.readNBytes(8), file + " starts as a PNG");
    }
    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(PngChartWriter.WIDTH, image.getWidth(), file.toString());
    assertEquals(PngChartWriter.HEIGHT, image.getHeight(), file.toString());
  }

  @Test
  void everyReportWritesBothPngsNextToThePage() throws IOException {
    RunManifest.writeReports(AggregatedRuns.run(), dir);
    assertPng(dir.resolve("throughput.png"));
    assertPng(dir.resolve("ttft.png"));
    assertTrue(Files.isRegularFile(dir.resolve("index.html")));
  }

  @Test
  void theChartsAreTheHeadlineChartsOfThePage() {
    RunSummary run = AggregatedRuns.run();
    assertEquals("Throughput vs concurrency", PngChartWriter.throughputChart(run).getTitle().getText());
    assertEquals(List.of("output tok/s", "total tok/s"), PngChartWriter.throughputChart(run).getCategoryPlot().getDataset().getRowKeys());
    assertEquals(List.of("1", "4", "16"), PngChartWriter.throughputChart(run).getCategoryPlot().getDataset().getColumnKeys());
    assertEquals(run.levels().get(2).outputTokensPerSecond(),
        PngChartWriter.throughputChart(run).getCategoryPlot().getDataset().getValue("output tok/s", "16").doubleValue());
    assertEquals(List.of("TTFT p50", "TTFT p90", "TTFT p99"), PngChartWriter.ttftChart(run).getCategoryPlot().getDataset().getRowKeys());
    assertInstanceOf(NumberAxis.class, PngChartWriter.ttftChart(run).getCategoryPlot().getRangeAxis(), "25 to 100 ms: a linear axis");
  }

  @Test
  void aTtftThatSpansMoreThan50xGetsALogAxisAndALevelWithoutTtftAGap() throws IOException {
    LevelSummary l = Summaries.level0();
    LevelSummary slow = new LevelSummary(2, "c=64", "concurrency", 64.0, null, 12, l.requests(), 0, 60, 0, null,
        new Percentiles(10, 5000, 4000, 6000, 7000, 9000, 9500), null, null, null, null, 300, 400, 2, 18_000, 17.0, 128.0, "usage",
        List.of(), null);
    RunSummary s = Summaries.run(Summaries.MODEL, List.of(Summaries.level0(), Summaries.level1(), slow));
    assertInstanceOf(LogAxis.class, PngChartWriter.ttftChart(s).getCategoryPlot().getRangeAxis());
    assertEquals("Time to first token vs concurrency (log scale)", PngChartWriter.ttftChart(s).getTitle().getText());
    assertEquals(null, PngChartWriter.ttftChart(s).getCategoryPlot().getDataset().getValue("TTFT p50", "2"), "c=2 had no TTFT");
    PngChartWriter.ttft().write(s, dir.resolve("ttft.png"));
    assertPng(dir.resolve("ttft.png"));
  }

  @Test
  void aChartThatCannotBeDrawnIsSaidOnceAndLeftOut() throws IOException {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PngChartWriter broken = new PngChartWriter("broken.png", s -> {
      throw new IllegalStateException("Fontconfig head is null");
    }, new ConsoleReporter(new PrintStream(console, true, StandardCharsets.UTF_8)));
    broken.write(Summaries.run(), dir.resolve("broken.png"));

    assertFalse(Files.exists(dir.resolve("broken.png")));
    assertEquals("[llm-loadtest] ERROR: could not draw broken.png (java.lang.IllegalStateException: Fontconfig head is null); the same "
        + "chart is on index.html - a JDK without fonts cannot draw text: install them (Debian: apt-get install fontconfig "
        + "fonts-dejavu-core)", console.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void thePngsAreDrawnHeadless() {
    PngChartWriter.throughput();
    assertEquals("true", System.getProperty("java.awt.headless"), "set before AWT starts, unless the user chose otherwise");
    assertTrue(Arrays.asList(ImageIO.getWriterFormatNames()).contains("png"));
  }
}

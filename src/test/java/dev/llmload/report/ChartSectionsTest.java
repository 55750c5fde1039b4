package dev.llmload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.metrics.Timeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The page's timeline, trade-off and distribution charts: which are there, what they say, and that a browser draws them. */
class ChartSectionsTest {

  private static final List<String> EVERY_CHART = List.of("throughput", "ttft", "itl", "outcomes", "timeline", "timeline-ttft", "tradeoff",
      "knee", "ttft-cdf", "e2e-cdf");

  @TempDir
  Path dir;

  private Path page(RunSummary summary) throws IOException {
    Path file = dir.resolve("index.html");
    new HtmlReportWriter().write(summary, file);
    return file;
  }

  private static List<String> canvasIds(String html) {
    List<String> ids = new ArrayList<>();
    Matcher m = Pattern.compile("<canvas id=\"([^\"]+)\"></canvas>").matcher(html);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  @Test
  void anAggregatedRunHasEveryChartAndTheLinksToItsPngs() throws IOException {
    RunSummary run = AggregatedRuns.run();
    String html = Files.readString(page(run), StandardCharsets.UTF_8);

    assertEquals(EVERY_CHART, canvasIds(html));
    assertTrue(html.contains("<a href=\"throughput.png\">throughput.png</a> &middot; <a href=\"ttft.png\">ttft.png</a>"), "PNG links");
    assertTrue(html.contains("<h2>Over time</h2>"));
    long successful = run.levels().stream().mapToLong(l -> l.requests().successful()).sum();
    assertTrue(run.timeline().ttft().requests() > successful, "warm-up requests are on the timeline too");
    assertTrue(html.contains("per 1 s bucket, every outcome counted; TTFT of all " + String.format(java.util.Locale.ROOT, "%,d",
        run.timeline().ttft().requests()) + " successful requests, each at its send time."), html);
    assertTrue(html.contains("<h2>Trade-offs and distributions</h2>"));
    assertTrue(html.contains("against what the server delivered to all of them (total output tokens/s); more load"),
        "without llm.cost.gpus the trade-off is the server's total");
    assertTrue(html.contains("const gpus = null;"), "and its script knows no GPUs");
  }

  @Test
  void aSummaryWithoutTimelineAndDistributionsHasNoneOfTheirCharts() throws IOException {
    String html = Files.readString(page(Summaries.run()), StandardCharsets.UTF_8);
    assertEquals(List.of("throughput", "ttft", "itl", "outcomes", "tradeoff", "knee"), canvasIds(html));
    assertFalse(html.contains("<h2>Over time</h2>"));
  }

  @Test
  void theTradeOffIsPerGpuWhenTheGpusAreGiven() throws IOException {
    RunSummary s = Summaries.run();
    RunSummary twoGpus = new RunSummary(s.schemaVersion(), s.simulation(), s.runId(), s.startedAt(), s.finishedAt(), s.partial(),
        s.partialReason(), s.target(), s.request(), s.levels(), s.gatlingReport(), s.notes(), s.serverQuirks(), s.runClock(), s.stoppedEarly(),
        s.endpoints(), s.timeline(), null, new dev.llmload.config.CostSettings(2.5, 2.0));
    String html = Files.readString(page(twoGpus), StandardCharsets.UTF_8);
    assertTrue(html.contains("const gpus = 2;") && html.contains(" per GPU, over 2 GPUs"), "per GPU");
    assertFalse(Files.readString(page(s), StandardCharsets.UTF_8).contains("per GPU, over"), "the server's total without llm.cost.gpus");
  }

  @Test
  void downsampledPointsAreSaidToBe() {
    assertEquals("3,087 of 12,345 successful requests (one in every 4, in the order they finished: at most 5,000 points)",
        ChartSections.points(new Timeline.TtftPoints(12_345, 4, java.util.Collections.nCopies(3087, 1.0),
            java.util.Collections.nCopies(3087, 2.0))));
    assertEquals("all 12 successful requests", ChartSections.points(new Timeline.TtftPoints(12, 1, java.util.Collections.nCopies(12, 1.0),
        java.util.Collections.nCopies(12, 2.0))));
  }

  @Test
  void thePagesEmbeddedDataIsSummaryJson() throws IOException {
    RunSummary run = AggregatedRuns.run();
    String html = Files.readString(page(run), StandardCharsets.UTF_8);
    Path json = dir.resolve("summary.json");
    new SummaryJsonWriter().write(run, json);

    JsonNode embedded = embeddedSummary(html);
    assertEquals(Json.MAPPER.readTree(json.toFile()), embedded);
    assertNotNull(embedded.get("timeline"), "the timeline is part of it");
    assertEquals(run.timeline().outputTokensPerSecond().size(), embedded.at("/timeline/outputTokensPerSecond").size());
    assertEquals(23, embedded.at("/levels/0/distributions/ttftMs").size());
  }

  /** The page's {@code <script type="application/json" id="summary">}, parsed as the page's script parses it. */
  static JsonNode embeddedSummary(String html) throws IOException {
    String open = "<script type=\"application/json\" id=\"summary\">";
    int start = html.indexOf(open) + open.length();
    return Json.MAPPER.readTree(html.substring(start, html.indexOf("</script>", start)));
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aBrowserDrawsEveryChartOfAnAggregatedRunWithoutAConsoleMessage() throws Exception {
    Assumptions.assumeTrue(HeadlessChromium.available(), HeadlessChromium.SKIPPED);
    HeadlessChromium.Rendering r = HeadlessChromium.render(page(AggregatedRuns.run()), dir);
    assertEquals(EVERY_CHART, List.copyOf(r.canvases().keySet()));
    assertEquals(List.of(), r.undrawn(), "charts not drawn");
    assertEquals(List.of(), r.console(), "console messages");
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aBrowserDrawsAPageWithMissingValuesWithoutAConsoleMessage() throws Exception {
    Assumptions.assumeTrue(HeadlessChromium.available(), HeadlessChromium.SKIPPED);
    HeadlessChromium.Rendering r = HeadlessChromium.render(page(Summaries.run()), dir);
    assertEquals(6, r.canvases().size(), r.canvases().toString());
    assertEquals(List.of(), r.undrawn(), "charts not drawn");
    assertEquals(List.of(), r.console(), "console messages");
  }
}

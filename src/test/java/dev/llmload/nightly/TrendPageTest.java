package dev.llmload.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.config.SloSettings;
import dev.llmload.report.HeadlessChromium;
import dev.llmload.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class TrendPageTest {

  @TempDir
  Path dir;

  private TrendData data() {
    return TrendData.of(HistoryFixtures.threeRuns(), new SloSettings(800.0, null, null, null, 95, false, 0.01),
        HistoryFixtures.entry("0", HistoryFixtures.level("c=8", 720, 38)), "baselines/nightly.json");
  }

  private Path page(TrendData data) throws IOException {
    Path file = dir.resolve("trend/index.html");
    TrendPage.write(data, file);
    return file;
  }

  /** The page's {@code <script type="application/json" id="trend">}, parsed as the page's script parses it. */
  static JsonNode embedded(String html) throws IOException {
    String open = "<script type=\"application/json\" id=\"" + TrendPage.DATA_ELEMENT + "\">";
    int start = html.indexOf(open) + open.length();
    return Json.MAPPER.readTree(html.substring(start, html.indexOf("</script>", start)));
  }

  @Test
  void thePageEmbedsTheTrendDataAndACanvasPerMetricWithoutAnythingFetched() throws IOException {
    TrendData data = data();
    String html = Files.readString(page(data));
    assertEquals(Json.MAPPER.valueToTree(data), embedded(html));
    for (TrendData.Metric m : data.metrics()) {
      assertTrue(html.contains("<canvas id=\"" + m.id() + "\"></canvas>"), m.id());
    }
    assertTrue(html.contains("<td>ConcurrencySweep-20250303-020000</td>"), "the runs' table");
    assertTrue(html.contains("in the baseline baselines/nightly.json"));
    assertTrue(!html.contains("src=\"http") && !html.contains("href=\"http"), "offline: nothing loaded from the network");
  }

  @Test
  void aStringWithScriptEndInTheDataDoesNotEndTheElement() throws IOException {
    HistoryEntry odd = new HistoryEntry("</script><b>x", "2025-03-05T02:00:00Z", "S", null, null,
        List.of(HistoryFixtures.level("c=1", 1, 1)), null, null);
    String html = Files.readString(page(TrendData.of(List.of(odd), SloSettings.NONE, null, null)));
    assertEquals("</script><b>x", embedded(html).at("/runs/0/runId").asText());
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aBrowserDrawsEveryChartWithoutAConsoleMessage() throws Exception {
    Assumptions.assumeTrue(HeadlessChromium.available(), HeadlessChromium.SKIPPED);
    TrendData data = data();
    HeadlessChromium.Rendering r = HeadlessChromium.render(page(data), dir);
    assertEquals(data.metrics().stream().map(TrendData.Metric::id).toList(), List.copyOf(r.canvases().keySet()));
    assertEquals(List.of(), r.undrawn(), "charts not drawn");
    assertEquals(List.of(), r.console(), "console messages");
  }
}

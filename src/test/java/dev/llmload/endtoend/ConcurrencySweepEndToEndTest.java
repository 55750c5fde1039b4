package dev.llmload.endtoend;

import dev.llmload.simulations.ConcurrencySweep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.benchmarks.AccuracyFigures;
import dev.llmload.benchmarks.GroundTruthComparison;
import dev.llmload.gatling.Launch;
import dev.llmload.gatling.LlmRun;
import dev.llmload.metrics.Outcome;
import dev.llmload.metrics.RequestRecord;
import dev.llmload.openai.ServerProbe;
import dev.llmload.report.Json;
import dev.llmload.report.RequestLog;
import dev.llmload.server.SimulatedServer;
import dev.llmload.server.truth.GroundTruth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job, end to end and in-process: a short ConcurrencySweep against the embedded simulated server, then
 * the summary is checked against the server's ground truth and against what its preset must produce.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConcurrencySweepEndToEndTest {

  private static final int MAX_TOKENS = 32;

  @TempDir
  static Path dir;

  private static int status;
  private static LlmRun run;
  private static Path runFolder;
  private static JsonNode summary;
  private static List<RequestRecord> records;

  @BeforeAll
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  static void sweep() throws Exception {
    status = InProcessGatling.run(ConcurrencySweep.class, dir.resolve("gatling"), Map.of(
        "llm.report.dir", dir.resolve("reports").toString(),
        "llm.sweep.levels", "[1,4,16]",
        "llm.sweep.levelDuration", "3s",
        "llm.sweep.warmup", "1s",
        "llm.request.maxTokens", Integer.toString(MAX_TOKENS),
        "llm.server.preset", "fast"));
    run = Launch.current();
    runFolder = run.reportPath();
    summary = Json.MAPPER.readTree(runFolder.resolve("summary.json").toFile());
    records = RequestLog.read(runFolder.resolve(RequestLog.FILE_NAME));
  }

  @Test
  void runSucceedsAndWritesEveryOutput() {
    assertEquals(0, status, "Gatling exit status");
    for (String file : List.of("summary.json", "summary.csv", "index.html", "requests.jsonl")) {
      assertTrue(Files.isRegularFile(runFolder.resolve(file)), file);
    }
    assertTrue(Files.isSymbolicLink(runFolder.getParent().resolve("latest")), "reports/latest link");
    assertEquals(1, summary.get("schemaVersion").asInt());
    assertTrue(summary.path("target").path("embedded").asBoolean());
    assertEquals(3, summary.get("levels").size());
    JsonNode quirks = summary.get("serverQuirks");
    assertTrue(quirks.get("roleOnlyFirstChunk").asBoolean(), "vLLM-shaped streams open with a role-only chunk");
    assertTrue(quirks.get("usageSent").asBoolean());
    assertEquals(1.0, quirks.get("tokensPerChunk").asDouble());
    assertTrue(quirks.get("honoursIgnoreEos").asBoolean());
  }

  @Test
  void everyRequestSucceededWithTheRequestedLengthFromUsage() {
    assertTrue(records.size() > 20, "records: " + records.size());
    for (RequestRecord r : records) {
      assertEquals(Outcome.SUCCESSFUL, r.outcome(), r.requestId() + " " + r.errorMessage());
      assertEquals(MAX_TOKENS, r.completionTokens(), r.requestId());
      assertEquals(MAX_TOKENS, r.chunkMicros().length, "one token per chunk in the fast preset");
    }
    for (JsonNode level : summary.get("levels")) {
      assertEquals("usage", level.get("tokenCountSource").asText());
      assertEquals(0, level.path("requests").path("errored").asLong());
      assertEquals(0, level.path("requests").path("incomplete").asLong());
      assertEquals((double) MAX_TOKENS, level.get("outputTokensMean").asDouble(), 1e-9);
    }
  }

  @Test
  void everyRecordHasItsTimeToHeadersAndEveryLevelItsRetries() {
    for (RequestRecord r : records) {
      assertTrue(r.headersMicros() >= r.sendMicros(), r.requestId() + " headers " + r.headersMicros() + " send " + r.sendMicros());
      assertTrue(r.headersMicros() <= r.chunkMicros()[0], "headers before the first chunk: " + r.requestId());
    }
    for (JsonNode level : summary.get("levels")) {
      assertTrue(level.get("connectionRetries").isIntegralNumber(), level.toString());
      assertTrue(level.get("timeToHeadersMs").get("p50").asDouble() > 0, level.toString());
    }
  }

  @Test
  void noMeasuredRequestWasSentBeforeItsLevelsMeasuredWindow() throws Exception {
    dev.llmload.workload.LevelSchedule schedule = dev.llmload.report.RunManifest.read(runFolder).schedule();
    for (RequestRecord r : records) {
      if (!r.warmup()) {
        assertTrue(r.sendMicros() >= schedule.measuredStartMicros(r.level()), "measured request sent before its window: " + r);
        assertTrue(r.sendMicros() < schedule.measuredEndMicros(r.level()) + 50_000, "a measured request sent after its level: " + r);
      }
    }
    JsonNode clock = Json.MAPPER.readTree(runFolder.resolve("run.json").toFile()).get("runClock");
    assertEquals("injection start", clock.get("anchoredAt").asText());
    assertEquals(run.recorder().anchorEpochMillis(), clock.get("anchorEpochMillis").asLong());
    assertEquals(clock, summary.get("runClock"), "summary.json carries the same anchor");
    long firstSend = records.stream().mapToLong(RequestRecord::sendMicros).min().orElseThrow();
    assertTrue(firstSend >= 0 && firstSend < 1_000_000, "the first send follows injection start closely: " + firstSend + " us");
  }

  @Test
  void serverReceivedExactlyTheRequestsTheClientReports() {
    GroundTruth truth = run.server().map(SimulatedServer::groundTruth).orElseThrow();
    assertTrue(truth.find(ServerProbe.REQUEST_ID).isPresent(), "the preflight probe");
    assertEquals(records.size() + 1, truth.requestsReceived(), "the probe plus every recorded request: no silent retries, no lost records");
    assertEquals(0, run.server().orElseThrow().duplicateProcessedRequests(), "no request processed twice");
    long counted = 0;
    for (JsonNode level : summary.get("levels")) {
      counted += level.path("requests").path("total").asLong() + level.path("warmupRequests").asLong();
    }
    assertEquals(records.size(), counted, "summary counts every recorded request once");
  }

  @Test
  void clientStampsMatchTheServersWriteTimes() {
    GroundTruth truth = run.server().map(SimulatedServer::groundTruth).orElseThrow();
    AccuracyFigures figures = GroundTruthComparison.compare(records, run.recorder().anchorNanos(), truth::find, truth.requestsReceived());
    assertEquals(0, figures.mismatched(), figures.describe());
    assertEquals(records.size(), figures.requests());
    // Loose bounds for a shared 2-core CI machine; MeasurementAccuracy measures the real figures.
    assertTrue(figures.ttftErrorMs().p50() < 5, figures.describe());
    assertTrue(figures.itlErrorMs().p50() < 5, figures.describe());
  }

  @Test
  void levelsShowThePresetsShape() {
    JsonNode levels = summary.get("levels");
    JsonNode c1 = levels.get(0);
    JsonNode c16 = levels.get(2);
    assertEquals(1, c1.get("concurrency").asInt());
    assertEquals(16, c16.get("concurrency").asInt());
    double stepMs = run.server().orElseThrow().settings().engine().stepNanos(1, 0) / 1e6;
    double itlP50 = c1.path("itlMs").path("p50").asDouble();
    assertTrue(Math.abs(itlP50 - stepMs) / stepMs < 0.3, "c=1 ITL p50 " + itlP50 + " ms vs preset step " + stepMs + " ms");
    double tps1 = c1.get("outputTokensPerSecond").asDouble();
    assertTrue(Math.abs(tps1 - 1000 / stepMs) / (1000 / stepMs) < 0.3, "c=1 output tok/s " + tps1 + " vs " + 1000 / stepMs);
    double tps16 = c16.get("outputTokensPerSecond").asDouble();
    assertTrue(tps16 > 6 * tps1, "throughput must scale with batching below maxNumSeqs: c=1 " + tps1 + ", c=16 " + tps16);
    assertNotNull(c16.get("ttftMs"));
    assertTrue(c16.get("inFlightMean").asDouble() > 12, "measured in-flight at c=16: " + c16.get("inFlightMean"));
  }

  /**
   * What users see does not change by accident: the key paths of the default sweep's summary.json (array elements
   * as {@code []}) are the pinned ones. A field added on purpose is added to the fixture in the same change.
   */
  @Test
  void summaryKeysAreThePinnedOnes() throws Exception {
    java.util.TreeSet<String> actual = new java.util.TreeSet<>();
    keyPaths("", summary, actual);
    String fixture = new String(ConcurrencySweepEndToEndTest.class.getResourceAsStream("summary-keys.txt").readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    java.util.TreeSet<String> pinned = new java.util.TreeSet<>(fixture.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    assertEquals(pinned, actual, "summary.json keys changed; actual:\n" + String.join("\n", actual));
  }

  /** index.html embeds summary.json as it is, timeline and distributions included: what the page draws is the file. */
  @Test
  void thePagesEmbeddedDataIsSummaryJson() throws Exception {
    String html = Files.readString(runFolder.resolve("index.html"));
    String open = "<script type=\"application/json\" id=\"summary\">";
    int start = html.indexOf(open) + open.length();
    assertEquals(summary, Json.MAPPER.readTree(html.substring(start, html.indexOf("</script>", start))));
    JsonNode timeline = summary.get("timeline");
    assertEquals(3, timeline.get("levels").size());
    assertEquals(records.size(), timeline.at("/ttft/requests").asLong(), "every request succeeded, warm-up ones too");
    assertTrue(timeline.get("outputTokensPerSecond").size() >= 12, "a 12 s schedule, one bucket a second: " + timeline);
    for (JsonNode level : summary.get("levels")) {
      assertEquals(level.at("/ttftMs/p50").asDouble(), level.at("/distributions/ttftMs/10").asDouble(), "the CDF's p50 is the p50");
    }
  }

  /** A real browser opens the page from file:// and draws every chart, with nothing on the console. */
  @Test
  void aBrowserDrawsEveryChartOfThePage() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(dev.llmload.report.HeadlessChromium.available(), dev.llmload.report.HeadlessChromium.SKIPPED);
    dev.llmload.report.HeadlessChromium.Rendering r = dev.llmload.report.HeadlessChromium.render(runFolder.resolve("index.html"), dir);
    assertEquals(List.of("throughput", "ttft", "itl", "outcomes", "timeline", "server-timeline", "timeline-ttft", "client-timeline", "tradeoff",
        "knee", "ttft-cdf", "e2e-cdf"),
        List.copyOf(r.canvases().keySet()));
    assertEquals(List.of(), r.undrawn(), "charts not drawn");
    assertEquals(List.of(), r.console(), "console messages");
  }

  /** throughput.png and ttft.png lie next to the page, and a report rebuilt from requests.jsonl has them and the same timeline. */
  @Test
  void thePngsAndTheTimelineComeBackFromARebuild() throws Exception {
    for (String png : List.of("throughput.png", "ttft.png")) {
      java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(runFolder.resolve(png).toFile());
      assertEquals(960, image.getWidth(), png);
      assertEquals(540, image.getHeight(), png);
    }
    Path copy = Files.createDirectories(dir.resolve("rebuilt"));
    Files.copy(runFolder.resolve(dev.llmload.report.RunManifest.FILE_NAME), copy.resolve(dev.llmload.report.RunManifest.FILE_NAME));
    Files.copy(runFolder.resolve(RequestLog.FILE_NAME), copy.resolve(RequestLog.FILE_NAME));
    dev.llmload.report.RebuildReport.rebuild(copy);

    JsonNode rebuilt = Json.MAPPER.readTree(copy.resolve("summary.json").toFile());
    assertEquals(summary.get("timeline"), rebuilt.get("timeline"));
    for (int i = 0; i < summary.get("levels").size(); i++) {
      assertEquals(summary.at("/levels/" + i + "/distributions"), rebuilt.at("/levels/" + i + "/distributions"));
    }
    for (String png : List.of("throughput.png", "ttft.png")) {
      java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(copy.resolve(png).toFile());
      assertEquals(960, image.getWidth(), "rebuilt " + png);
    }
  }

  private static void keyPaths(String prefix, JsonNode node, java.util.Set<String> out) {
    if (node.isObject()) {
      node.fieldNames().forEachRemaining(name -> {
        String path = prefix.isEmpty() ? name : prefix + "." + name;
        out.add(path);
        keyPaths(path, node.get(name), out);
      });
    } else if (node.isArray()) {
      node.forEach(element -> keyPaths(prefix + "[]", element, out));
    }
  }
}

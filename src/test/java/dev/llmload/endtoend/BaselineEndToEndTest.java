package dev.llmload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmload.gatling.Launch;
import dev.llmload.nightly.PromoteBaseline;
import dev.llmload.report.Json;
import dev.llmload.simulations.ConcurrencySweep;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run held against a baseline, end to end: a short ConcurrencySweep (c=1, c=2) against the embedded server, with a
 * baseline under {@code user-files/baselines/} made to disagree - at c=1 ten times the throughput the simulator gives
 * (a regression), at c=2 a tenth of it (an improvement), and a level c=4 the run does not have. summary.json must
 * carry each verdict, index.html the section; promoting the run makes a baseline the same run is within.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BaselineEndToEndTest {

  @TempDir
  static Path dir;

  private static int status;
  private static Path runFolder;
  private static JsonNode summary;
  private static Path userFiles;

  @BeforeAll
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  static void run() throws Exception {
    userFiles = Files.createDirectories(dir.resolve("user-files"));
    Files.createDirectories(userFiles.resolve("baselines"));
    // the simulator's fast preset gives a few hundred output tokens/s at c=1: 1e6 is far above, 1 far below
    Files.writeString(userFiles.resolve("baselines/nightly.json"), """
        { "simulation": "ConcurrencySweep", "levels": [
            { "label": "c=1", "outputTokensPerSecond": 1000000 },
            { "label": "c=2", "outputTokensPerSecond": 1 },
            { "label": "c=4", "outputTokensPerSecond": 500 } ] }
        """);
    Files.writeString(userFiles.resolve("nightly.conf"), """
        llm.baseline {
          file = "baselines/nightly.json"
          tolerances { requestsPerSecond = null, "ttftMs.p95" = null, "itlMs.p50" = null, "e2eMs.p95" = null }
        }
        """);
    status = InProcessGatling.run(ConcurrencySweep.class, dir.resolve("gatling"), Map.ofEntries(
        Map.entry("llm.userFiles", userFiles.toString()),
        Map.entry("llm.profile", "nightly"),
        Map.entry("llm.report.dir", dir.resolve("reports").toString()),
        Map.entry("llm.sweep.levels", "[1,2]"),
        Map.entry("llm.sweep.levelDuration", "2s"),
        Map.entry("llm.sweep.warmup", "1s"),
        Map.entry("llm.request.maxTokens", "16"),
        Map.entry("llm.server.preset", "fast")));
    runFolder = Launch.current().reportPath();
    summary = Json.MAPPER.readTree(runFolder.resolve("summary.json").toFile());
  }

  @Test
  void summaryJsonCarriesAVerdictPerLevelAndMetric() {
    assertEquals(0, status, "Gatling exit status (failing the build is the gates' part)");
    JsonNode b = summary.get("baseline");
    assertEquals(userFiles.resolve("baselines/nightly.json").toString(), b.get("file").asText());
    assertFalse(b.get("passed").asBoolean());
    assertEquals(1, b.get("regressions").asInt());
    JsonNode checks = b.get("checks");
    assertEquals(3, checks.size(), checks.toString());

    JsonNode c1 = checks.get(0);
    assertEquals("c=1", c1.get("level").asText());
    assertEquals("outputTokensPerSecond", c1.get("metric").asText());
    assertEquals("regressed", c1.get("status").asText());
    assertEquals(summary.get("levels").get(0).get("outputTokensPerSecond").asDouble(), c1.get("measured").asDouble());
    assertEquals(1_000_000, c1.get("baseline").asDouble());
    assertEquals("-10%", c1.get("tolerance").asText());
    assertTrue(c1.get("changePercent").asDouble() < -99, c1.toString());

    assertEquals("improved", checks.get(1).get("status").asText());
    assertTrue(checks.get(1).get("passed").asBoolean());
    assertEquals("c=4", checks.get(2).get("level").asText());
    assertEquals("levelMissingInRun", checks.get(2).get("status").asText());
    assertFalse(checks.get(2).get("passed").asBoolean());
  }

  @Test
  void theReportShowsTheSection() throws Exception {
    String html = Files.readString(runFolder.resolve("index.html"), StandardCharsets.UTF_8);
    assertTrue(html.contains("<h2>Baseline</h2>\n<p><strong>2 of 3 baseline checks failed (1 regressed) against "), html);
  }

  @Test
  void aPromotedRunIsItsOwnBaselineWithinEveryTolerance() throws Exception {
    Path promoted = PromoteBaseline.promote(runFolder, dir.resolve("promoted"), "nightly").file();
    JsonNode copy = Json.MAPPER.readTree(promoted.toFile());
    assertEquals(summary, copy);
    java.util.List<dev.llmload.nightly.MetricVerdict> verdicts = dev.llmload.nightly.BaselineComparison.compare(copy, summary,
        dev.llmload.config.SettingsLoader.loadForTest(Map.of("llm.userFiles", dir.resolve("promoted").toString()), Map.of())
            .baseline().tolerances());
    assertEquals(2 * 5, verdicts.size(), verdicts.toString());
    assertTrue(verdicts.stream().allMatch(v -> v.status() == dev.llmload.nightly.BaselineStatus.WITHIN), verdicts.toString());
    assertTrue(((ObjectNode) copy).has("baseline"), "the promoted summary keeps its own verdicts; a later run ignores them");
  }
}

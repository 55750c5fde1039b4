package dev.llmload.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.config.BaselineSettings;
import dev.llmload.config.Tolerance;
import dev.llmload.report.Json;
import dev.llmload.report.RunSummary;
import dev.llmload.report.SummaryJsonWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineCheckTest {

  private static final List<Tolerance> TOLERANCES = List.of(Tolerance.parse("k", "outputTokensPerSecond", "-10%"),
      Tolerance.parse("k", "ttftMs.p95", "+15%"));

  @TempDir
  Path dir;

  @Test
  void noBaselineNoVerdictNoCheck() {
    RunSummary run = NightlySummaries.run(NightlySummaries.level(0, "c=1", 100, 50));
    assertNull(BaselineCheck.evaluate(BaselineSettings.NONE, run));
    assertEquals(List.of(), BaselineCheck.checks(run));
  }

  @Test
  void aRunIsHeldAgainstAPromotedSummaryOrARunFolder() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("reports/ConcurrencySweep-20250303-020000"));
    new SummaryJsonWriter().write(NightlySummaries.run(NightlySummaries.level(0, "c=1", 100, 50), NightlySummaries.level(1, "c=8", 800, 80)),
        folder.resolve("summary.json"));
    RunSummary run = NightlySummaries.run(NightlySummaries.level(0, "c=1", 98, 51), NightlySummaries.level(1, "c=8", 600, 80));

    for (Path baseline : List.of(folder, folder.resolve("summary.json"))) {
      BaselineResult result = BaselineCheck.evaluate(new BaselineSettings(baseline, TOLERANCES), run);
      assertEquals(baseline.toString(), result.file());
      assertFalse(result.passed());
      assertEquals(1, result.regressions());
      assertEquals(List.of(BaselineStatus.WITHIN, BaselineStatus.WITHIN, BaselineStatus.REGRESSED, BaselineStatus.WITHIN),
          result.checks().stream().map(MetricVerdict::status).toList());
      List<Check> checks = BaselineCheck.checks(run.withBaseline(result));
      assertEquals(4, checks.size());
      assertTrue(checks.stream().allMatch(c -> c.suite().equals("baseline")));
      assertEquals(List.of(true, true, false, true), checks.stream().map(Check::passed).toList());
      assertEquals("outputTokensPerSecond within -10% at c=8 vs baseline", checks.get(2).name());
    }
  }

  @Test
  void summaryJsonCarriesTheVerdictPerMetric() throws Exception {
    Path baseline = dir.resolve("nightly.json");
    new SummaryJsonWriter().write(NightlySummaries.run(NightlySummaries.level(0, "c=1", 100, 50)), baseline);
    RunSummary run = NightlySummaries.run(NightlySummaries.level(0, "c=1", 100, 60));
    run = run.withBaseline(BaselineCheck.evaluate(new BaselineSettings(baseline, TOLERANCES), run));
    Path written = dir.resolve("summary.json");
    new SummaryJsonWriter().write(run, written);

    JsonNode b = Json.MAPPER.readTree(written.toFile()).get("baseline");
    assertEquals(baseline.toString(), b.get("file").asText());
    assertFalse(b.get("passed").asBoolean());
    assertEquals(1, b.get("regressions").asInt());
    JsonNode ttft = b.get("checks").get(1);
    assertEquals("c=1", ttft.get("level").asText());
    assertEquals("ttftMs.p95", ttft.get("metric").asText());
    assertEquals("regressed", ttft.get("status").asText());
    assertFalse(ttft.get("passed").asBoolean());
    assertEquals(50, ttft.get("baseline").asDouble(), 0);
    assertEquals(60, ttft.get("measured").asDouble(), 0);
    assertEquals(20, ttft.get("changePercent").asDouble(), 1e-9);
    assertEquals("+15%", ttft.get("tolerance").asText());
  }

  @Test
  void anUnreadableBaselineIsOneFailedCheckSayingWhy() throws Exception {
    Path baseline = Files.writeString(dir.resolve("nightly.json"), "{ not json");
    BaselineResult result = BaselineCheck.evaluate(new BaselineSettings(baseline, TOLERANCES),
        NightlySummaries.run(NightlySummaries.level(0, "c=1", 100, 50)));
    assertFalse(result.passed());
    assertEquals(1, result.checks().size());
    assertEquals(BaselineStatus.BASELINE_UNREADABLE, result.checks().get(0).status());
    assertTrue(result.checks().get(0).detail().contains("is not valid JSON"), result.checks().get(0).detail());
    assertEquals("baseline", result.asChecks().get(0).name());
  }
}

package dev.llmload.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.config.Gate;
import dev.llmload.config.GateMetric;
import dev.llmload.config.SloSettings;
import dev.llmload.metrics.LevelSummary;
import dev.llmload.metrics.Percentiles;
import dev.llmload.metrics.RunSlo;
import dev.llmload.report.RequestInfo;
import dev.llmload.report.RunSummary;
import dev.llmload.report.TargetInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gates judged on a hand-made two-level run: pass, fail, a missing level, a missing value, every level, the run's SLO headline. */
class GatesTest {

  /** c=1: TTFT p95 612.3 ms, 950 output tokens/s, 1 of 100 failed, met the SLO; c=2: no successful request, 4 of 4 failed. */
  private static final LevelSummary C1 = level(0, "c=1", 1.0, new Percentiles(99, 400, 380, 600, 612.3, 700, 800), 950,
      new LevelSummary.RequestCounts(99, 1, 0, 100), new LevelSummary.Slo(0.97, 1, 100, true, null));
  private static final LevelSummary C2 = level(1, "c=2", 2.0, null, 0, new LevelSummary.RequestCounts(0, 4, 0, 4),
      new LevelSummary.Slo(0.0, 0, 0, false, "every request failed"));

  private static LevelSummary level(int index, String label, double users, Percentiles ttft, double outputTokensPerSecond,
      LevelSummary.RequestCounts requests, LevelSummary.Slo slo) {
    return new LevelSummary(index, label, "concurrency", users, null, 10, requests, 0, users, 0, null, ttft, null, null, null, null,
        outputTokensPerSecond, outputTokensPerSecond, 1, 60 * outputTokensPerSecond, null, null, "usage", List.of(), null, null, null, null,
        null, null, slo, null, null);
  }

  private static RunSummary run(RunSlo slo) {
    List<LevelSummary> levels = List.of(C1, C2);
    return new RunSummary(RunSummary.SCHEMA_VERSION, "ConcurrencySweep", "r", "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", false, null,
        new TargetInfo("http://127.0.0.1:8000/v1", "m", "chat", true, "fast"), new RequestInfo(128, true, 80, true, null), levels, null,
        List.of(), null, null, null, null, null, slo, null);
  }

  private static RunSummary run() {
    return run(null);
  }

  private static Gate gate(String metric, String level, Double min, Double max) {
    return new Gate("llm.gates[0]", GateMetric.named(metric).orElseThrow(), level, min, max);
  }

  private static Check only(Gate gate, RunSummary summary) {
    List<Check> checks = Gates.evaluate(List.of(gate), summary);
    assertEquals(1, checks.size(), checks.toString());
    return checks.get(0);
  }

  @Test
  void aLevelWithinTheLimitPasses() {
    Check c = only(gate("ttftMs.p95", "c=1", null, 800.0), run());
    assertEquals(new Check("gates", "ttftMs.p95 at c=1 <= 800 ms", true, "measured 612.3 ms, limit <= 800 ms"), c);
  }

  @Test
  void aLevelOverTheLimitFails() {
    Check c = only(gate("ttftMs.p95", "c=1", null, 600.0), run());
    assertFalse(c.passed());
    assertEquals("measured 612.3 ms, limit <= 600 ms", c.detail());
  }

  @Test
  void aMinimumIsHeldFromBelowAndTheLimitItselfPasses() {
    assertTrue(only(gate("outputTokensPerSecond", "c=1", 950.0, null), run()).passed());
    Check c = only(gate("outputTokensPerSecond", "c=1", 950.5, null), run());
    assertFalse(c.passed());
    assertEquals("outputTokensPerSecond at c=1 >= 950.5 tokens/s", c.name());
  }

  @Test
  void aLevelTheRunDidNotMeasureFailsAndSaysSo() {
    Check c = only(gate("ttftMs.p95", "c=32", null, 800.0), run());
    assertFalse(c.passed());
    assertEquals("ttftMs.p95 at c=32 <= 800 ms", c.name());
    assertEquals("level c=32 was not measured; the run's levels: c=1, c=2", c.detail());
  }

  @Test
  void aValueTheLevelHasNotGotFailsAndSaysSo() {
    Check c = only(gate("ttftMs.p95", "c=2", null, 800.0), run());
    assertFalse(c.passed());
    assertEquals("no value: no ttftMs was measured at c=2 (no successful request); limit <= 800 ms", c.detail());
  }

  @Test
  void withoutALevelEveryMeasuredLevelIsAChecked() {
    List<Check> checks = Gates.evaluate(List.of(gate("errorRate", null, null, 0.01)), run());
    assertEquals(List.of(new Check("gates", "errorRate at c=1 <= 0.01", true, "measured 0.01, limit <= 0.01"),
        new Check("gates", "errorRate at c=2 <= 0.01", false, "measured 1, limit <= 0.01")), checks);
    assertFalse(Gates.allPassed(checks));
  }

  @Test
  void theHighestLoadWithinTheSloIsItsUsers() {
    RunSummary withSlo = run(RunSlo.of(new SloSettings(700.0, null, null, null, 95, false, null), List.of(C1, C2)));
    assertEquals(new Check("gates", "highestLoadWithinSlo >= 1", true, "measured 1, limit >= 1"),
        only(gate("highestLoadWithinSlo", null, 1.0, null), withSlo));
    assertFalse(only(gate("highestLoadWithinSlo", null, 2.0, null), withSlo).passed());
  }

  @Test
  void noHighestLoadWithinTheSloFailsAndSaysWhy() {
    RunSummary noneMet = run(new RunSlo(new SloSettings(1.0, null, null, null, 95, false, null), null));
    assertEquals("no value: no level met the SLO; limit >= 32", only(gate("highestLoadWithinSlo", null, 32.0, null), noneMet).detail());
    assertEquals("no value: the run has no SLO (llm.slo); limit >= 32", only(gate("highestLoadWithinSlo", null, 32.0, null), run()).detail());
  }

  @Test
  void gatesKeepTheirOrderAndBothLimitsAreHeld() {
    List<Check> checks = Gates.evaluate(List.of(gate("requestsPerSecond", "c=2", 0.5, 2.0), gate("ttftMs.max", "c=1", null, 900.0)),
        run());
    assertEquals(List.of("requestsPerSecond at c=2 >= 0.5 and <= 2 requests/s", "ttftMs.max at c=1 <= 900 ms"),
        checks.stream().map(Check::name).toList());
    assertTrue(Gates.allPassed(checks));
  }

  @Test
  void everyMetricHasAValue() {
    for (GateMetric m : GateMetric.ALL) {
      Check c = only(new Gate("llm.gates[0]", m, m.perLevel() ? "c=1" : null, 0.0, null), run());
      assertFalse(c.detail().isEmpty(), m.name());
    }
  }

  @Test
  void noGatesNoChecks() {
    assertEquals(List.of(), Gates.evaluate(List.of(), run()));
    assertTrue(Gates.allPassed(List.of()));
  }
}

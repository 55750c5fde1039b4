package dev.llmload.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.llmload.config.SloSettings;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendDataTest {

  private static TrendData.Metric metric(TrendData data, String id) {
    return data.metrics().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no " + id));
  }

  @Test
  void threeRunsGiveOneSeriesPerLevelWithAValuePerRunAndGapsWhereALevelDidNotRun() {
    TrendData data = TrendData.of(HistoryFixtures.threeRuns(), SloSettings.NONE, null, null);
    assertEquals(List.of("ConcurrencySweep-20250301-020000", "ConcurrencySweep-20250302-020000", "ConcurrencySweep-20250303-020000"),
        data.runs().stream().map(TrendData.Run::runId).toList());
    TrendData.Metric tps = metric(data, "outputTokensPerSecond");
    assertEquals(List.of("c=1", "c=8", "c=32"), tps.series().stream().map(TrendData.Series::level).toList(), "first-seen order");
    assertEquals(List.of(100.0, 95.0, 90.0), tps.series().get(0).values());
    assertEquals(List.of(700.0, 650.0, 600.0), tps.series().get(1).values());
    assertEquals(Arrays.asList(null, null, 900.0), tps.series().get(2).values(), "c=32 ran only on the last night");
    assertEquals(List.of(40.0, 44.0, 50.0), metric(data, "ttftP95Ms").series().get(0).values());
    assertEquals(List.of(0.0, 0.0, 0.0), metric(data, "errorRatePercent").series().get(0).values());
    assertEquals(List.of("outputTokensPerSecond", "ttftP50Ms", "ttftP95Ms", "ttftP99Ms", "itlP50Ms", "e2eP95Ms", "errorRatePercent"),
        data.metrics().stream().map(TrendData.Metric::id).toList(), "no attainment chart: no run was judged by an SLO");
    data.metrics().forEach(m -> assertNull(m.limit(), m.id()));
    assertNull(data.baseline());
  }

  @Test
  void theGatesAreMarkedOnTheChartsOfTheirMetricOneLinePerBound() {
    java.util.function.BiFunction<String, String, dev.llmload.config.GateMetric> m = (name, x) ->
        dev.llmload.config.GateMetric.named(name).orElseThrow();
    List<dev.llmload.config.Gate> gates = List.of(
        new dev.llmload.config.Gate("llm.gates[0]", m.apply("ttftMs.p95", null), "c=32", null, 800.0),
        new dev.llmload.config.Gate("llm.gates[1]", m.apply("outputTokensPerSecond", null), null, 500.0, 5000.0),
        new dev.llmload.config.Gate("llm.gates[2]", m.apply("errorRate", null), null, null, 0.01),
        new dev.llmload.config.Gate("llm.gates[3]", m.apply("tpotMs.p90", null), null, null, 40.0));
    TrendData data = TrendData.of(HistoryFixtures.threeRuns(), SloSettings.NONE, gates, null, null);
    assertEquals(List.of(new TrendData.Limit(800, "gate: ttftMs.p95 <= 800 at c=32")), metric(data, "ttftP95Ms").gates());
    assertEquals(List.of(new TrendData.Limit(500, "gate: outputTokensPerSecond >= 500 (every level)"),
        new TrendData.Limit(5000, "gate: outputTokensPerSecond <= 5000 (every level)")), metric(data, "outputTokensPerSecond").gates());
    assertEquals(List.of(new TrendData.Limit(1, "gate: errorRate <= 0.01 (every level)")), metric(data, "errorRatePercent").gates(),
        "the error rate charted in percent");
    assertEquals(List.of(), metric(data, "ttftP50Ms").gates());
    assertEquals(0, data.metrics().stream().mapToInt(x -> x.gates().size()).sum() - 4, "TPOT p90 is not charted: not drawn");
  }

  @Test
  void theSloLimitsAreMarkedOnTheChartsOfTheirPercentile() {
    SloSettings slo = new SloSettings(800.0, null, 50.0, 20000.0, 95, false, 0.01);
    TrendData data = TrendData.of(HistoryFixtures.threeRuns(), slo, null, null);
    assertEquals(new TrendData.Limit(800, "SLO: TTFT p95 <= 800 ms"), metric(data, "ttftP95Ms").limit());
    assertNull(metric(data, "ttftP50Ms").limit());
    assertNull(metric(data, "ttftP99Ms").limit());
    assertNull(metric(data, "itlP50Ms").limit(), "the ITL limit is held at p95, not on the p50 chart");
    assertEquals(new TrendData.Limit(20000, "SLO: E2E p95 <= 20000 ms"), metric(data, "e2eP95Ms").limit());
    assertEquals(new TrendData.Limit(1, "SLO: error rate <= 1 %"), metric(data, "errorRatePercent").limit());
    assertNull(metric(data, "outputTokensPerSecond").limit());
  }

  @Test
  void perRequestTheLimitIsTheAttainment() {
    SloSettings slo = new SloSettings(800.0, null, null, null, 99.5, true, null);
    assertNull(TrendData.limit("ttftP99Ms", slo));
    assertEquals(new TrendData.Limit(99.5, "SLO: attainment >= 99.5 %"), TrendData.limit("sloAttainmentPercent", slo));
  }

  @Test
  void theBaselinesValuePerLevelIsCarriedWithItsSeries() {
    HistoryEntry baseline = HistoryFixtures.entry("0", HistoryFixtures.level("c=8", 720, 38));
    TrendData data = TrendData.of(HistoryFixtures.threeRuns(), SloSettings.NONE, baseline, "user-files/baselines/nightly.json");
    TrendData.Metric tps = metric(data, "outputTokensPerSecond");
    assertNull(tps.series().get(0).baseline(), "the baseline has no c=1");
    assertEquals(720.0, tps.series().get(1).baseline());
    assertEquals(76.0, metric(data, "ttftP95Ms").series().get(1).baseline());
    assertEquals("user-files/baselines/nightly.json", data.baseline());
  }
}

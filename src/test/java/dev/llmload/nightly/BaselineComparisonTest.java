package dev.llmload.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmload.config.Tolerance;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineComparisonTest {

  private static final Tolerance THROUGHPUT = Tolerance.parse("k", "outputTokensPerSecond", "-10%");
  private static final Tolerance TTFT_P95 = Tolerance.parse("k", "ttftMs.p95", "+15%");
  private static final List<Tolerance> BOTH = List.of(THROUGHPUT, TTFT_P95);

  /** A summary with one level per {label, output tok/s, TTFT p95 (null: no ttftMs)}. */
  private static JsonNode summary(Object[]... levels) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("simulation", "ConcurrencySweep");
    ArrayNode list = root.putArray("levels");
    for (Object[] l : levels) {
      ObjectNode level = list.addObject();
      level.put("label", (String) l[0]);
      level.put("outputTokensPerSecond", (Double) l[1]);
      if (l[2] != null) {
        level.putObject("ttftMs").put("p95", (Double) l[2]);
      } else {
        level.putNull("ttftMs");
      }
    }
    return root;
  }

  @Test
  void metricsWithinTheirToleranceOrBetterPass() {
    List<MetricVerdict> v = BaselineComparison.compare(summary(new Object[] {"c=1", 1000.0, 100.0}),
        summary(new Object[] {"c=1", 950.0, 114.0}), BOTH);
    assertEquals(2, v.size());
    assertEquals(BaselineStatus.WITHIN, v.get(0).status());
    assertEquals(-5.0, v.get(0).changePercent(), 1e-9);
    assertEquals(1000.0, v.get(0).baseline());
    assertEquals(950.0, v.get(0).measured());
    assertEquals("-10%", v.get(0).tolerance());
    assertEquals(BaselineStatus.WITHIN, v.get(1).status());
    assertEquals(14.0, v.get(1).changePercent(), 1e-9);
    assertTrue(v.stream().allMatch(MetricVerdict::passed));
    assertEquals("measured 950, baseline 1000 (-5.0 %), tolerance -10%: within tolerance", v.get(0).detail());
  }

  @Test
  void aMoveExactlyAtTheToleranceIsWithin() {
    List<MetricVerdict> v = BaselineComparison.compare(summary(new Object[] {"c=1", 1000.0, 100.0}),
        summary(new Object[] {"c=1", 900.0, 115.0}), BOTH);
    assertEquals(List.of(BaselineStatus.WITHIN, BaselineStatus.WITHIN), v.stream().map(MetricVerdict::status).toList());
  }

  @Test
  void aMoveBeyondTheToleranceInTheBadDirectionRegressesAndFails() {
    List<MetricVerdict> v = BaselineComparison.compare(summary(new Object[] {"c=8", 1000.0, 100.0}),
        summary(new Object[] {"c=8", 800.0, 130.0}), BOTH);
    assertEquals(List.of(BaselineStatus.REGRESSED, BaselineStatus.REGRESSED), v.stream().map(MetricVerdict::status).toList());
    assertFalse(v.get(0).passed());
    assertEquals("measured 800, baseline 1000 (-20.0 %), tolerance -10%: regressed, fell by more than 10 %", v.get(0).detail());
    assertEquals("measured 130, baseline 100 (+30.0 %), tolerance +15%: regressed, rose by more than 15 %", v.get(1).detail());
    Check check = v.get(1).check();
    assertEquals("baseline", check.suite());
    assertEquals("ttftMs.p95 within +15% at c=8 vs baseline", check.name());
    assertFalse(check.passed());
    assertEquals(v.get(1).detail(), check.detail());
  }

  @Test
  void aMoveBeyondTheToleranceInTheGoodDirectionIsAnImprovementThatPasses() {
    List<MetricVerdict> v = BaselineComparison.compare(summary(new Object[] {"c=1", 1000.0, 100.0}),
        summary(new Object[] {"c=1", 1200.0, 50.0}), BOTH);
    assertEquals(List.of(BaselineStatus.IMPROVED, BaselineStatus.IMPROVED), v.stream().map(MetricVerdict::status).toList());
    assertTrue(v.stream().allMatch(MetricVerdict::passed));
    assertTrue(v.get(1).check().passed());
  }

  @Test
  void levelsAreMatchedByLabelAndAMissingLevelIsSaid() {
    JsonNode baseline = summary(new Object[] {"c=1", 100.0, 10.0}, new Object[] {"c=32", 900.0, 50.0});
    JsonNode run = summary(new Object[] {"c=64", 1000.0, 90.0}, new Object[] {"c=1", 100.0, 10.0});
    List<MetricVerdict> v = BaselineComparison.compare(baseline, run, BOTH);
    assertEquals(4, v.size(), v.toString());
    assertEquals("c=1", v.get(0).level());
    assertEquals(BaselineStatus.WITHIN, v.get(0).status());
    assertEquals(BaselineStatus.WITHIN, v.get(1).status());

    MetricVerdict gone = v.get(2);
    assertEquals("c=32", gone.level());
    assertNull(gone.metric());
    assertEquals(BaselineStatus.LEVEL_MISSING_IN_RUN, gone.status());
    assertFalse(gone.passed());
    assertTrue(gone.detail().startsWith("the baseline has level c=32, this run does not"), gone.detail());
    assertEquals("at c=32 vs baseline", gone.check().name());

    MetricVerdict added = v.get(3);
    assertEquals("c=64", added.level());
    assertEquals(BaselineStatus.LEVEL_MISSING_IN_BASELINE, added.status());
    assertTrue(added.passed());
    assertTrue(added.detail().startsWith("this run has level c=64, the baseline does not: not compared"), added.detail());
  }

  @Test
  void aMetricMissingOnEitherSideFailsAndSaysWhere() {
    List<MetricVerdict> v = BaselineComparison.compare(summary(new Object[] {"c=1", 100.0, 10.0}), summary(new Object[] {"c=1", 100.0, null}),
        List.of(TTFT_P95, Tolerance.parse("k", "ttftMs.p96", "+5%")));
    assertEquals(BaselineStatus.METRIC_MISSING, v.get(0).status());
    assertFalse(v.get(0).passed());
    assertEquals(10.0, v.get(0).baseline());
    assertNull(v.get(0).measured());
    assertTrue(v.get(0).detail().startsWith("ttftMs.p95 is missing in this run at c=1"), v.get(0).detail());
    assertTrue(v.get(1).detail().startsWith("ttftMs.p96 is missing in both the baseline and this run at c=1"), v.get(1).detail());
  }

  @Test
  void aBaselineOfZeroHasNoPercentageAndAnyBadMoveFromItRegresses() {
    Tolerance errors = Tolerance.parse("k", "outputTokensPerSecond", "+50%");
    assertEquals(BaselineStatus.WITHIN, BaselineComparison.metric("c=1", errors, 0.0, 0.0).status());
    MetricVerdict rose = BaselineComparison.metric("c=1", errors, 0.0, 3.0);
    assertEquals(BaselineStatus.REGRESSED, rose.status());
    assertNull(rose.changePercent());
    assertTrue(rose.detail().contains("(from 0)"), rose.detail());
    assertEquals(BaselineStatus.IMPROVED, BaselineComparison.metric("c=1", THROUGHPUT, 0.0, 3.0).status());
  }

  @Test
  void numbersAreReadAtDottedPathsAndOnlyWhenTheyAreNumbers() {
    ObjectNode level = JsonNodeFactory.instance.objectNode();
    level.putObject("requests").put("errored", 4);
    level.put("label", "c=1");
    assertEquals(4.0, BaselineComparison.number(level, "requests.errored"));
    assertNull(BaselineComparison.number(level, "requests.missing"));
    assertNull(BaselineComparison.number(level, "label"));
    assertNull(BaselineComparison.number(level, "label.deeper"));
  }
}

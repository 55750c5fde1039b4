package dev.llmload.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.config.Tolerance;
import dev.llmload.report.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class MedianOfRunsTest {

  private static JsonNode run(String runId, boolean partial, String levels) throws Exception {
    return Json.MAPPER.readTree("{\"simulation\":\"ConcurrencySweep\",\"runId\":\"" + runId + "\",\"partial\":" + partial
        + ",\"target\":{\"model\":\"m\"},\"timeline\":{\"bucketSeconds\":1},\"notes\":[\"n\"],\"levels\":[" + levels + "]}");
  }

  @Test
  void theMedianOfOddAndEvenCounts() {
    assertEquals(2, MedianOfRuns.median(3, 1, 2), 0);
    assertEquals(2.5, MedianOfRuns.median(4, 1, 3, 2), 0);
    assertEquals(7, MedianOfRuns.median(7), 0);
    assertThrows(IllegalArgumentException.class, MedianOfRuns::median);
  }

  @Test
  void perLevelPerMetricTheMedianWithMinAndMaxAsTheSpread() throws Exception {
    JsonNode a = run("a", false, "{\"label\":\"c=1\",\"outputTokensPerSecond\":100,\"ttftMs\":{\"p95\":50,\"p99\":90},"
        + "\"slo\":{\"met\":true},\"errors\":[{\"kind\":\"x\"}],\"tokenCountSource\":\"usage\"}");
    JsonNode b = run("b", false, "{\"label\":\"c=1\",\"outputTokensPerSecond\":120,\"ttftMs\":{\"p95\":400,\"p99\":80},"
        + "\"slo\":{\"met\":false},\"errors\":[]}");
    JsonNode c = run("c", true, "{\"label\":\"c=1\",\"outputTokensPerSecond\":90,\"ttftMs\":{\"p95\":55,\"p99\":null},"
        + "\"slo\":{\"met\":true},\"errors\":[]}");

    JsonNode median = MedianOfRuns.of(List.of(a, b, c), List.of("reports/a", "reports/b", "reports/c"));

    JsonNode l = median.get("levels").get(0);
    assertEquals("c=1", l.get("label").asText());
    assertEquals(100, l.get("outputTokensPerSecond").asDouble(), 0);
    assertEquals(55, l.at("/ttftMs/p95").asDouble(), 0, "one noisy p95 of 400 ms does not move the median");
    assertEquals(85, l.at("/ttftMs/p99").asDouble(), 0, "the median of the runs that have it");
    assertTrue(l.at("/slo/met").asBoolean(), "the majority");
    assertFalse(l.has("errors"), "lists are left out");
    assertEquals("usage", l.get("tokenCountSource").asText());
    JsonNode spread = l.get("spread");
    assertEquals(3, spread.get("runs").asInt());
    assertEquals(90, spread.at("/outputTokensPerSecond/min").asDouble(), 0);
    assertEquals(120, spread.at("/outputTokensPerSecond/max").asDouble(), 0);
    assertEquals(50, spread.get("ttftMs.p95").get("min").asDouble(), 0);
    assertEquals(400, spread.get("ttftMs.p95").get("max").asDouble(), 0);

    assertEquals("ConcurrencySweep", median.get("simulation").asText());
    assertEquals("m", median.at("/target/model").asText());
    assertTrue(median.get("partial").asBoolean(), "one partial run makes the median partial");
    assertFalse(median.has("timeline"));
    assertFalse(median.has("notes"));
    assertEquals(3, median.at("/repetitions/count").asInt());
    assertEquals("reports/b", median.at("/repetitions/runs/1").asText());
  }

  @Test
  void levelsAreMatchedByLabelAndALevelSomeRunsLackIsTheMedianOfTheOthers() throws Exception {
    JsonNode a = run("a", false, "{\"label\":\"c=1\",\"outputTokensPerSecond\":100},{\"label\":\"c=8\",\"outputTokensPerSecond\":700}");
    JsonNode b = run("b", false, "{\"label\":\"c=1\",\"outputTokensPerSecond\":110}");
    JsonNode median = MedianOfRuns.of(List.of(a, b), List.of("a", "b"));
    assertEquals(105, median.at("/levels/0/outputTokensPerSecond").asDouble(), 0);
    assertEquals("c=8", median.at("/levels/1/label").asText());
    assertEquals(1, median.at("/levels/1/spread/runs").asInt());
  }

  @Test
  void theMedianIsHeldAgainstABaselineLikeAnyRun() throws Exception {
    JsonNode baseline = run("base", false, "{\"label\":\"c=1\",\"ttftMs\":{\"p95\":50}}");
    JsonNode median = MedianOfRuns.of(List.of(run("a", false, "{\"label\":\"c=1\",\"ttftMs\":{\"p95\":52}}"),
        run("b", false, "{\"label\":\"c=1\",\"ttftMs\":{\"p95\":500}}"), run("c", false, "{\"label\":\"c=1\",\"ttftMs\":{\"p95\":54}}")),
        List.of("a", "b", "c"));
    List<MetricVerdict> v = BaselineComparison.compare(baseline, median, List.of(Tolerance.parse("k", "ttftMs.p95", "+15%")));
    assertEquals(BaselineStatus.WITHIN, v.get(0).status(), "a single noisy run does not fail the median");
  }

  @Test
  void noRunNoMedian() {
    assertThrows(IllegalArgumentException.class, () -> MedianOfRuns.of(List.of(), List.of()));
  }
}

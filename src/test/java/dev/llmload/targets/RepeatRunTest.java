package dev.llmload.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.nightly.MedianOfRuns;
import dev.llmload.report.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepeatRunTest {

  @Test
  void eachRepetitionPassesOnTheCommandsPropertiesUnderItsOwnName() {
    assertEquals(Map.of("llm.profile", "nightly", "gatling.x", "1", "llm.target.name", "rep2"),
        RepeatRun.properties(Map.of("llm.profile", "nightly", "gatling.x", "1", "java.home", "/jdk", "llm.target.name", "gpu-a"), "rep2"));
  }

  @Test
  void theSpreadIsOneLinePerLevelAndMetric() throws Exception {
    JsonNode a = Json.MAPPER.readTree("{\"simulation\":\"S\",\"levels\":[{\"label\":\"c=1\",\"outputTokensPerSecond\":100.5,"
        + "\"ttftMs\":{\"p95\":50}}]}");
    JsonNode b = Json.MAPPER.readTree("{\"simulation\":\"S\",\"levels\":[{\"label\":\"c=1\",\"outputTokensPerSecond\":120,"
        + "\"ttftMs\":{\"p95\":70}}]}");
    JsonNode median = MedianOfRuns.of(List.of(a, b), List.of("a", "b"));
    assertEquals(List.of(
        "  c=1        outputTokensPerSecond  median 110.3  (min 100.5, max 120 over 2 runs)",
        "  c=1        ttftMs.p95             median 60  (min 50, max 70 over 2 runs)"),
        RepeatRun.spreadLines(median, List.of("outputTokensPerSecond", "ttftMs.p95", "itlMs.p50")));
  }
}

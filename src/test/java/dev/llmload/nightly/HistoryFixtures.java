package dev.llmload.nightly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Hand-made history entries and {@code summary.json} trees for the history and trend tests. */
final class HistoryFixtures {

  private HistoryFixtures() {}

  /** A level whose every latency is {@code ttft} scaled (p50, p95 = 2x, p99 = 3x), throughput {@code tps}. */
  static HistoryEntry.Level level(String label, double tps, double ttft) {
    return new HistoryEntry.Level(label, tps, ttft, 2 * ttft, 3 * ttft, 10.0, 1000.0, 0.0, null);
  }

  static HistoryEntry entry(String day, HistoryEntry.Level... levels) {
    return new HistoryEntry("ConcurrencySweep-2025030" + day + "-020000", "2025-03-0" + day + "T02:00:00Z", "ConcurrencySweep", "gpu-a",
        "llama", List.of(levels), null, null);
  }

  /** Three nights: c=1 and c=8 each night, c=32 only on the last; throughput falls and TTFT rises. */
  static List<HistoryEntry> threeRuns() {
    return List.of(
        entry("1", level("c=1", 100, 20), level("c=8", 700, 40)),
        entry("2", level("c=1", 95, 22), level("c=8", 650, 45)),
        entry("3", level("c=1", 90, 25), level("c=8", 600, 50), level("c=32", 900, 300)));
  }

  /** A {@code summary.json} as a run writes it: the fields the history reads, with one SLO-judged level. */
  static JsonNode summary() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("schemaVersion", 1).put("simulation", "ConcurrencySweep").put("runId", "ConcurrencySweep-20250304-020000")
        .put("startedAt", "2025-03-04T02:00:00Z").put("partial", false);
    root.putObject("target").put("baseUrl", "http://gpu-a:8000/v1").put("model", "llama").put("name", "gpu-a");
    ArrayNode levels = root.putArray("levels");
    ObjectNode l = levels.addObject();
    l.put("index", 0).put("label", "c=4").put("outputTokensPerSecond", 400.5);
    l.putObject("requests").put("successful", 95).put("errored", 3).put("incomplete", 2).put("total", 100);
    l.putObject("ttftMs").put("p50", 30).put("p95", 60).put("p99", 90);
    l.putObject("itlMs").put("p50", 8.5);
    l.putObject("e2eMs").put("p95", 1500);
    l.putObject("slo").put("attainment", 0.9);
    ObjectNode none = levels.addObject(); // a level without a successful request: no latencies
    none.put("index", 1).put("label", "c=64").put("outputTokensPerSecond", 0);
    none.putObject("requests").put("successful", 0).put("errored", 0).put("incomplete", 0).put("total", 0);
    none.putNull("ttftMs");
    ObjectNode slo = root.putObject("slo");
    slo.putObject("highestLoadWithinSlo").put("index", 0).put("label", "c=4").put("outputTokensPerSecond", 400.5)
        .put("costPerMillionOutputTokensUsd", 3.47);
    return root;
  }
}

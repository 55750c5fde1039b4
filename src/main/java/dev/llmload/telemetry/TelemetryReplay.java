package dev.llmload.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmload.metrics.LevelSummary;
import dev.llmload.workload.LevelSchedule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's server telemetry read back from its {@code telemetry.jsonl}, for a report rebuilt after the run died: the
 * server's figures per level and the knee sentence, from the {@code server} lines (one list per {@code url} when
 * there were replicas). The client's samples are written only at a run's end, so a rebuilt report has no verdict on
 * the load generator; lines that do not parse are skipped.
 */
public final class TelemetryReplay {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TelemetryReplay() {}

  /**
   * The telemetry of {@code levels} from {@code file}, its series on {@code bucketSeconds} buckets up to {@code
   * endSeconds} of the run clock; null when the file is missing or holds no server line.
   */
  public static TelemetrySummary read(Path file, List<LevelSummary> levels, LevelSchedule schedule, double bucketSeconds,
      double endSeconds) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    Map<String, List<ServerSnapshot>> byUrl = new LinkedHashMap<>();
    ServerKind kind = null;
    // a run killed mid-write may leave a cut last line (or a cut UTF-8 sequence): read leniently, skip what does not parse
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    for (String line : text.split("\n")) {
      JsonNode n;
      try {
        n = JSON.readTree(line);
      } catch (IOException e) {
        continue;
      }
      if (n == null || !TelemetryLog.SERVER_SOURCE.equals(n.path("source").asText()) || !n.path("t").isNumber()) {
        continue;
      }
      ServerKind k = kindOf(n.path("kind").asText());
      kind = k;
      byUrl.computeIfAbsent(n.path("url").asText(""), u -> new ArrayList<>()).add(new ServerSnapshot(Math.round(n.path("t").asDouble() * 1e9), k,
          number(n, "running"), number(n, "waiting"), number(n, "kvCacheUsage"), number(n, "preemptionsTotal"),
          number(n, "prefixCacheHitsTotal"), number(n, "prefixCacheQueriesTotal"), number(n, "serverTtftSecondsSum"),
          number(n, "serverTtftCount"), number(n, "queueSecondsSum"), number(n, "queueCount"), number(n, "promptTokensTotal"),
          number(n, "generationTokensTotal")));
    }
    if (byUrl.isEmpty()) {
      return null;
    }
    List<List<ServerSnapshot>> replicas = new ArrayList<>(byUrl.values());
    List<LevelTelemetry> out = new ArrayList<>();
    for (LevelSummary level : levels) {
      long from = schedule.measuredStartMicros(level.index()) * 1_000;
      long to = Math.min(schedule.measuredEndMicros(level.index()), (long) (endSeconds * 1e6)) * 1_000;
      out.add(new LevelTelemetry(level.index(), level.label(), ServerWindow.over(replicas, from, to), null, null));
    }
    List<String> urls = byUrl.keySet().stream().filter(u -> !u.isEmpty()).toList();
    return new TelemetrySummary(kind.displayName(), urls, List.of(), List.of("rebuilt from " + file.getFileName()
        + ": the server's figures only (the load generator's samples are written at a run's end)"),
        TelemetrySeries.of(replicas, List.of(), List.of(), 0, bucketSeconds, endSeconds), out,
        KneeExplanation.explain(levels, out));
  }

  private static ServerKind kindOf(String id) {
    for (ServerKind k : ServerKind.values()) {
      if (k.id().equals(id)) {
        return k;
      }
    }
    return ServerKind.UNKNOWN;
  }

  private static Double number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isNumber() ? v.asDouble() : null;
  }
}

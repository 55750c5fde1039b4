package dev.llmload.nightly;

import static dev.llmload.report.Json.number;
import static dev.llmload.report.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.report.Json;
import dev.llmload.report.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One line of the run history ({@code llm.history.file}): a finished run's headline numbers per level, taken from its
 * summary. Numbers a run did not measure (no successful request, no SLO, no cost) are null.
 *
 * @param runId the run's folder name
 * @param startedAt when the run started (ISO-8601, as in {@code summary.json})
 * @param simulation the simulation that ran
 * @param targetName {@code llm.target.name}, null when unnamed
 * @param model the model the run asked for
 * @param levels the run's levels, in order
 * @param highestLoadWithinSlo the label of the highest level within the SLO; null without an SLO or when none met it
 * @param costAtSloPerMillionOutputTokensUsd the cost per 1M output tokens at that level; null without one or a price
 */
public record HistoryEntry(String runId, String startedAt, String simulation, String targetName, String model, List<Level> levels,
    String highestLoadWithinSlo, Double costAtSloPerMillionOutputTokensUsd) {

  public HistoryEntry {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(simulation, "simulation");
    levels = List.copyOf(levels);
  }

  /**
   * One level's headline numbers (latencies in milliseconds, over its successful measured requests).
   *
   * @param errorRate failed (errored + incomplete) / measured requests, 0 to 1; null when it had none
   * @param sloAttainment good / measured requests by {@code llm.slo}, 0 to 1; null without an SLO
   */
  public record Level(String label, double outputTokensPerSecond, Double ttftP50Ms, Double ttftP95Ms, Double ttftP99Ms, Double itlP50Ms,
      Double e2eP95Ms, Double errorRate, Double sloAttainment) {

    public Level {
      Objects.requireNonNull(label, "label");
    }
  }

  /** The entry for a finished run. */
  public static HistoryEntry of(RunSummary summary) {
    return of(Json.MAPPER.valueToTree(summary));
  }

  /**
   * The entry for a run's {@code summary.json} as parsed, read field by field: a summary written before a field
   * existed gives null there.
   *
   * @throws IllegalArgumentException when {@code summary} has no simulation or levels (it is not a run's summary)
   */
  public static HistoryEntry of(JsonNode summary) {
    if (summary == null || !summary.isObject() || !summary.path("levels").isArray() || text(summary, "simulation") == null) {
      throw new IllegalArgumentException("not a run's summary (no simulation or levels)");
    }
    List<Level> levels = new ArrayList<>();
    for (JsonNode l : summary.get("levels")) {
      JsonNode requests = l.path("requests");
      long failed = requests.path("errored").asLong(0) + requests.path("incomplete").asLong(0);
      long measured = requests.path("successful").asLong(0) + failed;
      levels.add(new Level(text(l, "label") == null ? "level " + (levels.size() + 1) : text(l, "label"),
          l.path("outputTokensPerSecond").asDouble(0), number(l.path("ttftMs"), "p50"), number(l.path("ttftMs"), "p95"),
          number(l.path("ttftMs"), "p99"), number(l.path("itlMs"), "p50"), number(l.path("e2eMs"), "p95"),
          measured == 0 ? null : (double) failed / measured, number(l.path("slo"), "attainment")));
    }
    JsonNode highest = summary.path("slo").path("highestLoadWithinSlo");
    JsonNode target = summary.path("target");
    return new HistoryEntry(text(summary, "runId") == null ? "unknown run" : text(summary, "runId"),
        text(summary, "startedAt") == null ? "" : text(summary, "startedAt"), text(summary, "simulation"), text(target, "name"),
        text(target, "model"), levels, text(highest, "label"), number(highest, "costPerMillionOutputTokensUsd"));
  }
}

package dev.llmload.compare;

import static dev.llmload.report.Json.number;
import static dev.llmload.report.Json.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.report.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a run folder's {@code summary.json} into a {@link ComparedRun}, field by field (Jackson's tree): a field the
 * summary does not have is unknown (null), so summaries written before a field existed, or by a run without SLO or
 * cost settings, are still compared. Fields read: {@code simulation}, {@code runId}, {@code startedAt}, {@code partial},
 * {@code partialReason}, {@code stoppedEarly}, {@code target.*}, {@code request.maxTokens}, {@code request.ignoreEos},
 * {@code slo.highestLoadWithinSlo}, {@code slo.limits} (as they are) and per level its load, throughput, TTFT p50/p99, ITL p50, E2E p99, outcomes and
 * {@code cost.perMillionOutputTokensUsd}.
 */
public final class RunReader {

  static final String SUMMARY = "summary.json";

  private RunReader() {}

  /**
   * @throws RunFolderException naming the folder, when it is missing, has no {@code summary.json}, or holds one that
   *     cannot be read as a run's summary
   */
  public static ComparedRun read(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new RunFolderException("There is no run folder at " + folder.toAbsolutePath().normalize() + ": name the folders to compare "
          + "as they are under reports/, e.g. -Druns=reports/ConcurrencySweep-20250101-120000,reports/ConcurrencySweep-20250102-120000.");
    }
    Path file = folder.resolve(SUMMARY);
    if (!Files.isRegularFile(file)) {
      throw new RunFolderException(Files.isRegularFile(folder.resolve("requests.jsonl"))
          ? "The run folder " + folder + " has no summary.json (its run did not finish): rebuild it first with "
              + "mvn -q compile exec:java@rebuild -Drun=" + folder + "."
          : "The folder " + folder + " has no summary.json: it is not a run folder (name folders that hold one).");
    }
    return of(parse(file, folder), folder.toString());
  }

  /**
   * The {@code summary.json} at {@code path} as it is (Jackson's tree), for questions that need fields this reader does
   * not map: {@code path} is a run folder or the {@code summary.json} file itself (e.g. a baseline kept under
   * {@code user-files/baselines/}).
   *
   * @throws RunFolderException naming the path, when it is missing or holds no run's summary
   */
  public static JsonNode summaryTree(Path path) {
    if (Files.isDirectory(path)) {
      read(path); // the folder's own checks and messages
      return parse(path.resolve(SUMMARY), path);
    }
    if (!Files.isRegularFile(path)) {
      throw new RunFolderException("There is no summary.json or run folder at " + path.toAbsolutePath().normalize()
          + ": name a run folder under reports/ or a summary.json file.");
    }
    JsonNode root = parse(path, path);
    of(root, path.toString()); // a run's summary, not any JSON
    return root;
  }

  private static JsonNode parse(Path file, Path folder) {
    try {
      return Json.MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new RunFolderException("The summary.json of " + folder + " is not valid JSON (" + e.getOriginalMessage()
          + "): rebuild it with mvn -q compile exec:java@rebuild -Drun=" + folder + ".");
    } catch (IOException e) {
      throw new RunFolderException("The summary.json of " + folder + " cannot be read (" + e.getMessage() + "): check its permissions.");
    }
  }

  /** The run in {@code summary} (a parsed {@code summary.json}), found in {@code folder}. */
  static ComparedRun of(JsonNode summary, String folder) {
    if (summary == null || !summary.isObject() || !summary.path("levels").isArray() || text(summary, "simulation") == null) {
      throw new RunFolderException("The summary.json of " + folder + " is not a run's summary (no simulation or levels): compare "
          + "the folders the suite writes under reports/.");
    }
    JsonNode target = summary.path("target");
    List<ComparedLevel> levels = new ArrayList<>();
    for (JsonNode l : summary.get("levels")) {
      levels.add(level(l, levels.size()));
    }
    JsonNode slo = summary.get("slo");
    boolean sloSet = slo != null && slo.isObject() && slo.has("highestLoadWithinSlo");
    SloPoint point = sloSet ? sloPoint(slo.get("highestLoadWithinSlo")) : null;
    String model = text(target, "model");
    String baseUrl = text(target, "baseUrl");
    boolean embedded = target.path("embedded").asBoolean(false);
    String preset = text(target, "serverPreset");
    String targetName = text(target, "name");
    return new ComparedRun(defaultName(targetName, model, embedded, preset, baseUrl), folder, null, text(summary, "simulation"),
        text(summary, "runId"), text(summary, "startedAt"), targetName, model, baseUrl, embedded, preset,
        summary.path("request").path("maxTokens").isNumber() ? summary.path("request").path("maxTokens").asInt() : null,
        summary.path("request").path("ignoreEos").isBoolean() ? summary.path("request").path("ignoreEos").asBoolean() : null,
        summary.path("partial").asBoolean(false), text(summary, "partialReason"), text(summary, "stoppedEarly"), sloSet, point,
        sloSet && slo.hasNonNull("limits") ? slo.get("limits") : null, levels);
  }

  private static ComparedLevel level(JsonNode l, int position) {
    String kind = text(l, "kind");
    Double load = "rate".equals(kind) ? number(l, "rate") : number(l, "concurrency");
    JsonNode requests = l.path("requests");
    return new ComparedLevel(l.path("index").asInt(position), text(l, "label") == null ? "level " + (position + 1) : text(l, "label"),
        kind == null ? "concurrency" : kind, load, l.path("outputTokensPerSecond").asDouble(0), l.path("totalTokensPerSecond").asDouble(0),
        l.path("requestsPerSecond").asDouble(0), number(l.path("ttftMs"), "p50"), number(l.path("ttftMs"), "p99"), number(l.path("itlMs"), "p50"),
        number(l.path("e2eMs"), "p99"), requests.path("successful").asLong(0), requests.path("errored").asLong(0),
        requests.path("incomplete").asLong(0), number(l.path("cost"), "perMillionOutputTokensUsd"));
  }

  private static SloPoint sloPoint(JsonNode p) {
    if (p == null || !p.isObject() || !p.path("index").isIntegralNumber()) {
      return null;
    }
    return new SloPoint(p.get("index").asInt(), text(p, "label") == null ? "level " + (p.get("index").asInt() + 1) : text(p, "label"),
        number(p, "outputTokensPerSecond"), number(p, "costPerMillionOutputTokensUsd"));
  }

  /**
   * The run's name before names are made unique: its target's name, else its model and where it ran (the simulator's
   * preset, or the server's host and port).
   */
  static String defaultName(String targetName, String model, boolean embedded, String preset, String baseUrl) {
    if (targetName != null) {
      return targetName;
    }
    String m = model == null ? "unknown model" : model;
    if (embedded) {
      return m + (preset == null ? " (simulated)" : " (simulated, " + preset + ")");
    }
    String host = null;
    try {
      URI uri = baseUrl == null ? null : URI.create(baseUrl);
      host = uri == null || uri.getHost() == null ? null : uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (IllegalArgumentException e) {
      host = baseUrl;
    }
    return host == null ? m : m + " @ " + host;
  }
}

package dev.llmload.compare;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmload.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code summary.json} files as a run writes them - the fields a comparison reads, with hand-picked numbers -
 * into run folders of a test's own, with SLO and cost fields ({@code slo.highestLoadWithinSlo},
 * {@code cost.perMillionOutputTokensUsd}) only when a fixture asks for them.
 */
final class SummaryFixtures {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final ObjectNode root = F.objectNode();
  private final ArrayNode levels = root.putArray("levels");

  private SummaryFixtures(String simulation, String runId, String targetName, String model, String preset) {
    root.put("schemaVersion", 1);
    root.put("simulation", simulation);
    root.put("runId", runId);
    root.put("startedAt", "2025-03-04T05:06:07Z");
    root.put("partial", false);
    root.putNull("partialReason");
    ObjectNode target = root.putObject("target");
    target.put("baseUrl", preset == null ? "http://gpu-box:8000/v1" : "http://127.0.0.1:41234/v1");
    target.put("model", model);
    target.put("api", "chat");
    target.put("embedded", preset != null);
    if (preset == null) {
      target.putNull("serverPreset");
    } else {
      target.put("serverPreset", preset);
    }
    if (targetName != null) {
      target.put("name", targetName);
    }
    ObjectNode request = root.putObject("request");
    request.put("maxTokens", 128);
    request.put("ignoreEos", true);
    root.putNull("stoppedEarly");
  }

  /** A named target's run of ConcurrencySweep on the embedded simulator. */
  static SummaryFixtures run(String name) {
    return new SummaryFixtures("ConcurrencySweep", "ConcurrencySweep-" + name + "-20250304-050607", name, "sim-" + name, "fast");
  }

  /** A run without a target name (as every run before llm.target.name). */
  static SummaryFixtures unnamed(String runId, String model, String preset) {
    return new SummaryFixtures("ConcurrencySweep", runId, null, model, preset);
  }

  SummaryFixtures simulation(String simulation) {
    root.put("simulation", simulation);
    return this;
  }

  SummaryFixtures maxTokens(int maxTokens) {
    ((ObjectNode) root.get("request")).put("maxTokens", maxTokens);
    return this;
  }

  SummaryFixtures partial(String reason) {
    root.put("partial", true);
    root.put("partialReason", reason);
    return this;
  }

  /** A concurrency level: its output tokens/s and TTFT p50 (null: no successful request). */
  SummaryFixtures concurrency(int users, double outputTokensPerSecond, Double ttftP50Ms) {
    return level("c=" + users, "concurrency", (double) users, null, outputTokensPerSecond, ttftP50Ms, null);
  }

  /** Same, with its cost per 1M output tokens. */
  SummaryFixtures concurrency(int users, double outputTokensPerSecond, Double ttftP50Ms, Double costUsd) {
    return level("c=" + users, "concurrency", (double) users, null, outputTokensPerSecond, ttftP50Ms, costUsd);
  }

  SummaryFixtures rate(double perSecond, String label, double outputTokensPerSecond, Double ttftP50Ms) {
    return level(label, "rate", null, perSecond, outputTokensPerSecond, ttftP50Ms, null);
  }

  SummaryFixtures level(String label, String kind, Double concurrency, Double rate, double outputTokensPerSecond, Double ttftP50Ms,
      Double costUsd) {
    ObjectNode l = levels.addObject();
    l.put("index", levels.size() - 1);
    l.put("label", label);
    l.put("kind", kind);
    putNumber(l, "concurrency", concurrency);
    putNumber(l, "rate", rate);
    l.put("durationSeconds", 12.0);
    ObjectNode requests = l.putObject("requests");
    requests.put("successful", ttftP50Ms == null ? 0 : 10);
    requests.put("errored", ttftP50Ms == null ? 4 : 0);
    requests.put("incomplete", 0);
    requests.put("total", ttftP50Ms == null ? 4 : 10);
    if (ttftP50Ms == null) {
      l.putNull("ttftMs");
      l.putNull("itlMs");
      l.putNull("e2eMs");
    } else {
      l.set("ttftMs", percentiles(ttftP50Ms));
      l.set("itlMs", percentiles(ttftP50Ms / 4));
      l.set("e2eMs", percentiles(ttftP50Ms * 20));
    }
    l.put("outputTokensPerSecond", outputTokensPerSecond);
    l.put("totalTokensPerSecond", outputTokensPerSecond * 1.5);
    l.put("requestsPerSecond", outputTokensPerSecond / 128);
    if (costUsd != null) {
      l.putObject("cost").put("perMillionOutputTokensUsd", costUsd);
    }
    return this;
  }

  /** {@code slo}: the highest load within it at {@code index} (its label, throughput, cost), or none met it (index -1). */
  SummaryFixtures slo(int index, Double costUsd) {
    ObjectNode slo = root.putObject("slo");
    slo.putObject("limits").put("ttftMs", 500);
    if (index < 0) {
      slo.putNull("highestLoadWithinSlo");
      return this;
    }
    ObjectNode level = (ObjectNode) levels.get(index);
    ObjectNode p = slo.putObject("highestLoadWithinSlo");
    p.put("index", index);
    p.put("label", level.get("label").asText());
    p.put("outputTokensPerSecond", level.get("outputTokensPerSecond").asDouble());
    putNumber(p, "costPerMillionOutputTokensUsd", costUsd);
    return this;
  }

  SummaryFixtures sloLimitTtftMs(int ttftMs) {
    ((ObjectNode) root.get("slo").get("limits")).put("ttftMs", ttftMs);
    return this;
  }

  /** Writes {@code <parent>/<runId>/summary.json} and returns the folder. */
  Path writeUnder(Path parent) throws IOException {
    Path folder = parent.resolve(root.get("runId").asText());
    Files.createDirectories(folder);
    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(folder.resolve("summary.json").toFile(), root);
    return folder;
  }

  /** The run as a comparison reads it. */
  ComparedRun parsed() {
    return RunReader.of(root, root.get("runId").asText());
  }

  private static ObjectNode percentiles(double p50) {
    ObjectNode p = F.objectNode();
    p.put("count", 10);
    p.put("mean", p50);
    p.put("p50", p50);
    p.put("p90", p50 * 1.5);
    p.put("p95", p50 * 1.75);
    p.put("p99", p50 * 2);
    p.put("max", p50 * 2.5);
    return p;
  }

  private static void putNumber(ObjectNode node, String field, Double value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }
}

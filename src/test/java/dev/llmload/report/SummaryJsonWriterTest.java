package dev.llmload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryJsonWriterTest {

  @TempDir
  Path dir;

  private JsonNode written(RunSummary summary) throws IOException {
    Path file = dir.resolve("summary.json");
    new SummaryJsonWriter().write(summary, file);
    return Json.MAPPER.readTree(file.toFile());
  }

  private static List<String> requiredPointers() throws IOException {
    try (InputStream in = SummaryJsonWriterTest.class.getResourceAsStream("summary-v1-required-fields.txt")) {
      List<String> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.strip());
        }
      }
      return out;
    }
  }

  @Test
  void fileName() {
    assertEquals("summary.json", new SummaryJsonWriter().fileName());
  }

  @Test
  void everyFieldOfSchemaVersion1IsPresent() throws IOException {
    JsonNode root = written(Summaries.run());
    List<String> missing = new ArrayList<>();
    for (String pointer : requiredPointers()) {
      JsonNode node = root.at(pointer);
      if (node.isMissingNode() || node.isNull()) {
        missing.add(pointer);
      }
    }
    assertEquals(List.of(), missing, "summary.json lost fields of schema version 1");
    assertEquals(44, requiredPointers().size(), "the fixture itself must not shrink");
  }

  @Test
  void schemaVersionIs1() throws IOException {
    assertEquals(1, RunSummary.SCHEMA_VERSION);
    JsonNode root = written(Summaries.run());
    assertTrue(root.get("schemaVersion").isInt());
    assertEquals(1, root.get("schemaVersion").asInt());
  }

  @Test
  void valuesAreWrittenAsTheyAre() throws IOException {
    JsonNode root = written(Summaries.run());

    assertEquals("ConcurrencySweep", root.get("simulation").asText());
    assertEquals("http://127.0.0.1:8000/v1", root.at("/target/baseUrl").asText());
    assertEquals(Summaries.MODEL, root.at("/target/model").asText());
    assertEquals("chat", root.at("/target/api").asText());
    assertTrue(root.at("/target/embedded").isBoolean());
    assertFalse(root.at("/target/embedded").asBoolean());
    assertEquals(2, root.get("levels").size());

    JsonNode l0 = root.at("/levels/0");
    assertEquals("c=1", l0.get("label").asText());
    assertEquals(1.0, l0.get("concurrency").asDouble(), 0.0);
    assertEquals(12.0, l0.get("durationSeconds").asDouble(), 0.0);
    assertEquals(10, l0.at("/requests/successful").asLong());
    assertEquals(1, l0.at("/requests/errored").asLong());
    assertEquals(2, l0.at("/requests/incomplete").asLong());
    assertEquals(13, l0.at("/requests/total").asLong());
    assertEquals(45.5, l0.at("/ttftMs/mean").asDouble(), 0.0);
    assertEquals(88.125, l0.at("/ttftMs/p99").asDouble(), 0.0);
    assertEquals(21.5, l0.at("/itlMs/max").asDouble(), 0.0);
    assertEquals(13.0, l0.at("/tpotMs/p90").asDouble(), 0.0);
    assertEquals(1710.0, l0.at("/e2eMs/p95").asDouble(), 0.0);
    assertEquals(123.456, l0.get("outputTokensPerSecond").asDouble(), 0.0);
    assertEquals(456.789, l0.get("totalTokensPerSecond").asDouble(), 0.0);
    assertEquals(0.833, l0.get("requestsPerSecond").asDouble(), 0.0);
    assertEquals(17.0, l0.get("inputTokensMean").asDouble(), 0.0);
    assertEquals(128.0, l0.get("outputTokensMean").asDouble(), 0.0);
    assertEquals("usage", l0.get("tokenCountSource").asText());
    assertEquals("stream_cut", l0.at("/errors/1/kind").asText());
    assertEquals(2, l0.at("/errors/1/count").asLong());
  }

  @Test
  void missingMetricsAreNullNotZero() throws IOException {
    JsonNode l1 = written(Summaries.run()).at("/levels/1");
    for (String field : List.of("ttftMs", "itlMs", "tpotMs", "e2eMs", "inputTokensMean", "outputTokensMean", "tokenCountSource")) {
      assertTrue(l1.has(field), field + " is always written");
      assertTrue(l1.get(field).isNull(), field + " is null when no successful request produced it");
    }
    assertEquals(4, l1.at("/requests/errored").asLong());
  }

  @Test
  void readsBackIntoTheSameSummary() throws IOException {
    RunSummary original = Summaries.run();
    Path file = dir.resolve("summary.json");
    new SummaryJsonWriter().write(original, file);
    assertEquals(original, Json.MAPPER.readValue(file.toFile(), RunSummary.class));
  }

  @Test
  void endpointsAreNullWithOneBaseUrlAndAListWithSeveral() throws IOException {
    JsonNode single = written(Summaries.run());
    assertTrue(single.get("endpoints").isNull(), "the key is there, null: no breakdown with one base URL");
    assertEquals("[\"http://127.0.0.1:8000/v1\"]", single.path("target").get("baseUrls").toString());
    assertTrue(single.path("target").get("balancing").isNull());
    assertFalse(single.path("target").has("severalEndpoints") || single.path("target").has("where"), "helpers, not fields");

    JsonNode several = written(Summaries.replicated());
    assertEquals("least-outstanding", several.path("target").get("balancing").asText());
    assertEquals(2, several.path("target").get("baseUrls").size());
    JsonNode endpoints = several.get("endpoints");
    assertEquals(2, endpoints.size());
    assertEquals(Summaries.REPLICA_A, endpoints.get(0).get("endpoint").asText());
    JsonNode b0 = endpoints.get(1).get("levels").get(0);
    assertEquals("c=1", b0.get("label").asText());
    assertEquals(3, b0.path("requests").path("total").asLong());
    assertEquals(30.0, b0.path("ttftMs").path("p50").asDouble());
    // a level of an endpoint has exactly the keys of a level of the run
    java.util.List<String> levelKeys = new ArrayList<>();
    several.get("levels").get(0).fieldNames().forEachRemaining(levelKeys::add);
    java.util.List<String> endpointLevelKeys = new ArrayList<>();
    b0.fieldNames().forEachRemaining(endpointLevelKeys::add);
    assertEquals(levelKeys, endpointLevelKeys);
  }
}

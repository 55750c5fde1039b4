package dev.llmload.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryLogTest {

  @TempDir
  Path dir;

  @Test
  void writesServerSnapshotsOnTheRunClockWithNullsLeftOut() throws Exception {
    Path file = dir.resolve("telemetry.jsonl");
    long anchor = 1_000_000_000L;
    try (TelemetryLog log = TelemetryLog.open(file, anchor)) {
      log.write(new ServerSnapshot(anchor + 1_500_000_000L, ServerKind.LLAMA_CPP, 4.0, 2.0, 0.25, null, null, null,
          null, null, null, null, 100.0, 50.0));
      // Flushed per line: readable before close.
      assertEquals(List.of("{\"source\":\"server\",\"t\":1.5,\"kind\":\"llamacpp\",\"running\":4.0,\"waiting\":2.0,"
          + "\"kvCacheUsage\":0.25,\"promptTokensTotal\":100.0,\"generationTokensTotal\":50.0}"),
          Files.readAllLines(file));
      assertEquals(1, log.lines());
    }
  }

  @Test
  void otherSourcesWriteThroughTheSameLog() throws Exception {
    Path file = dir.resolve("telemetry.jsonl");
    try (TelemetryLog log = TelemetryLog.open(file, 0)) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("gpu", 0);
      fields.put("utilPercent", 97.5);
      fields.put("name", "NVIDIA \"A100\"");
      fields.put("missing", null);
      fields.put("nan", Double.NaN);
      log.write("gpu", 2.0000004, fields);
      log.write("client", -0.25, Map.of("probeTtftSeconds", 0.031));
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals(2, lines.size());
    JsonNode gpu = new ObjectMapper().readTree(lines.get(0));
    assertEquals("gpu", gpu.get("source").asText());
    assertEquals(2.0, gpu.get("t").asDouble(), 1e-6);
    assertEquals("NVIDIA \"A100\"", gpu.get("name").asText());
    assertEquals(List.of("source", "t", "gpu", "utilPercent", "name"), fieldNames(gpu));
    assertEquals(-0.25, new ObjectMapper().readTree(lines.get(1)).get("t").asDouble(), 0.0);
  }

  @Test
  void appendsToAnExistingFile() throws Exception {
    Path file = dir.resolve("telemetry.jsonl");
    try (TelemetryLog log = TelemetryLog.open(file, 0)) {
      log.write("a", 1, Map.of());
    }
    try (TelemetryLog log = TelemetryLog.open(file, 0)) {
      log.write("b", 2, Map.of());
    }
    assertEquals(List.of("{\"source\":\"a\",\"t\":1.0}", "{\"source\":\"b\",\"t\":2.0}"), Files.readAllLines(file));
  }

  @Test
  void refusesFieldsNamedLikeTheLinesOwnAndWritesAfterClose() throws Exception {
    TelemetryLog log = TelemetryLog.open(dir.resolve("telemetry.jsonl"), 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> log.write("x", 0, Map.of("t", 1)));
    assertEquals("a telemetry field must not be named \"t\": it is the line's own", e.getMessage());
    log.close();
    assertThrows(IllegalStateException.class, () -> log.write("x", 0, Map.of()));
    log.close();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}

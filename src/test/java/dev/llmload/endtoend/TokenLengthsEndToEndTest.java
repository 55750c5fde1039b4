package dev.llmload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.gatling.Launch;
import dev.llmload.gatling.LlmRun;
import dev.llmload.metrics.Outcome;
import dev.llmload.metrics.RequestRecord;
import dev.llmload.report.Json;
import dev.llmload.report.RequestLog;
import dev.llmload.server.truth.GroundTruth;
import dev.llmload.simulations.ConcurrencySweep;
import dev.llmload.simulations.ConstantConcurrency;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token lengths that are true, end to end against the embedded server: sweeps with the {@code large} prompt set and
 * with synthetic lengths, calibrated with the server's own {@code POST /tokenize}, whose summary's input tokens (the
 * mean of {@code usage.prompt_tokens}) are within 2 % of the requested length; and a run whose lengths were composed
 * with the jtokkit estimate, which the server counts otherwise, and which says so.
 *
 * <p>Requested input length means the whole prompt as the server counts it in {@code usage.prompt_tokens}: on the
 * chat API the simulator's chat template adds 8 tokens (as Llama 3's does about as many), measured through {@code
 * /tokenize} with messages and counted in the requested length.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TokenLengthsEndToEndTest {

  /** Input tokens in the summary may differ from the requested length by this share. */
  private static final double TOLERANCE = 0.02;

  @TempDir
  Path dir;

  private record Run(LlmRun run, JsonNode summary, List<RequestRecord> records, String html) {}

  private Run run(Class<?> simulation, Map<String, String> settings) throws Exception {
    Map<String, String> all = new HashMap<>(settings);
    all.put("llm.report.dir", dir.resolve("reports").toString());
    all.put("llm.server.preset", "fast");
    int status = InProcessGatling.run(simulation, dir.resolve("gatling"), all);
    assertEquals(0, status, "Gatling exit status");
    LlmRun run = Launch.current();
    Path folder = run.reportPath();
    return new Run(run, Json.MAPPER.readTree(folder.resolve("summary.json").toFile()), RequestLog.read(folder.resolve(RequestLog.FILE_NAME)),
        Files.readString(folder.resolve("index.html")));
  }

  private static void assertInputTokensWithinTolerance(JsonNode summary) {
    for (JsonNode level : summary.get("levels")) {
      JsonNode lengths = level.get("lengths");
      double requested = lengths.get("requestedInputTokensMean").asDouble();
      double received = level.get("inputTokensMean").asDouble();
      assertTrue(Math.abs(received - requested) <= TOLERANCE * requested,
          level.get("label").asText() + ": usage.prompt_tokens mean " + received + " vs requested " + requested);
      assertEquals(received, lengths.get("receivedInputTokensMean").asDouble(), 1e-9, "every request asked for a length");
      assertTrue(lengths.get("lengthWarning").isNull(), lengths.toString());
    }
  }

  @Test
  void aSweepWithTheLargePromptSetGetsItsTrueLength() throws Exception {
    Run r = run(ConcurrencySweep.class, Map.of(
        "llm.sweep.levels", "[1,4]",
        "llm.sweep.levelDuration", "2s",
        "llm.sweep.warmup", "1s",
        "llm.request.maxTokens", "16",
        "llm.request.promptSet", "large"));
    JsonNode request = r.summary().get("request");
    assertTrue(request.get("tokenCounter").asText().startsWith("the server's tokenizer (POST http://127.0.0.1:"), request.toString());
    assertEquals("promptSet large", request.get("lengths").asText());
    assertTrue(request.get("calibration").toString().contains("prompt set large: "), request.toString());
    assertEquals(2, r.summary().get("levels").size());
    assertInputTokensWithinTolerance(r.summary());
    for (JsonNode level : r.summary().get("levels")) {
      assertEquals(16.0, level.get("lengths").get("requestedOutputTokensMean").asDouble(), "ignore_eos: max_tokens asked for exactly");
      assertEquals(16.0, level.get("lengths").get("receivedOutputTokensMean").asDouble());
    }
    assertTrue(r.records().size() >= 5, "requests: " + r.records().size());
    for (RequestRecord rec : r.records()) {
      assertEquals(Map.of("promptSet", "large"), rec.labels());
      assertEquals(rec.requestedInputTokens(), rec.promptTokens(), "the simulator counts exactly what was requested");
    }
    assertTrue(r.html().contains("<h2>Requested vs received tokens</h2>"), "the report shows requested vs usage.prompt_tokens");
  }

  @Test
  void aSweepWithSyntheticLengthsGetsEveryLengthItDrew() throws Exception {
    Run r = run(ConcurrencySweep.class, Map.of(
        "llm.sweep.levels", "[2,8]",
        "llm.sweep.levelDuration", "2s",
        "llm.sweep.warmup", "1s",
        "llm.request.synthetic.inputTokens", "uniform(200, 600)",
        "llm.request.synthetic.outputTokens", "weighted(8: 0.5, 24: 0.5)"));
    JsonNode request = r.summary().get("request");
    assertEquals("synthetic input uniform(200, 600) tokens, output weighted(8: 0.5, 24: 0.5) tokens (min_tokens too)",
        request.get("lengths").asText());
    String calibration = request.get("calibration").toString();
    assertTrue(calibration.contains("chat template: 8 tokens") && calibration.contains("(exact)"), calibration);
    assertInputTokensWithinTolerance(r.summary());
    GroundTruth truth = r.run().server().orElseThrow().groundTruth();
    assertTrue(r.records().size() >= 10, "requests: " + r.records().size());
    for (RequestRecord rec : r.records()) {
      assertEquals(Outcome.SUCCESSFUL, rec.outcome(), rec.toString());
      assertEquals(Map.of("synthetic", "uniform(200, 600)"), rec.labels());
      assertTrue(rec.requestedInputTokens() >= 200 && rec.requestedInputTokens() <= 600, rec.toString());
      assertEquals(rec.requestedInputTokens(), rec.promptTokens(), "exact, request by request");
      assertTrue(rec.requestedOutputTokens() == 8 || rec.requestedOutputTokens() == 24, rec.toString());
      assertEquals(rec.requestedOutputTokens(), rec.completionTokens());
      assertEquals(0, truth.find(rec.requestId()).orElseThrow().cachedPromptTokens(), "unique from the first tokens: no prefix-cache hit");
    }
    assertTrue(r.records().stream().map(RequestRecord::requestedInputTokens).distinct().count() > 5, "lengths are drawn per request");
  }

  @Test
  void lengthsComposedWithTheEstimateAreNotWhatTheServerCountsAndTheRunSaysSo() throws Exception {
    Run r = run(ConstantConcurrency.class, Map.of(
        "llm.workload.concurrency", "2",
        "llm.workload.duration", "2s",
        "llm.workload.warmup", "0s",
        "llm.request.maxTokens", "8",
        "llm.request.tokenizer", "estimate",
        "llm.request.synthetic.inputTokens", "300"));
    JsonNode request = r.summary().get("request");
    assertTrue(request.get("tokenCounter").asText().startsWith("estimated with jtokkit cl100k_base"), request.toString());
    JsonNode lengths = r.summary().get("levels").get(0).get("lengths");
    assertEquals(300.0, lengths.get("requestedInputTokensMean").asDouble());
    assertNotNull(lengths.get("lengthWarning").textValue(), "the simulator counts more than cl100k (4 letters a token, and its template)");
    assertTrue(r.summary().get("notes").toString().contains("did not honour the requested lengths"), r.summary().get("notes").toString());
    assertTrue(r.html().contains("did not honour the requested lengths"));
    assertEquals(8.0, lengths.get("receivedOutputTokensMean").asDouble());
    assertFalse(lengths.get("lengthWarning").textValue().contains("output"), "output was honoured: only input is flagged");
  }
}

package dev.llmload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.gatling.Launch;
import dev.llmload.gatling.LlmRun;
import dev.llmload.metrics.Outcome;
import dev.llmload.metrics.RequestRecord;
import dev.llmload.report.Json;
import dev.llmload.report.RequestLog;
import dev.llmload.server.truth.GroundTruth;
import dev.llmload.simulations.ConstantConcurrency;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prompts shaped for what a study asks, end to end against the embedded server: random-token prompts for a base model
 * on {@code /v1/completions} (ids of the server's vocabulary through its {@code /tokenize} and {@code /detokenize}), and
 * a shared prefix whose tokens - and only those - the server answers from its prefix cache.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PromptShapesEndToEndTest {

  @TempDir
  Path dir;

  private record Run(LlmRun run, JsonNode summary, List<RequestRecord> records) {}

  private Run run(Map<String, String> settings) throws Exception {
    Map<String, String> all = new HashMap<>(settings);
    all.put("llm.report.dir", dir.resolve("reports").toString());
    all.put("llm.server.preset", "fast");
    all.put("llm.workload.concurrency", "2");
    all.put("llm.workload.duration", "2s");
    all.put("llm.workload.warmup", "0s");
    all.put("llm.request.maxTokens", "8");
    assertEquals(0, InProcessGatling.run(ConstantConcurrency.class, dir.resolve("gatling"), all), "Gatling exit status");
    LlmRun run = Launch.current();
    return new Run(run, Json.MAPPER.readTree(run.reportPath().resolve("summary.json").toFile()),
        RequestLog.read(run.reportPath().resolve(RequestLog.FILE_NAME)));
  }

  @Test
  void randomTokenPromptsOnCompletionsGetTheirExactLength() throws Exception {
    Run r = run(Map.of(
        "llm.target.api", "completions",
        "llm.request.synthetic.inputTokens", "uniform(300, 900)",
        "llm.request.synthetic.text", "random-tokens"));
    JsonNode request = r.summary().get("request");
    assertEquals("synthetic input uniform(300, 900) tokens, text random-tokens", request.get("lengths").asText());
    assertTrue(request.get("calibration").toString().contains("random-token text: 64 fragments of 16 ids"), request.toString());
    assertTrue(r.records().size() >= 4, "requests: " + r.records().size());
    for (RequestRecord rec : r.records()) {
      assertEquals(Outcome.SUCCESSFUL, rec.outcome(), rec.toString());
      assertEquals(Map.of("synthetic", "uniform(300, 900)", "text", "random-tokens"), rec.labels());
      assertEquals(rec.requestedInputTokens(), rec.promptTokens(), "exact, request by request");
    }
  }

  @Test
  void requestsOfAGroupAreAnsweredFromThePrefixCacheForTheSharedPrefixOnly() throws Exception {
    Run r = run(Map.of(
        "llm.request.synthetic.inputTokens", "200",
        "llm.request.synthetic.prefixTokens", "256",
        "llm.request.synthetic.prefixGroups", "2"));
    assertEquals("synthetic input 200 tokens, shared prefix 256 tokens x 2 groups", r.summary().get("request").get("lengths").asText());
    GroundTruth truth = r.run().server().orElseThrow().groundTruth();
    assertTrue(r.records().size() >= 6, "requests: " + r.records().size());
    int hits = 0;
    for (RequestRecord rec : r.records()) {
      assertEquals(200 + 256, rec.requestedInputTokens());
      assertEquals(rec.requestedInputTokens(), rec.promptTokens(), "exact");
      int cached = truth.find(rec.requestId()).orElseThrow().cachedPromptTokens();
      // BOS and the user header (4 tokens) and the 256 prefix tokens are shared; the cache holds whole 16-token blocks
      assertTrue(cached == 0 || cached == 256, "at most the prefix's whole blocks, was " + cached);
      hits += cached == 256 ? 1 : 0;
    }
    assertTrue(hits >= r.records().size() - 4 && hits * 2 >= r.records().size(), "every request after its group's first is a prefix-cache hit: " + hits + " of "
        + r.records().size());
  }
}

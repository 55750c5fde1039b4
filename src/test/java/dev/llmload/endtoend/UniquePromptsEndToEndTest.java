package dev.llmload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.gatling.Launch;
import dev.llmload.gatling.LlmRun;
import dev.llmload.metrics.RequestRecord;
import dev.llmload.report.Json;
import dev.llmload.report.RequestLog;
import dev.llmload.server.truth.GroundTruth;
import dev.llmload.server.truth.RequestTruth;
import dev.llmload.simulations.ConstantConcurrency;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated server caches prompt prefixes as vLLM does: with unique prompts (the default) no request is answered
 * from another's cache; with the same prompt every time, every request after the first is a cache hit. The client sees
 * it too: each record holds the usage's {@code prompt_tokens_details.cached_tokens}, equal to the server's truth, and
 * the level's cached share says how much of the prompts the cache served.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UniquePromptsEndToEndTest {

  private static final String LONG_PROMPT = "Explain, step by step and with an example, how a continuous batching server schedules "
      .repeat(8);

  @TempDir
  Path dir;

  private List<RequestTruth> run(boolean unique) throws Exception {
    int status = InProcessGatling.run(ConstantConcurrency.class, dir.resolve("gatling"), Map.of(
        "llm.report.dir", dir.resolve("reports").toString(),
        "llm.workload.concurrency", "2",
        "llm.workload.duration", "3s",
        "llm.workload.warmup", "0s",
        "llm.request.maxTokens", "8",
        "llm.request.prompt", LONG_PROMPT,
        "llm.request.uniquePrompts", Boolean.toString(unique)));
    assertEquals(0, status);
    LlmRun run = Launch.current();
    GroundTruth truth = run.server().orElseThrow().groundTruth();
    List<RequestRecord> records = RequestLog.read(run.reportPath().resolve(RequestLog.FILE_NAME));
    assertTrue(records.size() >= 10, "requests: " + records.size());
    List<RequestTruth> truths = records.stream().map(r -> truth.find(r.requestId()).orElseThrow()).toList();
    for (int i = 0; i < records.size(); i++) {
      assertEquals(truths.get(i).cachedPromptTokens(), records.get(i).cachedPromptTokens(),
          "the cached tokens the client recorded are the server's: " + records.get(i).requestId());
    }
    cachedShare = summaryLevel(run).path("cachedPromptShare").asDouble(-1);
    return truths;
  }

  private double cachedShare;

  private static JsonNode summaryLevel(LlmRun run) throws IOException {
    return Json.MAPPER.readTree(run.reportPath().resolve("summary.json").toFile()).path("levels").path(0);
  }

  @Test
  void uniquePromptsNeverHitTheServersPrefixCache() throws Exception {
    for (RequestTruth t : run(true)) {
      assertEquals(0, t.cachedPromptTokens(), "no prefix shared with another request: " + t);
    }
    assertEquals(0.0, cachedShare, "the server said: nothing cached");
  }

  @Test
  void theSamePromptEveryTimeIsACacheHitAfterTheFirst() throws Exception {
    List<RequestTruth> truths = run(false);
    long hits = truths.stream().filter(t -> t.cachedPromptTokens() > 0).count();
    assertTrue(hits >= truths.size() - 2, "every request after the first of each user hits: " + hits + " of " + truths.size());
    assertTrue(cachedShare > 0.8, "almost every prompt token came from the cache: " + cachedShare);
  }
}

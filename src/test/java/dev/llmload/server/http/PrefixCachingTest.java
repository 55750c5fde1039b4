package dev.llmload.server.http;

import static dev.llmload.server.TestServers.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmload.server.RawHttp;
import dev.llmload.server.SimulatedServer;
import dev.llmload.server.TestServers;
import dev.llmload.server.truth.RequestOutcome;
import dev.llmload.server.truth.RequestTruth;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Prefix caching over HTTP, on by default: a repeated prompt skips the prefill of its cached blocks, which the ground
 * truth and {@code /metrics} show. The engine prefills slowly (4,000 tokens/s, a 1 ms step) so that a cold prompt of
 * ~800 tokens costs ~200 ms before its first token and a warm one a few milliseconds.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PrefixCachingTest {

  private static final int BLOCK = 16;
  private static final long MS = 1_000_000;
  private static final String LABELS = "{engine=\"0\",model_name=\"sim-fast\"}";
  private static SimulatedServer server;

  @BeforeAll
  static void start() {
    var quick = TestServers.quick();
    server = SimulatedServer.start(quick.toBuilder().engine(quick.engine().withPrefill(4_000, 8_192)).build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** About 800 tokens: 400 six-character words of two tokens each, after {@code first}. */
  private static String longPrompt(String first, String salt) {
    StringBuilder text = new StringBuilder(first);
    for (int i = 0; i < 400; i++) {
      text.append(' ').append(salt).append(String.format("%04d", i));
    }
    return text.toString();
  }

  private static RequestTruth complete(SimulatedServer on, String requestId, String prompt) throws Exception {
    ObjectNode body = TestServers.JSON.createObjectNode()
        .put("model", "sim-fast").put("stream", true).put("max_tokens", 2).put("ignore_eos", true)
        .put("prompt", prompt);
    try (RawHttp http = new RawHttp(on.getUri())) {
      RawHttp.Response r = http.exchange(RawHttp.postJson("/v1/completions", body.toString(),
          TestServers.id(requestId)));
      assertEquals(200, r.status());
    }
    RequestTruth truth = on.groundTruth().awaitEnded(requestId, Duration.ofSeconds(10)).orElseThrow();
    assertEquals(RequestOutcome.COMPLETED, truth.outcome());
    return truth;
  }

  private static long ttftNanos(RequestTruth truth) {
    return truth.firstContentNanos() - truth.receivedNanos();
  }

  private static int expectedHit(int promptTokens) {
    return (promptTokens - 1) / BLOCK * BLOCK;
  }

  @Test
  void theSamePromptTwiceHitsTheCacheTheSecondTimeAndGetsItsFirstTokenSooner() throws Exception {
    String prompt = longPrompt("Once", "tw");
    RequestTruth cold = complete(server, "twice-1", prompt);
    RequestTruth warm = complete(server, "twice-2", prompt);

    assertTrue(cold.promptTokens() > 790, "prompt tokens " + cold.promptTokens());
    assertEquals(cold.promptTokens(), warm.promptTokens());
    assertEquals(0, cold.cachedPromptTokens());
    assertEquals(expectedHit(warm.promptTokens()), warm.cachedPromptTokens(),
        "the prompt in whole 16-token blocks, its last token excluded");
    long coldPrefillNanos = cold.promptTokens() * MS / 4; // 4,000 tokens/s
    assertTrue(ttftNanos(cold) >= coldPrefillNanos, "cold TTFT " + ttftNanos(cold) / 1e6 + " ms");
    assertTrue(ttftNanos(warm) < ttftNanos(cold) - coldPrefillNanos * 3 / 4,
        "warm TTFT " + ttftNanos(warm) / 1e6 + " ms, cold " + ttftNanos(cold) / 1e6 + " ms");
  }

  @Test
  void promptsDifferingInTheirFirstWordShareNoBlock() throws Exception {
    complete(server, "first-a", longPrompt("Alpha", "fw"));
    RequestTruth other = complete(server, "first-b", longPrompt("Bravo", "fw"));
    assertEquals(0, other.cachedPromptTokens(), "the same 799 tokens after a different first one: no hit");
  }

  @Test
  void chatPromptsWithTheSameSystemMessageShareItsBlocks() throws Exception {
    String system = longPrompt("You", "sy");
    RequestTruth first = chat("chat-1", system, "What is prefix caching?");
    RequestTruth second = chat("chat-2", system, "And chunked prefill?");
    assertEquals(0, first.cachedPromptTokens());
    // BOS, the system turn (header 3 + content + end 1), then the user header (3 tokens) are shared.
    int shared = 1 + 3 + TestText.count(system) + 1 + 3;
    assertEquals(shared / BLOCK * BLOCK, second.cachedPromptTokens());
  }

  @Test
  void metricsCountLookedUpAndFoundPromptTokensAndDebugRequestsShowTheHit() throws Exception {
    double queries = metric("vllm:prefix_cache_queries_total");
    double hits = metric("vllm:prefix_cache_hits_total");
    String prompt = longPrompt("Metrics", "mt");
    RequestTruth cold = complete(server, "metrics-1", prompt);
    RequestTruth warm = complete(server, "metrics-2", prompt);
    assertEquals(queries + 2.0 * cold.promptTokens(), metric("vllm:prefix_cache_queries_total"));
    assertEquals(hits + warm.cachedPromptTokens(), metric("vllm:prefix_cache_hits_total"));

    try (RawHttp http = new RawHttp(server.getUri())) {
      JsonNode debug = json(http.exchange(RawHttp.request("GET", "/debug/requests?requestId=metrics-2", Map.of(),
          null)).body());
      assertEquals(warm.cachedPromptTokens(), debug.at("/requests/0/cachedPromptTokens").asInt());
    }
  }

  @Test
  void zeroBlocksSwitchesPrefixCachingOff() throws Exception {
    var quick = TestServers.quick();
    try (SimulatedServer off = SimulatedServer.start(quick.toBuilder().prefixCacheBlocks(0).build())) {
      String prompt = longPrompt("Off", "of");
      complete(off, "off-1", prompt);
      assertEquals(0, complete(off, "off-2", prompt).cachedPromptTokens());
    }
  }

  private static RequestTruth chat(String requestId, String system, String user) throws Exception {
    ObjectNode body = TestServers.JSON.createObjectNode()
        .put("model", "sim-fast").put("max_tokens", 2).put("ignore_eos", true);
    body.putArray("messages")
        .add(TestServers.JSON.createObjectNode().put("role", "system").put("content", system))
        .add(TestServers.JSON.createObjectNode().put("role", "user").put("content", user));
    try (RawHttp http = new RawHttp(server.getUri())) {
      assertEquals(200, http.exchange(RawHttp.postJson("/v1/chat/completions", body.toString(),
          TestServers.id(requestId))).status());
    }
    return server.groundTruth().awaitEnded(requestId, Duration.ofSeconds(10)).orElseThrow();
  }

  private static double metric(String name) throws IOException {
    try (RawHttp http = new RawHttp(server.getUri())) {
      String text = http.exchange(RawHttp.request("GET", "/metrics", Map.of(), null)).body();
      Matcher m = Pattern.compile("^" + Pattern.quote(name + LABELS) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
      assertTrue(m.find(), name + " missing in\n" + text);
      return Double.parseDouble(m.group(1));
    }
  }

  /** The tokenizer's count, reached from this package. */
  private static final class TestText {
    static int count(String text) {
      return dev.llmload.server.text.PromptTokenizer.count(text);
    }
  }

  /** The usage of a streamed completion asking for it, as the last event before {@code [DONE]} carries it. */
  private static JsonNode usage(SimulatedServer on, String requestId, String prompt) throws Exception {
    ObjectNode body = TestServers.JSON.createObjectNode()
        .put("model", "sim-fast").put("stream", true).put("max_tokens", 2).put("ignore_eos", true)
        .put("prompt", prompt);
    body.putObject("stream_options").put("include_usage", true);
    try (RawHttp http = new RawHttp(on.getUri())) {
      java.util.List<String> events = http.exchange(RawHttp.postJson("/v1/completions", body.toString(), TestServers.id(requestId)))
          .events();
      return json(events.get(events.size() - 2)).get("usage");
    }
  }

  @Test
  void theUsageSaysHowManyPromptTokensTheCacheServedAsTheGroundTruthHasIt() throws Exception {
    String prompt = longPrompt("Usage", "us");
    JsonNode cold = usage(server, "usage-1", prompt);
    JsonNode warm = usage(server, "usage-2", prompt);

    assertEquals(0, cold.at("/prompt_tokens_details/cached_tokens").asInt(-1), "a cold prompt: 0 cached, said as 0");
    RequestTruth warmTruth = server.groundTruth().awaitEnded("usage-2", Duration.ofSeconds(10)).orElseThrow();
    assertTrue(warmTruth.cachedPromptTokens() > 0);
    assertEquals(warmTruth.cachedPromptTokens(), warm.at("/prompt_tokens_details/cached_tokens").asInt(-1));
    assertEquals(warmTruth.promptTokens(), warm.get("prompt_tokens").asInt());
  }

  @Test
  void withoutPromptTokensDetailsTheUsageHasNoneAsVllmByDefault() throws Exception {
    var quick = TestServers.quick();
    try (SimulatedServer plain = SimulatedServer.start(quick.toBuilder().promptTokensDetails(false).build())) {
      String prompt = longPrompt("Plain", "pl");
      usage(plain, "plain-1", prompt);
      JsonNode warm = usage(plain, "plain-2", prompt);
      assertTrue(plain.groundTruth().awaitEnded("plain-2", Duration.ofSeconds(10)).orElseThrow().cachedPromptTokens() > 0,
          "the cache still works");
      assertTrue(warm.has("prompt_tokens") && !warm.has("prompt_tokens_details"), warm.toString());
    }
  }
}

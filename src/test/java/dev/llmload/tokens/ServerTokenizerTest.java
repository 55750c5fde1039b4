package dev.llmload.tokens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.llmload.config.Api;
import dev.llmload.config.TlsSettings;
import dev.llmload.openai.TargetException;
import dev.llmload.server.SimulatedServer;
import dev.llmload.server.TestServers;
import dev.llmload.server.text.PromptTokenizer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ServerTokenizer} learns both shapes of {@code POST /tokenize}: against small fake servers on 127.0.0.1 (a
 * vLLM-shaped one that honours {@code add_special_tokens}, one that adds BOS regardless, a llama.cpp-shaped one) and
 * against the embedded simulator, whose counts are checked against its own tokenizer.
 */
class ServerTokenizerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // vLLM: one token per word; BOS (+1) unless add_special_tokens is false; a chat prompt adds a 7-token template
    server.createContext("/vllm/tokenize", ex -> {
      JsonNode body = read(ex);
      int count;
      if (body.has("messages")) {
        count = 7 + words(body.path("messages").get(0).path("content").asText());
      } else {
        count = words(body.path("prompt").asText()) + (body.path("add_special_tokens").asBoolean(true) ? 1 : 0);
      }
      respond(ex, 200, "{\"count\":" + count + ",\"max_model_len\":4096,\"tokens\":" + ids(count) + ",\"token_strs\":null}");
    });
    // a vLLM-shaped server that puts BOS in front whatever add_special_tokens says
    server.createContext("/stubborn/tokenize", ex -> {
      int count = 1 + words(read(ex).path("prompt").asText());
      respond(ex, 200, "{\"count\":" + count + ",\"max_model_len\":4096,\"tokens\":" + ids(count) + "}");
    });
    // llama.cpp: no "content" gives no tokens; add_special adds BOS; /apply-template wraps the messages
    server.createContext("/llama/tokenize", ex -> {
      JsonNode body = read(ex);
      int count = body.has("content") ? words(body.path("content").asText()) + (body.path("add_special").asBoolean(false) ? 1 : 0) : 0;
      respond(ex, 200, "{\"tokens\":" + ids(count) + "}");
    });
    server.createContext("/llama/apply-template", ex -> {
      String content = read(ex).path("messages").get(0).path("content").asText();
      respond(ex, 200, JSON.createObjectNode().put("prompt", "<user> " + content + " <assistant>").toString());
    });
    // /detokenize: vLLM answers {"prompt"}, llama.cpp {"content"}; each id spells "w<id>"
    server.createContext("/vllm/detokenize", ex -> respond(ex, 200, JSON.createObjectNode().put("prompt", spell(read(ex))).toString()));
    server.createContext("/llama/detokenize", ex -> respond(ex, 200, JSON.createObjectNode().put("content", spell(read(ex))).toString()));
    server.start();
  }

  private static String spell(JsonNode body) {
    StringBuilder text = new StringBuilder();
    body.path("tokens").forEach(id -> text.append(" w").append(id.asInt()));
    return text.toString();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private JsonNode read(HttpExchange ex) throws IOException {
    String text = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    bodies.add(ex.getRequestURI().getPath() + " " + text);
    return JSON.readTree(text);
  }

  private static int words(String text) {
    return text.isBlank() ? 0 : text.strip().split("\\s+").length;
  }

  private static String ids(int count) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      b.append(i == 0 ? "" : ",").append(100 + i);
    }
    return b.append(']').toString();
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private URI base(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private ServerTokenizer detect(String path) {
    ServerTokenizer.Detection d = ServerTokenizer.detect(base(path), "m", Optional.empty(), TlsSettings.defaults(), TIMEOUT);
    assertTrue(d.found().isPresent(), "found at " + path + ": " + d.reason());
    return d.tokenizer();
  }

  @Test
  void learnsVllmsShapeAndCountsWithoutSpecialTokens() {
    ServerTokenizer t = detect("/vllm/v1");
    assertEquals(ServerTokenizer.Shape.VLLM, t.shape());
    assertEquals(base("/vllm/tokenize"), t.uri(), "the server's root, not under /v1");
    assertEquals(0, t.specialTokensAdded());
    assertEquals(5, t.count("one two three four five"));
    assertEquals(OptionalInt.of(6), t.promptTokens(Api.COMPLETIONS, "one two three four five"), "BOS counted in a whole prompt");
    assertEquals(OptionalInt.of(12), t.promptTokens(Api.CHAT, "one two three four five"), "the chat template counted");
    assertTrue(bodies.stream().anyMatch(b -> b.contains("\"add_special_tokens\":false")), bodies.toString());
    assertTrue(t.source().contains("vLLM shape") && t.source().contains("/vllm/tokenize"), t.source());
  }

  @Test
  void idsAndDetokenizeInBothShapes() {
    ServerTokenizer vllm = detect("/vllm/v1");
    assertArrayEquals(new int[] {100, 101, 102}, vllm.ids("one two three"));
    assertEquals(Optional.of(" w7 w8"), vllm.detokenize(new int[] {7, 8}));
    assertTrue(bodies.stream().anyMatch(b -> b.startsWith("/vllm/detokenize ") && b.contains("\"model\":\"m\"")), bodies.toString());
    ServerTokenizer llama = detect("/llama/v1");
    assertArrayEquals(new int[] {100, 101}, llama.ids("one two"));
    assertEquals(Optional.of(" w9"), llama.detokenize(new int[] {9}));
    assertEquals(Optional.empty(), detect("/stubborn/v1").detokenize(new int[] {1}), "no /detokenize: no text");
    assertArrayEquals(new int[] {101, 102}, detect("/stubborn/v1").ids("one two"), "the BOS it adds regardless is left out");
  }

  @Test
  void takesOffTheSpecialTokensAServerAddsRegardless() {
    ServerTokenizer t = detect("/stubborn/v1");
    assertEquals(1, t.specialTokensAdded());
    assertEquals(5, t.count("one two three four five"));
  }

  @Test
  void learnsLlamaCppsShape() {
    ServerTokenizer t = detect("/llama/v1");
    assertEquals(ServerTokenizer.Shape.LLAMA_CPP, t.shape());
    assertEquals(3, t.count("one two three"));
    assertEquals(OptionalInt.of(4), t.promptTokens(Api.COMPLETIONS, "one two three"), "add_special: BOS");
    assertEquals(OptionalInt.of(6), t.promptTokens(Api.CHAT, "one two three"), "the template's text and BOS");
    assertTrue(bodies.stream().anyMatch(b -> b.startsWith("/llama/tokenize") && b.contains("\"content\"")), bodies.toString());
  }

  @Test
  void findsNothingWhereTokenizeIsMissingOrRefused() {
    ServerTokenizer.Detection missing = ServerTokenizer.detect(base("/none/v1"), "m", Optional.empty(), TlsSettings.defaults(), TIMEOUT);
    assertFalse(missing.found().isPresent());
    assertTrue(missing.reason().contains("HTTP 404"), missing.reason());
    server.stop(0);
    ServerTokenizer.Detection refused = ServerTokenizer.detect(base("/vllm/v1"), "m", Optional.empty(), TlsSettings.defaults(), TIMEOUT);
    assertFalse(refused.found().isPresent());
    assertTrue(refused.reason().contains("connection refused"), refused.reason());
  }

  @Test
  void aTokenizerThatFailsLaterEndsTheRunWithOneSentence() {
    ServerTokenizer t = detect("/vllm/v1");
    server.stop(0);
    TargetException e = assertThrows(TargetException.class, () -> t.count("one"));
    assertTrue(e.getMessage().contains("llm.request.tokenizer = estimate"), e.getMessage());
  }

  @Test
  void countsAsTheSimulatorsTokenizerDoes() {
    try (SimulatedServer sim = SimulatedServer.start(TestServers.quick())) {
      String model = sim.settings().models().get(0);
      ServerTokenizer.Detection d = ServerTokenizer.detect(URI.create(sim.baseUrl()), model, Optional.empty(), TlsSettings.defaults(), TIMEOUT);
      ServerTokenizer t = d.found().orElseThrow(() -> new AssertionError(d.reason()));
      assertEquals(ServerTokenizer.Shape.VLLM, t.shape());
      String text = "Explain how a continuous-batching server schedules requests, step by step.";
      assertEquals(PromptTokenizer.count(text), t.count(text));
      assertEquals(OptionalInt.of(PromptTokenizer.completionPromptTokens(text)), t.promptTokens(Api.COMPLETIONS, text));
      assertEquals(OptionalInt.of(PromptTokenizer.chatPromptTokens(List.of(text))), t.promptTokens(Api.CHAT, text));
    }
  }
}

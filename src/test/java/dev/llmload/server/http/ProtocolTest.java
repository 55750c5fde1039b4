package dev.llmload.server.http;

import static dev.llmload.server.TestServers.chatBody;
import static dev.llmload.server.TestServers.completionBody;
import static dev.llmload.server.TestServers.id;
import static dev.llmload.server.TestServers.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.server.RawHttp;
import dev.llmload.server.SimulatedServer;
import dev.llmload.server.TestServers;
import dev.llmload.server.text.PromptTokenizer;
import dev.llmload.server.truth.RequestTruth;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wire format against golden transcripts in {@code src/test/resources/dev/llmload/server/http/golden/}, with ids
 * and {@code created} normalised. After an intended format change, regenerate them with
 * {@code mvn -o test -Dtest=ProtocolTest -Dgolden.update=true} and review the diff.
 */
class ProtocolTest {

  private static SimulatedServer server;
  private static String model;

  @BeforeAll
  static void start() {
    server = SimulatedServer.start(TestServers.quick());
    model = server.modelNames().get(0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void chatStreamMatchesGoldenTranscript() throws IOException {
    RawHttp.Response r = post("/v1/chat/completions", chatBody(model, true, false, 4));
    assertEquals(200, r.status());
    assertEquals("text/event-stream", r.headers().get("content-type"));
    assertEquals("chunked", r.headers().get("transfer-encoding"));
    assertGolden("chat-stream.sse", r.body());
  }

  @Test
  void chatStreamWithUsageMatchesGoldenTranscript() throws IOException {
    assertGolden("chat-stream-usage.sse", post("/v1/chat/completions", chatBody(model, true, true, 4)).body());
  }

  @Test
  void completionsStreamMatchesGoldenTranscript() throws IOException {
    assertGolden("completions-stream.sse", post("/v1/completions", completionBody(model, true, false, 4)).body());
  }

  @Test
  void completionsStreamWithUsageMatchesGoldenTranscript() throws IOException {
    assertGolden("completions-stream-usage.sse",
        post("/v1/completions", completionBody(model, true, true, 4)).body());
  }

  @Test
  void nonStreamedAnswersMatchGoldenBodies() throws IOException {
    RawHttp.Response chat = post("/v1/chat/completions", chatBody(model, false, false, 4));
    assertEquals("application/json", chat.headers().get("content-type"));
    assertGolden("chat.json", chat.body() + "\n");
    assertGolden("completions.json", post("/v1/completions", completionBody(model, false, false, 4)).body() + "\n");
  }

  @Test
  void everyEventIsJsonShapedLikeVllmAndTheStreamEndsWithDone() throws IOException {
    RawHttp.Response r = post("/v1/chat/completions", chatBody(model, true, true, 6));
    List<String> events = r.events();
    assertEquals("[DONE]", events.get(events.size() - 1));
    String id = null;
    int contentTokens = 0;
    for (int i = 0; i < events.size() - 1; i++) {
      JsonNode e = json(events.get(i));
      id = id == null ? e.get("id").asText() : id;
      assertEquals(id, e.get("id").asText(), "one id per stream");
      assertEquals("chat.completion.chunk", e.get("object").asText());
      assertEquals(model, e.get("model").asText());
      if (i > 0 && i < events.size() - 3) {
        contentTokens += PromptTokenizer.count(e.at("/choices/0/delta/content").asText());
      }
    }
    assertTrue(id.startsWith("chatcmpl-"));
    assertEquals("assistant", json(events.get(0)).at("/choices/0/delta/role").asText());
    assertEquals("length", json(events.get(events.size() - 3)).at("/choices/0/finish_reason").asText());
    JsonNode usage = json(events.get(events.size() - 2));
    assertEquals(0, usage.get("choices").size());
    assertEquals(6, usage.at("/usage/completion_tokens").asInt());
    assertEquals(6, contentTokens, "each content token counts as one token");
    assertEquals(usage.at("/usage/prompt_tokens").asInt() + 6, usage.at("/usage/total_tokens").asInt());
  }

  @Test
  void idComesFromTheClientsRequestIdHeaderWhichIsEchoed() throws IOException {
    try (RawHttp http = new RawHttp(server.getUri())) {
      RawHttp.Response r = http.exchange(RawHttp.postJson("/v1/chat/completions", chatBody(model, true, false, 2),
          id("client-42")));
      assertEquals("client-42", r.headers().get("x-request-id"));
      assertEquals("chatcmpl-client-42", json(r.events().get(0)).get("id").asText());
    }
  }

  @Test
  void persistentConnectionServesRequestsOneAfterAnother() throws IOException {
    try (RawHttp http = new RawHttp(server.getUri())) {
      for (int i = 0; i < 3; i++) {
        RawHttp.Response r = http.exchange(RawHttp.postJson("/v1/chat/completions", chatBody(model, true, false, 3),
            Map.of()));
        assertTrue(r.complete(), "stream " + i + " ended with the terminal chunk");
        assertFalse(r.headers().containsKey("connection"), "no Connection: close");
      }
      RawHttp.Response models = http.exchange(RawHttp.request("GET", "/v1/models", Map.of(), null));
      assertEquals(200, models.status());
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws IOException {
    try (RawHttp http = new RawHttp(server.getUri())) {
      http.send(RawHttp.postJson("/v1/completions", completionBody(model, true, false, 5), id("first"))
          + RawHttp.postJson("/v1/completions", completionBody(model, true, false, 2), id("second")));
      RawHttp.Response first = http.read();
      RawHttp.Response second = http.read();
      assertEquals("first", first.headers().get("x-request-id"));
      assertEquals("second", second.headers().get("x-request-id"));
      assertTrue(first.complete() && second.complete());
    }
  }

  @Test
  void connectionCloseRequestIsHonouredAfterTheStream() throws IOException {
    try (RawHttp http = new RawHttp(server.getUri())) {
      RawHttp.Response r = http.exchange(RawHttp.postJson("/v1/chat/completions", chatBody(model, true, false, 2),
          Map.of("Connection", "close")));
      assertTrue(r.complete());
      assertTrue(http.closedByServer());
    }
  }

  @Test
  void multiTokenChunksCarryTokensPerChunkTokensAndTheRemainderLast() throws IOException {
    try (SimulatedServer chunky = SimulatedServer.start(TestServers.quick().toBuilder().tokensPerChunk(3).build());
        RawHttp http = new RawHttp(chunky.getUri())) {
      RawHttp.Response r = http.exchange(RawHttp.postJson("/v1/chat/completions",
          chatBody(model, true, true, 7), id("chunky")));
      List<String> events = r.events();
      // role, 3 content chunks (3 + 3 + 1 tokens), finish, usage, [DONE]
      assertEquals(7, events.size(), events.toString());
      assertEquals(List.of(3, 3, 1), events.subList(1, 4).stream()
          .map(e -> PromptTokenizer.count(json(e).at("/choices/0/delta/content").asText())).toList());
      assertEquals(7, json(events.get(5)).at("/usage/completion_tokens").asInt());
      RequestTruth truth = chunky.groundTruth().find("chunky").orElseThrow();
      assertEquals(3, truth.contentChunks());
      assertEquals(7, truth.completionTokens());
    }
  }

  @Test
  void sameRequestGivesTheSameTextAndOutputLengthIsCappedByMaxTokens() throws IOException {
    String body = "{\"model\":\"" + model + "\",\"max_tokens\":5,\"prompt\":\"deterministic\"}";
    String first = json(post("/v1/completions", body).body()).at("/choices/0/text").asText();
    String second = json(post("/v1/completions", body).body()).at("/choices/0/text").asText();
    assertEquals(first, second);
    JsonNode answer = json(post("/v1/completions", body).body());
    assertTrue(answer.at("/usage/completion_tokens").asInt() <= 5);
  }

  private static RawHttp.Response post(String path, String body) throws IOException {
    try (RawHttp http = new RawHttp(server.getUri())) {
      RawHttp.Response r = http.exchange(RawHttp.postJson(path, body, id("golden")));
      assertTrue(r.complete(), "response ended properly");
      return r;
    }
  }

  static String normalise(String transcript) {
    return transcript
        .replaceAll("\"created\":\\d+", "\"created\":0")
        .replaceAll("\"id\":\"(chatcmpl|cmpl)-[^\"]*\"", "\"id\":\"$1-ID\"");
  }

  private static void assertGolden(String name, String actual) throws IOException {
    String normalised = normalise(actual);
    if (Boolean.getBoolean("golden.update")) {
      Path file = Path.of("src/test/resources/dev/llmload/server/http/golden", name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, normalised);
      return;
    }
    try (InputStream in = ProtocolTest.class.getResourceAsStream("golden/" + name)) {
      if (in == null) {
        fail("golden/" + name + " is missing; actual transcript:\n" + normalised);
      }
      assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), normalised, "golden/" + name);
    }
  }
}

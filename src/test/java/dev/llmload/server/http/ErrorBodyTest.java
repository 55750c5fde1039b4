package dev.llmload.server.http;

import static dev.llmload.server.TestServers.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.server.RawHttp;
import dev.llmload.server.SimulatedServer;
import dev.llmload.server.TestServers;
import dev.llmload.server.truth.RequestOutcome;
import dev.llmload.server.truth.RequestTruth;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each bad input gets an OpenAI-style error body, at once, with no stack trace, and the connection stays usable. */
class ErrorBodyTest {

  private static SimulatedServer server;

  @BeforeAll
  static void start() {
    server = SimulatedServer.start(TestServers.quick());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void malformedJson() throws IOException {
    assertError(post("/v1/chat/completions", "{\"messages\": [", "application/json"), 400, "BadRequestError", null,
        "not valid JSON");
  }

  @Test
  void bodyThatIsNotAnObject() throws IOException {
    assertError(post("/v1/completions", "[1,2]", "application/json"), 400, "BadRequestError", null,
        "must be a JSON object");
  }

  @Test
  void missingMessages() throws IOException {
    assertError(post("/v1/chat/completions", "{\"model\":\"sim-fast\"}", "application/json"), 400,
        "BadRequestError", "messages", "'messages' is required");
  }

  @Test
  void emptyMessages() throws IOException {
    assertError(post("/v1/chat/completions", "{\"messages\":[]}", "application/json"), 400, "BadRequestError",
        "messages", "non-empty");
  }

  @Test
  void missingPrompt() throws IOException {
    assertError(post("/v1/completions", "{\"model\":\"sim-fast\",\"max_tokens\":3}", "application/json"), 400,
        "BadRequestError", "prompt", "'prompt' is required");
  }

  @Test
  void negativeMaxTokens() throws IOException {
    assertError(post("/v1/completions", "{\"prompt\":\"hi\",\"max_tokens\":-1}", "application/json"), 400,
        "BadRequestError", "max_tokens", "max_tokens must be at least 1, got -1");
  }

  @Test
  void negativeMaxCompletionTokens() throws IOException {
    assertError(post("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"max_completion_tokens\":-3}", "application/json"), 400, "BadRequestError", "max_completion_tokens",
        "got -3");
  }

  @Test
  void maxTokensOfTheWrongType() throws IOException {
    assertError(post("/v1/completions", "{\"prompt\":\"hi\",\"max_tokens\":\"ten\"}", "application/json"), 400,
        "BadRequestError", "max_tokens", "must be an integer");
  }

  @Test
  void wrongContentType() throws IOException {
    assertError(post("/v1/completions", "{\"prompt\":\"hi\"}", "text/plain"), 400, "BadRequestError", null,
        "Content-Type must be application/json, was 'text/plain'");
  }

  @Test
  void missingContentType() throws IOException {
    try (RawHttp http = new RawHttp(server.getUri())) {
      RawHttp.Response r = http.exchange(RawHttp.request("POST", "/v1/completions", Map.of(), "{\"prompt\":\"x\"}"));
      assertError(r, 400, "BadRequestError", null, "Content-Type must be application/json");
    }
  }

  @Test
  void unknownModelIs404() throws IOException {
    assertError(post("/v1/chat/completions", "{\"model\":\"gpt-17\",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"hi\"}]}", "application/json"), 404, "NotFoundError", "model",
        "The model `gpt-17` does not exist");
  }

  @Test
  void minTokensAboveMaxTokens() throws IOException {
    assertError(post("/v1/completions", "{\"prompt\":\"hi\",\"max_tokens\":4,\"min_tokens\":9}",
        "application/json"), 400, "BadRequestError", "min_tokens", "got 9");
  }

  @Test
  void streamOptionsWithoutStream() throws IOException {
    assertError(post("/v1/completions", "{\"prompt\":\"hi\",\"stream_options\":{\"include_usage\":true}}",
        "application/json"), 400, "BadRequestError", "stream_options", "stream=True");
  }

  @Test
  void contextLongerThanMaxModelLen() throws IOException {
    assertError(post("/v1/completions", "{\"prompt\":\"hi\",\"max_tokens\":100000}", "application/json"), 400,
        "BadRequestError", null, "maximum context length is 8192 tokens");
  }

  @Test
  void moreThanOneChoice() throws IOException {
    assertError(post("/v1/completions", "{\"prompt\":\"hi\",\"n\":2}", "application/json"), 400,
        "BadRequestError", "n", "n must be 1");
  }

  @Test
  void negativeTemperature() throws IOException {
    assertError(post("/v1/completions", "{\"prompt\":\"hi\",\"temperature\":-1}", "application/json"), 400,
        "BadRequestError", "temperature", "non-negative");
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405() throws IOException {
    try (RawHttp http = new RawHttp(server.getUri())) {
      assertError(http.exchange(RawHttp.request("GET", "/v2/nothing", Map.of(), null)), 404, "NotFoundError", null,
          "Not Found: GET /v2/nothing");
      RawHttp.Response wrongMethod = http.exchange(RawHttp.request("GET", "/v1/chat/completions", Map.of(), null));
      assertError(wrongMethod, 405, "MethodNotAllowed", null, "use POST");
    }
  }

  @Test
  void acceptedButIgnoredFieldsDoNotFail() throws IOException {
    RawHttp.Response r = post("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
        + "\"text\",\"text\":\"hi\"}]}],\"temperature\":0.7,\"top_p\":0.9,\"stop\":[\"\\n\"],\"max_tokens\":2,"
        + "\"seed\":1}", "application/json");
    assertEquals(200, r.status(), r.body());
  }

  @Test
  void rejectedRequestsAreCountedInGroundTruth() throws IOException {
    long before = server.groundTruth().requestsRejected();
    try (RawHttp http = new RawHttp(server.getUri())) {
      http.exchange(RawHttp.postJson("/v1/completions", "{}", TestServers.id("bad-1")));
    }
    assertEquals(before + 1, server.groundTruth().requestsRejected());
    RequestTruth truth = server.groundTruth().find("bad-1").orElseThrow();
    assertEquals(RequestOutcome.REJECTED, truth.outcome());
    assertEquals(400, truth.httpStatus());
  }

  private static RawHttp.Response post(String path, String body, String contentType) throws IOException {
    try (RawHttp http = new RawHttp(server.getUri())) {
      RawHttp.Response r = http.exchange(RawHttp.request("POST", path, Map.of("Content-Type", contentType), body));
      // The connection survives the error.
      assertEquals(200, http.exchange(RawHttp.request("GET", "/health", Map.of(), null)).status());
      return r;
    }
  }

  private static void assertError(RawHttp.Response r, int status, String type, String param, String message) {
    assertEquals(status, r.status(), r.body());
    assertEquals("application/json", r.headers().get("content-type"));
    JsonNode root = json(r.body());
    assertEquals(1, root.size(), "only the error object: " + r.body());
    JsonNode error = root.get("error");
    assertTrue(error.get("message").asText().contains(message), error.get("message").asText());
    assertEquals(type, error.get("type").asText());
    if (param == null) {
      assertTrue(error.get("param").isNull(), r.body());
    } else {
      assertEquals(param, error.get("param").asText());
    }
    assertEquals(status, error.get("code").asInt());
    assertFalse(r.body().contains("Exception"), "no stack trace: " + r.body());
  }
}

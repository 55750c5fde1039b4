package dev.llmload.server.http;

import static dev.llmload.server.TestServers.chatBody;
import static dev.llmload.server.TestServers.id;
import static dev.llmload.server.TestServers.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.server.RawHttp;
import dev.llmload.server.SimulatedServer;
import dev.llmload.server.TestServers;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/models}, {@code /health}, {@code /tokenize}, {@code /metrics}. */
class EndpointsTest {

  private static SimulatedServer server;

  @BeforeAll
  static void start() {
    server = SimulatedServer.start(TestServers.quick().toBuilder().models("model-a", "model-b").build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void facadeReportsAddressAndModels() {
    assertTrue(server.getUri().toString().matches("http://127\\.0\\.0\\.1:\\d+"), server.getUri().toString());
    assertEquals(server.getUri() + "/v1", server.baseUrl());
    assertEquals(java.util.List.of("model-a", "model-b"), server.modelNames());
  }

  @Test
  void modelsListsEveryServedModel() throws IOException {
    JsonNode models = json(get("/v1/models").body());
    assertEquals("list", models.get("object").asText());
    assertEquals(2, models.get("data").size());
    assertEquals("model-a", models.at("/data/0/id").asText());
    assertEquals("model", models.at("/data/0/object").asText());
    assertEquals(8192, models.at("/data/0/max_model_len").asInt());
  }

  @Test
  void healthIs200() throws IOException {
    RawHttp.Response r = get("/health");
    assertEquals(200, r.status());
    assertEquals("", r.body());
  }

  @Test
  void tokenizeReturnsTheCountUsedInUsage() throws IOException {
    String messages = "[{\"role\":\"system\",\"content\":\"You are terse.\"},{\"role\":\"user\","
        + "\"content\":\"Explain continuous batching, briefly!\"}]";
    JsonNode tokenized = json(post("/tokenize", "{\"model\":\"model-b\",\"messages\":" + messages + "}").body());
    JsonNode answer = json(post("/v1/chat/completions", "{\"model\":\"model-b\",\"max_tokens\":2,\"messages\":"
        + messages + "}").body());
    assertEquals(answer.at("/usage/prompt_tokens").asInt(), tokenized.get("count").asInt());
    assertEquals(tokenized.get("count").asInt(), tokenized.get("tokens").size());
    assertEquals(8192, tokenized.get("max_model_len").asInt());

    JsonNode text = json(post("/tokenize", "{\"prompt\":\"Hello, world\"}").body());
    JsonNode completion = json(post("/v1/completions", "{\"max_tokens\":1,\"prompt\":\"Hello, world\"}").body());
    assertEquals(completion.at("/usage/prompt_tokens").asInt(), text.get("count").asInt());
    assertEquals(1 + 2 + 1 + 2, text.get("count").asInt(), "BOS, Hello, comma, world");
  }

  @Test
  void detokenizeGivesBackTextOfExactlyAsManyTokensForIdsTokenizeReturned() throws IOException {
    JsonNode tokenized = json(post("/tokenize", "{\"prompt\":\"Continuous batching, explained: the scheduler admits\"}").body());
    JsonNode ids = tokenized.get("tokens");
    // random ids drawn from what /tokenize returned, BOS (from 128,000 on) left out
    java.util.List<Integer> drawn = new java.util.ArrayList<>();
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 40; i++) {
      drawn.add(ids.get(1 + random.nextInt(ids.size() - 1)).asInt());
    }
    JsonNode text = json(post("/detokenize", "{\"model\":\"model-a\",\"tokens\":" + drawn + "}").body());
    JsonNode again = json(post("/tokenize", "{\"prompt\":" + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text.get("prompt").asText()) + "}").body());
    assertEquals(1 + 40, again.get("count").asInt(), "BOS and the 40 drawn tokens: " + text);
    java.util.List<Integer> back = new java.util.ArrayList<>();
    again.get("tokens").forEach(id -> back.add(id.asInt()));
    assertEquals(drawn, back.subList(1, back.size()), "the same ids, in order");
  }

  @Test
  void detokenizeRefusesAnIdItNeverHandedOut() throws IOException {
    RawHttp.Response r = post("/detokenize", "{\"tokens\":[-5]}");
    assertEquals(400, r.status());
    assertTrue(r.body().contains("token id -5 is not in the vocabulary"), r.body());
    assertEquals(400, post("/detokenize", "{\"tokens\":\"abc\"}").status());
  }

  @Test
  void tokenizeRejectsUnknownModel() throws IOException {
    assertEquals(404, post("/tokenize", "{\"model\":\"nope\",\"prompt\":\"x\"}").status());
  }

  @Test
  void metricsUseVllmNamesAndCount() throws IOException {
    double successBefore = metric(get("/metrics").body(),
        "vllm:request_success_total{engine=\"0\",model_name=\"model-a\",finished_reason=\"length\"}");
    try (RawHttp http = new RawHttp(server.getUri())) {
      http.exchange(RawHttp.postJson("/v1/chat/completions", chatBody("model-a", true, false, 7), id("m-1")));
    }
    RawHttp.Response r = get("/metrics");
    assertTrue(r.headers().get("content-type").startsWith("text/plain; version=0.0.4"));
    String text = r.body();
    for (String name : new String[] {"vllm:num_requests_running", "vllm:num_requests_waiting",
        "vllm:kv_cache_usage_perc", "vllm:prompt_tokens_total", "vllm:generation_tokens_total",
        "vllm:request_success_total", "vllm:num_preemptions_total", "vllm:time_to_first_token_seconds_bucket",
        "vllm:inter_token_latency_seconds_bucket", "vllm:e2e_request_latency_seconds_count"}) {
      assertTrue(text.contains("\n" + name + "{"), name + " missing in\n" + text);
      assertTrue(text.contains("# TYPE " + name.replaceAll("_(bucket|count)$", "") + " "), "TYPE of " + name);
    }
    String labels = "{engine=\"0\",model_name=\"model-a\"";
    assertEquals(successBefore + 1, metric(text,
        "vllm:request_success_total" + labels + ",finished_reason=\"length\"}"));
    assertTrue(metric(text, "vllm:generation_tokens_total" + labels + "}") >= 7);
    assertTrue(metric(text, "vllm:time_to_first_token_seconds_count" + labels + "}") >= 1);
    assertTrue(metric(text, "vllm:inter_token_latency_seconds_count" + labels + "}") >= 6);
    assertEquals(0, metric(text, "vllm:num_requests_running" + labels + "}"));
  }

  private static double metric(String text, String series) {
    Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private static RawHttp.Response get(String path) throws IOException {
    try (RawHttp http = new RawHttp(server.getUri())) {
      return http.exchange(RawHttp.request("GET", path, Map.of(), null));
    }
  }

  private static RawHttp.Response post(String path, String body) throws IOException {
    try (RawHttp http = new RawHttp(server.getUri())) {
      return http.exchange(RawHttp.postJson(path, body, Map.of()));
    }
  }
}

package dev.llmload.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmload.config.Api;
import dev.llmload.config.RequestSettings;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Quotes, a backslash, newline, tab, a control character, accents, CJK and an astral-plane emoji. */
  private static final String TRICKY_PROMPT = "Say \"hi\" \\ then\nnew line\tand \u0001 é 日本語 \uD83D\uDE00 </script>";

  private static JsonNode body(Api api, String prompt, RequestSettings request) throws Exception {
    String json = RequestBodies.streaming(api, "my-model", prompt, request);
    return MAPPER.readTree(json);
  }

  private static TreeSet<String> fieldNames(JsonNode node) {
    TreeSet<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void chatBodyHasMessagesBothTokenLimitsStreamAndUsage() throws Exception {
    JsonNode b = body(Api.CHAT, "Hello", new RequestSettings(64, true, "unused", Map.of(), Duration.ZERO));

    assertEquals(new TreeSet<>(List.of("model", "messages", "max_completion_tokens", "max_tokens", "ignore_eos", "stream_options",
        "stream")), fieldNames(b));
    assertEquals("my-model", b.get("model").asText());
    assertEquals(1, b.get("messages").size());
    assertEquals("user", b.get("messages").get(0).get("role").asText());
    assertEquals("Hello", b.get("messages").get(0).get("content").asText());
    assertEquals(64, b.get("max_tokens").asInt());
    assertEquals(64, b.get("max_completion_tokens").asInt());
    assertTrue(b.get("ignore_eos").isBoolean() && b.get("ignore_eos").asBoolean());
    assertTrue(b.get("stream").isBoolean() && b.get("stream").asBoolean());
    assertTrue(b.get("stream_options").get("include_usage").asBoolean());
  }

  @Test
  void completionsBodyHasPromptAndNoMessages() throws Exception {
    JsonNode b = body(Api.COMPLETIONS, "Once upon", new RequestSettings(7, true, "unused", Map.of(), Duration.ZERO));

    assertEquals(new TreeSet<>(List.of("model", "prompt", "max_tokens", "ignore_eos", "stream_options", "stream")), fieldNames(b));
    assertEquals("Once upon", b.get("prompt").asText());
    assertEquals(7, b.get("max_tokens").asInt());
    assertTrue(b.get("stream").asBoolean());
    assertTrue(b.get("stream_options").get("include_usage").asBoolean());
  }

  @Test
  void ignoreEosIsOnlySentWhenSet() throws Exception {
    assertFalse(body(Api.CHAT, "x", new RequestSettings(8, false, "x", Map.of(), Duration.ZERO)).has("ignore_eos"));
    assertFalse(body(Api.COMPLETIONS, "x", new RequestSettings(8, false, "x", Map.of(), Duration.ZERO)).has("ignore_eos"));
  }

  @Test
  void promptIsEscapedIntoValidJson() throws Exception {
    String json = RequestBodies.streaming(Api.CHAT, "m", TRICKY_PROMPT, new RequestSettings(8, false, "x", Map.of(), Duration.ZERO));

    assertTrue(json.contains("Say \\\"hi\\\" \\\\ then\\nnew line\\tand \\u0001"), json);
    assertFalse(json.contains("\n"), "a raw newline would end up inside a JSON string: " + json);
    assertEquals(TRICKY_PROMPT, MAPPER.readTree(json).get("messages").get(0).get("content").asText());

    String completions = RequestBodies.streaming(Api.COMPLETIONS, "m", TRICKY_PROMPT, new RequestSettings(8, false, "x", Map.of(), Duration.ZERO));
    assertEquals(TRICKY_PROMPT, MAPPER.readTree(completions).get("prompt").asText());
  }

  @Test
  void modelNameIsEscapedToo() throws Exception {
    String json = RequestBodies.streaming(Api.CHAT, "org/\"quoted\"", "p", new RequestSettings(8, false, "x", Map.of(), Duration.ZERO));
    assertEquals("org/\"quoted\"", MAPPER.readTree(json).get("model").asText());
  }

  @Test
  void extraBodyIsPassedThroughWithNestedValues() throws Exception {
    Map<String, Object> extra = Map.of(
        "temperature", 0.7,
        "top_p", 0.9,
        "stop", List.of("\n\n", "END"),
        "chat_template_kwargs", Map.of("enable_thinking", false));
    JsonNode b = body(Api.CHAT, "p", new RequestSettings(8, false, "x", extra, Duration.ZERO));

    assertEquals(0.7, b.get("temperature").asDouble(), 0.0);
    assertEquals(0.9, b.get("top_p").asDouble(), 0.0);
    assertEquals("\n\n", b.get("stop").get(0).asText());
    assertEquals("END", b.get("stop").get(1).asText());
    assertTrue(b.get("chat_template_kwargs").get("enable_thinking").isBoolean());
    assertFalse(b.get("chat_template_kwargs").get("enable_thinking").asBoolean());
  }

  @Test
  void extraBodyMayOverrideFieldsButNeverTurnsStreamingOff() throws Exception {
    Map<String, Object> extra = Map.of("stream", false, "max_tokens", 5);
    JsonNode b = body(Api.CHAT, "p", new RequestSettings(8, false, "x", extra, Duration.ZERO));

    assertTrue(b.get("stream").asBoolean());
    assertEquals(5, b.get("max_tokens").asInt());

    JsonNode asText = body(Api.COMPLETIONS, "p", new RequestSettings(8, false, "x", Map.of("stream", "false"), Duration.ZERO));
    assertTrue(asText.get("stream").isBoolean() && asText.get("stream").asBoolean());
  }
}

package dev.llmload.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmload.config.Api;
import dev.llmload.config.ConfigException;
import dev.llmload.config.RequestSettings;
import dev.llmload.config.SettingsLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  // ---- extraBody from the command line: -D values are text, the body gets the type the user meant ----

  @TempDir
  Path userFiles;

  /** The chat body of a run started with these {@code -D} properties (and no profile). */
  private JsonNode bodyFromCommandLine(String... keysAndValues) throws Exception {
    return body(Api.CHAT, "p", SettingsLoader.loadForTest(commandLine(keysAndValues), Map.of()).request());
  }

  @Test
  void scalarsGivenKeyByKeyKeepTheirType() throws Exception {
    JsonNode b = bodyFromCommandLine(
        "llm.request.extraBody.temperature", "1.5",
        "llm.request.extraBody.n", "2",
        "llm.request.extraBody.presence_penalty", "-0.5",
        "llm.request.extraBody.min_p", "1e-3",
        "llm.request.extraBody.logprobs", "true",
        "llm.request.extraBody.echo", "false",
        "llm.request.extraBody.seed", "null",
        "llm.request.extraBody.user", "alice",
        "llm.request.extraBody.top_k", " 40 ");

    assertTrue(b.get("temperature").isDouble(), b.toString());
    assertEquals(1.5, b.get("temperature").doubleValue(), 0.0);
    assertTrue(b.get("n").isInt(), b.toString());
    assertEquals(2, b.get("n").intValue());
    assertEquals(-0.5, b.get("presence_penalty").doubleValue(), 0.0);
    assertTrue(b.get("min_p").isDouble(), b.toString());
    assertEquals(0.001, b.get("min_p").doubleValue(), 0.0);
    assertTrue(b.get("logprobs").isBoolean() && b.get("logprobs").booleanValue(), b.toString());
    assertTrue(b.get("echo").isBoolean() && !b.get("echo").booleanValue(), b.toString());
    assertTrue(b.has("seed") && b.get("seed").isNull(), "null is JSON null: " + b);
    assertTrue(b.get("user").isTextual(), b.toString());
    assertEquals("alice", b.get("user").textValue());
    assertEquals(40, b.get("top_k").intValue(), "spaces around a number do not make it text");
  }

  @Test
  void theSerialisedBodyHasNumbersNotStrings() throws Exception {
    String json = RequestBodies.streaming(Api.CHAT, "m", "p", SettingsLoader.loadForTest(commandLine(
        "llm.request.extraBody.temperature", "1.5", "llm.request.extraBody.seed", "42", "llm.request.extraBody.logprobs", "true"),
        Map.of()).request());
    assertTrue(json.contains("\"temperature\":1.5"), json);
    assertTrue(json.contains("\"seed\":42"), json);
    assertTrue(json.contains("\"logprobs\":true"), json);
  }

  @Test
  void textThatOnlyLooksLikeAnotherTypeStaysText() throws Exception {
    JsonNode b = bodyFromCommandLine(
        "llm.request.extraBody.quoted_number", "\"42\"",
        "llm.request.extraBody.quoted_true", "\"true\"",
        "llm.request.extraBody.quoted_null", "\"null\"",
        "llm.request.extraBody.escaped", "\"a\\nb \\\"q\\\"\"",
        "llm.request.extraBody.zip", "007",
        "llm.request.extraBody.capital", "True",
        "llm.request.extraBody.spaced", "1 5",
        "llm.request.extraBody.huge", "123456789012345678901234567890");

    assertEquals("42", b.get("quoted_number").textValue(), "a quoted value stays text: " + b);
    assertEquals("true", b.get("quoted_true").textValue());
    assertEquals("null", b.get("quoted_null").textValue());
    assertEquals("a\nb \"q\"", b.get("escaped").textValue(), "a quoted value is a JSON string, escapes included");
    assertEquals("007", b.get("zip").textValue(), "not a JSON number");
    assertEquals("True", b.get("capital").textValue(), "only lower-case true and false are booleans");
    assertEquals("1 5", b.get("spaced").textValue());
    assertEquals("123456789012345678901234567890", b.get("huge").textValue(), "beyond a long: text, as HOCON keeps it");
  }

  @Test
  void listAndNestedObjectGivenKeyByKey() throws Exception {
    JsonNode b = bodyFromCommandLine(
        "llm.request.extraBody.stop", "[\"\\n\\n\", \"END\"]",
        "llm.request.extraBody.logit_bias", "{\"50256\": -100}",
        "llm.request.extraBody.chat_template_kwargs.enable_thinking", "false");

    assertTrue(b.get("stop").isArray(), b.toString());
    assertEquals(2, b.get("stop").size());
    assertEquals("\n\n", b.get("stop").get(0).textValue());
    assertEquals("END", b.get("stop").get(1).textValue());
    assertTrue(b.get("logit_bias").isObject(), b.toString());
    assertEquals(-100, b.get("logit_bias").get("50256").intValue());
    assertTrue(b.get("chat_template_kwargs").isObject(), b.toString());
    assertTrue(b.get("chat_template_kwargs").get("enable_thinking").isBoolean());
    assertFalse(b.get("chat_template_kwargs").get("enable_thinking").booleanValue());
  }

  @Test
  void wholeObjectAsJson() throws Exception {
    JsonNode b = bodyFromCommandLine("llm.request.extraBody",
        "{\"temperature\":1.5,\"stop\":[\"\\n\"],\"n\":2,\"logprobs\":true,\"seed\":null,\"user\":\"42\","
            + "\"response_format\":{\"type\":\"json_object\"}}");

    assertEquals(1.5, b.get("temperature").doubleValue(), 0.0);
    assertTrue(b.get("temperature").isNumber());
    assertEquals("\n", b.get("stop").get(0).textValue());
    assertTrue(b.get("n").isInt());
    assertTrue(b.get("logprobs").isBoolean());
    assertTrue(b.get("seed").isNull());
    assertEquals("42", b.get("user").textValue(), "a JSON string stays a string");
    assertEquals("json_object", b.get("response_format").get("type").textValue());
  }

  @Test
  void wholeObjectAsHocon() throws Exception {
    JsonNode b = bodyFromCommandLine("llm.request.extraBody", "{temperature=1.5, top_p=0.9, stop=[END], seed=\"42\", kw {a=true}}");

    assertTrue(b.get("temperature").isNumber() && b.get("top_p").isNumber(), b.toString());
    assertEquals(0.9, b.get("top_p").doubleValue(), 0.0);
    assertEquals("END", b.get("stop").get(0).textValue());
    assertEquals("42", b.get("seed").textValue());
    assertTrue(b.get("kw").get("a").booleanValue());
  }

  @Test
  void profileValuesKeepTheirHoconTypesAndMergeWithTheCommandLine() throws Exception {
    Files.writeString(userFiles.resolve("sampling.conf"), "llm.request.extraBody { top_p = 0.9, seed = \"7\", stop = [\"\\n\"] }\n");
    JsonNode b = bodyFromCommandLine("llm.profile", "sampling", "llm.request.extraBody.temperature", "1.5");

    assertTrue(b.get("top_p").isDouble(), b.toString());
    assertEquals("7", b.get("seed").textValue(), "a string in the profile stays a string");
    assertEquals("\n", b.get("stop").get(0).textValue());
    assertEquals(1.5, b.get("temperature").doubleValue(), 0.0);
  }

  @Test
  void aMalformedObjectNamesTheKeyAndTheForm() {
    ConfigException e = assertThrows(ConfigException.class, () -> bodyFromCommandLine("llm.request.extraBody", "{\"temperature\":}"));
    assertEquals("llm.request.extraBody: invalid value \"{\"temperature\":}\" (must be a JSON or HOCON object such as "
        + "{\"temperature\":0.7} or {temperature=0.7, top_p=0.9}; Expecting a value but got wrong token: '}')", e.getMessage());
  }

  private Properties commandLine(String... keysAndValues) {
    Properties commandLine = new Properties();
    commandLine.setProperty("llm.userFiles", userFiles.toString());
    for (int i = 0; i < keysAndValues.length; i += 2) {
      commandLine.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return commandLine;
  }

  private static final List<dev.llmload.workload.RequestSource.Message> CONVERSATION = List.of(
      new dev.llmload.workload.RequestSource.Message("system", "Be brief."),
      new dev.llmload.workload.RequestSource.Message("user", TRICKY_PROMPT));

  @Test
  void chatSendsAConversationsMessagesInOrder() throws Exception {
    JsonNode b = MAPPER.readTree(RequestBodies.streaming(Api.CHAT, "my-model", "unused", CONVERSATION,
        new RequestSettings(64, true, "unused", Map.of(), Duration.ZERO)));
    assertEquals("[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":"
        + MAPPER.writeValueAsString(TRICKY_PROMPT) + "}]", b.get("messages").toString());
    assertEquals(64, b.get("max_completion_tokens").asInt());
  }

  @Test
  void chatWithoutMessagesSendsThePromptAsOneUserMessage() throws Exception {
    JsonNode b = MAPPER.readTree(RequestBodies.streaming(Api.CHAT, "my-model", "Hello", List.of(),
        new RequestSettings(64, true, "unused", Map.of(), Duration.ZERO)));
    assertEquals("[{\"role\":\"user\",\"content\":\"Hello\"}]", b.get("messages").toString());
  }

  @Test
  void completionsJoinsAConversationIntoRoleColonContentLines() throws Exception {
    JsonNode b = MAPPER.readTree(RequestBodies.streaming(Api.COMPLETIONS, "my-model", "unused", CONVERSATION,
        new RequestSettings(64, true, "unused", Map.of(), Duration.ZERO)));
    assertEquals("system: Be brief.\nuser: " + TRICKY_PROMPT, b.get("prompt").asText());
    assertFalse(b.has("messages"));
  }

  private static RequestSettings drawnOutputs(boolean minTokens) {
    return new RequestSettings(64, true, "unused", Map.of(), Duration.ZERO, true, java.util.Optional.empty(),
        dev.llmload.config.TokenizerChoice.AUTO, java.util.Optional.empty(),
        new RequestSettings.Synthetic(java.util.Optional.empty(), java.util.Optional.of(new dev.llmload.config.TokenLength.Fixed(9)), minTokens));
  }

  @Test
  void aPlannedRequestSendsItsOwnMaxTokensAndMinTokensWithDrawnOutputLengths() throws Exception {
    dev.llmload.workload.RequestSource.PlannedRequest planned = new dev.llmload.workload.RequestSource.PlannedRequest("Hello", Map.of())
        .withMaxTokens(300);
    JsonNode chat = MAPPER.readTree(RequestBodies.streaming(Api.CHAT, "my-model", planned, drawnOutputs(true)));
    assertEquals(300, chat.get("max_tokens").asInt());
    assertEquals(300, chat.get("max_completion_tokens").asInt());
    assertEquals(300, chat.get("min_tokens").asInt());
    assertTrue(chat.get("ignore_eos").asBoolean());
    JsonNode completions = MAPPER.readTree(RequestBodies.streaming(Api.COMPLETIONS, "my-model", planned, drawnOutputs(false)));
    assertEquals(300, completions.get("max_tokens").asInt());
    assertFalse(completions.has("min_tokens"), "minTokens = false: a server that refuses unknown fields gets none");
  }

  @Test
  void withoutItsOwnMaxTokensAPlannedRequestAsksForTheConfiguredOnesAndNoMinTokens() throws Exception {
    JsonNode b = MAPPER.readTree(RequestBodies.streaming(Api.CHAT, "my-model",
        new dev.llmload.workload.RequestSource.PlannedRequest("Hello", Map.of()), new RequestSettings(64, true, "unused", Map.of(), Duration.ZERO)));
    assertEquals(64, b.get("max_tokens").asInt());
    assertFalse(b.has("min_tokens"));
  }
}

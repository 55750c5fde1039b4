package dev.llmload.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One SSE message at a time; whole streams are in {@link StreamAssemblerTest}. */
class StreamEventParserTest {

  private static StreamEvent parse(String chunkJson) {
    return StreamEventParser.parseData(chunkJson);
  }

  // ---- isDone ----

  @Test
  void doneSentinelIsDone() {
    assertTrue(StreamEventParser.isDone("[DONE]"));
    assertTrue(StreamEventParser.isDone("[DONE] "), "trailing white space after the sentinel");
  }

  @Test
  void contentThatMerelyContainsDoneTextIsNotDone() {
    assertFalse(StreamEventParser.isDone("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"[DONE]\"},\"finish_reason\":null}]}"));
    assertFalse(StreamEventParser.isDone("the answer is [DONE]"));
    assertFalse(StreamEventParser.isDone("[DONE]]"));
    assertFalse(StreamEventParser.isDone("{\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}"));
  }

  // ---- parseData: chat chunks ----

  @Test
  void vllmRoleChunkWithEmptyContentIsRoleOnlyNotContent() {
    StreamEvent e = parse("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
        + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}");
    assertTrue(e.roleOnly());
    assertFalse(e.contentChunk());
    assertNull(e.finishReason());
    assertFalse(e.hasUsage());
    assertFalse(e.malformed());
    assertNull(e.error());
  }

  @Test
  void contentChunkIsContent() {
    StreamEvent e = parse("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"finish_reason\":null}]}");
    assertTrue(e.contentChunk());
    assertFalse(e.roleOnly());
    assertNull(e.finishReason());
  }

  @Test
  void roleAndTextInOneChunkIsContentNotRoleOnly() {
    StreamEvent e = parse("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":null}]}");
    assertTrue(e.contentChunk());
    assertFalse(e.roleOnly());
  }

  @Test
  void finishChunkWithEmptyContentIsNotContent() {
    StreamEvent e = parse("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"length\",\"stop_reason\":null}]}");
    assertFalse(e.contentChunk());
    assertFalse(e.roleOnly());
    assertEquals("length", e.finishReason());
  }

  @Test
  void contentAndFinishReasonTogether() {
    StreamEvent e = parse("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\".\"},\"finish_reason\":\"stop\"}]}");
    assertTrue(e.contentChunk());
    assertEquals("stop", e.finishReason());
  }

  @Test
  void usageChunkWithEmptyChoices() {
    StreamEvent e = parse("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
        + "\"usage\":{\"prompt_tokens\":17,\"total_tokens\":21,\"completion_tokens\":4}}");
    assertTrue(e.hasUsage());
    assertEquals(17, e.promptTokens());
    assertEquals(4, e.completionTokens());
    assertFalse(e.contentChunk());
    assertFalse(e.roleOnly());
    assertFalse(e.malformed());
  }

  @Test
  void usageNullIsNoUsage() {
    StreamEvent e = parse("{\"choices\":[{\"index\":0,\"text\":\" a\",\"finish_reason\":null}],\"usage\":null}");
    assertFalse(e.hasUsage());
    assertEquals(-1, e.promptTokens());
    assertEquals(-1, e.completionTokens());
  }

  @Test
  void completionsTextChunkIsContent() {
    StreamEvent e = parse("{\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":\" The\",\"logprobs\":null,"
        + "\"finish_reason\":null}],\"usage\":null}");
    assertTrue(e.contentChunk());
    assertNull(e.finishReason());
  }

  @Test
  void completionsEmptyTextIsNotContent() {
    assertFalse(parse("{\"choices\":[{\"index\":0,\"text\":\"\",\"finish_reason\":\"length\"}]}").contentChunk());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"Let me think\"},\"finish_reason\":null}]}",
      "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"Let me think\"},\"finish_reason\":null}]}",
      "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\"}}]},\"finish_reason\":null}]}"})
  void reasoningAndToolCallDeltasAreContent(String chunk) {
    StreamEvent e = parse(chunk);
    assertTrue(e.contentChunk());
    assertFalse(e.roleOnly());
  }

  @Test
  void emptyToolCallsIsNotContent() {
    assertFalse(parse("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[]},\"finish_reason\":null}]}").contentChunk());
  }

  // ---- errors and malformed ----

  @Test
  void errorEventCarriesTheServersMessage() {
    StreamEvent e = parse("{\"error\":{\"message\":\"The model is overloaded.\",\"type\":\"ServiceUnavailableError\",\"code\":503}}");
    assertEquals("The model is overloaded.", e.error());
    assertFalse(e.contentChunk());
    assertFalse(e.malformed());
  }

  @Test
  void errorAsPlainString() {
    assertEquals("rate limited", parse("{\"error\":\"rate limited\"}").error());
  }

  @Test
  void errorWithoutMessageKeepsTheWholeErrorObject() {
    assertEquals("{\"type\":\"server_error\"}", parse("{\"error\":{\"type\":\"server_error\"}}").error());
  }

  @Test
  void errorNullIsNoError() {
    StreamEvent e = parse("{\"error\":null,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}");
    assertNull(e.error());
    assertTrue(e.contentChunk());
  }

  @ParameterizedTest
  @ValueSource(strings = {"text with \"escapes\"", "", "null", "[1,2]", "42", "{\"object\":\"keepalive\"}",
      "{\"choices\":{}}", "{\"choices\":[{\"delta\":{\"content\":\"x\"}}]"})
  void notAChunkIsMalformed(String data) {
    StreamEvent e = parse(data);
    assertTrue(e.malformed(), data);
    assertFalse(e.contentChunk());
    assertNull(e.error());
  }

  // ---- cached prompt tokens ----

  @Test
  void cachedTokensAreReadFromPromptTokensDetails() {
    StreamEvent e = parse("{\"choices\":[],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":4,\"total_tokens\":44,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":32}}}");
    assertEquals(40, e.promptTokens());
    assertEquals(32, e.cachedPromptTokens());
  }

  @Test
  void zeroCachedTokensIsZeroNotUnknown() {
    assertEquals(0, parse("{\"choices\":[],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":4,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0}}}").cachedPromptTokens());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"choices\":[],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":4}}",
      "{\"choices\":[],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":4,\"prompt_tokens_details\":null}}",
      "{\"choices\":[],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":4,\"prompt_tokens_details\":{}}}",
      "{\"choices\":[],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":4,\"prompt_tokens_details\":{\"cached_tokens\":null}}}",
      "{\"choices\":[],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":4,\"prompt_tokens_details\":{\"cached_tokens\":\"32\"}}}",
      "{\"choices\":[],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":4,\"prompt_tokens_details\":{\"cached_tokens\":-3}}}",
      "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}"})
  void cachedTokensTheServerDidNotStateAreUnknown(String chunk) {
    assertEquals(-1, parse(chunk).cachedPromptTokens(), "absent or unreadable is unknown (-1), never 0");
  }
}

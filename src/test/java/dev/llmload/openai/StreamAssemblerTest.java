package dev.llmload.openai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.metrics.FailureKind;
import dev.llmload.metrics.Outcome;
import org.junit.jupiter.api.Test;

/** Whole golden streams (fixtures {@code *.sse}), assembled and classified as the recorder does. */
class StreamAssemblerTest {

  /** An arbitrary System.nanoTime() origin, to show that times are passed through unchanged. */
  private static final long SEND_NANOS = 5_000_000_000L;

  private static long[] nanos(long... micros) {
    long[] out = new long[micros.length];
    for (int i = 0; i < micros.length; i++) {
      out[i] = SEND_NANOS + micros[i] * 1_000;
    }
    return out;
  }

  @Test
  void vllmChatRoleChunkFinishChunkAndUsageChunkAreNotContent() {
    SseTranscript t = SseTranscript.load("vllm-chat.sse");
    AssembledStream s = t.assemble(SEND_NANOS);

    assertArrayEquals(nanos(41_000, 61_000, 81_000, 101_000), s.contentNanos());
    assertEquals("length", s.finishReason());
    assertEquals(17, s.promptTokens());
    assertEquals(4, s.completionTokens());
    assertNull(s.error());
    assertEquals(0, s.malformed());
    assertNull(s.malformedSample());
    assertFalse(s.restarted());
    assertEquals(new AssembledStream.Classification(Outcome.SUCCESSFUL, null, null), s.classify(t.messagesBeforeDone(), null));
  }

  @Test
  void vllmCompletionsTextChunksWithLastTokenAndFinishTogether() {
    SseTranscript t = SseTranscript.load("vllm-completions.sse");
    AssembledStream s = t.assemble(SEND_NANOS);

    assertArrayEquals(nanos(30_000, 50_000, 70_000, 90_000), s.contentNanos());
    assertEquals("length", s.finishReason());
    assertEquals(5, s.promptTokens());
    assertEquals(4, s.completionTokens());
    assertEquals(Outcome.SUCCESSFUL, s.classify(t.messagesBeforeDone(), null).outcome());
  }

  @Test
  void reasoningDeltasCountAsContentAndNoUsageLeavesCountsUnknown() {
    SseTranscript t = SseTranscript.load("reasoning.sse");
    AssembledStream s = t.assemble(SEND_NANOS);

    assertArrayEquals(nanos(52_000, 62_000, 72_000), s.contentNanos());
    assertEquals("stop", s.finishReason());
    assertEquals(-1, s.promptTokens());
    assertEquals(-1, s.completionTokens());
    assertEquals(Outcome.SUCCESSFUL, s.classify(t.messagesBeforeDone(), null).outcome());
  }

  @Test
  void errorEventMakesTheRequestErroredWithTheServersMessage() {
    SseTranscript t = SseTranscript.load("error-event.sse");
    AssembledStream s = t.assemble(SEND_NANOS);

    assertArrayEquals(nanos(21_000), s.contentNanos());
    assertEquals("The model is overloaded. Please retry.", s.error());
    assertEquals(new AssembledStream.Classification(Outcome.ERRORED, FailureKind.ERROR_EVENT, "The model is overloaded. Please retry."),
        s.classify(t.messagesBeforeDone(), null));
  }

  @Test
  void roleChunkAfterContentIsARestart() {
    SseTranscript t = SseTranscript.load("restarted.sse");
    AssembledStream s = t.assemble(SEND_NANOS);

    assertTrue(s.restarted());
    assertEquals(4, s.contentNanos().length);
    AssembledStream.Classification c = s.classify(t.messagesBeforeDone(), null);
    assertEquals(Outcome.INCOMPLETE, c.outcome(), "a finish reason after a restart does not make it successful");
    assertEquals(FailureKind.STREAM_RESTARTED, c.failureKind());
    assertTrue(c.errorMessage().contains("started over"), c.errorMessage());
  }

  @Test
  void ollamaClosingChunkWithRoleAndFinishReasonIsNotARestart() {
    SseTranscript t = SseTranscript.load("ollama-chat.sse");
    AssembledStream s = t.assemble(SEND_NANOS);

    assertArrayEquals(nanos(80_000, 95_000), s.contentNanos());
    assertFalse(s.restarted());
    assertEquals("stop", s.finishReason());
    assertEquals(2, s.completionTokens());
    assertEquals(Outcome.SUCCESSFUL, s.classify(t.messagesBeforeDone(), null).outcome());
  }

  @Test
  void malformedMessagesAreCountedAndTheFirstIsKept() {
    SseTranscript t = SseTranscript.load("malformed.sse");
    AssembledStream s = t.assemble(SEND_NANOS);

    assertEquals(2, s.malformed());
    assertEquals("text with \"escapes\"", s.malformedSample());
    assertArrayEquals(nanos(11_000, 21_000), s.contentNanos());
    assertEquals(Outcome.SUCCESSFUL, s.classify(t.messagesBeforeDone(), null).outcome());
  }

  @Test
  void malformedSampleIsTruncatedTo200Characters() {
    String garbage = "x".repeat(150) + "y".repeat(150);
    String[] messages = {garbage};
    AssembledStream s = StreamAssembler.assemble(new long[] {1}, messages, 1);

    assertEquals(1, s.malformed());
    assertEquals("x".repeat(150) + "y".repeat(50) + "...", s.malformedSample());
  }

  @Test
  void malformedSampleOfExactly200CharactersIsKeptWhole() {
    String garbage = "z".repeat(200);
    AssembledStream s = StreamAssembler.assemble(new long[] {1}, new String[] {garbage}, 1);
    assertEquals(garbage, s.malformedSample());
  }

  @Test
  void onlyTheFirstCountEntriesAreRead() {
    SseTranscript t = SseTranscript.load("vllm-chat.sse");
    long[] times = nanos(t.arrivalMicros());
    // role chunk and the first two content chunks only: the stream was cut there
    AssembledStream s = StreamAssembler.assemble(times, t.messages(), 3);

    assertArrayEquals(nanos(41_000, 61_000), s.contentNanos());
    assertNull(s.finishReason());
    assertEquals(-1, s.completionTokens());
    assertEquals(new AssembledStream.Classification(Outcome.INCOMPLETE, FailureKind.STREAM_CUT, "the stream ended before a finish reason"),
        s.classify(3, null));
  }

  @Test
  void cachedTokensComeFromTheUsageChunkAndAreUnknownWithoutIt() {
    String role = "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}";
    String content = "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" kade\"},\"finish_reason\":\"length\"}]}";
    String usage = "{\"choices\":[],\"usage\":{\"prompt_tokens\":48,\"completion_tokens\":1,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":32}}}";
    String plainUsage = "{\"choices\":[],\"usage\":{\"prompt_tokens\":48,\"completion_tokens\":1}}";
    long[] times = {1, 2, 3};

    assertEquals(32, StreamAssembler.assemble(times, new String[] {role, content, usage}, 3).cachedPromptTokens());
    assertEquals(-1, StreamAssembler.assemble(times, new String[] {role, content, plainUsage}, 3).cachedPromptTokens(),
        "usage without prompt_tokens_details (vLLM by default)");
    assertEquals(-1, StreamAssembler.assemble(times, new String[] {role, content}, 2).cachedPromptTokens(), "no usage at all");
  }
}

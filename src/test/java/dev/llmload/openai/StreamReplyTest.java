package dev.llmload.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmload.metrics.FailureKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reply a conversation's next turn carries: the content deltas joined, and the record's own verdict. */
class StreamReplyTest {

  /** The transcript's messages before {@code [DONE]}, as the tracker holds them. */
  private static StreamReply reply(SseTranscript t, TransportFailure failure) {
    List<String> kept = new ArrayList<>();
    for (String m : t.messages()) {
      if (!StreamEventParser.isDone(m)) {
        kept.add(m);
      }
    }
    return StreamReply.of(new long[kept.size()], kept.toArray(String[]::new), kept.size(), failure);
  }

  @Test
  void aChatReplyIsItsContentDeltasJoined() {
    assertEquals(new StreamReply(true, "Hello, world!"), reply(SseTranscript.load("vllm-chat.sse"), null),
        "the role chunk, the empty finish chunk and the usage chunk add nothing");
  }

  @Test
  void aCompletionsReplyIsItsTextChunksJoined() {
    assertEquals(new StreamReply(true, " The sky is blue"), reply(SseTranscript.load("vllm-completions.sse"), null));
  }

  @Test
  void reasoningIsNotPartOfTheReply() {
    assertEquals(new StreamReply(true, "Yes."), reply(SseTranscript.load("reasoning.sse"), null));
  }

  @Test
  void aFailedStreamHasNoReplyWhatItDeliveredNotwithstanding() {
    assertEquals(new StreamReply(false, ""), reply(SseTranscript.load("error-event.sse"), null), "an error event after content");
    TransportFailure cut = new TransportFailure(FailureKind.STREAM_CUT, "the connection closed", -1);
    SseTranscript chat = SseTranscript.load("vllm-chat.sse");
    String[] firstTwo = {chat.messages()[0], chat.messages()[1]};
    assertEquals(new StreamReply(false, ""), StreamReply.of(new long[2], firstTwo, 2, cut), "cut before the finish reason");
  }

  @Test
  void onlyChoiceZeroAndOnlyTextCount() {
    assertEquals("a", StreamReply.contentOf("{\"choices\":[{\"index\":1,\"delta\":{\"content\":\"b\"}},{\"index\":0,\"delta\":{\"content\":\"a\"}}]}"));
    assertEquals("", StreamReply.contentOf("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"x\"}]}}]}"));
    assertEquals("", StreamReply.contentOf("not json"));
    assertEquals("", StreamReply.contentOf("{\"choices\":[],\"usage\":{\"prompt_tokens\":1}}"));
  }

  @Test
  void theTextAStreamDeliveredIsKeptWhateverItsOutcome() {
    SseTranscript chat = SseTranscript.load("vllm-chat.sse");
    List<String> kept = new ArrayList<>();
    for (String m : chat.messages()) {
      if (!StreamEventParser.isDone(m)) {
        kept.add(m);
      }
    }
    assertEquals("Hello, world!", StreamReply.textOf(kept.toArray(String[]::new), kept.size()));
    assertEquals("", StreamReply.textOf(new String[0], 0));
    String[] cut = {"{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}"};
    assertEquals("Hel", StreamReply.textOf(cut, 1), "a stream cut after one chunk delivered its text");
  }
}

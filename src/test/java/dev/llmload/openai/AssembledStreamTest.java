package dev.llmload.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmload.metrics.Outcome;
import org.junit.jupiter.api.Test;

/** {@link AssembledStream#classify}: which outcome wins when several signals are present. */
class AssembledStreamTest {

  private static AssembledStream stream(String finish, String error, boolean restarted) {
    return new AssembledStream(new long[] {10, 20}, finish, -1, -1, error, 0, null, restarted);
  }

  @Test
  void finishReasonIsSuccess() {
    assertEquals(new AssembledStream.Classification(Outcome.SUCCESSFUL, null, null), stream("stop", null, false).classify(4, false, false));
  }

  @Test
  void errorEventWinsOverFinishReasonAndRestart() {
    assertEquals(new AssembledStream.Classification(Outcome.ERRORED, "error_event", "boom"), stream("stop", "boom", true).classify(4, false, false));
  }

  @Test
  void restartWinsOverFinishReason() {
    AssembledStream.Classification c = stream("stop", null, true).classify(4, false, false);
    assertEquals(Outcome.INCOMPLETE, c.outcome());
    assertEquals("stream_restarted", c.errorKind());
  }

  @Test
  void noMessageAfterATransportFailureIsAnHttpError() {
    AssembledStream empty = new AssembledStream(new long[0], null, -1, -1, null, 0, null, false);
    assertEquals(new AssembledStream.Classification(Outcome.ERRORED, "http_error",
            "no stream: the server answered with an error status or the connection failed"),
        empty.classify(0, true, false));
    assertEquals(new AssembledStream.Classification(Outcome.ERRORED, "http_error", "the stream ended with no message"),
        empty.classify(0, false, false));
  }

  @Test
  void timeoutIsIncompleteWhetherOrNotMessagesArrived() {
    AssembledStream.Classification expected = new AssembledStream.Classification(Outcome.INCOMPLETE, "timeout",
        "no [DONE] within llm.timeouts.request");
    assertEquals(expected, new AssembledStream(new long[0], null, -1, -1, null, 0, null, false).classify(0, false, true));
    assertEquals(expected, stream(null, null, false).classify(3, false, true));
  }

  @Test
  void streamEndingWithoutFinishReasonIsCut() {
    assertEquals(new AssembledStream.Classification(Outcome.INCOMPLETE, "stream_cut", "the stream ended before a finish reason"),
        stream(null, null, false).classify(3, false, false));
  }
}

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
    assertEquals(new AssembledStream.Classification(Outcome.SUCCESSFUL, null, null), stream("stop", null, false).classify(4, null));
  }

  @Test
  void errorEventWinsOverFinishReasonAndRestart() {
    assertEquals(new AssembledStream.Classification(Outcome.ERRORED, "error_event", "boom"), stream("stop", "boom", true).classify(4, null));
  }

  @Test
  void restartWinsOverFinishReason() {
    AssembledStream.Classification c = stream("stop", null, true).classify(4, null);
    assertEquals(Outcome.INCOMPLETE, c.outcome());
    assertEquals("stream_restarted", c.errorKind());
  }

  @Test
  void noMessageAfterATransportFailureIsAnHttpError() {
    AssembledStream empty = new AssembledStream(new long[0], null, -1, -1, null, 0, null, false);
    assertEquals(new AssembledStream.Classification(Outcome.ERRORED, "rate_limited", "HTTP 429"),
        empty.classify(0, new TransportFailure("rate_limited", "HTTP 429", 429)));
    assertEquals(new AssembledStream.Classification(Outcome.ERRORED, "empty_response", "the response ended before any message"),
        empty.classify(0, null));
  }

  @Test
  void timeoutBeforeAnyMessageIsAnErrorAndAfterSomeIsIncomplete() {
    TransportFailure timeout = new TransportFailure("timeout", "no response within llm.timeouts.request (5 s)", -1);
    assertEquals(new AssembledStream.Classification(Outcome.ERRORED, "timeout", timeout.message()),
        new AssembledStream(new long[0], null, -1, -1, null, 0, null, false).classify(0, timeout));
    assertEquals(new AssembledStream.Classification(Outcome.INCOMPLETE, "timeout", timeout.message()),
        stream(null, null, false).classify(3, timeout));
  }

  @Test
  void streamEndingWithoutFinishReasonIsCut() {
    assertEquals(new AssembledStream.Classification(Outcome.INCOMPLETE, "stream_cut", "the stream ended before a finish reason"),
        stream(null, null, false).classify(3, null));
  }
}

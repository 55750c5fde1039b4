package dev.llmload.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmload.metrics.FailureKind;
import dev.llmload.metrics.Outcome;
import org.junit.jupiter.api.Test;

/** {@link AssembledStream#classify}: which outcome wins when several signals are present. */
class AssembledStreamTest {

  private static AssembledStream stream(String finish, String error, boolean restarted) {
    return new AssembledStream(new long[] {10, 20}, finish, -1, -1, error, 0, null, restarted, -1);
  }

  @Test
  void finishReasonIsSuccess() {
    assertEquals(new AssembledStream.Classification(Outcome.SUCCESSFUL, null, null), stream("stop", null, false).classify(4, null));
  }

  @Test
  void errorEventWinsOverFinishReasonAndRestart() {
    assertEquals(new AssembledStream.Classification(Outcome.ERRORED, FailureKind.ERROR_EVENT, "boom"), stream("stop", "boom", true).classify(4, null));
  }

  @Test
  void errorKindIsTheWireNameOfTheFailureKind() {
    assertEquals("error_event", stream("stop", "boom", false).classify(4, null).errorKind(), "as requests.jsonl holds it");
    assertEquals(null, stream("stop", null, false).classify(4, null).errorKind(), "none on success");
  }

  @Test
  void restartWinsOverFinishReason() {
    AssembledStream.Classification c = stream("stop", null, true).classify(4, null);
    assertEquals(Outcome.INCOMPLETE, c.outcome());
    assertEquals(FailureKind.STREAM_RESTARTED, c.failureKind());
  }

  @Test
  void noMessageAfterATransportFailureIsAnHttpError() {
    AssembledStream empty = new AssembledStream(new long[0], null, -1, -1, null, 0, null, false, -1);
    assertEquals(new AssembledStream.Classification(Outcome.ERRORED, FailureKind.RATE_LIMITED, "HTTP 429"),
        empty.classify(0, new TransportFailure(FailureKind.RATE_LIMITED, "HTTP 429", 429)));
    assertEquals(new AssembledStream.Classification(Outcome.ERRORED, FailureKind.EMPTY_RESPONSE, "the response ended before any message"),
        empty.classify(0, null));
  }

  @Test
  void timeoutBeforeAnyMessageIsAnErrorAndAfterSomeIsIncomplete() {
    TransportFailure timeout = new TransportFailure(FailureKind.TIMEOUT, "no response within llm.timeouts.request (5 s)", -1);
    assertEquals(new AssembledStream.Classification(Outcome.ERRORED, FailureKind.TIMEOUT, timeout.message()),
        new AssembledStream(new long[0], null, -1, -1, null, 0, null, false, -1).classify(0, timeout));
    assertEquals(new AssembledStream.Classification(Outcome.INCOMPLETE, FailureKind.TIMEOUT, timeout.message()),
        stream(null, null, false).classify(3, timeout));
  }

  @Test
  void streamEndingWithoutFinishReasonIsCut() {
    assertEquals(new AssembledStream.Classification(Outcome.INCOMPLETE, FailureKind.STREAM_CUT, "the stream ended before a finish reason"),
        stream(null, null, false).classify(3, null));
  }
}

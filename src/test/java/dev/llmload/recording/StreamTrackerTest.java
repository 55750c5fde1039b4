package dev.llmload.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.metrics.FailureKind;
import dev.llmload.openai.StreamReply;
import dev.llmload.openai.TransportFailure;
import org.junit.jupiter.api.Test;

/** The re-send rule: once, only after a reused connection failed before any byte of response. */
class StreamTrackerTest {

  private static StreamTracker tracker() {
    return new StreamTracker("r-1", 0, false, 1, System.nanoTime());
  }

  @Test
  void theFirstWriteGoesOut() {
    StreamTracker t = tracker();
    t.onWrite();
    assertEquals(-1, t.resendNanos());
  }

  @Test
  void aRequestLostOnAReusedConnectionBeforeAnyResponseIsSentOnceMore() {
    StreamTracker t = tracker();
    t.onWrite();
    t.onConnection(true);
    assertTrue(t.mayResend());
    t.onWrite(); // Gatling's re-send on a fresh connection
    assertTrue(t.resendNanos() >= t.sendNanos());
    t.onConnection(false);
    assertFalse(t.mayResend(), "only once");
    IllegalStateException third = assertThrows(IllegalStateException.class, t::onWrite);
    assertEquals(StreamTracker.RESEND_REFUSED, third.getMessage());
  }

  @Test
  void aRequestOnANewConnectionIsNeverSentTwice() {
    StreamTracker t = tracker();
    t.onWrite();
    t.onConnection(false);
    assertFalse(t.mayResend());
    assertThrows(IllegalStateException.class, t::onWrite);
    assertEquals(-1, t.resendNanos());
  }

  @Test
  void onceTheResponseStartedNothingIsSentAgain() {
    StreamTracker headers = tracker();
    headers.onWrite();
    headers.onConnection(true);
    headers.onResponseStart();
    assertTrue(headers.headersNanos() > 0);
    assertThrows(IllegalStateException.class, headers::onWrite, "a retry after a response had started");

    StreamTracker chunk = tracker();
    chunk.onWrite();
    chunk.onConnection(true);
    chunk.onData("{}");
    assertThrows(IllegalStateException.class, chunk::onWrite);
  }

  @Test
  void aRequestTheWatchdogGaveUpOnStaysUnsent() {
    StreamTracker t = tracker();
    t.onWrite();
    t.onConnection(true);
    t.abort();
    assertFalse(t.mayResend());
    assertThrows(IllegalStateException.class, t::onWrite);
  }

  @Test
  void theHeadersTimeIsTheFirstResponseStart() {
    StreamTracker t = tracker();
    t.onResponseStart();
    long first = t.headersNanos();
    t.onResponseStart();
    assertEquals(first, t.headersNanos());
  }

  @Test
  void aReSendTakenByTheClientIsTheOnlyOneEvenIfItFailsBeforeItsWrite() {
    StreamTracker t = tracker();
    t.onWrite();
    t.onConnection(true);
    assertTrue(t.takeResend(), "a reset on a reused connection: re-send");
    assertFalse(t.takeResend(), "the re-send failed while connecting (refused): no third attempt");
    t.onWrite(); // the granted re-send is written
    assertTrue(t.resendNanos() > 0);
    assertThrows(IllegalStateException.class, t::onWrite);
  }

  @Test
  void aFailureLongAfterTheWriteIsNotTheKeepAliveRace() {
    StreamTracker t = tracker();
    t.onWrite();
    t.onConnection(true, System.nanoTime() - StreamTracker.RACE_WINDOW_NANOS - 1);
    assertFalse(t.mayResend(), "a reset seconds after the write: the server may have been working on it");
    assertThrows(IllegalStateException.class, t::onWrite);
  }

  @Test
  void theReplyIsWhatTheStreamSaidOnceItIsOver() {
    StreamTracker t = new StreamTracker("r-1", 0, false, 1, 0);
    t.onData("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}");
    t.onData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" kade\"}}]}");
    t.onData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" mon\"},\"finish_reason\":\"length\"}]}");
    t.onData("[DONE]");
    assertEquals(new StreamReply(true, " kade mon"), t.reply(null));

    StreamTracker cut = new StreamTracker("r-2", 0, false, 1, 0);
    cut.onData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" kade\"}}]}");
    assertEquals(new StreamReply(false, ""), cut.reply(new TransportFailure(FailureKind.STREAM_CUT, "the connection closed", -1)),
        "cut before a finish reason: no reply, the conversation ends");
  }
}

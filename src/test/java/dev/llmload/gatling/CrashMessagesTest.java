package dev.llmload.gatling;

import dev.llmload.recording.StreamTracker;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmload.metrics.FailureKind;
import dev.llmload.openai.TransportFailure;
import org.junit.jupiter.api.Test;

/** The failure texts a streamed request ends with ({@code StreamEnd}, from real runs) and what they become. */
class CrashMessagesTest {

  private static TransportFailure parse(String crash, boolean anyMessage) {
    return parse(crash, anyMessage ? CrashMessages.Progress.MESSAGES : CrashMessages.Progress.NOTHING);
  }

  private static TransportFailure parse(String crash, CrashMessages.Progress progress) {
    return CrashMessages.parse(crash, "llm.timeouts.request (120 s)", progress);
  }

  @Test
  void errorStatuses() {
    assertEquals(new TransportFailure(FailureKind.RATE_LIMITED, "HTTP 429 Too Many Requests: the server is rate limiting", 429),
        parse("HTTP response with code 429", false));
    assertEquals(new TransportFailure(FailureKind.HTTP_ERROR, "HTTP 503 before the stream started", 503),
        parse("HTTP response with code 503", false));
  }

  @Test
  void anErrorStatusIsNotReadAsTheWrongContentType() {
    assertEquals(FailureKind.HTTP_ERROR, parse("HTTP response with code 404", false).failureKind());
  }

  @Test
  void wrongContentTypeIsAProtocolError() {
    TransportFailure f = parse("HTTP response with code 200 and content-type application/json", false);
    assertEquals(FailureKind.PROTOCOL_ERROR, f.failureKind());
    assertEquals("HTTP 200 with content-type application/json instead of text/event-stream (is stream=true honoured?)", f.message());
  }

  @Test
  void refusedResendIsACutNamedByWhenItHappened() {
    String crash = "java.lang.IllegalStateException: " + StreamTracker.RESEND_REFUSED;
    assertEquals("the connection dropped mid-stream (not retried)", parse(crash, true).message());
    assertEquals(FailureKind.STREAM_CUT, parse(crash, false).failureKind());
    assertEquals("the connection closed before any response: the server dropped it (not retried on a new connection, nor a second time)",
        parse(crash, false).message());
    assertEquals("the connection dropped after the response headers, before any chunk (not retried)",
        parse(crash, CrashMessages.Progress.HEADERS).message());
  }

  @Test
  void aPrematureCloseIsACutToo() {
    String crash = "io.gatling.http.client.impl.PrematureCloseException: Premature close";
    assertEquals(new TransportFailure(FailureKind.STREAM_CUT,
        "the connection closed before any response: the server dropped it (not retried on a new connection, nor a second time)", -1),
        parse(crash, false));
    assertEquals("the connection dropped mid-stream (not retried)", parse(crash, true).message());
  }

  @Test
  void timeoutsRefusalsAndTheRest() {
    assertEquals(new TransportFailure(FailureKind.TIMEOUT, "no complete response within llm.timeouts.request (120 s)", -1),
        parse("io.gatling.http.client.impl.RequestTimeoutException: Request timeout to 127.0.0.1/127.0.0.1:39235 after 2000 ms", false));
    assertEquals(new TransportFailure(FailureKind.TIMEOUT, "no chunk within llm.timeouts.idle (500 ms)", -1),
        parse("no chunk within llm.timeouts.idle (500 ms)", true));
    assertEquals(new TransportFailure(FailureKind.TIMEOUT, "no response headers within llm.timeouts.headers (600 ms)", -1),
        parse("no response headers within llm.timeouts.headers (600 ms)", false));
    assertEquals(new TransportFailure(FailureKind.CONNECTION_REFUSED, "connection refused: finishConnect(..) failed with error(-111): Connection refused", -1),
        parse("io.netty.channel.unix.Errors$NativeConnectException: finishConnect(..) failed with error(-111): Connection refused", false));
    assertEquals(new TransportFailure(FailureKind.STREAM_CUT, "the server ended the response before [DONE]", -1),
        parse("End of stream", true));
    assertEquals(new TransportFailure(FailureKind.TRANSPORT_ERROR, "something else", -1), parse("io.netty.SomeException: something else", false));
  }
}

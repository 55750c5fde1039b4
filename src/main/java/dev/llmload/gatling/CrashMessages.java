package dev.llmload.gatling;

import dev.llmload.metrics.FailureKind;
import dev.llmload.openai.TransportFailure;
import dev.llmload.recording.StreamTracker;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the failure text of a streamed request ({@link dev.llmload.gatling.internal.StreamEnd#failure()}) and says
 * what happened, in our terms: e.g. {@code "HTTP response with code 429"}, {@code "End of stream"},
 * {@code "java.net.ConnectException: Connection refused: /127.0.0.1:8000"}.
 */
final class CrashMessages {

  private static final Pattern STATUS = Pattern.compile("response with code (\\d{3})");
  private static final Pattern CONTENT_TYPE = Pattern.compile("response with code 200 and content-type (.*)$");

  private CrashMessages() {}

  /** How far the response had come when the request failed. */
  enum Progress {
    /** not a byte of response */
    NOTHING,
    /** the status line and headers, no message */
    HEADERS,
    /** at least one stream message */
    MESSAGES
  }

  /**
   * @param crash the failure text
   * @param timeoutName the timeout setting to name when the request timed out
   * @param progress how far the response had come before the failure
   */
  static TransportFailure parse(String crash, String timeoutName, Progress progress) {
    Matcher contentType = CONTENT_TYPE.matcher(crash);
    if (contentType.find()) {
      return new TransportFailure(FailureKind.PROTOCOL_ERROR,
          "HTTP 200 with content-type " + contentType.group(1).strip() + " instead of text/event-stream (is stream=true honoured?)", 200);
    }
    Matcher status = STATUS.matcher(crash);
    if (status.find()) {
      int code = Integer.parseInt(status.group(1));
      if (code == 429) {
        return new TransportFailure(FailureKind.RATE_LIMITED, "HTTP 429 Too Many Requests: the server is rate limiting", code);
      }
      return new TransportFailure(FailureKind.HTTP_ERROR, "HTTP " + code + " before the stream started", code);
    }
    if (crash.contains(StreamTracker.RESEND_REFUSED) || crash.contains("Premature close")) {
      return new TransportFailure(FailureKind.STREAM_CUT, switch (progress) {
        case MESSAGES -> "the connection dropped mid-stream (not retried)";
        case HEADERS -> "the connection dropped after the response headers, before any chunk (not retried)";
        case NOTHING -> "the connection closed before any response: the server dropped it (not retried on a new connection, "
            + "nor a second time)";
      }, -1);
    }
    if (crash.contains("Connection refused")) {
      return new TransportFailure(FailureKind.CONNECTION_REFUSED, "connection refused: " + tail(crash), -1);
    }
    if (crash.contains("Request timeout")) {
      return new TransportFailure(FailureKind.TIMEOUT, "no complete response within " + timeoutName, -1);
    }
    if (crash.contains(StreamWatchdog.IDLE_REASON_PREFIX) || crash.contains(StreamWatchdog.HEADERS_REASON_PREFIX)) {
      return new TransportFailure(FailureKind.TIMEOUT, tail(crash), -1);
    }
    if (crash.contains("End of stream")) {
      return new TransportFailure(FailureKind.STREAM_CUT, "the server ended the response before [DONE]", -1);
    }
    return new TransportFailure(FailureKind.TRANSPORT_ERROR, tail(crash), -1);
  }

  /** The part after an exception's class ("io.netty.channel.SomeException: "). */
  private static String tail(String crash) {
    String s = crash;
    int colon = s.lastIndexOf("Exception: ");
    if (colon >= 0) {
      s = s.substring(colon + "Exception: ".length());
    }
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}

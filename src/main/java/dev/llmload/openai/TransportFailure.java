package dev.llmload.openai;

import java.util.Objects;

/**
 * What the HTTP layer reported when a request failed outside the stream's own content: an error status, a
 * refused connection, a timeout, a cut.
 *
 * @param kind failure class as it appears in reports: {@code http_error}, {@code rate_limited},
 *     {@code connection_refused}, {@code timeout}, {@code stream_cut}, {@code protocol_error}, {@code transport_error}
 * @param message one sentence for the report
 * @param httpStatus the HTTP status when one was received, else -1
 */
public record TransportFailure(String kind, String message, int httpStatus) {

  public TransportFailure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}

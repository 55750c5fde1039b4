package dev.llmload.openai;

import dev.llmload.metrics.FailureKind;
import java.util.Objects;

/**
 * What the HTTP layer reported when a request failed outside the stream's own content: an error status, a
 * refused connection, a timeout, a cut.
 *
 * @param failureKind the failure class: {@code HTTP_ERROR}, {@code RATE_LIMITED}, {@code CONNECTION_REFUSED},
 *     {@code TIMEOUT}, {@code STREAM_CUT}, {@code PROTOCOL_ERROR} or {@code TRANSPORT_ERROR}
 * @param message one sentence for the report
 * @param httpStatus the HTTP status when one was received, else -1
 */
public record TransportFailure(FailureKind failureKind, String message, int httpStatus) {

  public TransportFailure {
    Objects.requireNonNull(failureKind, "failureKind");
    Objects.requireNonNull(message, "message");
  }

  /**
   * For a caller holding a wire name ({@code "transport_error"}).
   *
   * @throws IllegalArgumentException when {@code kind} is not the wire name of a {@link FailureKind}
   */
  public TransportFailure(String kind, String message, int httpStatus) {
    this(FailureKind.fromWireName(kind), message, httpStatus);
  }

  /** The failure class's wire name, as {@code requests.jsonl} holds it. */
  public String kind() {
    return failureKind.wireName();
  }
}

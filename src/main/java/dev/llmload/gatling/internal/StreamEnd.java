package dev.llmload.gatling.internal;

/**
 * How a streamed request ended, as {@link StreamingConnect} leaves it in the session for the next action.
 *
 * @param failure null when the stream ended with {@code [DONE]}; otherwise what went wrong, in one of these forms:
 *     {@code "HTTP response with code 429"}, {@code "HTTP response with code 200 and content-type application/json"},
 *     {@code "End of stream"} (the response ended before {@code [DONE]}), a watchdog's reason, or a failure of the HTTP
 *     client as {@code "<exception class>: <message>"} (e.g. {@code "java.net.ConnectException: Connection refused"},
 *     {@code "...PrematureCloseException: Premature close"}, {@code "...RequestTimeoutException: Request timeout to ...
 *     after 600 ms"})
 * @param body the start of the response body when the response was not a stream (an error's JSON), null otherwise
 */
public record StreamEnd(String failure, String body) {

  /** The session attribute holding the last request's end. */
  public static final String ATTRIBUTE = "llm.streamEnd";

  static final StreamEnd DONE = new StreamEnd(null, null);

  public boolean failed() {
    return failure != null;
  }
}

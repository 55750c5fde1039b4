package dev.llmload.server.faults;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The faults the simulated server can inject; {@link #configName()} is how config and model names spell them. */
public enum FaultKind {
  /** HTTP 429 with an OpenAI error body and {@code Retry-After: 1}, before any stream. */
  HTTP_429(429),
  /** HTTP 500 with an OpenAI error body, before any stream. */
  HTTP_500(500),
  /** HTTP 503 with an OpenAI error body and {@code Retry-After: 1}, before any stream. */
  HTTP_503(503),
  /** After {@code afterTokens} content tokens, an {@code {"error":{..}}} event inside the HTTP 200 stream, then
   * {@code [DONE]} (what vLLM does when generation fails mid-stream). */
  ERROR_EVENT(0),
  /** After {@code afterTokens} content tokens, the connection is closed without finishing the chunked body. */
  CUT(0),
  /** The response (headers included) starts only after {@code stallMs}. */
  STALL_BEFORE_HEADERS(0),
  /** After {@code afterTokens} content tokens, nothing is written for {@code stallMs}; the tokens generated meanwhile
   * follow in a burst. */
  STALL_MID_STREAM(0),
  /** After {@code afterTokens} content tokens, one {@code data:} event whose payload is truncated JSON; the stream
   * then goes on normally. */
  MALFORMED_CHUNK(0),
  /** On a connection that has already served a request, the server closes the connection as the request arrives,
   * without processing it and without writing a byte: what a client sees when its request crosses the server's
   * idle close of a kept-alive connection. The request is not recorded or counted anywhere. On a connection's first
   * request it does nothing (the request is served normally). */
  STALE_CONNECTION(0),
  /** Like {@link #STALE_CONNECTION}, but the connection is reset (TCP RST) instead of closed: what a client sees when
   * its request reached a socket the server had already closed. */
  STALE_CONNECTION_RESET(0),
  /** A request that asks for a stream gets the whole answer as one {@code application/json} body instead: what a
   * server or proxy that ignores {@code stream=true} sends. */
  NOT_A_STREAM(0);

  private final int httpStatus;

  FaultKind(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /** {@code http-429}, {@code error-event}, {@code stall-mid-stream}, ... */
  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The status sent instead of the stream, or 0 for the faults that happen inside or before a 200 response. */
  public int httpStatus() {
    return httpStatus;
  }

  /** True for the faults that apply only to a request arriving on a connection that has already served one. */
  public boolean needsReusedConnection() {
    return this == STALE_CONNECTION || this == STALE_CONNECTION_RESET;
  }

  /** True for the faults that fire once {@code afterTokens} content tokens were written. */
  public boolean isMidStream() {
    return this == ERROR_EVENT || this == CUT || this == STALL_MID_STREAM || this == MALFORMED_CHUNK;
  }

  /** Parses a {@link #configName()}; anything else fails with the list of valid names. */
  public static FaultKind fromConfigName(String name) {
    for (FaultKind kind : values()) {
      if (kind.configName().equalsIgnoreCase(name.trim())) {
        return kind;
      }
    }
    throw new IllegalArgumentException("fault must be one of "
        + Arrays.stream(values()).map(FaultKind::configName).collect(Collectors.joining(", "))
        + ", was '" + name + "'");
  }
}

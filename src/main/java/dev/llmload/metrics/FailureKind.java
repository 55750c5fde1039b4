package dev.llmload.metrics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Why a request failed: the one list of failure classes. Each has a wire name, the text {@code requests.jsonl}
 * ({@code errorKind}) and {@code summary.json} ({@code levels[].errors[].kind}) hold - it never changes once
 * published, or old files would read differently - and a one-line meaning, which the report's "Failures" section
 * shows and README "During the load" lists ({@code FailureKindTest} holds that table to this enum). Meanings use
 * backticks for code, as markdown does.
 */
public enum FailureKind {

  HTTP_ERROR("http_error", "HTTP 4xx/5xx before the stream; `httpStatus` holds the code and `errorMessage` the start of the error "
      + "body (300 bytes, when it arrives with the headers)"),
  RATE_LIMITED("rate_limited", "HTTP 429, counted apart from other errors, with the start of the body"),
  ERROR_EVENT("error_event", "an error event (`data: {\"error\": ...}`) inside an HTTP 200 stream"),
  STREAM_CUT("stream_cut", "the connection dropped mid-stream, or the response ended before a finish reason"),
  STREAM_RESTARTED("stream_restarted", "a second opening (role-only) chunk after content: the stream started over, as when a "
      + "dropped request is sent again"),
  TIMEOUT("timeout", "`llm.timeouts.headers` (no response headers: errored), `llm.timeouts.idle` (a started stream went quiet: "
      + "incomplete) or `llm.timeouts.request` (no complete response in time)"),
  CONNECTION_REFUSED("connection_refused", "nothing listened; if the server stops answering mid-run, the run still ends on its "
      + "schedule and the summary's `notes` says when the server went away"),
  PROTOCOL_ERROR("protocol_error", "HTTP 200 but not `text/event-stream`, or a stream none of whose messages is a chunk"),
  EMPTY_RESPONSE("empty_response", "the response ended before any stream message"),
  TRANSPORT_ERROR("transport_error", "any other failure of the connection or the HTTP client, with its text"),
  MALFORMED_CHUNK("malformed_chunk", "(in `errors`, counts messages, not requests) a message that is not JSON or not a chunk, "
      + "with its text; the request goes on"),
  UNKNOWN("unknown", "a failed request whose record names no failure class, or one this version does not know (a "
      + "`requests.jsonl` from another version)");

  private final String wireName;
  private final String meaning;

  FailureKind(String wireName, String meaning) {
    this.wireName = wireName;
    this.meaning = meaning;
  }

  /** The name in {@code requests.jsonl} and {@code summary.json}, e.g. {@code stream_cut}. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** One line saying what happened, backticks around code. */
  public String meaning() {
    return meaning;
  }

  /**
   * The kind of a wire name, for code that names one.
   *
   * @throws IllegalArgumentException naming the valid wire names when {@code wireName} is none of them
   */
  public static FailureKind fromWireName(String wireName) {
    FailureKind k = find(wireName);
    if (k == null) {
      throw new IllegalArgumentException("failure kind must be one of " + Arrays.stream(values()).map(FailureKind::wireName)
          .collect(Collectors.joining(", ")) + ", was " + (wireName == null ? "null" : "\"" + wireName + "\""));
    }
    return k;
  }

  /**
   * The kind of a wire name read from a file: a missing name, or one this version does not know (a file written by
   * another version), is {@link #UNKNOWN}, so the file still reads.
   */
  @JsonCreator
  public static FailureKind read(String wireName) {
    FailureKind k = find(wireName);
    return k == null ? UNKNOWN : k;
  }

  private static FailureKind find(String wireName) {
    for (FailureKind k : values()) {
      if (k.wireName.equals(wireName)) {
        return k;
      }
    }
    return null;
  }
}

package dev.llmload.metrics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a request ended. Latency percentiles are only ever computed over {@link #SUCCESSFUL} requests. */
public enum Outcome {
  /** The stream ended with a finish reason and no error. */
  SUCCESSFUL,
  /** The server refused or failed the request: HTTP error status, error event, connection refused. */
  ERRORED,
  /** The stream started but did not finish: cut, timed out. */
  INCOMPLETE;

  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Outcome fromJson(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}

package dev.llmload.config;

import java.util.Objects;

/**
 * A value that must never reach a log, a report or the console: {@link #toString()} hides it. Only the HTTP
 * layer reads it, through {@link #reveal()}.
 */
public final class Secret {

  private final String value;
  private final String source;

  public Secret(String value, String source) {
    this.value = Objects.requireNonNull(value, "value");
    this.source = Objects.requireNonNull(source, "source");
  }

  public String reveal() {
    return value;
  }

  /** Where the value came from, e.g. {@code env LLM_API_KEY}: safe to print. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "<secret from " + source + ">";
  }
}

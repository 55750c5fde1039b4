package dev.llmload.metrics;

import java.util.Locale;

/** Where an output token count came from. */
public enum TokenCountSource {
  /** The server's {@code usage.completion_tokens}. */
  USAGE,
  /** The number of content chunks (one token per chunk assumed). */
  CHUNKS,
  /** Some requests of a level had usage and some did not. */
  MIXED;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

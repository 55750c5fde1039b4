package dev.llmload.config;

import java.time.Duration;

/**
 * @param request longest a request may take, send to {@code [DONE]}; enforced by the HTTP client, so it also ends a
 *     request whose response headers never come
 * @param idle longest gap between two messages of a started stream
 */
public record TimeoutSettings(Duration request, Duration idle) {

  public TimeoutSettings {
    if (request.isNegative() || request.isZero()) {
      throw ConfigException.invalid("llm.timeouts.request", request, "must be positive");
    }
    if (idle.isNegative() || idle.isZero()) {
      throw ConfigException.invalid("llm.timeouts.idle", idle, "must be positive");
    }
  }
}

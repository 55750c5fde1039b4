package dev.llmload.config;

import java.time.Duration;

/** @param request longest a request may take, send to {@code [DONE]} */
public record TimeoutSettings(Duration request) {

  public TimeoutSettings {
    if (request.isNegative() || request.isZero()) {
      throw ConfigException.invalid("llm.timeouts.request", request, "must be positive");
    }
  }
}

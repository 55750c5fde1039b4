package dev.llmload.config;

import java.time.Duration;

/**
 * @param request longest a request may take, send to {@code [DONE]}; enforced by the HTTP client
 * @param headers longest wait for the response headers after the send
 * @param idle longest gap between two messages once the response has started
 */
public record TimeoutSettings(Duration request, Duration headers, Duration idle) {

  public TimeoutSettings {
    positive("llm.timeouts.request", request);
    positive("llm.timeouts.headers", headers);
    positive("llm.timeouts.idle", idle);
  }

  private static void positive(String key, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw ConfigException.invalid(key, d, "must be positive");
    }
  }
}

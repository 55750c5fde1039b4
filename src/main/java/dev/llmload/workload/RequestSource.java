package dev.llmload.workload;

import java.util.Map;
import java.util.Objects;

/**
 * What the next request of a level asks: one call per request, so every request may differ (prompt sets, datasets,
 * synthetic lengths plug in here). Called on the virtual user's event loop: must be fast and thread-safe.
 */
@FunctionalInterface
public interface RequestSource {

  /** The request to send next in {@code level}. */
  PlannedRequest next(LoadLevel level);

  /**
   * One request's content.
   *
   * @param prompt the prompt text (the user message for chat)
   * @param labels free-form labels kept with the request's record (e.g. {@code promptSet=large}); may be empty
   */
  record PlannedRequest(String prompt, Map<String, String> labels) {
    public PlannedRequest {
      Objects.requireNonNull(prompt, "prompt");
      labels = Map.copyOf(labels);
    }
  }

  /** The same prompt for every request (the configured {@code llm.request.prompt}). */
  static RequestSource fixed(String prompt) {
    PlannedRequest request = new PlannedRequest(prompt, Map.of());
    return level -> request;
  }
}

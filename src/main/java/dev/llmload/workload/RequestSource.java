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

  /**
   * {@code source}, with every prompt starting with its own tag: 16 hex digits and a bar, {@code 3f9a01c24b7e9d11 | },
   * a one-to-one scramble of a counter with {@code seed}, so no two requests of a run share a tag and they differ from
   * their first characters on: none is answered from the server's prefix cache of another. Thread-safe; the same seed
   * gives the same tags in the same order.
   */
  static RequestSource unique(RequestSource source, long seed) {
    java.util.concurrent.atomic.AtomicLong counter = new java.util.concurrent.atomic.AtomicLong();
    long key = new java.util.SplittableRandom(seed).nextLong();
    return level -> {
      PlannedRequest r = source.next(level);
      long tag = (counter.incrementAndGet() * 0x9E3779B97F4A7C15L) ^ key; // odd multiplier: one-to-one
      return new PlannedRequest(String.format("%016x | ", tag) + r.prompt(), r.labels());
    };
  }
}

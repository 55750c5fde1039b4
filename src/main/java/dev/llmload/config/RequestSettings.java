package dev.llmload.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What every generated request asks for.
 *
 * @param maxTokens {@code max_tokens}, at least 1
 * @param ignoreEos {@code ignore_eos}: generate exactly {@code maxTokens}
 * @param prompt the prompt text (already read from {@code promptFile} when one is configured)
 * @param extraBody extra JSON body parameters, passed through unchanged
 * @param pauseAfterError how long a virtual user waits after a failed request before the next one starts, so a
 *     server that refuses instantly is not hammered in a tight loop
 * @param uniquePrompts every request's prompt starts with its own short tag, so no request is answered from the
 *     server's prefix cache of another (false: the same prompt text is sent again, a cache-hit workload)
 */
public record RequestSettings(int maxTokens, boolean ignoreEos, String prompt, Map<String, Object> extraBody, Duration pauseAfterError,
    boolean uniquePrompts) {

  /** Unique prompts, as by default. */
  public RequestSettings(int maxTokens, boolean ignoreEos, String prompt, Map<String, Object> extraBody, Duration pauseAfterError) {
    this(maxTokens, ignoreEos, prompt, extraBody, pauseAfterError, true);
  }

  public RequestSettings {
    if (maxTokens < 1) {
      throw ConfigException.invalid("llm.request.maxTokens", maxTokens, "must be at least 1");
    }
    Objects.requireNonNull(prompt, "prompt");
    if (pauseAfterError.isNegative()) {
      throw ConfigException.invalid("llm.request.pauseAfterError", pauseAfterError, "must be zero or positive");
    }
    extraBody = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraBody)); // JSON null values allowed
  }
}

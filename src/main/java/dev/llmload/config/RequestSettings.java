package dev.llmload.config;

import java.util.Map;
import java.util.Objects;

/**
 * What every generated request asks for.
 *
 * @param maxTokens {@code max_tokens}, at least 1
 * @param ignoreEos {@code ignore_eos}: generate exactly {@code maxTokens}
 * @param prompt the prompt text (already read from {@code promptFile} when one is configured)
 * @param extraBody extra JSON body parameters, passed through unchanged
 */
public record RequestSettings(int maxTokens, boolean ignoreEos, String prompt, Map<String, Object> extraBody) {

  public RequestSettings {
    if (maxTokens < 1) {
      throw ConfigException.invalid("llm.request.maxTokens", maxTokens, "must be at least 1");
    }
    Objects.requireNonNull(prompt, "prompt");
    extraBody = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraBody)); // JSON null values allowed
  }
}

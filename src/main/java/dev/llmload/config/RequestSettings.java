package dev.llmload.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * @param dataset the prompt dataset the requests cycle through instead of {@code prompt}; empty: none
 * @param conversation multi-turn chat ({@code llm.request.conversation}); {@link ConversationSettings#OFF} by default
 */
public record RequestSettings(int maxTokens, boolean ignoreEos, String prompt, Map<String, Object> extraBody, Duration pauseAfterError,
    boolean uniquePrompts, Optional<Dataset> dataset, ConversationSettings conversation) {

  /** Unique prompts, as by default. */
  public RequestSettings(int maxTokens, boolean ignoreEos, String prompt, Map<String, Object> extraBody, Duration pauseAfterError) {
    this(maxTokens, ignoreEos, prompt, extraBody, pauseAfterError, true);
  }

  /** No conversations: every request is one prompt. */
  public RequestSettings(int maxTokens, boolean ignoreEos, String prompt, Map<String, Object> extraBody, Duration pauseAfterError,
      boolean uniquePrompts, Optional<Dataset> dataset) {
    this(maxTokens, ignoreEos, prompt, extraBody, pauseAfterError, uniquePrompts, dataset, ConversationSettings.OFF);
  }

  /** No dataset: every request sends {@code prompt}. */
  public RequestSettings(int maxTokens, boolean ignoreEos, String prompt, Map<String, Object> extraBody, Duration pauseAfterError,
      boolean uniquePrompts) {
    this(maxTokens, ignoreEos, prompt, extraBody, pauseAfterError, uniquePrompts, Optional.empty());
  }

  /**
   * A prompt dataset file: {@code llm.request.dataset}, {@code datasetFormat}, {@code datasetColumn}. Only where it is;
   * the records are read when the workload is built, before any load.
   *
   * @param name the file as configured, relative to {@code llm.userFiles} (errors name it so)
   * @param file the file itself
   * @param format how it is written, never {@link DatasetFormat#AUTO} (already told by the extension)
   * @param column the CSV column holding the prompt
   */
  public record Dataset(String name, Path file, DatasetFormat format, String column) {
    public Dataset {
      Objects.requireNonNull(file, "file");
      if (name == null || name.isBlank()) {
        throw ConfigException.invalid("llm.request.dataset", String.valueOf(name), "must be a file name");
      }
      if (format == null || format == DatasetFormat.AUTO) {
        throw new IllegalArgumentException("the dataset format must be resolved, was " + format);
      }
      if (column == null || column.isBlank()) {
        throw ConfigException.invalid("llm.request.datasetColumn", String.valueOf(column), "must not be empty");
      }
    }
  }

  public RequestSettings {
    if (maxTokens < 1) {
      throw ConfigException.invalid("llm.request.maxTokens", maxTokens, "must be at least 1");
    }
    Objects.requireNonNull(prompt, "prompt");
    if (pauseAfterError.isNegative()) {
      throw ConfigException.invalid("llm.request.pauseAfterError", pauseAfterError, "must be zero or positive");
    }
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(conversation, "conversation");
    extraBody = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraBody)); // JSON null values allowed
  }
}

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
 * @param tokenizer where token counts come from when a length is asked for
 * @param promptSet the prompt set ({@code prompts/<name>.txt}) sent instead of {@code prompt}; empty: none
 * @param synthetic synthetic prompts and drawn output lengths ({@code llm.request.synthetic})
 * @param conversation multi-turn chat ({@code llm.request.conversation}); {@link ConversationSettings#OFF} by default
 */
public record RequestSettings(int maxTokens, boolean ignoreEos, String prompt, Map<String, Object> extraBody, Duration pauseAfterError,
    boolean uniquePrompts, Optional<Dataset> dataset, TokenizerChoice tokenizer, Optional<PromptSet> promptSet, Synthetic synthetic,
    ConversationSettings conversation) {

  /** Unique prompts, as by default. */
  public RequestSettings(int maxTokens, boolean ignoreEos, String prompt, Map<String, Object> extraBody, Duration pauseAfterError) {
    this(maxTokens, ignoreEos, prompt, extraBody, pauseAfterError, true);
  }

  /** No dataset: every request sends {@code prompt}. */
  public RequestSettings(int maxTokens, boolean ignoreEos, String prompt, Map<String, Object> extraBody, Duration pauseAfterError,
      boolean uniquePrompts) {
    this(maxTokens, ignoreEos, prompt, extraBody, pauseAfterError, uniquePrompts, Optional.empty());
  }

  /** A dataset or none, and no prompt set, no synthetic lengths, token counts as {@code auto}, no conversations. */
  public RequestSettings(int maxTokens, boolean ignoreEos, String prompt, Map<String, Object> extraBody, Duration pauseAfterError,
      boolean uniquePrompts, Optional<Dataset> dataset) {
    this(maxTokens, ignoreEos, prompt, extraBody, pauseAfterError, uniquePrompts, dataset, ConversationSettings.OFF);
  }

  /** Conversations as given, and no prompt set, no synthetic lengths, token counts as {@code auto}. */
  public RequestSettings(int maxTokens, boolean ignoreEos, String prompt, Map<String, Object> extraBody, Duration pauseAfterError,
      boolean uniquePrompts, Optional<Dataset> dataset, ConversationSettings conversation) {
    this(maxTokens, ignoreEos, prompt, extraBody, pauseAfterError, uniquePrompts, dataset, TokenizerChoice.AUTO, Optional.empty(),
        Synthetic.NONE, conversation);
  }

  /** Lengths as given, no conversations. */
  public RequestSettings(int maxTokens, boolean ignoreEos, String prompt, Map<String, Object> extraBody, Duration pauseAfterError,
      boolean uniquePrompts, Optional<Dataset> dataset, TokenizerChoice tokenizer, Optional<PromptSet> promptSet, Synthetic synthetic) {
    this(maxTokens, ignoreEos, prompt, extraBody, pauseAfterError, uniquePrompts, dataset, tokenizer, promptSet, synthetic,
        ConversationSettings.OFF);
  }

  /**
   * A prompt set ({@code llm.request.promptSet}): the text of {@code <llm.userFiles>/prompts/<name>.txt}, read when
   * the settings are loaded, sent as every request's prompt and labelled {@code promptSet=<name>}.
   */
  public record PromptSet(String name, String text) {
    public PromptSet {
      if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
        throw ConfigException.invalid("llm.request.promptSet", String.valueOf(name), "must be a file name made of letters, digits, '.', '_' or '-'");
      }
      if (text == null || text.isBlank()) {
        throw ConfigException.invalid("llm.request.promptSet", name, "the prompt file is empty");
      }
    }
  }

  /**
   * {@code llm.request.synthetic}: prompts composed to a drawn input length, and a drawn output length per request.
   *
   * @param inputTokens each request's {@code usage.prompt_tokens} (the template included); empty: no synthetic prompts
   * @param outputTokens each request's {@code max_tokens}, to be generated exactly; empty: {@code llm.request.maxTokens}
   * @param minTokens with {@code outputTokens}, also send {@code min_tokens} equal to {@code max_tokens}
   * @param text what synthetic prompts are made of
   * @param prefixTokens a shared prefix of this many tokens in front of every prompt (whatever its source), 0 for none
   * @param prefixGroups how many different shared prefixes requests take in turn
   */
  public record Synthetic(Optional<TokenLength> inputTokens, Optional<TokenLength> outputTokens, boolean minTokens, SyntheticText text,
      int prefixTokens, int prefixGroups) {
    /** Nothing synthetic. */
    public static final Synthetic NONE = new Synthetic(Optional.empty(), Optional.empty(), true);

    /** Words, no shared prefix. */
    public Synthetic(Optional<TokenLength> inputTokens, Optional<TokenLength> outputTokens, boolean minTokens) {
      this(inputTokens, outputTokens, minTokens, SyntheticText.WORDS, 0, 1);
    }

    public Synthetic {
      java.util.Objects.requireNonNull(inputTokens, "inputTokens");
      java.util.Objects.requireNonNull(outputTokens, "outputTokens");
      java.util.Objects.requireNonNull(text, "text");
      if (prefixTokens < 0) {
        throw ConfigException.invalid("llm.request.synthetic.prefixTokens", prefixTokens, "must be 0 (no shared prefix) or more");
      }
      if (prefixGroups < 1) {
        throw ConfigException.invalid("llm.request.synthetic.prefixGroups", prefixGroups, "must be at least 1");
      }
    }
  }

  /** Whether {@code min_tokens} goes with every request's {@code max_tokens}: drawn output lengths and minTokens on. */
  public boolean sendsMinTokens() {
    return synthetic.outputTokens().isPresent() && synthetic.minTokens();
  }

  /**
   * The lengths these settings ask for, for the summary: e.g. {@code promptSet large} or {@code synthetic input
   * uniform(256, 1024) tokens, output 128 tokens}; null when none is asked for.
   */
  public String lengthsAskedFor() {
    java.util.List<String> parts = new java.util.ArrayList<>();
    promptSet.ifPresent(p -> parts.add("promptSet " + p.name()));
    synthetic.inputTokens().ifPresent(l -> parts.add("synthetic input " + l.describe() + " tokens"));
    synthetic.outputTokens().ifPresent(l -> parts.add("output " + l.describe() + " tokens" + (sendsMinTokens() ? " (min_tokens too)" : "")));
    if (synthetic.inputTokens().isPresent() && synthetic.text() != SyntheticText.WORDS) {
      parts.add("text " + synthetic.text().configName());
    }
    if (synthetic.prefixTokens() > 0) {
      parts.add("shared prefix " + synthetic.prefixTokens() + " tokens x " + synthetic.prefixGroups() + " group" + (synthetic.prefixGroups() == 1 ? "" : "s"));
    }
    return parts.isEmpty() ? null : String.join(", ", parts);
  }

  /** These settings for the preflight's probe request: {@code maxTokens} tokens, ignore_eos, the rest as configured. */
  public RequestSettings forProbe(int maxTokens) {
    return new RequestSettings(maxTokens, true, prompt, extraBody, pauseAfterError, uniquePrompts, dataset, tokenizer, promptSet, synthetic,
        conversation);
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
    Objects.requireNonNull(tokenizer, "tokenizer");
    Objects.requireNonNull(promptSet, "promptSet");
    Objects.requireNonNull(synthetic, "synthetic");
    long sources = (dataset.isPresent() ? 1 : 0) + (promptSet.isPresent() ? 1 : 0) + (synthetic.inputTokens().isPresent() ? 1 : 0);
    if (sources > 1) {
      throw new ConfigException("llm.request", "llm.request.dataset, llm.request.promptSet and llm.request.synthetic.inputTokens each "
          + "choose what the prompts are; set only one of them");
    }
    Objects.requireNonNull(conversation, "conversation");
    extraBody = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraBody)); // JSON null values allowed
  }
}

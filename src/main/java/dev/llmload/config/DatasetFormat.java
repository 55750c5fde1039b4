package dev.llmload.config;

import java.nio.file.Path;
import java.util.Locale;

/** How a prompt dataset file ({@code llm.request.dataset}) is written; {@code auto} tells it by the file's extension. */
public enum DatasetFormat {
  /** By extension: {@code .jsonl} is JSONL, {@code .json} ShareGPT, {@code .csv} CSV. */
  AUTO,
  /** One JSON object a line, with a {@code prompt} text or OpenAI chat {@code messages}. */
  JSONL,
  /** A JSON array of conversations, each {@code conversations: [{from, value}]}. */
  SHAREGPT,
  /** A header line, then one record a line; the prompt is the {@code llm.request.datasetColumn} column. */
  CSV;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DatasetFormat parse(String key, String value) {
    return ConfigNames.parse(key, value, values(), DatasetFormat::configName);
  }

  /**
   * This format, or for {@link #AUTO} the one {@code file}'s extension names.
   *
   * @throws ConfigException naming {@code llm.request.dataset} when {@code auto} meets an extension it does not know
   */
  public DatasetFormat resolve(String file) {
    if (this != AUTO) {
      return this;
    }
    String name = Path.of(file).getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".jsonl")) {
      return JSONL;
    }
    if (name.endsWith(".json")) {
      return SHAREGPT;
    }
    if (name.endsWith(".csv")) {
      return CSV;
    }
    throw ConfigException.invalid("llm.request.dataset", file,
        "must end in .jsonl, .json (ShareGPT) or .csv, or llm.request.datasetFormat must name the format");
  }
}

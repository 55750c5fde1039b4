package dev.llmload.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What synthetic prompts are made of ({@code llm.request.synthetic.text}). */
public enum SyntheticText {
  /** Words of our own list, calibrated against the tokenizer: readable, like a chat prompt. */
  WORDS("words"),
  /** Random ids of the server's vocabulary, detokenized (the prompts base models are benchmarked with). */
  RANDOM_TOKENS("random-tokens");

  private final String configName;

  SyntheticText(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public static SyntheticText parse(String key, String value) {
    for (SyntheticText t : values()) {
      if (t.configName.equals(value)) {
        return t;
      }
    }
    throw ConfigException.invalid(key, value,
        "must be one of " + Arrays.stream(values()).map(SyntheticText::configName).collect(Collectors.joining(", ")));
  }
}

package dev.llmload.config;


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
    return ConfigNames.parse(key, value, values(), SyntheticText::configName);
  }
}

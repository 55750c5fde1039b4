package dev.llmload.config;

import java.util.Locale;

/** Where token counts come from ({@code llm.request.tokenizer}) when a request's length is asked for. */
public enum TokenizerChoice {
  /** The server's {@code /tokenize} when it has one, else the estimate. */
  AUTO,
  /** The server's {@code /tokenize}; a server without one stops the run before any load. */
  SERVER,
  /** jtokkit's estimate, without asking the server. */
  ESTIMATE;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TokenizerChoice parse(String key, String value) {
    return ConfigNames.parse(key, value, values(), TokenizerChoice::configName);
  }
}

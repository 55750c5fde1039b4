package dev.llmload.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

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
    for (TokenizerChoice c : values()) {
      if (c.configName().equals(value)) {
        return c;
      }
    }
    throw ConfigException.invalid(key, value,
        "must be one of " + Arrays.stream(values()).map(TokenizerChoice::configName).collect(Collectors.joining(", ")));
  }
}

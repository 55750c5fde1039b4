package dev.llmload.config;

import java.util.Locale;

/** Which OpenAI endpoint a request goes to. */
public enum Api {
  CHAT("/chat/completions"),
  COMPLETIONS("/completions");

  private final String path;

  Api(String path) {
    this.path = path;
  }

  /** Path relative to the base URL, e.g. {@code /chat/completions}. */
  public String path() {
    return path;
  }

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Api parse(String key, String value) {
    return ConfigNames.parse(key, value, values(), Api::configName);
  }
}

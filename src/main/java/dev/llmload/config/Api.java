package dev.llmload.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

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
    for (Api api : values()) {
      if (api.configName().equals(value)) {
        return api;
      }
    }
    throw ConfigException.invalid(key, value, "must be one of " + Arrays.stream(values()).map(Api::configName).collect(Collectors.joining(", ")));
  }
}

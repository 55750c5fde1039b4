package dev.llmload.config;

/**
 * A configuration value that cannot be used. The message always names the key, the offending value and the
 * rule, so it can be shown to the user as it is.
 */
public final class ConfigException extends RuntimeException {

  private final String key;

  public ConfigException(String key, String message) {
    super(key + ": " + message);
    this.key = key;
  }

  public static ConfigException invalid(String key, Object value, String rule) {
    return new ConfigException(key, "invalid value " + render(value) + " (" + rule + ")");
  }

  public String key() {
    return key;
  }

  private static String render(Object value) {
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }
}

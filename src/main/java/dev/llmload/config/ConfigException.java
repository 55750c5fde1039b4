package dev.llmload.config;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;

/**
 * A configuration value that cannot be used. The message always names the key, the offending value and the
 * rule, so it can be shown to the user as it is. It is an {@link IllegalArgumentException}: code that builds the
 * settings by hand (tests, withers) sees the same exception whether a value came from a file or from a call.
 */
public final class ConfigException extends IllegalArgumentException {

  private final String key;

  public ConfigException(String key, String message) {
    this(key, key + ": " + message, null);
  }

  private ConfigException(String key, String sentence, Throwable cause) {
    super(sentence, cause);
    this.key = key;
  }

  public static ConfigException invalid(String key, Object value, String rule) {
    return new ConfigException(key, "invalid value " + render(value) + " (" + rule + ")");
  }

  /**
   * A sentence that already names the key, the rule and the value, as the simulated server's own checks word
   * theirs ("llm.server.port must be between 0 and 65535, was 70000"); it is shown as it is.
   *
   * @param key the key, or the subtree it belongs to
   */
  public static ConfigException stated(String key, String sentence) {
    return new ConfigException(key, sentence, null);
  }

  public String key() {
    return key;
  }

  private static String render(Object value) {
    if (value instanceof ConfigValue v) {
      return v.unwrapped() instanceof String s ? render(s) : v.render(ConfigRenderOptions.concise());
    }
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }
}

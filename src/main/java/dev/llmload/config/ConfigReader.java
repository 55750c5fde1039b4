package dev.llmload.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed reads of one configuration tree, each turning a value of the wrong type into a {@link ConfigException}
 * that names the full key ({@code llm.server.maxNumSeqs}, not Typesafe's {@code maxNumSeqs}), the value and the
 * form to use - never a Typesafe exception. The text forms system properties give are accepted where they are
 * unambiguous: {@code "64"} for a number, {@code "on"} for a boolean, {@code "1,2,4"} for a list.
 *
 * <p>A key is <em>set</em> when it is present and neither {@code null}, empty text nor the text {@code null}.
 * Keys are HOCON paths relative to the tree, e.g. {@code outputLength.meanTokens}.
 */
public final class ConfigReader {

  static final String WHOLE_NUMBER = "must be a whole number";
  static final String NUMBER = "must be a number such as 8 or 0.5";
  static final String BOOLEAN = "must be true or false";
  static final String DURATION = "must be a duration such as 500ms, 15s or 2m";
  static final String SIZE = "must be a size such as 16MiB, 512kB or 1048576 (bytes)";
  static final String SINGLE_VALUE = "must be a single value";
  static final String LIST = "must be a list such as [a, b]";
  static final String WHOLE_NUMBER_LIST = "must be a list of whole numbers such as [1,2,4]";
  static final String OBJECT_LIST = "must be a list of objects such as [{ name = value }]";

  private final Config config;
  private final String path;

  private ConfigReader(Config config, String path) {
    this.config = config;
    this.path = path;
  }

  /**
   * @param config the tree
   * @param path the full key of its root, used in messages: {@code "llm.server"}, or {@code ""} for a whole file
   */
  public static ConfigReader of(Config config, String path) {
    return new ConfigReader(config, path);
  }

  /** The rule for a key that must hold an object; {@code key} is the full key, for the command-line example. */
  static String objectRule(String key) {
    return "must be an object such as { name = value }; on the command line -D" + key + ".name=value, or the whole "
        + "object as JSON or HOCON: -D" + key + "={...}";
  }

  /** The full key of {@code key}, as messages name it. */
  public String key(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The full key of this tree's root. */
  public String path() {
    return path;
  }

  public boolean isSet(String key) {
    return value(key).isPresent();
  }

  /** The keys directly under this tree's root. */
  public Set<String> keys() {
    return config.root().keySet();
  }

  // ---- single values ----

  public Optional<String> string(String key) {
    return value(key).map(v -> scalar(key, v, SINGLE_VALUE));
  }

  /** The text as it is, spaces kept (a password); empty when absent or null. */
  public Optional<String> exactString(String key) {
    if (!config.hasPath(key)) {
      return Optional.empty();
    }
    ConfigValue v = config.getValue(key);
    return Optional.of(v.valueType() == ConfigValueType.STRING ? (String) v.unwrapped() : scalar(key, v, SINGLE_VALUE));
  }

  public String requiredString(String key) {
    return string(key).orElseThrow(() -> missing(key));
  }

  public int integer(String key) {
    return optionalInteger(key).orElseThrow(() -> missing(key));
  }

  public Optional<Integer> optionalInteger(String key) {
    return optionalLong(key).map(n -> {
      if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
        throw ConfigException.invalid(key(key), n, WHOLE_NUMBER + " between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
      }
      return n.intValue();
    });
  }

  public long longInteger(String key) {
    return optionalLong(key).orElseThrow(() -> missing(key));
  }

  public Optional<Long> optionalLong(String key) {
    return value(key).map(v -> {
      String text = scalar(key, v, WHOLE_NUMBER);
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw wrongType(key, v, WHOLE_NUMBER);
      }
    });
  }

  public double decimal(String key) {
    return optionalDecimal(key).orElseThrow(() -> missing(key));
  }

  public Optional<Double> optionalDecimal(String key) {
    return value(key).map(v -> {
      String text = scalar(key, v, NUMBER);
      double d;
      try {
        d = new BigDecimal(text).doubleValue(); // no NaN, Infinity or hex floats, which Double.parseDouble would take
      } catch (NumberFormatException e) {
        throw wrongType(key, v, NUMBER);
      }
      if (Double.isInfinite(d)) {
        throw wrongType(key, v, NUMBER);
      }
      return d;
    });
  }

  public boolean bool(String key) {
    return optionalBool(key).orElseThrow(() -> missing(key));
  }

  public Optional<Boolean> optionalBool(String key) {
    return value(key).map(v -> switch (scalar(key, v, BOOLEAN)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw wrongType(key, v, BOOLEAN);
    });
  }

  public Duration duration(String key) {
    ConfigValue v = value(key).orElseThrow(() -> missing(key));
    scalar(key, v, DURATION);
    try {
      return config.getDuration(key);
    } catch (com.typesafe.config.ConfigException e) {
      throw wrongType(key, v, DURATION);
    }
  }

  public long bytes(String key) {
    ConfigValue v = value(key).orElseThrow(() -> missing(key));
    scalar(key, v, SIZE);
    try {
      return config.getBytes(key);
    } catch (com.typesafe.config.ConfigException e) {
      throw wrongType(key, v, SIZE);
    }
  }

  // ---- lists ----

  /** A list, or from a system property one text: {@code "[a,b]"} or {@code "a,b"}; unset is an empty list. */
  public List<String> stringList(String key) {
    return textList(key, LIST);
  }

  public List<Integer> intList(String key) {
    List<Integer> out = new ArrayList<>();
    for (String s : textList(key, WHOLE_NUMBER_LIST)) {
      try {
        out.add(Integer.parseInt(s));
      } catch (NumberFormatException e) {
        throw ConfigException.invalid(key(key), s, WHOLE_NUMBER_LIST);
      }
    }
    return out;
  }

  /** A list of objects, each read by its own reader named {@code key[i]}; unset is an empty list. */
  public List<ConfigReader> objectList(String key) {
    Optional<ConfigValue> value = value(key);
    if (value.isEmpty()) {
      return List.of();
    }
    if (value.get().valueType() != ConfigValueType.LIST) {
      throw wrongType(key, value.get(), OBJECT_LIST);
    }
    List<? extends ConfigValue> list = config.getList(key);
    List<ConfigReader> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof ConfigObject object)) {
        throw ConfigException.invalid(key(key) + "[" + i + "]", list.get(i), OBJECT_LIST);
      }
      out.add(new ConfigReader(object.toConfig(), key(key) + "[" + i + "]"));
    }
    return out;
  }

  // ---- objects ----

  /** The object at {@code key}, read with its own full key. */
  public ConfigReader section(String key) {
    ConfigValue v = value(key).orElseThrow(() -> ConfigException.invalid(key(key), "", objectRule(key(key))));
    if (v.valueType() != ConfigValueType.OBJECT) {
      throw wrongType(key, v, objectRule(key(key)));
    }
    return new ConfigReader(config.getConfig(key), key(key));
  }

  /** This tree as plain Java values (maps, lists, strings, numbers, booleans; {@code null} kept). */
  public Map<String, Object> unwrapped() {
    return config.root().unwrapped();
  }

  // ---- helpers ----

  private Optional<ConfigValue> value(String key) {
    if (!config.hasPath(key)) {
      return Optional.empty();
    }
    ConfigValue v = config.getValue(key);
    if (v.valueType() == ConfigValueType.STRING) {
      String s = ((String) v.unwrapped()).strip();
      if (s.isEmpty() || s.equals("null")) {
        return Optional.empty();
      }
    }
    return Optional.of(v);
  }

  /** The value as stripped text, or the error {@code rule} when it is an object or a list. */
  private String scalar(String key, ConfigValue v, String rule) {
    if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
      throw wrongType(key, v, rule);
    }
    return String.valueOf(v.unwrapped()).strip();
  }

  private List<String> textList(String key, String rule) {
    Optional<ConfigValue> value = value(key);
    List<String> out = new ArrayList<>();
    if (value.isEmpty()) {
      return out;
    }
    ConfigValue v = value.get();
    if (v.valueType() == ConfigValueType.LIST) {
      for (ConfigValue element : config.getList(key)) {
        if (element.valueType() == ConfigValueType.OBJECT || element.valueType() == ConfigValueType.LIST
            || element.valueType() == ConfigValueType.NULL) {
          throw wrongType(key, v, rule);
        }
        out.add(String.valueOf(element.unwrapped()).strip());
      }
      return out;
    }
    String s = scalar(key, v, rule);
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    for (String part : s.split(",")) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return out;
  }

  private ConfigException missing(String key) {
    return ConfigException.invalid(key(key), "", "must be set");
  }

  private ConfigException wrongType(String key, ConfigValue v, String rule) {
    return ConfigException.invalid(key(key), v, rule);
  }
}

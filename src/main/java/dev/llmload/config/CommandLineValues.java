package dev.llmload.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Gives the values of system properties and {@code CONFIG_FORCE_} variables, which are always text, the type the
 * user meant. Values from profile files already carry their HOCON types and never pass through here.
 *
 * <ul>
 *   <li>{@code null} is null (unset) for every key.
 *   <li>Text starting with <code>{</code> or {@code [} is parsed as a JSON or HOCON object or list where the key
 *       holds one (its default is an object or a list, or it lies in a free-form subtree):
 *       <code>-Dllm.request.extraBody={"temperature":1.5}</code>, {@code -Dllm.server.models=[a,b]}.
 *   <li>Under {@value #PASS_THROUGH}, whose values go into the request body as they are, the scalars of JSON are
 *       recognised: a JSON number ({@code 1.5}, {@code -3}, {@code 1e-3}) is a number, {@code true} and
 *       {@code false} are booleans. A value in double quotes is a JSON string and stays text
 *       ({@code "42"} is the string 42); anything else is text as it is.
 * </ul>
 *
 * Other keys keep their text: the typed readers of {@link ConfigReader} accept {@code "64"} for a number.
 */
final class CommandLineValues {

  /** The subtree sent as JSON without a schema: only here does text become a number or a boolean. */
  static final String PASS_THROUGH = "llm.request.extraBody";

  private static final Pattern JSON_INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
  private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final String PARSED = "parsed value";
  private static final Pattern HEX4 = Pattern.compile("[0-9a-fA-F]{4}");
  /** The main class of the JVM the Gatling Maven plugin forks for a run, on that JVM's class path only. */
  private static final String GATLING_FORK_MAIN = "io/gatling/plugin/util/ForkMain.class";

  private CommandLineValues() {}

  /**
   * This JVM's system properties, as the user typed them. {@code mvn gatling:test} runs Gatling in a JVM that the
   * Gatling Maven plugin forks, and the plugin passes the properties on Java-escaped ({@code "} as {@code \"},
   * {@code \} as {@code \\}, a newline as {@code \n}, anything beyond ASCII as &#92;u00e9) without anything
   * unescaping them on the other side; for the {@code llm.} properties that is undone here, so that
   * <code>-Dllm.request.extraBody={"temperature":1.5}</code> arrives as typed.
   */
  static Properties systemProperties() {
    Properties properties = new Properties();
    properties.putAll(System.getProperties());
    return ClassLoader.getSystemResource(GATLING_FORK_MAIN) != null ? unescapedLlmValues(properties) : properties;
  }

  /** {@code properties} with the Java escapes in the values of {@code llm.*} keys undone. */
  static Properties unescapedLlmValues(Properties properties) {
    Properties out = new Properties();
    for (String name : properties.stringPropertyNames()) {
      String value = properties.getProperty(name);
      out.setProperty(name, name.equals("llm") || name.startsWith("llm.") ? unescapeJava(value) : value);
    }
    return out;
  }

  /** Undoes {@code \"}, {@code \'}, {@code \\}, {@code \b \t \n \f \r} and &#92;uXXXX (four hex digits); anything else stays. */
  static String unescapeJava(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 == text.length()) {
        out.append(c);
        continue;
      }
      char next = text.charAt(i + 1);
      switch (next) {
        case '"', '\'', '\\' -> out.append(next);
        case 'b' -> out.append('\b');
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        case 'f' -> out.append('\f');
        case 'r' -> out.append('\r');
        case 'u' -> {
          if (i + 6 <= text.length() && HEX4.matcher(text.substring(i + 2, i + 6)).matches()) {
            out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
            i += 4;
          } else {
            out.append(c).append(next);
          }
        }
        default -> out.append(c).append(next);
      }
      i++;
    }
    return out.toString();
  }

  /**
   * Fails when a key is given both whole and key by key ({@code -Dllm.request.extraBody={...}} and
   * {@code -Dllm.request.extraBody.top_p=0.9}): Typesafe Config would keep the keys and drop the whole value
   * without a word.
   */
  static void rejectBothForms(Properties properties) {
    TreeSet<String> names = new TreeSet<>();
    for (String name : properties.stringPropertyNames()) {
      if (name.equals("llm") || name.startsWith("llm.")) {
        names.add(name);
      }
    }
    for (String name : names) {
      String inside = names.higher(name + ".");
      if (inside != null && inside.startsWith(name + ".")) {
        throw new ConfigException(name, "given both whole (-D" + name + "=...) and key by key (-D" + inside
            + "=...), and the whole value would be dropped; use one form");
      }
    }
  }

  /**
   * {@code overrides} with the text values under {@code llm} replaced by typed ones.
   *
   * @param reference the shipped defaults, which tell where an object or a list belongs
   * @param freeForm subtrees whose keys are the user's own
   */
  static Config typed(Config overrides, Config reference, List<String> freeForm) {
    if (!overrides.hasPathOrNull("llm") || overrides.getValue("llm").valueType() != ConfigValueType.OBJECT) {
      return overrides;
    }
    List<Map.Entry<String, ConfigValue>> replacements = new ArrayList<>();
    collect(List.of("llm"), overrides.getObject("llm"), reference, freeForm, replacements);
    Config out = overrides;
    for (Map.Entry<String, ConfigValue> r : replacements) {
      out = out.withValue(r.getKey(), r.getValue());
    }
    return out;
  }

  private static void collect(List<String> keys, ConfigObject object, Config reference, List<String> freeForm,
      List<Map.Entry<String, ConfigValue>> out) {
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      List<String> childKeys = new ArrayList<>(keys);
      childKeys.add(e.getKey());
      ConfigValue value = e.getValue();
      if (value.valueType() == ConfigValueType.OBJECT) {
        collect(childKeys, (ConfigObject) value, reference, freeForm, out);
      } else if (value.valueType() == ConfigValueType.STRING) {
        String path = ConfigUtil.joinPath(childKeys);
        ConfigValue typed = typed(path, (String) value.unwrapped(), reference, freeForm);
        if (typed != null) {
          out.add(Map.entry(path, typed.withOrigin(value.origin())));
        }
      }
    }
  }

  /** The typed value of one text, or null to keep the text. */
  private static ConfigValue typed(String path, String text, Config reference, List<String> freeForm) {
    String s = text.strip();
    if (s.equals("null")) {
      return ConfigValueFactory.fromAnyRef(null);
    }
    boolean inFreeForm = freeForm.stream().anyMatch(f -> path.equals(f) || path.startsWith(f + "."));
    if ((s.startsWith("{") || s.startsWith("[")) && (inFreeForm || holdsStructure(reference, path))) {
      return structure(path, s);
    }
    if (!path.startsWith(PASS_THROUGH + ".")) {
      return null;
    }
    if (s.equals("true") || s.equals("false")) {
      return ConfigValueFactory.fromAnyRef(Boolean.parseBoolean(s));
    }
    if (JSON_INTEGER.matcher(s).matches()) {
      try {
        long n = Long.parseLong(s);
        return ConfigValueFactory.fromAnyRef(n == (int) n ? (Object) (int) n : (Object) n);
      } catch (NumberFormatException e) {
        return null; // beyond a long: text, as HOCON keeps such a number in a profile file
      }
    }
    if (JSON_NUMBER.matcher(s).matches()) {
      double d = Double.parseDouble(s);
      return Double.isInfinite(d) ? null : ConfigValueFactory.fromAnyRef(d);
    }
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      try {
        return ConfigValueFactory.fromAnyRef(JSON.readValue(s, String.class));
      } catch (JsonProcessingException e) {
        throw ConfigException.invalid(path, text, "a value in double quotes must be one JSON string such as \"42\"");
      }
    }
    return null;
  }

  private static boolean holdsStructure(Config reference, String path) {
    if (!reference.hasPath(path)) {
      return false; // unknown, or null by default: a single value
    }
    ConfigValueType type = reference.getValue(path).valueType();
    return type == ConfigValueType.OBJECT || type == ConfigValueType.LIST;
  }

  private static ConfigValue structure(String path, String text) {
    boolean object = text.startsWith("{");
    String rule = object
        ? "must be a JSON or HOCON object such as {\"temperature\":0.7} or {temperature=0.7, top_p=0.9}"
        : "must be a JSON or HOCON list such as [1,2,4] or [\"a\",\"b\"]";
    Config parsed;
    try {
      parsed = ConfigFactory.parseString("v = " + text, ConfigParseOptions.defaults().setOriginDescription(PARSED));
    } catch (com.typesafe.config.ConfigException e) {
      // the parser's own words, without where ("parsed value: 1: ") and its hints about .conf files
      String detail = e.getMessage().replaceFirst("^" + PARSED + "(: [0-9]+)?: ", "").replaceFirst(" \\(if you .*\\)$", "");
      throw ConfigException.invalid(path, text, rule + "; " + detail);
    }
    ConfigValue v = parsed.root().get("v");
    ConfigValueType expected = object ? ConfigValueType.OBJECT : ConfigValueType.LIST;
    if (parsed.root().size() != 1 || v == null || v.valueType() != expected) {
      throw ConfigException.invalid(path, text, rule);
    }
    return v;
  }
}

package dev.llmload.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Loads {@link LlmSettings}: defaults shipped in the jar ({@code reference.conf}) &lt; {@code
 * <llm.userFiles>/<llm.profile>.conf} &lt; system properties and {@code CONFIG_FORCE_} environment variables.
 * Every key is validated here, once; a bad one fails with a {@link ConfigException} naming the key, the value
 * and the rule. Keys that do not exist under {@code llm.} are rejected with the closest known key.
 */
public final class SettingsLoader {

  private static final String DEFAULT_PROFILE = "default";
  /** Subtrees whose keys are the user's own (passed through), not ours to check. */
  private static final List<String> FREE_FORM = List.of("llm.request.extraBody", "llm.server.presets");

  private SettingsLoader() {}

  /** The settings of this JVM: system properties and the real environment. */
  public static LlmSettings load() {
    return load(Map.of());
  }

  /**
   * Like {@link #load()}, with a simulation's own defaults (paths such as {@code "llm.sweep.levels"}) between the
   * shipped defaults and the user's profile: a benchmark can set its shape and users can still override it.
   */
  public static LlmSettings load(Map<String, ?> simulationDefaults) {
    ConfigFactory.invalidateCaches(); // pick up system properties set since the last load
    Config overrides = ConfigFactory.systemProperties().withFallback(ConfigFactory.systemEnvironmentOverrides());
    return load(overrides, ConfigFactory.parseMap(simulationDefaults, "simulation defaults"), System.getenv());
  }

  /**
   * Settings for tests: {@code overrides} (paths such as {@code "llm.sweep.levels"}) over the profile file over
   * the defaults, with {@code env} standing in for the environment.
   */
  public static LlmSettings loadForTest(Map<String, ?> overrides, Map<String, String> env) {
    return load(ConfigFactory.parseMap(overrides, "test overrides"), ConfigFactory.empty(), env);
  }

  static LlmSettings load(Config overrides, Config simulationDefaults, Map<String, String> env) {
    ConfigFactory.invalidateCaches();
    // The jar's defaults alone: defaultReference() also merges in system properties, which would make any -D typo
    // under llm.* a "known" key and let it pass unchecked.
    Config reference = ConfigFactory.defaultReferenceUnresolved().resolve();
    Config bootstrap = overrides.withFallback(reference);
    String profile = string(bootstrap, "llm.profile").orElse(DEFAULT_PROFILE);
    Path userFiles = Path.of(string(bootstrap, "llm.userFiles").orElse("user-files"));
    Config profileConfig = profileConfig(userFiles, profile);

    Config user = overrides.withFallback(profileConfig).withFallback(simulationDefaults);
    rejectUnknownKeys(user, reference);
    Config merged;
    try {
      merged = user.withFallback(reference).resolve();
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("llm", "cannot be resolved: " + e.getMessage());
    }
    return new LlmSettings(
        profile,
        target(merged, env),
        request(merged, userFiles),
        sweep(merged),
        new TimeoutSettings(duration(merged, "llm.timeouts.request"), duration(merged, "llm.timeouts.headers"),
            duration(merged, "llm.timeouts.idle")),
        new ReportSettings(Path.of(requiredString(merged, "llm.report.dir"))),
        merged.getConfig("llm.server"));
  }

  private static Config profileConfig(Path userFiles, String profile) {
    if (!profile.matches("[A-Za-z0-9._-]+")) {
      throw ConfigException.invalid("llm.profile", profile, "must be a file name made of letters, digits, '.', '_' or '-'");
    }
    Path file = userFiles.resolve(profile + ".conf");
    if (!Files.isRegularFile(file)) {
      if (profile.equals(DEFAULT_PROFILE)) {
        return ConfigFactory.empty();
      }
      throw ConfigException.invalid("llm.profile", profile, "no profile file at " + file.toAbsolutePath().normalize());
    }
    try {
      return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("llm.profile", "cannot read " + file.toAbsolutePath().normalize() + ": " + e.getMessage());
    }
  }

  // ---- unknown keys ----

  private static void rejectUnknownKeys(Config user, Config reference) {
    if (!user.hasPathOrNull("llm")) {
      return;
    }
    TreeSet<String> known = new TreeSet<>();
    collectPaths("llm", reference.getObject("llm"), known);
    List<String> userPaths = new ArrayList<>();
    collectPaths("llm", user.getObject("llm"), userPaths);
    for (String path : userPaths) {
      if (known.contains(path) || FREE_FORM.stream().anyMatch(f -> path.startsWith(f + "."))) {
        continue;
      }
      throw new ConfigException(path, "unknown key" + KeySuggestion.closest(path, known).map(s -> " (did you mean " + s + "?)").orElse("")
          + "; every key is listed in README.md, section Configuration");
    }
  }

  private static void collectPaths(String prefix, ConfigObject object, java.util.Collection<String> out) {
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      String path = prefix + "." + e.getKey();
      if (e.getValue().valueType() == ConfigValueType.OBJECT && !FREE_FORM.contains(path) && !((ConfigObject) e.getValue()).isEmpty()) {
        collectPaths(path, (ConfigObject) e.getValue(), out);
      } else {
        out.add(path);
      }
    }
  }

  // ---- sections ----

  private static TargetSettings target(Config c, Map<String, String> env) {
    Optional<URI> baseUrl = string(c, "llm.target.baseUrl").map(SettingsLoader::baseUrl);
    Optional<String> model = string(c, "llm.target.model");
    Api api = Api.parse("llm.target.api", requiredString(c, "llm.target.api"));
    Optional<Secret> apiKey = Optional.empty();
    for (String name : stringList(c, "llm.target.apiKeyEnv")) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        apiKey = Optional.of(new Secret(value.strip(), "env " + name));
        break;
      }
    }
    Optional<Path> trustStore = string(c, "llm.target.trustStore").map(Path::of);
    if (trustStore.isPresent() && !Files.isRegularFile(trustStore.get())) {
      throw ConfigException.invalid("llm.target.trustStore", trustStore.get().toString(),
          "no trust store file at " + trustStore.get().toAbsolutePath().normalize());
    }
    Optional<Secret> password = string(c, "llm.target.trustStorePassword").map(p -> new Secret(p, "llm.target.trustStorePassword"));
    return new TargetSettings(baseUrl, model, api, apiKey, new TlsSettings(trustStore, password, bool(c, "llm.target.insecureTls")));
  }

  static URI baseUrl(String raw) {
    String key = "llm.target.baseUrl";
    String rule = "must be an http:// or https:// URL such as http://127.0.0.1:8000/v1";
    URI uri;
    try {
      uri = new URI(raw.strip());
    } catch (URISyntaxException e) {
      throw ConfigException.invalid(key, raw, rule);
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
      throw ConfigException.invalid(key, raw, rule);
    }
    String text = uri.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text);
  }

  private static RequestSettings request(Config c, Path userFiles) {
    int maxTokens = integer(c, "llm.request.maxTokens");
    boolean ignoreEos = bool(c, "llm.request.ignoreEos");
    Optional<String> promptFile = string(c, "llm.request.promptFile");
    String prompt;
    if (promptFile.isPresent()) {
      Path file = userFiles.resolve(promptFile.get());
      try {
        prompt = Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw ConfigException.invalid("llm.request.promptFile", promptFile.get(), "no readable file at " + file.toAbsolutePath().normalize());
      }
    } else {
      prompt = requiredString(c, "llm.request.prompt");
    }
    if (prompt.isBlank()) {
      throw ConfigException.invalid("llm.request.prompt", prompt, "must not be empty");
    }
    Map<String, Object> extra = c.getConfig("llm.request.extraBody").root().unwrapped();
    return new RequestSettings(maxTokens, ignoreEos, prompt, extra, duration(c, "llm.request.pauseAfterError"));
  }

  private static SweepSettings sweep(Config c) {
    return new SweepSettings(intList(c, "llm.sweep.levels"), duration(c, "llm.sweep.levelDuration"), duration(c, "llm.sweep.warmup"));
  }

  // ---- typed getters that turn Typesafe's errors into ours ----

  static Optional<String> string(Config c, String key) {
    if (!c.hasPath(key)) {
      return Optional.empty();
    }
    ConfigValue v = c.getValue(key);
    if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
      throw ConfigException.invalid(key, v.render(), "must be a single value");
    }
    String s = String.valueOf(v.unwrapped()).strip();
    return s.isEmpty() || s.equals("null") ? Optional.empty() : Optional.of(s);
  }

  private static String requiredString(Config c, String key) {
    return string(c, key).orElseThrow(() -> ConfigException.invalid(key, "", "must be set"));
  }

  private static int integer(Config c, String key) {
    String raw = requiredString(c, key);
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw ConfigException.invalid(key, raw, "must be a whole number");
    }
  }

  private static boolean bool(Config c, String key) {
    String raw = requiredString(c, key);
    return switch (raw) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw ConfigException.invalid(key, raw, "must be true or false");
    };
  }

  private static Duration duration(Config c, String key) {
    try {
      return c.getDuration(key);
    } catch (com.typesafe.config.ConfigException e) {
      throw ConfigException.invalid(key, c.getValue(key).unwrapped(), "must be a duration such as 500ms, 15s or 2m");
    }
  }

  /** A list given as a HOCON list, or from a system property as "[1,2,4]" or "1,2,4". */
  private static List<String> stringList(Config c, String key) {
    ConfigValue v = c.getValue(key);
    List<String> out = new ArrayList<>();
    if (v.valueType() == ConfigValueType.LIST) {
      for (Object o : (List<?>) v.unwrapped()) {
        out.add(String.valueOf(o).strip());
      }
    } else {
      String s = String.valueOf(v.unwrapped()).strip();
      if (s.startsWith("[") && s.endsWith("]")) {
        s = s.substring(1, s.length() - 1);
      }
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }

  private static List<Integer> intList(Config c, String key) {
    List<Integer> out = new ArrayList<>();
    for (String s : stringList(c, key)) {
      try {
        out.add(Integer.parseInt(s));
      } catch (NumberFormatException e) {
        throw ConfigException.invalid(key, s, "each level must be a whole number");
      }
    }
    return out;
  }
}

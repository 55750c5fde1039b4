package dev.llmload.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.llmload.server.ServerSettings;
import dev.llmload.server.ServerTls;
import dev.llmload.server.SimulatedReplicas;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads {@link LlmSettings}: defaults shipped in the jar ({@code reference.conf}) &lt; {@code
 * <llm.userFiles>/<llm.profile>.conf} &lt; system properties and {@code CONFIG_FORCE_} environment variables.
 * Every key is validated here, once, {@code llm.server} included (by the simulated server's own reader); a bad
 * one, or one of the wrong type, fails with a {@link ConfigException} naming the key, the value and the rule or
 * form. Keys that do not exist under {@code llm.} are rejected with the closest known key. System properties and
 * environment variables are text: {@link CommandLineValues} gives them the type the user meant.
 */
public final class SettingsLoader {

  private static final String DEFAULT_PROFILE = "default";
  /** Subtrees whose keys are the user's own (passed through), not ours to check. */
  private static final List<String> FREE_FORM = List.of("llm.request.extraBody", "llm.server.presets",
      "llm.baseline.tolerances");

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
    Properties commandLine = CommandLineValues.systemProperties();
    CommandLineValues.rejectBothForms(commandLine);
    Config overrides = ConfigFactory.parseProperties(commandLine, ConfigParseOptions.defaults().setOriginDescription("system properties"))
        .withFallback(ConfigFactory.systemEnvironmentOverrides());
    return load(overrides, ConfigFactory.parseMap(simulationDefaults, "simulation defaults"), System.getenv());
  }

  /**
   * Settings for tests: {@code overrides} (paths such as {@code "llm.sweep.levels"}) over the profile file over
   * the defaults, with {@code env} standing in for the environment. Text values are read as on the command line
   * (see {@link CommandLineValues}); numbers, booleans, lists and maps are taken as they are.
   */
  public static LlmSettings loadForTest(Map<String, ?> overrides, Map<String, String> env) {
    return load(ConfigFactory.parseMap(overrides, "test overrides"), ConfigFactory.empty(), env);
  }

  /**
   * Settings for tests, with {@code commandLine} standing for {@code -D} system properties: text values read as
   * on the command line ({@code "1.5"} under {@code llm.request.extraBody} is a number, <code>"{...}"</code> an
   * object), over the profile file over the defaults.
   */
  public static LlmSettings loadForTest(Properties commandLine, Map<String, String> env) {
    CommandLineValues.rejectBothForms(commandLine);
    return load(ConfigFactory.parseProperties(commandLine, ConfigParseOptions.defaults().setOriginDescription("test -D")),
        ConfigFactory.empty(), env);
  }

  static LlmSettings load(Config overrides, Config simulationDefaults, Map<String, String> env) {
    ConfigFactory.invalidateCaches();
    // The jar's defaults alone: defaultReference() also merges in system properties, which would make any -D typo
    // under llm.* a "known" key and let it pass unchecked.
    Config reference = ConfigFactory.defaultReferenceUnresolved().resolve();
    Config typedOverrides = CommandLineValues.typed(overrides, reference, FREE_FORM);
    ConfigReader bootstrap = ConfigReader.of(typedOverrides.withFallback(reference), "");
    String profile = bootstrap.string("llm.profile").orElse(DEFAULT_PROFILE);
    Path userFiles = Path.of(bootstrap.string("llm.userFiles").orElse("user-files"));
    Config profileConfig = profileConfig(userFiles, profile);

    Config user = typedOverrides.withFallback(profileConfig).withFallback(simulationDefaults);
    checkKeys(user, reference);
    Config merged;
    try {
      merged = user.withFallback(reference).resolve();
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("llm", "cannot be resolved: " + e.getMessage());
    }
    ConfigReader c = ConfigReader.of(merged, "");
    return new LlmSettings(
        profile,
        target(c, env),
        request(c, userFiles),
        sweep(c),
        new WorkloadSettings(c.integer("llm.workload.concurrency"), c.decimal("llm.workload.rate"), c.duration("llm.workload.duration"),
            c.duration("llm.workload.warmup"), c.longInteger("llm.workload.requests"), c.requiredString("llm.workload.arrivals"),
            c.decimal("llm.workload.burstiness"), c.integer("llm.workload.maxInFlight"), c.longInteger("llm.workload.seed")),
        probe(c, userFiles),
        new RateSweepSettings(c.stringList("llm.rateSweep.rates").stream().map(r -> rate(r)).toList(), c.integer("llm.rateSweep.steps"),
            c.integer("llm.rateSweep.throughputConcurrency"), c.duration("llm.rateSweep.phaseDuration"),
            c.duration("llm.rateSweep.levelDuration"), c.duration("llm.rateSweep.warmup")),
        new StopSettings(c.decimal("llm.stop.errorRate"), c.duration("llm.stop.ttftP50"), c.decimal("llm.stop.achievedRateShare"),
            c.duration("llm.stop.maxDuration")),
        new TimeoutSettings(c.duration("llm.timeouts.request"), c.duration("llm.timeouts.headers"), c.duration("llm.timeouts.idle")),
        new HttpSettings(c.duration("llm.http.keepAliveIdle"), c.bool("llm.http.realtimeEventLoops")),
        new ReportSettings(Path.of(c.requiredString("llm.report.dir"))),
        server(merged.getConfig("llm.server")),
        slo(c),
        cost(c),
        targets(c, merged.getConfig("llm.server.presets").root().keySet()),
        history(c),
        baseline(c, merged, userFiles),
        gates(c, slo(c).defined()),
        telemetry(c));
  }

  /** {@code llm.telemetry}: intervals and limits in range, URLs http(s), a PID positive. */
  private static TelemetrySettings telemetry(ConfigReader c) {
    Duration interval = c.duration("llm.telemetry.interval");
    if (interval.compareTo(Duration.ofMillis(100)) < 0 || interval.compareTo(Duration.ofHours(1)) > 0) {
      throw ConfigException.invalid("llm.telemetry.interval", interval, "must be between 100 ms and 1 hour, e.g. 1s");
    }
    Optional<Long> pid = c.optionalLong("llm.telemetry.process.pid");
    if (pid.isPresent() && pid.get() < 1) {
      throw ConfigException.invalid("llm.telemetry.process.pid", pid.get(), "must be a process id, at least 1");
    }
    Optional<String> name = c.string("llm.telemetry.process.name").map(String::strip).filter(n -> !n.isEmpty());
    if (pid.isPresent() && name.isPresent()) {
      throw ConfigException.stated("llm.telemetry.process", "llm.telemetry.process must name the server process by pid or by name, not "
          + "both (pid " + pid.get() + ", name '" + name.get() + "')");
    }
    String nvidiaSmi = c.requiredString("llm.telemetry.nvidiaSmi").strip();
    if (nvidiaSmi.isEmpty()) {
      throw ConfigException.invalid("llm.telemetry.nvidiaSmi", nvidiaSmi, "must be auto, off or the command to run");
    }
    Duration probe = c.duration("llm.telemetry.client.probeInterval");
    if (probe.compareTo(Duration.ofMillis(1)) < 0 || probe.compareTo(Duration.ofSeconds(1)) > 0) {
      throw ConfigException.invalid("llm.telemetry.client.probeInterval", probe, "must be between 1 ms and 1 s, e.g. 20ms");
    }
    dev.llmload.telemetry.client.ClientLimits limits = new dev.llmload.telemetry.client.ClientLimits(
        share(c, "llm.telemetry.client.maxCpuShare"), positive(c, "llm.telemetry.client.maxLoopDelayP99Ms"),
        share(c, "llm.telemetry.client.maxGcPauseShare"), positive(c, "llm.telemetry.client.maxGcPauseMs"),
        positive(c, "llm.telemetry.client.maxSendLagP99Ms"));
    return new TelemetrySettings(c.bool("llm.telemetry.enabled"), interval,
        c.string("llm.telemetry.metricsUrl").map(raw -> httpUrl("llm.telemetry.metricsUrl", raw, "http://gpu-box:8000/metrics")), pid, name,
        nvidiaSmi.toLowerCase(java.util.Locale.ROOT).equals(TelemetrySettings.AUTO) || nvidiaSmi.toLowerCase(java.util.Locale.ROOT)
            .equals(TelemetrySettings.OFF) ? nvidiaSmi.toLowerCase(java.util.Locale.ROOT) : nvidiaSmi,
        c.string("llm.telemetry.dcgmUrl").map(raw -> httpUrl("llm.telemetry.dcgmUrl", raw, "http://127.0.0.1:9400/metrics")), probe, limits);
  }

  private static double share(ConfigReader c, String key) {
    double value = c.decimal(key);
    if (!(value > 0 && value <= 1)) {
      throw ConfigException.invalid(key, value, "must be above 0 and at most 1, e.g. 0.9");
    }
    return value;
  }

  private static double positive(ConfigReader c, String key) {
    double value = c.decimal(key);
    if (!(value > 0) || Double.isInfinite(value)) {
      throw ConfigException.invalid(key, value, "must be a positive number of milliseconds");
    }
    return value;
  }

  private static URI httpUrl(String key, String raw, String example) {
    URI uri;
    try {
      uri = new URI(raw.strip());
    } catch (URISyntaxException e) {
      throw ConfigException.invalid(key, raw, "must be an http:// or https:// URL such as " + example);
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
      throw ConfigException.invalid(key, raw, "must be an http:// or https:// URL such as " + example);
    }
    return uri;
  }

  /** {@code llm.history}: the file defaults to {@code <llm.report.dir>/history.jsonl}. */
  private static HistorySettings history(ConfigReader c) {
    Path file = c.string("llm.history.file").map(Path::of)
        .orElse(Path.of(c.requiredString("llm.report.dir")).resolve(HistorySettings.DEFAULT_FILE_NAME));
    return new HistorySettings(c.bool("llm.history.enabled"), file);
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

  // ---- unknown keys and misplaced single values ----

  /**
   * Every key the user set exists in the defaults, and where the defaults hold an object the user's value is an
   * object too. A single value or a list in the wrong form (an object included) is left to the typed reader of
   * its key, which names the form to use.
   */
  private static void checkKeys(Config user, Config reference) {
    ConfigValue llm = user.root().get("llm");
    if (llm == null) {
      return;
    }
    TreeSet<String> known = new TreeSet<>();
    collectPaths("llm", reference.getObject("llm"), known);
    checkKeys("llm", llm, reference.getValue("llm"), known);
  }

  private static void checkKeys(String path, ConfigValue user, ConfigValue reference, Set<String> known) {
    boolean freeForm = FREE_FORM.contains(path);
    if (reference.valueType() != ConfigValueType.OBJECT || !freeForm && ((ConfigObject) reference).isEmpty()) {
      return;
    }
    if (user.valueType() != ConfigValueType.OBJECT) {
      throw ConfigException.invalid(path, user, ConfigReader.objectRule(path));
    }
    if (freeForm) {
      return;
    }
    for (Map.Entry<String, ConfigValue> e : ((ConfigObject) user).entrySet()) {
      String child = path + "." + e.getKey();
      ConfigValue childReference = ((ConfigObject) reference).get(e.getKey());
      if (childReference == null) {
        List<String> leaves = new ArrayList<>(); // name what was typed: llm.banana.split, not llm.banana
        if (e.getValue() instanceof ConfigObject object && !object.isEmpty()) {
          collectPaths(child, object, leaves);
        } else {
          leaves.add(child);
        }
        throw unknownKey(leaves.get(0), known);
      }
      checkKeys(child, e.getValue(), childReference, known);
    }
  }

  private static ConfigException unknownKey(String path, Set<String> known) {
    return new ConfigException(path, "unknown key" + KeySuggestion.closest(path, known).map(s -> " (did you mean " + s + "?)").orElse("")
        + "; every key is listed in README.md, section Configuration");
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

  private static TargetSettings target(ConfigReader c, Map<String, String> env) {
    List<URI> baseUrls = baseUrls(c);
    Optional<String> model = c.string("llm.target.model");
    Api api = Api.parse("llm.target.api", c.requiredString("llm.target.api"));
    Optional<Secret> apiKey = Optional.empty();
    for (String name : c.stringList("llm.target.apiKeyEnv")) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        apiKey = Optional.of(new Secret(value.strip(), "env " + name));
        break;
      }
    }
    Optional<Path> trustStore = c.string("llm.target.trustStore").map(Path::of);
    if (trustStore.isPresent() && !Files.isRegularFile(trustStore.get())) {
      throw ConfigException.invalid("llm.target.trustStore", trustStore.get().toString(),
          "no trust store file at " + trustStore.get().toAbsolutePath().normalize());
    }
    Optional<Secret> password = c.string("llm.target.trustStorePassword").map(p -> new Secret(p, "llm.target.trustStorePassword"));
    return new TargetSettings(baseUrls.stream().findFirst(), model, api, apiKey, new TlsSettings(trustStore, password,
        c.bool("llm.target.insecureTls")), baseUrls, Balancing.parse("llm.target.balancing", c.requiredString("llm.target.balancing")),
        targetName(c, "llm.target.name"));
  }

  /** A target's name: it becomes part of a folder name. */
  private static Optional<String> targetName(ConfigReader c, String key) {
    Optional<String> name = c.string(key);
    if (name.isPresent() && !NamedTarget.isName(name.get())) {
      throw ConfigException.invalid(c.key(key), name.get(), NamedTarget.NAME_RULE);
    }
    return name;
  }

  /**
   * {@code llm.targets}: each entry an object of {@link NamedTarget#KEYS}, its name given and used once, a preset only
   * without a baseUrl and one of the simulator's {@code presets}.
   */
  private static List<NamedTarget> targets(ConfigReader c, Set<String> presets) {
    List<NamedTarget> out = new ArrayList<>();
    for (ConfigReader entry : c.objectList("llm.targets")) {
      for (String key : entry.keys()) {
        if (!NamedTarget.KEYS.contains(key)) {
          throw new ConfigException(entry.path(), "unknown key '" + key + "'" + KeySuggestion.closest(key, NamedTarget.KEYS)
              .map(k -> " (did you mean " + k + "?)").orElse("") + "; an entry must be an object such as { name = llama-8b, baseUrl = "
              + "\"http://gpu-box:8000/v1\", model = ... } or { name = small, preset = fast }, with the keys " + NamedTarget.KEYS);
        }
      }
      String name = targetName(entry, "name").orElseThrow(() -> ConfigException.invalid(entry.key("name"), "", "must be set: every "
          + "target needs a name, which names its run folder and its run in the comparison"));
      if (out.stream().anyMatch(t -> t.name().equals(name))) {
        throw ConfigException.invalid(entry.key("name"), name, "must be unique among llm.targets: each target gets its own run folder");
      }
      Optional<URI> baseUrl = entry.string("baseUrl").map(raw -> baseUrl(entry.key("baseUrl"), raw));
      Optional<String> preset = entry.string("preset");
      if (preset.isPresent() && baseUrl.isPresent()) {
        throw new ConfigException(entry.key("preset"), "set together with baseUrl; a preset is the embedded simulated server's "
            + "(llm.server.preset), a baseUrl a real server's: give a target one of the two");
      }
      if (preset.isPresent() && !presets.contains(preset.get())) {
        throw ConfigException.invalid(entry.key("preset"), preset.get(), "must be one of the simulator's presets " + new TreeSet<>(presets));
      }
      out.add(new NamedTarget(name, baseUrl, entry.string("model"), preset));
    }
    return List.copyOf(out);
  }

  /**
   * {@code llm.gates}: each entry an object of {@link #GATE_KEYS} naming one of {@link GateMetric#ALL}; checked here,
   * before any load (whether a named level exists is known only after the run: a missing one fails its gate).
   */
  private static List<Gate> gates(ConfigReader c, boolean sloDefined) {
    List<Gate> out = new ArrayList<>();
    for (ConfigReader entry : c.objectList("llm.gates")) {
      for (String key : entry.keys()) {
        if (!GATE_KEYS.contains(key)) {
          throw new ConfigException(entry.path(), "unknown key '" + key + "'" + KeySuggestion.closest(key, GATE_KEYS)
              .map(k -> " (did you mean " + k + "?)").orElse("") + "; a gate is an object such as { metric = \"ttftMs.p95\", level = \"c=32\", "
              + "max = 800 }, with the keys " + GATE_KEYS);
        }
      }
      String name = entry.string("metric").orElseThrow(() -> ConfigException.invalid(entry.key("metric"), "", "must be set: "
          + "one of " + GateMetric.names()));
      GateMetric metric = GateMetric.named(name).orElseThrow(() -> ConfigException.invalid(entry.key("metric"), name, "must be one of "
          + GateMetric.names()));
      if (metric.name().equals(GateMetric.HIGHEST_LOAD_WITHIN_SLO) && !sloDefined) {
        throw new ConfigException(entry.key("metric"), "highestLoadWithinSlo needs an SLO to measure against; set llm.slo (e.g. "
            + "llm.slo.ttftMs = 500) or remove this gate");
      }
      out.add(new Gate(entry.path(), metric, entry.string("level").orElse(null), entry.optionalDecimal("min").orElse(null),
          entry.optionalDecimal("max").orElse(null)));
    }
    return List.copyOf(out);
  }

  /** The keys of one {@code llm.gates} entry. */
  static final List<String> GATE_KEYS = List.of("metric", "level", "min", "max");

  /**
   * The target's base URLs: {@code llm.target.baseUrl}, or the replicas listed in {@code llm.target.baseUrls} (one
   * of the two, each URL once); none for the embedded server.
   */
  private static List<URI> baseUrls(ConfigReader c) {
    String key = "llm.target.baseUrls";
    Optional<URI> single = c.string("llm.target.baseUrl").map(SettingsLoader::baseUrl);
    List<String> listed = c.stringList(key);
    if (listed.isEmpty()) {
      return single.stream().toList();
    }
    if (single.isPresent()) {
      throw new ConfigException(key, "cannot be set together with llm.target.baseUrl; set baseUrl for one server, or list every "
          + "replica in baseUrls and unset baseUrl");
    }
    List<URI> out = new ArrayList<>();
    for (String raw : listed) {
      URI uri = baseUrl(key, raw);
      if (out.contains(uri)) {
        throw ConfigException.invalid(key, raw, "must list each base URL once");
      }
      out.add(uri);
    }
    return List.copyOf(out);
  }

  static URI baseUrl(String raw) {
    return baseUrl("llm.target.baseUrl", raw);
  }

  static URI baseUrl(String key, String raw) {
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

  private static RequestSettings request(ConfigReader c, Path userFiles) {
    int maxTokens = c.integer("llm.request.maxTokens");
    boolean ignoreEos = c.bool("llm.request.ignoreEos");
    Optional<String> promptFile = c.string("llm.request.promptFile");
    String prompt;
    if (promptFile.isPresent()) {
      Path file = userFiles.resolve(promptFile.get());
      try {
        prompt = Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw ConfigException.invalid("llm.request.promptFile", promptFile.get(), "no readable file at " + file.toAbsolutePath().normalize());
      }
    } else {
      prompt = c.requiredString("llm.request.prompt");
    }
    if (prompt.isBlank()) {
      throw ConfigException.invalid("llm.request.prompt", prompt, "must not be empty");
    }
    Map<String, Object> extra = c.section("llm.request.extraBody").unwrapped();
    return new RequestSettings(maxTokens, ignoreEos, prompt, extra, c.duration("llm.request.pauseAfterError"),
        c.bool("llm.request.uniquePrompts"), dataset(c, userFiles),
        TokenizerChoice.parse("llm.request.tokenizer", c.requiredString("llm.request.tokenizer")), promptSet(c, userFiles),
        new RequestSettings.Synthetic(tokenLength(c, "llm.request.synthetic.inputTokens"), tokenLength(c, "llm.request.synthetic.outputTokens"),
            c.bool("llm.request.synthetic.minTokens"),
            SyntheticText.parse("llm.request.synthetic.text", c.requiredString("llm.request.synthetic.text")),
            c.integer("llm.request.synthetic.prefixTokens"), c.integer("llm.request.synthetic.prefixGroups")),
        conversation(c));
  }

  /** The prompt set's file, {@code <userFiles>/prompts/<name>.txt}, read now. */
  private static Optional<RequestSettings.PromptSet> promptSet(ConfigReader c, Path userFiles) {
    Optional<String> name = c.string("llm.request.promptSet");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    if (!name.get().matches("[A-Za-z0-9._-]+")) {
      throw ConfigException.invalid("llm.request.promptSet", name.get(), "must be a file name made of letters, digits, '.', '_' or '-'");
    }
    Path file = userFiles.resolve("prompts").resolve(name.get() + ".txt");
    try {
      return Optional.of(new RequestSettings.PromptSet(name.get(), Files.readString(file, StandardCharsets.UTF_8).strip()));
    } catch (IOException e) {
      throw ConfigException.invalid("llm.request.promptSet", name.get(), "no readable prompt file at " + file.toAbsolutePath().normalize()
          + " (small, medium, large, long-2k and long-4k ship in user-files/prompts)");
    }
  }

  /** A length in {@link TokenLength}'s text form; a number from a profile file is read as its text. */
  private static Optional<TokenLength> tokenLength(ConfigReader c, String key) {
    return c.string(key).map(text -> TokenLength.parse(key, text));
  }

  private static ConversationSettings conversation(ConfigReader c) {
    return new ConversationSettings(c.integer("llm.request.conversation.turns"), c.duration("llm.request.conversation.thinkTime"),
        ConversationSettings.TurnsFrom.parse("llm.request.conversation.turnsFrom", c.requiredString("llm.request.conversation.turnsFrom")));
  }

  /** The dataset's file, checked to exist now; its records are read when the workload is built. */
  private static Optional<RequestSettings.Dataset> dataset(ConfigReader c, Path userFiles) {
    DatasetFormat format = DatasetFormat.parse("llm.request.datasetFormat", c.requiredString("llm.request.datasetFormat"));
    String column = c.requiredString("llm.request.datasetColumn");
    Optional<String> name = c.string("llm.request.dataset");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Path file = userFiles.resolve(name.get());
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw ConfigException.invalid("llm.request.dataset", name.get(), "no readable file at " + file.toAbsolutePath().normalize());
    }
    return Optional.of(new RequestSettings.Dataset(name.get(), file, format.resolve(name.get()), column));
  }

  private static double rate(String raw) {
    try {
      return Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      throw ConfigException.invalid("llm.rateSweep.rates", raw, "must be a list of numbers such as [1, 2.5, 5]");
    }
  }

  private static ProbeSettings probe(ConfigReader c, Path userFiles) {
    return new ProbeSettings(c.stringList("llm.probe.steps"), userFiles.resolve("prompts"), c.duration("llm.probe.stepDuration"),
        c.duration("llm.probe.warmup"));
  }

  private static SweepSettings sweep(ConfigReader c) {
    return new SweepSettings(c.intList("llm.sweep.levels"), c.duration("llm.sweep.levelDuration"), c.duration("llm.sweep.warmup"));
  }

  private static SloSettings slo(ConfigReader c) {
    return new SloSettings(c.optionalDecimal("llm.slo.ttftMs").orElse(null), c.optionalDecimal("llm.slo.tpotMs").orElse(null),
        c.optionalDecimal("llm.slo.itlMs").orElse(null), c.optionalDecimal("llm.slo.e2eMs").orElse(null), c.decimal("llm.slo.percentile"),
        c.bool("llm.slo.perRequest"), c.optionalDecimal("llm.slo.maxErrorRate").orElse(null));
  }

  /**
   * {@code llm.baseline}: the file resolved against {@code llm.userFiles}, else the working directory, and required to
   * exist (a nightly run should not find out at its end); each tolerance a signed percentage, null ones left out.
   */
  private static BaselineSettings baseline(ConfigReader c, Config merged, Path userFiles) {
    Optional<String> file = c.string("llm.baseline.file");
    Path resolved = null;
    if (file.isPresent()) {
      Path given = Path.of(file.get());
      resolved = given.isAbsolute() || !Files.exists(userFiles.resolve(given)) ? given : userFiles.resolve(given);
      if (!Files.exists(resolved)) {
        throw ConfigException.invalid("llm.baseline.file", file.get(), "must name an existing summary.json or run folder, relative to "
            + userFiles + " or the working directory; promote a run with mvn -q compile exec:java@promote -Drun=reports/<run> first, "
            + "or leave it null for no baseline");
      }
    }
    List<Tolerance> tolerances = new ArrayList<>();
    ConfigObject given = merged.getObject("llm.baseline.tolerances");
    for (String metric : new TreeSet<>(given.keySet())) {
      ConfigValue v = given.get(metric);
      if (v == null || v.valueType() == ConfigValueType.NULL) {
        continue;
      }
      String key = "llm.baseline.tolerances.\"" + metric + "\"";
      if (v.valueType() != ConfigValueType.STRING) {
        throw ConfigException.invalid(key, v, "must be a signed percentage in quotes naming the bad direction: \"-10%\" (may fall by "
            + "up to 10 %) or \"+15%\" (may rise by up to 15 %), with a dotted metric quoted too: \"ttftMs.p95\" = \"+15%\" (on the "
            + "command line as a whole object: -Dllm.baseline.tolerances='{\"ttftMs.p99\" = \"+20%\"}'); null: not compared");
      }
      tolerances.add(Tolerance.parse(key, metric, (String) v.unwrapped()));
    }
    return new BaselineSettings(resolved, tolerances);
  }

  private static CostSettings cost(ConfigReader c) {
    return new CostSettings(c.optionalDecimal("llm.cost.gpuHourlyUsd").orElse(null), c.optionalDecimal("llm.cost.gpus").orElse(null));
  }

  /**
   * {@code llm.server} is read by its owner, the simulated server, when a run starts one; reading it here as well
   * makes a mistake in it fail before any load (and with a real target too), in the same sentence.
   */
  private static Config server(Config server) {
    ServerSettings.fromConfig(server);
    ServerTls.fromConfig(server);
    SimulatedReplicas.count(server);
    return server;
  }
}

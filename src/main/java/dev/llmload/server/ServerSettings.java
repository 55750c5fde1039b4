package dev.llmload.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import dev.llmload.server.engine.EngineSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the simulated server needs, resolved: the preset's engine and models with the user's overrides
 * applied. Built from the {@code llm.server} config subtree ({@link #fromConfig}) or, in tests, from
 * {@link #defaults()} and the withers. Each key is documented in {@code llm-server.conf} and
 * {@code docs/simulated-server.md}.
 *
 * @param host address to bind; loopback unless the user asks otherwise
 * @param port TCP port, 0 for any free port
 * @param preset the preset name the engine and models came from
 * @param models served model names (the first is the default); fault-rule models are served too
 * @param engine engine parameters
 * @param outputLength natural output lengths (without {@code ignore_eos})
 * @param tokensPerChunk tokens per streamed content chunk
 * @param faults fault rules, first match wins
 * @param faultModelNames accept {@code fault/<spec>} model names and the {@code X-Sim-Fault} header
 * @param ioThreads Netty event-loop threads, 0 for one per core up to 4
 * @param engineSpinMicros the engine loop spins instead of parking for the last this many microseconds of a step
 * @param maxRequestBytes largest request body accepted
 * @param keepAliveIdle a connection with no request in progress for this long (since its last response ended, or
 *     since it opened) is closed without notice, as uvicorn and cpp-httplib do after 5 s; zero: never
 * @param keepAliveMaxRequests the response to this many-th request on one connection carries
 *     {@code Connection: close} and the connection is closed once it has been written (cpp-httplib: 100); zero:
 *     no limit
 * @param groundTruthCapacity requests kept in {@link GroundTruth}, oldest dropped first
 * @param seed seeds output lengths and fault rolls
 */
public record ServerSettings(
    String host,
    int port,
    String preset,
    List<String> models,
    EngineSettings engine,
    OutputLength outputLength,
    int tokensPerChunk,
    List<FaultRule> faults,
    boolean faultModelNames,
    int ioThreads,
    int engineSpinMicros,
    int maxRequestBytes,
    Duration keepAliveIdle,
    int keepAliveMaxRequests,
    int groundTruthCapacity,
    long seed) {

  private static final List<String> FAULT_KEYS = List.of("model", "fault", "probability", "afterTokens", "stallMs");

  public ServerSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("llm.server.host must not be blank, was '" + host + "'");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("llm.server.port must be between 0 and 65535, was " + port);
    }
    models = List.copyOf(models);
    if (models.isEmpty()) {
      throw new IllegalArgumentException("llm.server.models must name at least one model, was empty");
    }
    for (String model : models) {
      if (model.isBlank()) {
        throw new IllegalArgumentException("llm.server.models must not contain blank names, was " + models);
      }
    }
    if (tokensPerChunk < 1) {
      throw new IllegalArgumentException("llm.server.tokensPerChunk must be at least 1, was " + tokensPerChunk);
    }
    faults = List.copyOf(faults);
    if (ioThreads < 0) {
      throw new IllegalArgumentException("llm.server.ioThreads must be zero (auto) or positive, was " + ioThreads);
    }
    if (engineSpinMicros < 0 || engineSpinMicros > 10_000) {
      throw new IllegalArgumentException(
          "llm.server.engineSpinMicros must be between 0 and 10000, was " + engineSpinMicros);
    }
    if (maxRequestBytes < 1_024) {
      throw new IllegalArgumentException("llm.server.maxRequestBytes must be at least 1024, was " + maxRequestBytes);
    }
    if (keepAliveIdle == null || keepAliveIdle.isNegative()) {
      throw new IllegalArgumentException(
          "llm.server.keepAliveIdle must be zero (never) or positive, was " + keepAliveIdle);
    }
    if (keepAliveMaxRequests < 0) {
      throw new IllegalArgumentException(
          "llm.server.keepAliveMaxRequests must be zero (no limit) or positive, was " + keepAliveMaxRequests);
    }
    if (groundTruthCapacity < 1) {
      throw new IllegalArgumentException(
          "llm.server.groundTruthCapacity must be at least 1, was " + groundTruthCapacity);
    }
  }

  /** The shipped defaults: {@code fromConfig} of {@code llm.server} in the jar's {@code reference.conf}. */
  public static ServerSettings defaults() {
    return fromConfig(shippedConfig());
  }

  /** The presets shipped in the jar, by name. */
  public static Map<String, Preset> builtInPresets() {
    return presets(shippedConfig());
  }

  /**
   * Reads the {@code llm.server} subtree. Keys left {@code null} take the preset's value.
   *
   * @throws IllegalArgumentException naming the key, the rule and the offending value
   */
  public static ServerSettings fromConfig(Config llmServer) {
    try {
      Map<String, Preset> presets = presets(llmServer);
      String presetName = llmServer.getString("preset");
      Preset preset = presets.get(presetName);
      if (preset == null) {
        throw new IllegalArgumentException(
            "llm.server.preset must be one of " + presets.keySet() + ", was '" + presetName + "'");
      }
      EngineSettings base = preset.engine();
      EngineSettings engine = new EngineSettings(
          intOr(llmServer, "maxNumSeqs", base.maxNumSeqs()),
          intOr(llmServer, "kvCacheTokens", base.kvCacheTokens()),
          intOr(llmServer, "maxModelLen", base.maxModelLen()),
          doubleOr(llmServer, "decodeBaseMs", base.decodeBaseMs()),
          doubleOr(llmServer, "decodePerSeqMs", base.decodePerSeqMs()),
          doubleOr(llmServer, "prefillTokensPerSecond", base.prefillTokensPerSecond()),
          intOr(llmServer, "prefillChunkTokens", base.prefillChunkTokens()),
          llmServer.hasPath("preemption") ? llmServer.getBoolean("preemption") : base.preemption());
      OutputLength out = preset.outputLength();
      OutputLength outputLength = out;
      if (llmServer.hasPath("outputLength")) {
        Config o = llmServer.getConfig("outputLength");
        outputLength = new OutputLength(
            o.hasPath("distribution")
                ? OutputLength.Distribution.fromConfigName(o.getString("distribution"))
                : out.distribution(),
            intOr(o, "meanTokens", out.meanTokens()),
            doubleOr(o, "sigma", out.sigma()),
            intOr(o, "minTokens", out.minTokens()),
            intOr(o, "maxTokens", out.maxTokens()));
      }
      List<String> models = llmServer.hasPath("models") && !llmServer.getStringList("models").isEmpty()
          ? llmServer.getStringList("models")
          : preset.models();
      List<FaultRule> faults = new ArrayList<>();
      if (llmServer.hasPath("faults")) {
        List<? extends Config> list = llmServer.getConfigList("faults");
        for (int i = 0; i < list.size(); i++) {
          faults.add(faultRule(list.get(i), i));
        }
      }
      return new ServerSettings(
          llmServer.getString("host"),
          llmServer.hasPath("port") ? llmServer.getInt("port") : 0,
          presetName,
          models,
          engine,
          outputLength,
          llmServer.getInt("tokensPerChunk"),
          faults,
          llmServer.getBoolean("faultModelNames"),
          llmServer.getInt("ioThreads"),
          llmServer.getInt("engineSpinMicros"),
          bytesAsInt(llmServer, "maxRequestBytes"),
          llmServer.getDuration("keepAliveIdle"),
          llmServer.getInt("keepAliveMaxRequests"),
          llmServer.getInt("groundTruthCapacity"),
          llmServer.getLong("seed"));
    } catch (ConfigException e) {
      throw new IllegalArgumentException("Bad llm.server configuration: " + e.getMessage(), e);
    }
  }

  private static FaultRule faultRule(Config rule, int index) {
    String at = "llm.server.faults[" + index + "]";
    try {
      FaultRule result = new FaultRule(
          rule.hasPath("model") ? Optional.of(rule.getString("model")) : Optional.empty(),
          FaultKind.fromConfigName(rule.getString("fault")),
          rule.hasPath("probability") ? rule.getDouble("probability") : 1.0,
          rule.hasPath("afterTokens") ? rule.getInt("afterTokens") : FaultRule.DEFAULT_AFTER_TOKENS,
          rule.hasPath("stallMs") ? rule.getLong("stallMs") : FaultRule.DEFAULT_STALL_MILLIS);
      for (String key : rule.root().keySet()) {
        if (!FAULT_KEYS.contains(key)) {
          throw new IllegalArgumentException("unknown key '" + key + "', valid keys are " + FAULT_KEYS);
        }
      }
      return result;
    } catch (ConfigException | IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Preset> presets(Config llmServer) {
    ConfigObject object = llmServer.getObject("presets");
    Map<String, Preset> presets = new TreeMap<>();
    for (String name : object.keySet()) {
      presets.put(name, Preset.fromConfig(name, llmServer.getConfig("presets." + ConfigUtil.joinPath(name))));
    }
    return presets;
  }

  private static Config shippedConfig() {
    return ConfigFactory.defaultReference().getConfig("llm.server");
  }

  private static int bytesAsInt(Config config, String key) {
    long bytes = config.getBytes(key);
    if (bytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("llm.server." + key + " must be at most 2 GiB, was " + bytes + " bytes");
    }
    return (int) bytes;
  }

  private static int intOr(Config config, String key, int fallback) {
    return config.hasPath(key) ? config.getInt(key) : fallback;
  }

  private static double doubleOr(Config config, String key, double fallback) {
    return config.hasPath(key) ? config.getDouble(key) : fallback;
  }

  /**
   * Every model name the server answers to: {@link #models()}, then the models named by fault rules.
   * ({@code fault/<spec>} names are accepted too when {@link #faultModelNames()}, but not listed.)
   */
  public List<String> servedModels() {
    Set<String> all = new LinkedHashSet<>(models);
    for (FaultRule rule : faults) {
      rule.model().ifPresent(all::add);
    }
    return List.copyOf(all);
  }

  public ServerSettings withHost(String value) {
    return new ServerSettings(value, port, preset, models, engine, outputLength, tokensPerChunk, faults,
        faultModelNames, ioThreads, engineSpinMicros, maxRequestBytes, keepAliveIdle, keepAliveMaxRequests,
        groundTruthCapacity, seed);
  }

  public ServerSettings withPort(int value) {
    return new ServerSettings(host, value, preset, models, engine, outputLength, tokensPerChunk, faults,
        faultModelNames, ioThreads, engineSpinMicros, maxRequestBytes, keepAliveIdle, keepAliveMaxRequests,
        groundTruthCapacity, seed);
  }

  /**
   * Switches to a shipped preset: replaces the preset name, models, engine and output lengths, keeps the rest.
   * Apply engine or model withers after this one.
   */
  public ServerSettings withPreset(String name) {
    Map<String, Preset> presets = builtInPresets();
    Preset p = presets.get(name);
    if (p == null) {
      throw new IllegalArgumentException("preset must be one of " + presets.keySet() + ", was '" + name + "'");
    }
    return new ServerSettings(host, port, name, p.models(), p.engine(), p.outputLength(), tokensPerChunk, faults,
        faultModelNames, ioThreads, engineSpinMicros, maxRequestBytes, keepAliveIdle, keepAliveMaxRequests,
        groundTruthCapacity, seed);
  }

  public ServerSettings withModels(List<String> value) {
    return new ServerSettings(host, port, preset, value, engine, outputLength, tokensPerChunk, faults,
        faultModelNames, ioThreads, engineSpinMicros, maxRequestBytes, keepAliveIdle, keepAliveMaxRequests,
        groundTruthCapacity, seed);
  }

  public ServerSettings withModels(String... value) {
    return withModels(List.of(value));
  }

  public ServerSettings withEngine(EngineSettings value) {
    return new ServerSettings(host, port, preset, models, value, outputLength, tokensPerChunk, faults,
        faultModelNames, ioThreads, engineSpinMicros, maxRequestBytes, keepAliveIdle, keepAliveMaxRequests,
        groundTruthCapacity, seed);
  }

  public ServerSettings withOutputLength(OutputLength value) {
    return new ServerSettings(host, port, preset, models, engine, value, tokensPerChunk, faults,
        faultModelNames, ioThreads, engineSpinMicros, maxRequestBytes, keepAliveIdle, keepAliveMaxRequests,
        groundTruthCapacity, seed);
  }

  public ServerSettings withTokensPerChunk(int value) {
    return new ServerSettings(host, port, preset, models, engine, outputLength, value, faults,
        faultModelNames, ioThreads, engineSpinMicros, maxRequestBytes, keepAliveIdle, keepAliveMaxRequests,
        groundTruthCapacity, seed);
  }

  public ServerSettings withFaults(List<FaultRule> value) {
    return new ServerSettings(host, port, preset, models, engine, outputLength, tokensPerChunk, value,
        faultModelNames, ioThreads, engineSpinMicros, maxRequestBytes, keepAliveIdle, keepAliveMaxRequests,
        groundTruthCapacity, seed);
  }

  public ServerSettings withFaults(FaultRule... value) {
    return withFaults(List.of(value));
  }

  public ServerSettings withFaultModelNames(boolean value) {
    return new ServerSettings(host, port, preset, models, engine, outputLength, tokensPerChunk, faults,
        value, ioThreads, engineSpinMicros, maxRequestBytes, keepAliveIdle, keepAliveMaxRequests,
        groundTruthCapacity, seed);
  }

  public ServerSettings withIoThreads(int value) {
    return new ServerSettings(host, port, preset, models, engine, outputLength, tokensPerChunk, faults,
        faultModelNames, value, engineSpinMicros, maxRequestBytes, keepAliveIdle, keepAliveMaxRequests,
        groundTruthCapacity, seed);
  }

  public ServerSettings withEngineSpinMicros(int value) {
    return new ServerSettings(host, port, preset, models, engine, outputLength, tokensPerChunk, faults,
        faultModelNames, ioThreads, value, maxRequestBytes, keepAliveIdle, keepAliveMaxRequests,
        groundTruthCapacity, seed);
  }

  /** {@code keepAliveIdle}; {@link Duration#ZERO} never closes an idle connection. */
  public ServerSettings withKeepAliveIdle(Duration value) {
    return new ServerSettings(host, port, preset, models, engine, outputLength, tokensPerChunk, faults,
        faultModelNames, ioThreads, engineSpinMicros, maxRequestBytes, value, keepAliveMaxRequests,
        groundTruthCapacity, seed);
  }

  /** {@code keepAliveMaxRequests}; 0 serves any number of requests on one connection. */
  public ServerSettings withKeepAliveMaxRequests(int value) {
    return new ServerSettings(host, port, preset, models, engine, outputLength, tokensPerChunk, faults,
        faultModelNames, ioThreads, engineSpinMicros, maxRequestBytes, keepAliveIdle, value,
        groundTruthCapacity, seed);
  }

  public ServerSettings withGroundTruthCapacity(int value) {
    return new ServerSettings(host, port, preset, models, engine, outputLength, tokensPerChunk, faults,
        faultModelNames, ioThreads, engineSpinMicros, maxRequestBytes, keepAliveIdle, keepAliveMaxRequests, value,
        seed);
  }

  public ServerSettings withSeed(long value) {
    return new ServerSettings(host, port, preset, models, engine, outputLength, tokensPerChunk, faults,
        faultModelNames, ioThreads, engineSpinMicros, maxRequestBytes, keepAliveIdle, keepAliveMaxRequests,
        groundTruthCapacity, value);
  }
}

package dev.llmload.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import dev.llmload.config.ConfigException;
import dev.llmload.config.ConfigReader;
import dev.llmload.server.engine.EngineSettings;
import dev.llmload.server.faults.FaultKind;
import dev.llmload.server.faults.FaultRule;
import dev.llmload.server.text.OutputLength;
import dev.llmload.server.truth.GroundTruth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

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
    return presets(ConfigReader.of(shippedConfig(), "llm.server"));
  }

  /**
   * Reads the {@code llm.server} subtree. Keys left {@code null} take the preset's value.
   *
   * @throws ConfigException (an {@link IllegalArgumentException}) naming the key, the rule and the offending value,
   *     a value of the wrong type included
   */
  public static ServerSettings fromConfig(Config llmServer) {
    ConfigReader c = ConfigReader.of(llmServer, "llm.server");
    try {
      Map<String, Preset> presets = presets(c);
      String presetName = c.requiredString("preset");
      Preset preset = presets.get(presetName);
      if (preset == null) {
        throw ConfigException.stated(c.key("preset"),
            "llm.server.preset must be one of " + presets.keySet() + ", was '" + presetName + "'");
      }
      EngineSettings base = preset.engine();
      EngineSettings engine = named(c.path(), ".", () -> new EngineSettings(
          c.optionalInteger("maxNumSeqs").orElse(base.maxNumSeqs()),
          c.optionalInteger("kvCacheTokens").orElse(base.kvCacheTokens()),
          c.optionalInteger("maxModelLen").orElse(base.maxModelLen()),
          c.optionalDecimal("decodeBaseMs").orElse(base.decodeBaseMs()),
          c.optionalDecimal("decodePerSeqMs").orElse(base.decodePerSeqMs()),
          c.optionalDecimal("prefillTokensPerSecond").orElse(base.prefillTokensPerSecond()),
          c.optionalInteger("prefillChunkTokens").orElse(base.prefillChunkTokens()),
          c.optionalBool("preemption").orElse(base.preemption())));
      OutputLength out = preset.outputLength();
      OutputLength outputLength = out;
      if (llmServer.hasPath("outputLength")) {
        ConfigReader o = c.section("outputLength");
        outputLength = named(c.path(), ".", () -> new OutputLength(
            o.string("distribution").map(OutputLength.Distribution::fromConfigName).orElse(out.distribution()),
            o.optionalInteger("meanTokens").orElse(out.meanTokens()),
            o.optionalDecimal("sigma").orElse(out.sigma()),
            o.optionalInteger("minTokens").orElse(out.minTokens()),
            o.optionalInteger("maxTokens").orElse(out.maxTokens())));
      }
      List<String> models = c.stringList("models").isEmpty() ? preset.models() : c.stringList("models");
      List<FaultRule> faults = new ArrayList<>();
      for (ConfigReader rule : c.objectList("faults")) {
        faults.add(faultRule(rule));
      }
      return new ServerSettings(
          c.requiredString("host"),
          c.optionalInteger("port").orElse(0),
          presetName,
          models,
          engine,
          outputLength,
          c.integer("tokensPerChunk"),
          faults,
          c.bool("faultModelNames"),
          c.integer("ioThreads"),
          c.integer("engineSpinMicros"),
          bytesAsInt(c, "maxRequestBytes"),
          c.duration("keepAliveIdle"),
          c.integer("keepAliveMaxRequests"),
          c.integer("groundTruthCapacity"),
          c.longInteger("seed"));
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw ConfigException.stated(c.path(), e.getMessage()); // this record's own checks name the llm.server key
    }
  }

  private static FaultRule faultRule(ConfigReader rule) {
    for (String key : rule.keys()) {
      if (!FAULT_KEYS.contains(key)) {
        throw ConfigException.stated(rule.path(),
            rule.path() + ": unknown key '" + key + "', valid keys are " + FAULT_KEYS);
      }
    }
    return named(rule.path(), ": ", () -> new FaultRule(
        rule.string("model"),
        FaultKind.fromConfigName(rule.requiredString("fault")),
        rule.optionalDecimal("probability").orElse(1.0),
        rule.optionalInteger("afterTokens").orElse(FaultRule.DEFAULT_AFTER_TOKENS),
        rule.optionalLong("stallMs").orElse(FaultRule.DEFAULT_STALL_MILLIS)));
  }

  private static Map<String, Preset> presets(ConfigReader llmServer) {
    ConfigReader section = llmServer.section("presets");
    Map<String, Preset> presets = new TreeMap<>();
    for (String name : section.keys()) {
      presets.put(name, Preset.fromConfig(name, section.section(ConfigUtil.joinPath(name))));
    }
    return presets;
  }

  /**
   * Builds a part whose own checks word their messages from a field name ("maxNumSeqs must be at least 1, was
   * 0"), and names the field in full when one fails: {@code path + separator + message}
   * ("llm.server.maxNumSeqs must be at least 1, was 0").
   */
  static <T> T named(String path, String separator, Supplier<T> build) {
    try {
      return build.get();
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw ConfigException.stated(path, path + separator + e.getMessage());
    }
  }

  private static Config shippedConfig() {
    return ConfigFactory.defaultReference().getConfig("llm.server");
  }

  private static int bytesAsInt(ConfigReader config, String key) {
    long bytes = config.bytes(key);
    if (bytes > Integer.MAX_VALUE) {
      throw ConfigException.stated(config.key(key), config.key(key) + " must be at most 2 GiB, was " + bytes + " bytes");
    }
    return (int) bytes;
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

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
 * applied. Built from the {@code llm.server} config subtree ({@link #fromConfig}) or, in tests, with a
 * {@link Builder} ({@link #builder()}, {@link #toBuilder()}). Each key is documented in {@code llm-server.conf} and
 * {@code docs/simulated-server.md}.
 *
 * @param host address to bind; loopback unless the user asks otherwise
 * @param port TCP port, 0 for any free port
 * @param preset the preset name the engine and models came from
 * @param models served model names (the first is the default); fault-rule models are served too
 * @param engine engine parameters
 * @param prefixCacheBlocks most prompt blocks the prefix cache keeps (least recently used dropped first); 0 disables
 *     prefix caching
 * @param prefixCacheBlockTokens prompt tokens per prefix-cache block (vLLM: 16)
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
 * @param promptTokensDetails the usage carries {@code prompt_tokens_details.cached_tokens}, the prompt tokens the prefix
 *     cache served (as OpenAI, and vLLM with {@code --enable-prompt-tokens-details}); false: no details, as vLLM by default
 */
public record ServerSettings(
    String host,
    int port,
    String preset,
    List<String> models,
    EngineSettings engine,
    int prefixCacheBlocks,
    int prefixCacheBlockTokens,
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
    long seed,
    boolean promptTokensDetails) {

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
    if (prefixCacheBlocks < 0) {
      throw new IllegalArgumentException(
          "llm.server.prefixCacheBlocks must be zero (no prefix caching) or positive, was " + prefixCacheBlocks);
    }
    if (prefixCacheBlockTokens < 1 || prefixCacheBlockTokens > 1_024) {
      throw new IllegalArgumentException(
          "llm.server.prefixCacheBlockTokens must be between 1 and 1024, was " + prefixCacheBlockTokens);
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
          c.integer("prefixCacheBlocks"),
          c.integer("prefixCacheBlockTokens"),
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
          c.longInteger("seed"),
          c.bool("promptTokensDetails"));
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
   * The blocks the prefix cache really keeps: {@link #prefixCacheBlocks}, but never more than the KV cache holds
   * ({@code kvCacheTokens / prefixCacheBlockTokens}), since a real server keeps cached blocks in its KV cache.
   */
  public int effectivePrefixCacheBlocks() {
    return Math.min(prefixCacheBlocks, engine.kvCacheTokens() / prefixCacheBlockTokens);
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

  /**
   * A builder starting from {@link #defaults()}: {@code ServerSettings.builder().preset("llama-3.1-8b-l4").build()}.
   */
  public static Builder builder() {
    return defaults().toBuilder();
  }

  /** A builder holding these settings, to change some: {@code settings.toBuilder().port(0).build()}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds {@link ServerSettings} from a starting point ({@link ServerSettings#builder()} or
   * {@link ServerSettings#toBuilder()}): each method replaces one value, {@link #preset} a preset's worth; nothing is
   * checked until {@link #build()}, where the record's own checks apply (an {@link IllegalArgumentException} naming
   * the key, the rule and the value). Mutable and not thread-safe; {@code build()} may be called again after more
   * changes.
   */
  public static final class Builder {

    private String host;
    private int port;
    private String preset;
    private List<String> models;
    private EngineSettings engine;
    private int prefixCacheBlocks;
    private int prefixCacheBlockTokens;
    private OutputLength outputLength;
    private int tokensPerChunk;
    private List<FaultRule> faults;
    private boolean faultModelNames;
    private int ioThreads;
    private int engineSpinMicros;
    private int maxRequestBytes;
    private Duration keepAliveIdle;
    private int keepAliveMaxRequests;
    private int groundTruthCapacity;
    private long seed;
    private boolean promptTokensDetails;

    private Builder(ServerSettings from) {
      host = from.host;
      port = from.port;
      preset = from.preset;
      models = from.models;
      engine = from.engine;
      prefixCacheBlocks = from.prefixCacheBlocks;
      prefixCacheBlockTokens = from.prefixCacheBlockTokens;
      outputLength = from.outputLength;
      tokensPerChunk = from.tokensPerChunk;
      faults = from.faults;
      faultModelNames = from.faultModelNames;
      ioThreads = from.ioThreads;
      engineSpinMicros = from.engineSpinMicros;
      maxRequestBytes = from.maxRequestBytes;
      keepAliveIdle = from.keepAliveIdle;
      keepAliveMaxRequests = from.keepAliveMaxRequests;
      groundTruthCapacity = from.groundTruthCapacity;
      seed = from.seed;
      promptTokensDetails = from.promptTokensDetails;
    }

    public Builder host(String value) {
      host = value;
      return this;
    }

    public Builder port(int value) {
      port = value;
      return this;
    }

    /**
     * Switches to a shipped preset: replaces the preset name, models, engine and output lengths, keeps the rest. Set
     * {@link #models}, {@link #engine} or {@link #outputLength} after this one.
     *
     * @throws IllegalArgumentException for an unknown preset, naming the shipped ones
     */
    public Builder preset(String name) {
      Map<String, Preset> presets = builtInPresets();
      Preset p = presets.get(name);
      if (p == null) {
        throw new IllegalArgumentException("preset must be one of " + presets.keySet() + ", was '" + name + "'");
      }
      preset = name;
      models = p.models();
      engine = p.engine();
      outputLength = p.outputLength();
      return this;
    }

    public Builder models(List<String> value) {
      models = value;
      return this;
    }

    public Builder models(String... value) {
      return models(List.of(value));
    }

    public Builder engine(EngineSettings value) {
      engine = value;
      return this;
    }

    /** {@code prefixCacheBlocks}; 0 switches prefix caching off. */
    public Builder prefixCacheBlocks(int value) {
      prefixCacheBlocks = value;
      return this;
    }

    public Builder prefixCacheBlockTokens(int value) {
      prefixCacheBlockTokens = value;
      return this;
    }

    public Builder outputLength(OutputLength value) {
      outputLength = value;
      return this;
    }

    public Builder tokensPerChunk(int value) {
      tokensPerChunk = value;
      return this;
    }

    public Builder faults(List<FaultRule> value) {
      faults = value;
      return this;
    }

    public Builder faults(FaultRule... value) {
      return faults(List.of(value));
    }

    public Builder faultModelNames(boolean value) {
      faultModelNames = value;
      return this;
    }

    public Builder ioThreads(int value) {
      ioThreads = value;
      return this;
    }

    public Builder engineSpinMicros(int value) {
      engineSpinMicros = value;
      return this;
    }

    public Builder maxRequestBytes(int value) {
      maxRequestBytes = value;
      return this;
    }

    /** {@code keepAliveIdle}; {@link Duration#ZERO} never closes an idle connection. */
    public Builder keepAliveIdle(Duration value) {
      keepAliveIdle = value;
      return this;
    }

    /** {@code keepAliveMaxRequests}; 0 serves any number of requests on one connection. */
    public Builder keepAliveMaxRequests(int value) {
      keepAliveMaxRequests = value;
      return this;
    }

    public Builder groundTruthCapacity(int value) {
      groundTruthCapacity = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /** {@code promptTokensDetails}: false sends usage without {@code prompt_tokens_details}, as vLLM by default. */
    public Builder promptTokensDetails(boolean value) {
      promptTokensDetails = value;
      return this;
    }

    /** The settings, checked by the record's constructor. */
    public ServerSettings build() {
      return new ServerSettings(host, port, preset, models, engine, prefixCacheBlocks, prefixCacheBlockTokens,
          outputLength, tokensPerChunk, faults,
          faultModelNames, ioThreads, engineSpinMicros, maxRequestBytes, keepAliveIdle, keepAliveMaxRequests,
          groundTruthCapacity, seed, promptTokensDetails);
    }
  }
}

package dev.llmload.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.llmload.TestCertificates;
import dev.llmload.server.engine.EngineSettings;
import dev.llmload.server.faults.FaultKind;
import dev.llmload.server.faults.FaultRule;
import dev.llmload.server.text.OutputLength;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerSettingsTest {

  /** The fast preset's numbers, as docs/simulated-server.md states them. */
  private static final EngineSettings FAST_ENGINE =
      new EngineSettings(32, 131_072, 8_192, 8.0, 0.1, 50_000, 2_048, true);

  private static Config withDefaults(String hocon) {
    return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference().getConfig("llm.server"))
        .resolve();
  }

  @Test
  void defaultsAreTheFastPresetOnAnyPort() {
    ServerSettings s = ServerSettings.defaults();
    assertEquals("fast", s.preset());
    assertEquals(0, s.port());
    assertEquals("127.0.0.1", s.host());
    assertEquals(List.of("sim-fast"), s.models());
    assertEquals(1, s.tokensPerChunk());
    assertEquals(List.of(), s.faults());
    assertEquals(100_000, s.groundTruthCapacity());
    assertEquals(FAST_ENGINE, s.engine());
    assertEquals(Duration.ofSeconds(5), s.keepAliveIdle(), "uvicorn's and cpp-httplib's idle close, on by default");
    assertEquals(100, s.keepAliveMaxRequests(), "cpp-httplib's requests per connection, on by default");
    assertEquals(65_536, s.prefixCacheBlocks(), "prefix caching on by default");
    assertEquals(16, s.prefixCacheBlockTokens(), "vLLM's block size");
    assertEquals(131_072 / 16, s.effectivePrefixCacheBlocks(), "never more than the KV cache holds");
  }

  @Test
  void prefixCacheKeysAreReadAndChecked() {
    ServerSettings s = ServerSettings.fromConfig(withDefaults("prefixCacheBlocks = 100, prefixCacheBlockTokens = 32"));
    assertEquals(100, s.prefixCacheBlocks());
    assertEquals(32, s.prefixCacheBlockTokens());
    assertEquals(100, s.effectivePrefixCacheBlocks());
    assertEquals(0, ServerSettings.fromConfig(withDefaults("prefixCacheBlocks = 0")).effectivePrefixCacheBlocks());
    assertEquals("llm.server.prefixCacheBlocks must be zero (no prefix caching) or positive, was -1",
        assertThrows(IllegalArgumentException.class,
            () -> ServerSettings.fromConfig(withDefaults("prefixCacheBlocks = -1"))).getMessage());
    assertEquals("llm.server.prefixCacheBlockTokens must be between 1 and 1024, was 0",
        assertThrows(IllegalArgumentException.class,
            () -> ServerSettings.fromConfig(withDefaults("prefixCacheBlockTokens = 0"))).getMessage());
    ServerSettings built = ServerSettings.builder().prefixCacheBlocks(0).prefixCacheBlockTokens(8).build();
    assertEquals(0, built.prefixCacheBlocks());
    assertEquals(8, built.prefixCacheBlockTokens());
    assertThrows(IllegalArgumentException.class, () -> ServerSettings.builder().prefixCacheBlocks(-5).build());
  }

  @Test
  void everyShippedPresetLoads() {
    Map<String, Preset> presets = ServerSettings.builtInPresets();
    assertEquals(List.of("batch-limited", "fast", "gemma-2-2b-l4", "kv-limited", "llama-3.1-8b-h100",
        "llama-3.1-8b-l4", "qwen2.5-7b-l4"), List.copyOf(presets.keySet()));
    assertEquals(List.of("meta-llama/Llama-3.1-8B-Instruct"), presets.get("llama-3.1-8b-l4").models());
    for (Preset p : presets.values()) {
      assertTrue(!p.source().isBlank(), p.name());
    }
  }

  @Test
  void keysOverrideThePreset() {
    ServerSettings s = ServerSettings.fromConfig(withDefaults("""
        port = 8123
        preset = "llama-3.1-8b-l4"
        models = [my-model]
        maxNumSeqs = 7
        decodeBaseMs = 12.5
        tokensPerChunk = 4
        keepAliveIdle = 250ms
        keepAliveMaxRequests = 3
        outputLength { distribution = fixed, meanTokens = 33 }
        faults = [ { model = flaky, fault = http-503, probability = 0.25 },
                   { fault = cut, afterTokens = 9 },
                   { fault = stale-connection, probability = 0.3 } ]
        """));
    assertEquals(8123, s.port());
    assertEquals("llama-3.1-8b-l4", s.preset());
    assertEquals(List.of("my-model"), s.models());
    assertEquals(7, s.engine().maxNumSeqs());
    assertEquals(12.5, s.engine().decodeBaseMs());
    assertEquals(0.3, s.engine().decodePerSeqMs(), "untouched keys keep the preset's value");
    assertEquals(4, s.tokensPerChunk());
    assertEquals(Duration.ofMillis(250), s.keepAliveIdle());
    assertEquals(3, s.keepAliveMaxRequests());
    assertEquals(OutputLength.Distribution.FIXED, s.outputLength().distribution());
    assertEquals(33, s.outputLength().meanTokens());
    assertEquals(0.8, s.outputLength().sigma());
    assertEquals(new FaultRule(Optional.of("flaky"), FaultKind.HTTP_503, 0.25, 5, 2_000), s.faults().get(0));
    assertEquals(FaultRule.always(FaultKind.CUT).withAfterTokens(9), s.faults().get(1));
    assertEquals(FaultRule.always(FaultKind.STALE_CONNECTION).withProbability(0.3), s.faults().get(2));
    assertEquals(List.of("my-model", "flaky"), s.servedModels());
    assertEquals(s, s.toBuilder().build(), "toBuilder carries every value over");
  }

  @Test
  void theBuilderBuildsTestSettings() {
    ServerSettings s = ServerSettings.builder().preset("llama-3.1-8b-h100").port(0)
        .faults(FaultRule.forModel("x", FaultKind.CUT)).tokensPerChunk(2).build();
    assertEquals("llama-3.1-8b-h100", s.preset());
    assertEquals(256, s.engine().maxNumSeqs());
    assertEquals(2, s.tokensPerChunk());
    assertEquals(List.of("meta-llama/Llama-3.1-8B-Instruct", "x"), s.servedModels());
  }

  @Test
  void errorsNameTheKeyTheRuleAndTheValue() {
    IllegalArgumentException preset = assertThrows(IllegalArgumentException.class,
        () -> ServerSettings.fromConfig(withDefaults("preset = turbo")));
    assertEquals("llm.server.preset must be one of [batch-limited, fast, gemma-2-2b-l4, kv-limited, "
        + "llama-3.1-8b-h100, llama-3.1-8b-l4, qwen2.5-7b-l4], was 'turbo'", preset.getMessage());
    IllegalArgumentException fault = assertThrows(IllegalArgumentException.class,
        () -> ServerSettings.fromConfig(withDefaults("faults = [{ fault = explode }]")));
    assertTrue(fault.getMessage().startsWith("llm.server.faults[0]: fault must be one of http-429, http-500"),
        fault.getMessage());
    IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
        () -> ServerSettings.fromConfig(withDefaults("faults = [{ fault = cut, after = 3 }]")));
    assertTrue(key.getMessage().contains("unknown key 'after'"), key.getMessage());
    IllegalArgumentException chunk = assertThrows(IllegalArgumentException.class,
        () -> ServerSettings.fromConfig(withDefaults("tokensPerChunk = 0")));
    assertEquals("llm.server.tokensPerChunk must be at least 1, was 0", chunk.getMessage());
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
        () -> ServerSettings.fromConfig(withDefaults("maxNumSeqs = lots")));
    assertTrue(type.getMessage().contains("maxNumSeqs"), type.getMessage());
    IllegalArgumentException idle = assertThrows(IllegalArgumentException.class,
        () -> ServerSettings.fromConfig(withDefaults("keepAliveIdle = -1s")));
    assertEquals("llm.server.keepAliveIdle must be zero (never) or positive, was PT-1S", idle.getMessage());
    IllegalArgumentException maxRequests = assertThrows(IllegalArgumentException.class,
        () -> ServerSettings.fromConfig(withDefaults("keepAliveMaxRequests = -1")));
    assertEquals("llm.server.keepAliveMaxRequests must be zero (no limit) or positive, was -1",
        maxRequests.getMessage());
    IllegalArgumentException idleType = assertThrows(IllegalArgumentException.class,
        () -> ServerSettings.fromConfig(withDefaults("keepAliveIdle = soon")));
    assertTrue(idleType.getMessage().contains("keepAliveIdle"), idleType.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ServerSettings.builder().preset("nope"));
    assertThrows(IllegalArgumentException.class, () -> ServerSettings.builder().models(List.of()).build());
  }

  @Test
  void keepAliveLimitsCanBeSwitchedOff() {
    ServerSettings s = ServerSettings.fromConfig(withDefaults("keepAliveIdle = 0s, keepAliveMaxRequests = 0"));
    assertEquals(Duration.ZERO, s.keepAliveIdle());
    assertEquals(0, s.keepAliveMaxRequests());
    assertEquals(Duration.ofMillis(200), s.toBuilder().keepAliveIdle(Duration.ofMillis(200)).build().keepAliveIdle());
    assertEquals(3, s.toBuilder().keepAliveMaxRequests(3).build().keepAliveMaxRequests());
  }

  @Test
  void standaloneMainDefaultsToPort8000OnlyWhenThePortIsUnset() {
    assertEquals(8000, SimulatorMain.standaloneSettings(withDefaults("")).port());
    assertEquals(0, SimulatorMain.standaloneSettings(withDefaults("port = 0")).port());
    assertEquals(9001, SimulatorMain.standaloneSettings(withDefaults("port = 9001")).port());
  }

  @Test
  void startFromConfigStartsAServer() {
    try (SimulatedServer server = SimulatorMain.startFromConfig(withDefaults("port = 0, preset = gemma-2-2b-l4"))) {
      assertEquals(List.of("google/gemma-2-2b-it"), server.modelNames());
      EngineSettings engine = server.settings().engine();
      assertEquals(26.0, engine.decodeBaseMs());
    }
  }

  @Test
  void valuesOfTheWrongTypeNameTheFullKeyAndTheForm() {
    // the path a run takes: ServerSettings.fromConfig(settings.server()), with no Typesafe exception getting through
    Map<String, String> cases = Map.of(
        "maxNumSeqs = lots", "llm.server.maxNumSeqs: invalid value \"lots\" (must be a whole number)",
        "decodeBaseMs = [1]", "llm.server.decodeBaseMs: invalid value [1] (must be a number such as 8 or 0.5)",
        "preemption = maybe", "llm.server.preemption: invalid value \"maybe\" (must be true or false)",
        "maxRequestBytes = huge", "llm.server.maxRequestBytes: invalid value \"huge\" (must be a size such as 16MiB, 512kB or "
            + "1048576 (bytes))",
        "outputLength.sigma { x = 1 }", "llm.server.outputLength.sigma: invalid value {\"x\":1} (must be a number such as 8 or 0.5)",
        "faults = cut", "llm.server.faults: invalid value \"cut\" (must be a list of objects such as [{ name = value }])",
        "faults = [{ fault = cut, afterTokens = soon }]", "llm.server.faults[0].afterTokens: invalid value \"soon\" (must be a whole number)",
        "presets.fast.maxNumSeqs = lots", "llm.server.presets.fast.maxNumSeqs: invalid value \"lots\" (must be a whole number)",
        "maxNumSeqs = 0", "llm.server.maxNumSeqs must be at least 1, was 0");
    cases.forEach((hocon, message) -> {
      dev.llmload.config.ConfigException e = assertThrows(dev.llmload.config.ConfigException.class,
          () -> ServerSettings.fromConfig(withDefaults(hocon)), hocon);
      assertEquals(message, e.getMessage(), hocon);
    });
  }

  @Test
  void aKeyStoreIsCheckedWhenTheSettingsAreRead(@TempDir Path dir) throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    String keyStore = "tls.keyStore = \"" + certs.keyStore() + "\"\n";
    assertTrue(ServerTls.fromConfig(withDefaults(keyStore + "tls.keyStorePassword = " + TestCertificates.PASSWORD)).isPresent());
    dev.llmload.config.ConfigException wrong = assertThrows(dev.llmload.config.ConfigException.class,
        () -> ServerTls.fromConfig(withDefaults(keyStore + "tls.keyStorePassword = wrong")));
    assertTrue(wrong.getMessage().startsWith("llm.server.tls.keyStore: cannot use " + certs.keyStore()), wrong.getMessage());
    dev.llmload.config.ConfigException missing = assertThrows(dev.llmload.config.ConfigException.class,
        () -> ServerTls.fromConfig(withDefaults("tls.keyStore = no/such.p12")));
    assertTrue(missing.getMessage().startsWith("llm.server.tls.keyStore: invalid value \"no/such.p12\" (no key store file at /"),
        missing.getMessage());
  }
}

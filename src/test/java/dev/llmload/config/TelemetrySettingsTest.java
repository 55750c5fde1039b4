package dev.llmload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TelemetrySettingsTest {

  private static TelemetrySettings load(Map<String, ?> overrides) {
    return SettingsLoader.loadForTest(overrides, Map.of()).telemetry();
  }

  @Test
  void theDefaultsScrapeEverySecondAndLookForNvidiaSmi() {
    TelemetrySettings t = load(Map.of());

    assertEquals(TelemetrySettings.DEFAULTS, t);
    assertEquals(Optional.of("nvidia-smi"), t.nvidiaSmiCommand());
  }

  @Test
  void everyKeyIsRead() {
    TelemetrySettings t = load(Map.of("llm.telemetry.enabled", false, "llm.telemetry.interval", "250ms", "llm.telemetry.metricsUrl",
        "http://127.0.0.1:9000/prom", "llm.telemetry.process.name", " llama-server ",
        "llm.telemetry.nvidiaSmi", "/opt/bin/fake-smi", "llm.telemetry.dcgmUrl", "http://127.0.0.1:9400/metrics",
        "llm.telemetry.client.maxCpuShare", 0.5, "llm.telemetry.client.maxLoopDelayP99Ms", 2.5));

    assertFalse(t.enabled());
    assertEquals(Duration.ofMillis(250), t.interval());
    assertEquals(Optional.of(URI.create("http://127.0.0.1:9000/prom")), t.metricsUrl());
    assertEquals(Optional.empty(), t.processId());
    assertEquals(Optional.of("llama-server"), t.processName());
    assertEquals(Optional.of("/opt/bin/fake-smi"), t.nvidiaSmiCommand());
    assertEquals(Optional.of(URI.create("http://127.0.0.1:9400/metrics")), t.dcgmUrl());
    assertEquals(0.5, t.client().maxCpuShare());
    assertEquals(2.5, t.client().maxLoopDelayP99Ms());
  }

  @Test
  void offTurnsNvidiaSmiOffInAnyCase() {
    assertEquals(Optional.empty(), load(Map.of("llm.telemetry.nvidiaSmi", "OFF")).nvidiaSmiCommand());
  }

  @Test
  void valuesOutOfRangeAreRefusedNamingTheKey() {
    assertRefused("llm.telemetry.interval", "10ms", "between 100 ms and 1 hour");
    assertRefused("llm.telemetry.metricsUrl", "gpu-box:8000/metrics", "http:// or https:// URL");
    assertRefused("llm.telemetry.dcgmUrl", "ftp://x/metrics", "http:// or https:// URL");
    assertRefused("llm.telemetry.process.pid", 0, "a process id");
    assertRefused("llm.telemetry.client.maxCpuShare", 1.5, "above 0 and at most 1");
    assertRefused("llm.telemetry.client.maxGcPauseMs", 0, "positive number of milliseconds");
    assertRefused("llm.telemetry.client.probeInterval", "5s", "between 1 ms and 1 s");
  }

  @Test
  void aProcessIsNamedByPidOrByNameNotBoth() {
    assertEquals(Optional.of(42L), load(Map.of("llm.telemetry.process.pid", 42)).processId());
    ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("llm.telemetry.process.pid", 42, "llm.telemetry.process.name",
        "vllm")));
    assertTrue(e.getMessage().startsWith("llm.telemetry.process must name the server process by pid or by name, not both"), e.getMessage());
  }

  private static void assertRefused(String key, Object value, String rule) {
    ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(key, value)));
    assertTrue(e.getMessage().startsWith(key + ": ") && e.getMessage().contains(rule), e.getMessage());
  }
}

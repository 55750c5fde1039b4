package dev.llmload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llm.slo} as the loader reads it: the default, a full example, and each mistake in its one sentence. */
class SloSettingsTest {

  @TempDir
  Path userFiles;

  private SloSettings load(Map<String, Object> slo) {
    Map<String, Object> overrides = new HashMap<>(slo);
    overrides.put("llm.userFiles", userFiles.toString());
    return SettingsLoader.loadForTest(overrides, Map.of()).slo();
  }

  private String fails(String key, Object value) {
    return assertThrows(ConfigException.class, () -> load(Map.of(key, value))).getMessage();
  }

  @Test
  void noSloByDefault() {
    SloSettings slo = load(Map.of());
    assertEquals(SloSettings.NONE, slo);
    assertFalse(slo.defined());
  }

  @Test
  void theReadmesExample() {
    SloSettings slo = load(Map.of("llm.slo.ttftMs", 500, "llm.slo.tpotMs", 50, "llm.slo.percentile", 99, "llm.slo.maxErrorRate", 0.01));
    assertEquals(new SloSettings(500.0, 50.0, null, null, 99, false, 0.01), slo);
    assertTrue(slo.defined() && slo.latencyLimited());
  }

  @Test
  void fromTheCommandLineAndPerRequest() {
    Properties p = new Properties();
    p.setProperty("llm.userFiles", userFiles.toString());
    p.setProperty("llm.slo.e2eMs", "2500.5");
    p.setProperty("llm.slo.itlMs", "80");
    p.setProperty("llm.slo.perRequest", "true");
    p.setProperty("llm.slo.percentile", "90");
    assertEquals(new SloSettings(null, null, 80.0, 2500.5, 90, true, null), SettingsLoader.loadForTest(p, Map.of()).slo());
  }

  @Test
  void anErrorRateAloneIsAnSlo() {
    SloSettings slo = load(Map.of("llm.slo.maxErrorRate", 0));
    assertTrue(slo.defined());
    assertFalse(slo.latencyLimited());
  }

  @Test
  void mistakes() {
    assertEquals("llm.slo.ttftMs: invalid value 0.0 (must be a positive number of milliseconds such as 500; null: no limit)",
        fails("llm.slo.ttftMs", 0));
    assertEquals("llm.slo.tpotMs: invalid value -5.0 (must be a positive number of milliseconds such as 500; null: no limit)",
        fails("llm.slo.tpotMs", -5));
    assertEquals("llm.slo.e2eMs: invalid value \"2s\" (must be a number such as 8 or 0.5)", fails("llm.slo.e2eMs", "2s"));
    assertEquals("llm.slo.percentile: invalid value 0.0 (must be above 0 and at most 100, e.g. 95 or 99.9)", fails("llm.slo.percentile", 0));
    assertEquals("llm.slo.percentile: invalid value 100.5 (must be above 0 and at most 100, e.g. 95 or 99.9)",
        fails("llm.slo.percentile", 100.5));
    assertEquals("llm.slo.maxErrorRate: invalid value 5.0 (must be between 0 and 1, e.g. 0.01 for 1 %; null: not judged)",
        fails("llm.slo.maxErrorRate", 5));
    assertEquals("llm.slo.perRequest: invalid value \"maybe\" (must be true or false)", fails("llm.slo.perRequest", "maybe"));
    assertTrue(fails("llm.slo.ttft", 500).startsWith("llm.slo.ttft: unknown key (did you mean llm.slo.ttftMs?)"));
  }
}

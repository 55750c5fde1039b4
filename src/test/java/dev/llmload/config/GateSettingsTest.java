package dev.llmload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llm.gates} as the loader reads it, before any load: the default, the issue's example, and each mistake in one sentence. */
class GateSettingsTest {

  @TempDir
  Path userFiles;

  private List<Gate> load(String gates, String... more) {
    Properties p = new Properties();
    p.setProperty("llm.userFiles", userFiles.toString());
    p.setProperty("llm.gates", gates);
    for (int i = 0; i < more.length; i += 2) {
      p.setProperty(more[i], more[i + 1]);
    }
    return SettingsLoader.loadForTest(p, Map.of()).gates();
  }

  private String fails(String gates) {
    return assertThrows(ConfigException.class, () -> load(gates)).getMessage();
  }

  @Test
  void noGatesByDefault() {
    Map<String, Object> overrides = new HashMap<>();
    overrides.put("llm.userFiles", userFiles.toString());
    assertEquals(List.of(), SettingsLoader.loadForTest(overrides, Map.of()).gates());
  }

  @Test
  void theIssuesExampleReads() {
    List<Gate> gates = load("[{ metric = \"ttftMs.p95\", level = \"c=32\", max = 800 }, { metric = outputTokensPerSecond, level = \"c=64\", "
        + "min = 900 }, { metric = errorRate, max = 0.01 }, { metric = highestLoadWithinSlo, min = 32 }]", "llm.slo.ttftMs", "500");
    assertEquals(4, gates.size());
    assertEquals(new Gate("llm.gates[0]", GateMetric.named("ttftMs.p95").orElseThrow(), "c=32", null, 800.0), gates.get(0));
    assertEquals("c=64", gates.get(1).level());
    assertEquals(900.0, gates.get(1).min());
    assertNull(gates.get(2).level());
    assertEquals(">= 32", gates.get(3).limit());
  }

  @Test
  void anUnknownMetricListsTheValidOnes() {
    String message = fails("[{ metric = ttft, max = 800 }]");
    assertTrue(message.startsWith("llm.gates[0].metric: invalid value \"ttft\" (must be one of timeToHeadersMs.mean, "), message);
    assertTrue(message.contains("ttftMs.p95") && message.endsWith("errorRate, highestLoadWithinSlo)"), message);
  }

  @Test
  void eachMistakeIsOneSentence() {
    assertEquals("llm.gates[0]: unknown key 'maximum'; a gate is an object such as { metric = \"ttftMs.p95\", level = \"c=32\", "
        + "max = 800 }, with the keys [metric, level, min, max]", fails("[{ metric = errorRate, maximum = 1 }]"));
    assertTrue(fails("[{ level = \"c=1\", max = 1 }]").startsWith("llm.gates[0].metric: invalid value \"\" (must be set: one of "));
    assertEquals("llm.gates[1]: sets no limit; give min or max (or both), e.g. { metric = \"ttftMs.p95\", level = \"c=32\", max = 800 }",
        fails("[{ metric = errorRate, max = 1 }, { metric = errorRate }]"));
    assertEquals("llm.gates[0].min: invalid value 2.0 (must be at most max (1.0))", fails("[{ metric = errorRate, min = 2, max = 1 }]"));
    assertEquals("llm.gates[0].level: is set but highestLoadWithinSlo is one value for the whole run; remove level",
        assertThrows(ConfigException.class, () -> load("[{ metric = highestLoadWithinSlo, level = \"c=1\", min = 1 }]", "llm.slo.ttftMs",
            "500")).getMessage());
    assertEquals("llm.gates[0].metric: highestLoadWithinSlo needs an SLO to measure against; set llm.slo (e.g. llm.slo.ttftMs = 500) "
        + "or remove this gate", fails("[{ metric = highestLoadWithinSlo, min = 1 }]"));
    assertTrue(fails("[{ metric = errorRate, max = lots }]").startsWith("llm.gates[0].max: invalid value \"lots\""));
  }
}

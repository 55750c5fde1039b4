package dev.llmload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llm.cost} as the loader reads it. */
class CostSettingsTest {

  @TempDir
  Path userFiles;

  private CostSettings load(Map<String, Object> cost) {
    Map<String, Object> overrides = new HashMap<>(cost);
    overrides.put("llm.userFiles", userFiles.toString());
    return SettingsLoader.loadForTest(overrides, Map.of()).cost();
  }

  @Test
  void notPricedByDefault() {
    CostSettings cost = load(Map.of());
    assertEquals(CostSettings.NONE, cost);
    assertFalse(cost.priced() || cost.defined());
    assertEquals(1, cost.gpuCount());
  }

  @Test
  void eightGpus() {
    CostSettings cost = load(Map.of("llm.cost.gpuHourlyUsd", 2.49, "llm.cost.gpus", 8));
    assertEquals(new CostSettings(2.49, 8.0), cost);
    assertTrue(cost.priced());
    assertEquals(8, cost.gpuCount());
  }

  @Test
  void gpusWithoutAPriceAreNoCost() {
    CostSettings cost = load(Map.of("llm.cost.gpus", 2));
    assertTrue(cost.defined());
    assertFalse(cost.priced());
  }

  @Test
  void mistakes() {
    assertEquals("llm.cost.gpuHourlyUsd: invalid value 0.0 (must be a positive number of dollars such as 2.49; null: no cost)",
        assertThrows(ConfigException.class, () -> load(Map.of("llm.cost.gpuHourlyUsd", 0))).getMessage());
    assertEquals("llm.cost.gpus: invalid value -1.0 (must be a positive number of GPUs such as 8 (0.5: half of a shared GPU))",
        assertThrows(ConfigException.class, () -> load(Map.of("llm.cost.gpus", -1))).getMessage());
    assertEquals("llm.cost.gpuHourlyUsd: invalid value \"$2\" (must be a number such as 8 or 0.5)",
        assertThrows(ConfigException.class, () -> load(Map.of("llm.cost.gpuHourlyUsd", "$2"))).getMessage());
  }
}

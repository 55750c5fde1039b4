package dev.llmload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistorySettingsTest {

  @Test
  void byDefaultRunsAppendToHistoryJsonlInTheReportFolder() {
    HistorySettings h = SettingsLoader.loadForTest(Map.of("llm.report.dir", "out/reports"), Map.of()).history();
    assertTrue(h.enabled());
    assertEquals(Path.of("out/reports/history.jsonl"), h.file());
  }

  @Test
  void theFileAndTheSwitchAreSet() {
    HistorySettings h = SettingsLoader.loadForTest(Map.of("llm.history.file", "/srv/nightly/history.jsonl", "llm.history.enabled", "false"),
        Map.of()).history();
    assertFalse(h.enabled());
    assertEquals(Path.of("/srv/nightly/history.jsonl"), h.file());
  }

  @Test
  void aWrongTypeNamesTheKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> SettingsLoader.loadForTest(Map.of("llm.history.enabled", "sometimes"), Map.of()));
    assertTrue(e.getMessage().contains("llm.history.enabled"), e.getMessage());
  }
}

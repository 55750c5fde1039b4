package dev.llmload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llm.baseline}: the file resolved and required to exist, the tolerances as signed percentages merged with the defaults. */
class SettingsLoaderBaselineTest {

  @TempDir
  Path userFiles;

  private LlmSettings load(Map<String, Object> overrides) {
    Map<String, Object> all = new HashMap<>(overrides);
    all.put("llm.userFiles", userFiles.toString());
    return SettingsLoader.loadForTest(all, Map.of());
  }

  private static String tolerances(BaselineSettings b) {
    return String.join(" ", b.tolerances().stream().map(t -> t.metric() + "=" + t.text()).toList());
  }

  @Test
  void noBaselineByDefaultWithTheDefaultTolerances() {
    BaselineSettings b = load(Map.of()).baseline();
    assertFalse(b.defined());
    assertEquals("e2eMs.p95=+15% itlMs.p50=+15% outputTokensPerSecond=-10% requestsPerSecond=-10% ttftMs.p95=+15%", tolerances(b));
  }

  @Test
  void aProfileSetsTheFileUnderUserFilesAndAddsOrDropsTolerances() throws Exception {
    Files.createDirectories(userFiles.resolve("baselines"));
    Files.writeString(userFiles.resolve("baselines/nightly.json"), "{}");
    Files.writeString(userFiles.resolve("nightly.conf"), """
        llm.baseline {
          file = "baselines/nightly.json"
          tolerances { outputTokensPerSecond = -5%, "ttftMs.p99" = "+25 %", "itlMs.p50" = null, "e2eMs.p95" = null }
        }
        """);
    BaselineSettings b = load(Map.of("llm.profile", "nightly")).baseline();
    assertEquals(userFiles.resolve("baselines/nightly.json"), b.file());
    assertEquals("outputTokensPerSecond=-5% requestsPerSecond=-10% ttftMs.p95=+15% ttftMs.p99=+25%", tolerances(b));
  }

  @Test
  void aToleranceFromTheCommandLineIsText() {
    Properties p = new Properties();
    p.setProperty("llm.userFiles", userFiles.toString());
    p.setProperty("llm.baseline.tolerances.requestsPerSecond", "-3%");
    assertTrue(tolerances(SettingsLoader.loadForTest(p, Map.of()).baseline()).contains("requestsPerSecond=-3%"));
  }

  @Test
  void dottedMetricsFromTheCommandLineComeAsAWholeObject() {
    Properties p = new Properties();
    p.setProperty("llm.userFiles", userFiles.toString());
    p.setProperty("llm.baseline.tolerances", "{\"ttftMs.p99\" = \"+20%\", \"itlMs.p50\" = null}");
    assertEquals("e2eMs.p95=+15% outputTokensPerSecond=-10% requestsPerSecond=-10% ttftMs.p95=+15% ttftMs.p99=+20%",
        tolerances(SettingsLoader.loadForTest(p, Map.of()).baseline()));
  }

  @Test
  void aRunFolderOutsideUserFilesIsTakenFromTheWorkingDirectory() throws Exception {
    Path folder = Files.createDirectories(userFiles.resolve("elsewhere/run-1")).toAbsolutePath();
    assertEquals(folder, load(Map.of("llm.baseline.file", folder.toString())).baseline().file());
  }

  @Test
  void aMissingBaselineFailsBeforeTheRunSayingHowToMakeOne() {
    ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("llm.baseline.file", "baselines/nope.json")));
    assertEquals("llm.baseline.file", e.key());
    assertTrue(e.getMessage().startsWith("llm.baseline.file: invalid value \"baselines/nope.json\" (must name an existing summary.json "
        + "or run folder"), e.getMessage());
    assertTrue(e.getMessage().contains("exec:java@promote"), e.getMessage());
  }

  @Test
  void aToleranceThatIsNoSignedPercentageNamesItsKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("llm.baseline.tolerances", Map.of("\"ttftMs.p95\"", "15%"))));
    assertTrue(e.getMessage().startsWith("llm.baseline.tolerances.\"ttftMs.p95\": invalid value \"15%\" (must be a signed percentage"),
        e.getMessage());
    e = assertThrows(ConfigException.class, () -> load(Map.of("llm.baseline.tolerances", Map.of("ttftMs.p95", 15))));
    assertTrue(e.getMessage().startsWith("llm.baseline.tolerances.\"ttftMs\": invalid value {\"p95\":15} (must be a signed percentage"),
        e.getMessage());
    assertTrue(e.getMessage().contains("with a dotted metric quoted too"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> load(Map.of("llm.baseline.tolerances", List.of("a"))));
    assertTrue(e.getMessage().startsWith("llm.baseline.tolerances"), e.getMessage());
  }
}

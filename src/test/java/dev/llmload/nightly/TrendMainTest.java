package dev.llmload.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.config.LlmSettings;
import dev.llmload.config.SettingsLoader;
import dev.llmload.report.ConsoleReporter;
import dev.llmload.report.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrendMainTest {

  @TempDir
  Path dir;

  private final LlmSettings settings = SettingsLoader.loadForTest(Map.of("llm.slo.ttftMs", 800), Map.of());
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final ConsoleReporter console = new ConsoleReporter(new PrintStream(printed, true, StandardCharsets.UTF_8));

  private Path history() throws IOException {
    Path file = dir.resolve("history.jsonl");
    for (HistoryEntry e : HistoryFixtures.threeRuns()) {
      HistoryFile.append(file, e);
    }
    return file;
  }

  @Test
  void theHistoryTheSloAndABaselineRunFolderMakeThePage() throws IOException {
    Path baseline = Files.createDirectories(dir.resolve("baseline-run"));
    Json.MAPPER.writeValue(baseline.resolve("summary.json").toFile(), HistoryFixtures.summary());
    Path out = dir.resolve("trend/index.html");
    TrendData data = TrendMain.write(history(), baseline, settings, out, console);
    assertTrue(Files.isRegularFile(out));
    assertEquals(3, data.runs().size());
    assertEquals("SLO: TTFT p95 <= 800 ms", data.metrics().get(2).limit().label());
    assertEquals(baseline.toString(), data.baseline());
    assertEquals("", printed.toString(StandardCharsets.UTF_8), "no warning");
  }

  @Test
  void aMissingHistoryOrOneWithoutARunIsOneSentenceAndNoPage() throws IOException {
    Path out = dir.resolve("trend/index.html");
    TrendMain.TrendException missing = assertThrows(TrendMain.TrendException.class,
        () -> TrendMain.write(dir.resolve("none.jsonl"), null, settings, out, console));
    assertTrue(missing.getMessage().startsWith("There is no history at "), missing.getMessage());
    Path broken = Files.writeString(dir.resolve("broken.jsonl"), "{not json\n");
    TrendMain.TrendException empty = assertThrows(TrendMain.TrendException.class, () -> TrendMain.write(broken, null, settings, out, console));
    assertEquals("The history " + broken + " holds no run: let a run finish first (llm.history.enabled = true).", empty.getMessage());
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains("WARNING: line 1 of " + broken), "the broken line is named");
    assertFalse(Files.exists(out));
  }

  @Test
  void aBaselineThatIsNotASummaryIsNamed() throws IOException {
    Path notSummary = Files.writeString(dir.resolve("nightly.json"), "{\"hello\": 1}");
    TrendMain.TrendException e = assertThrows(TrendMain.TrendException.class,
        () -> TrendMain.write(history(), notSummary, settings, dir.resolve("index.html"), console));
    assertEquals("The baseline " + notSummary + " is not a run's summary (no simulation or levels): name a run's summary.json.", e.getMessage());
  }
}

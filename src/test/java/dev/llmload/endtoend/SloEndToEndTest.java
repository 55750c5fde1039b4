package dev.llmload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.gatling.Launch;
import dev.llmload.metrics.Outcome;
import dev.llmload.metrics.RequestMetrics;
import dev.llmload.metrics.RequestRecord;
import dev.llmload.report.Json;
import dev.llmload.report.RebuildReport;
import dev.llmload.report.RequestLog;
import dev.llmload.report.RunManifest;
import dev.llmload.report.RunSummary;
import dev.llmload.simulations.ConcurrencySweep;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An SLO the low levels meet and the high one misses, end to end: a short ConcurrencySweep (c=1, 2, 8) against the
 * embedded server held to 2 sequences at a time ({@code maxNumSeqs = 2}), so at c=8 six requests queue and wait about
 * three whole requests (~0.8 s) for their first token, far above a 250 ms TTFT limit that c=1 and c=2 (a step of ~8 ms)
 * keep with a wide margin. Priced at 2 GPUs x $2.50 an hour. The headline must be c=2; attainment, goodput and the
 * text statistics must be what the request log says; a rebuild from the log must give the same numbers.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SloEndToEndTest {

  private static final double TTFT_LIMIT_MS = 250;

  @TempDir
  static Path dir;

  private static int status;
  private static Path runFolder;
  private static JsonNode summary;
  private static List<RequestRecord> records;

  @BeforeAll
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  static void sweep() throws Exception {
    status = InProcessGatling.run(ConcurrencySweep.class, dir.resolve("gatling"), Map.ofEntries(
        Map.entry("llm.report.dir", dir.resolve("reports").toString()),
        Map.entry("llm.sweep.levels", "[1,2,8]"),
        Map.entry("llm.sweep.levelDuration", "3s"),
        Map.entry("llm.sweep.warmup", "1s"),
        Map.entry("llm.request.maxTokens", "32"),
        Map.entry("llm.server.preset", "fast"),
        Map.entry("llm.server.maxNumSeqs", "2"),
        Map.entry("llm.slo.ttftMs", Double.toString(TTFT_LIMIT_MS)),
        Map.entry("llm.slo.maxErrorRate", "0.01"),
        Map.entry("llm.cost.gpuHourlyUsd", "2.5"),
        Map.entry("llm.cost.gpus", "2")));
    runFolder = Launch.current().reportPath();
    summary = Json.MAPPER.readTree(runFolder.resolve("summary.json").toFile());
    records = RequestLog.read(runFolder.resolve(RequestLog.FILE_NAME));
  }

  @Test
  void theLowLevelsMeetItTheHighOneMissesItAndTheHeadlineIsC2() {
    assertEquals(0, status, "Gatling exit status");
    JsonNode levels = summary.get("levels");
    assertEquals(3, levels.size());
    assertTrue(levels.get(0).path("slo").path("met").asBoolean(), levels.get(0).toString());
    assertTrue(levels.get(1).path("slo").path("met").asBoolean(), levels.get(1).toString());
    JsonNode c8 = levels.get(2).get("slo");
    assertFalse(c8.get("met").asBoolean(), c8.toString());
    assertTrue(c8.get("missed").asText().startsWith("TTFT p95 "), c8.toString());

    JsonNode slo = summary.get("slo");
    assertEquals(TTFT_LIMIT_MS, slo.path("limits").path("ttftMs").asDouble());
    assertEquals(95, slo.path("limits").path("percentile").asDouble());
    JsonNode headline = slo.get("highestLoadWithinSlo");
    assertEquals(1, headline.get("index").asInt());
    assertEquals("c=2", headline.get("label").asText());
    double tps = levels.get(1).get("outputTokensPerSecond").asDouble();
    assertEquals(tps, headline.get("outputTokensPerSecond").asDouble());
    // 2 GPUs x $2.50 an hour = $5 / 3600 s, over c=2's output tokens/s, per million tokens
    double expected = Math.round(5.0 / 3600 / tps * 1e6 * 10_000) / 10_000.0;
    assertEquals(expected, headline.get("costPerMillionOutputTokensUsd").asDouble(), 1e-9);
    assertEquals(expected, levels.get(1).path("cost").path("perMillionOutputTokensUsd").asDouble(), 1e-9);
    assertEquals(2.5, summary.path("cost").path("gpuHourlyUsd").asDouble());
  }

  @Test
  void attainmentAndGoodputAreWhatTheRequestLogSays() {
    JsonNode levels = summary.get("levels");
    for (int level = 0; level < 3; level++) {
      int index = level;
      List<RequestRecord> measured = records.stream().filter(r -> r.level() == index && !r.warmup()).toList();
      List<RequestRecord> good = measured.stream().filter(r -> r.outcome() == Outcome.SUCCESSFUL
          && RequestMetrics.ttftMicros(r).getAsLong() <= TTFT_LIMIT_MS * 1000).toList();
      JsonNode l = levels.get(level);
      double seconds = l.get("durationSeconds").asDouble();
      JsonNode slo = l.get("slo");
      assertEquals(measured.size(), l.path("requests").path("total").asLong());
      assertEquals((double) good.size() / measured.size(), slo.get("attainment").asDouble(), 1e-4, l.get("label").asText());
      assertEquals(good.size() / seconds, slo.get("requestGoodput").asDouble(), 1e-3, l.get("label").asText());
      assertEquals(good.stream().mapToInt(RequestMetrics::outputTokens).sum() / seconds, slo.get("tokenGoodput").asDouble(), 1e-3);
    }
    assertEquals(1.0, levels.get(0).path("slo").path("attainment").asDouble(), "c=1: every request within 250 ms");
    assertTrue(levels.get(2).path("slo").path("attainment").asDouble() < 0.5, levels.get(2).toString());
  }

  @Test
  void theRepliesTextIsCountedAndAveraged() {
    for (JsonNode l : summary.get("levels")) {
      int index = l.get("index").asInt();
      List<RequestRecord> ok = records.stream().filter(r -> r.level() == index && !r.warmup() && r.outcome() == Outcome.SUCCESSFUL).toList();
      JsonNode text = l.get("text");
      assertEquals(ok.stream().mapToInt(RequestRecord::outputChars).average().orElseThrow(), text.get("outputCharsMean").asDouble(), 1e-3);
      assertEquals(ok.stream().mapToInt(RequestRecord::outputWords).average().orElseThrow(), text.get("outputWordsMean").asDouble(), 1e-3);
      double diversity = ok.stream().mapToDouble(r -> (double) r.outputDistinctWords() / r.outputWords()).average().orElseThrow();
      assertEquals(diversity, text.get("vocabularyDiversity").asDouble(), 1e-4);
      // 32 tokens of the simulator's words: more characters than words, and some words at least
      assertTrue(text.get("outputWordsMean").asDouble() >= 5 && text.get("outputCharsMean").asDouble() > text.get("outputWordsMean").asDouble(),
          text.toString());
      assertTrue(diversity > 0 && diversity <= 1, text.toString());
    }
  }

  @Test
  void theReportTheCsvAndARebuildShowTheSame() throws Exception {
    String html = Files.readString(runFolder.resolve("index.html"), StandardCharsets.UTF_8);
    assertTrue(html.contains("<p><strong>Highest load within SLO: c=2, "), "the headline on the page");
    assertTrue(html.contains("<h2>Output text</h2>"), "the text table");
    assertTrue(Files.readAllLines(runFolder.resolve("summary.csv")).get(0).contains(",attainment,requestGoodput,tokenGoodput,met,missed,"));

    Path copy = Files.createDirectories(dir.resolve("rebuilt"));
    Files.copy(runFolder.resolve(RunManifest.FILE_NAME), copy.resolve(RunManifest.FILE_NAME));
    Files.copy(runFolder.resolve(RequestLog.FILE_NAME), copy.resolve(RequestLog.FILE_NAME));
    RunSummary rebuilt = RebuildReport.rebuild(copy);
    assertFalse(rebuilt.partial(), rebuilt.partialReason());
    JsonNode again = Json.MAPPER.readTree(copy.resolve("summary.json").toFile());
    assertEquals(summary.get("slo"), again.get("slo"));
    assertEquals(summary.get("cost"), again.get("cost"));
    for (int i = 0; i < 3; i++) {
      for (String field : List.of("slo", "cost", "text")) {
        assertEquals(summary.get("levels").get(i).get(field), again.get("levels").get(i).get(field), "level " + i + " " + field);
      }
    }
  }

  @Test
  void theFinishedRunAppendedItsHeadlineNumbersToTheHistory() throws Exception {
    List<dev.llmload.nightly.HistoryEntry> history = dev.llmload.nightly.HistoryFile.read(dir.resolve("reports").resolve("history.jsonl"),
        w -> {
          throw new AssertionError(w);
        });
    assertEquals(1, history.size(), "one line for the one run (a rebuild appends none)");
    dev.llmload.nightly.HistoryEntry e = history.get(0);
    assertEquals(summary.get("runId").asText(), e.runId());
    assertEquals(List.of("c=1", "c=2", "c=8"), e.levels().stream().map(dev.llmload.nightly.HistoryEntry.Level::label).toList());
    assertEquals("c=2", e.highestLoadWithinSlo());
    assertEquals(summary.at("/slo/highestLoadWithinSlo/costPerMillionOutputTokensUsd").asDouble(), e.costAtSloPerMillionOutputTokensUsd(), 1e-9);
    for (int i = 0; i < 3; i++) {
      JsonNode l = summary.get("levels").get(i);
      assertEquals(l.get("outputTokensPerSecond").asDouble(), e.levels().get(i).outputTokensPerSecond(), 1e-9);
      assertEquals(l.at("/ttftMs/p95").asDouble(), e.levels().get(i).ttftP95Ms(), 1e-9);
      assertEquals(l.at("/slo/attainment").asDouble(), e.levels().get(i).sloAttainment(), 1e-9);
    }
  }
}

package dev.llmload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.config.CostSettings;
import dev.llmload.config.SloSettings;
import dev.llmload.metrics.LevelSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's "SLO, goodput and cost" section, on {@link Summaries#sloRun()}. */
class SloTablesTest {

  @TempDir
  Path dir;

  private static String section(RunSummary s) {
    StringBuilder h = new StringBuilder();
    SloTables.append(h, s);
    return h.toString();
  }

  @Test
  void theHeadlineTheLimitsAndARowPerLevel() {
    String html = section(Summaries.sloRun());
    assertTrue(html.startsWith("<h2>SLO, goodput and cost</h2>\n"
        + "<p><strong>Highest load within SLO: c=1, 123.5 output tokens/s, $2.25 per 1M output tokens.</strong></p>\n"
        + "<p>SLO: TTFT &lt;= 500 ms at p95 of each level&#39;s distribution; failed requests at most 10 %.</p>\n"
        + "<p>Cost: 2 GPUs at $1.50 an hour each.</p>\n"), html);
    assertTrue(html.contains("<tr><td>c=1</td><td>123.5</td><td>95</td><td>1.50</td><td>120</td><td>yes</td><td class=\"msg\"></td>"
        + "<td>$2.25</td><td>$0.6081</td></tr>"), html);
    assertTrue(html.contains("<tr><td>c=2</td><td>0</td><td>0</td><td>0</td><td>0</td><td><span class=\"bad\">no</span></td>"
        + "<td class=\"msg\">TTFT p95 612.3 ms above 500 ms</td><td>-</td><td>-</td></tr>"), html);
  }

  @Test
  void noLevelMetIt() {
    RunSummary s = Summaries.sloRun();
    LevelSummary missed = Summaries.withSlo(s.levels().get(0), new LevelSummary.Slo(0.5, 1, 2, false, "attainment 50 % below 95 %"),
        null, null);
    RunSummary none = new RunSummary(s.schemaVersion(), s.simulation(), s.runId(), s.startedAt(), s.finishedAt(), false, null, s.target(),
        s.request(), List.of(missed), null, List.of(), null, s.runClock(), null, null,
        dev.llmload.metrics.RunSlo.of(new SloSettings(500.0, 50.0, null, null, 90, true, null), List.of(missed)), null);
    assertEquals("No level met the SLO.", SloTables.headline(none));
    String html = section(none);
    assertTrue(html.startsWith("<h2>SLO and goodput</h2>\n<p><strong>No level met the SLO.</strong></p>\n"
        + "<p>SLO: TTFT &lt;= 500 ms, TPOT &lt;= 50 ms for at least 90 % of each level&#39;s requests (attainment).</p>\n"), html);
    assertFalse(html.contains("$"), "not priced");
  }

  @Test
  void pricedWithoutAnSloGivesTheCostAlone() {
    RunSummary s = Summaries.sloRun();
    List<LevelSummary> levels = s.levels().stream().map(l -> Summaries.withSlo(l, null, l.cost(), l.text())).toList();
    RunSummary priced = new RunSummary(s.schemaVersion(), s.simulation(), s.runId(), s.startedAt(), s.finishedAt(), false, null,
        s.target(), s.request(), levels, null, List.of(), null, s.runClock(), null, null, null, new CostSettings(1.5, 2.0));
    String html = section(priced);
    assertTrue(html.startsWith("<h2>Cost</h2>\n<p>Cost: 2 GPUs at $1.50 an hour each.</p>\n"), html);
    assertTrue(html.contains("<tr><td>c=1</td><td>123.5</td><td>$2.25</td><td>$0.6081</td></tr>"), html);
    assertNull(SloTables.headline(priced));
  }

  @Test
  void nothingWithoutAnSloOrAPrice() {
    assertEquals("", section(Summaries.run()));
  }

  @Test
  void thePageCarriesTheSectionAfterTheLevelTable() throws Exception {
    Path file = dir.resolve("index.html");
    new HtmlReportWriter().write(Summaries.sloRun(), file);
    String html = Files.readString(file);
    int levels = html.indexOf("<h2>Per level</h2>");
    int slo = html.indexOf("<h2>SLO, goodput and cost</h2>");
    assertTrue(levels >= 0 && slo > levels, "after the level table");
    assertEquals(slo, html.lastIndexOf("<h2>SLO, goodput and cost</h2>"), "once");
  }

  @Test
  void dollars() {
    assertEquals("$0.0421", SloTables.usd(0.0421));
    assertEquals("$2.00", SloTables.usd(2));
    assertEquals("$1234.57", SloTables.usd(1234.567));
  }
}

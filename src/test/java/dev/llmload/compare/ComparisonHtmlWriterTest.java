package dev.llmload.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonHtmlWriterTest {

  @TempDir
  Path dir;

  private String page(ComparedRun... runs) throws IOException {
    Comparison c = Comparison.of(List.of(runs), List.of(), "2025-03-04T05:06:07Z");
    Path file = dir.resolve("index.html");
    ComparisonHtmlWriter.write(c, "{}", file);
    return Files.readString(file);
  }

  @Test
  void aRowShowsEachRunsLevelTheBestInBoldAndDashesWhereARunHasNone() throws IOException {
    String html = page(SummaryFixtures.run("a").concurrency(1, 100, 20.0).concurrency(8, 700, 25.0).parsed(),
        SummaryFixtures.run("b").concurrency(1, 40, 50.0).parsed());
    assertTrue(html.contains("<tr><td>c=1</td><td class=\"first\"><b>100</b></td><td><b>20</b></td>"), "a's c=1: best throughput and TTFT");
    assertTrue(html.contains("<tr><td>c=8</td><td class=\"first\">700</td>"), "alone at c=8: nothing to be best against");
    assertTrue(html.contains("<td class=\"first\">-</td><td>-</td>"), "b has no c=8");
    assertFalse(html.contains("$ / 1M out"), "no cost column when no run has a cost");
    assertTrue(html.contains("Levels are matched by concurrency."));
  }

  @Test
  void runsOfDifferentKindsAreSaidToBeMatchedByLabel() throws IOException {
    String html = page(SummaryFixtures.run("closed").concurrency(1, 100, 20.0).parsed(),
        SummaryFixtures.run("open").rate(5, "5/s", 500, 20.0).parsed());
    assertTrue(html.contains("<p class=\"warn\">The runs&#39; levels are of different kinds (closed: concurrency, open: rate)"), "a note");
    assertTrue(html.contains("Levels are matched by their labels."));
    assertTrue(html.contains("<th rowspan=\"2\">level</th>"));
  }

  @Test
  void theVerdictsComeFirstInTheQuestionsOrder() throws IOException {
    String html = page(VerdictsTest.fast().parsed(), VerdictsTest.slow().parsed());
    int throughput = html.indexOf("<b>Highest throughput</b>");
    int ttft = html.indexOf("<b>Lowest TTFT at the lowest load</b>");
    int slo = html.indexOf("<b>Highest load within SLO</b>");
    int cost = html.indexOf("<b>Lowest cost per 1M output tokens</b>");
    assertTrue(0 < throughput && throughput < ttft && ttft < slo && slo < cost, "in order");
    assertTrue(cost < html.indexOf("<h2>Runs</h2>"));
    assertEquals(ComparisonHtmlWriter.color(0), ComparisonHtmlWriter.color(8), "the palette repeats after eight runs");
  }
}

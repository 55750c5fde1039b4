package dev.llmload.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.report.ConsoleReporter;
import dev.llmload.report.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareRunsTest {

  private static final OffsetDateTime NOW = OffsetDateTime.of(2025, 3, 4, 5, 6, 7, 0, ZoneOffset.UTC);

  @TempDir
  Path reports;

  private CompareRuns.Written compareFastAndSlow() throws IOException {
    Path fast = VerdictsTest.fast().writeUnder(reports);
    Path slow = VerdictsTest.slow().writeUnder(reports);
    return CompareRuns.write(List.of(fast, slow), List.of(new FailedTarget("down", "Cannot reach <the server>.")), reports, NOW);
  }

  /** The page's data element, as JSON.parse would read it. */
  static JsonNode embedded(String html) throws IOException {
    String open = "<script type=\"application/json\" id=\"" + ComparisonHtmlWriter.DATA_ELEMENT + "\">";
    int start = html.indexOf(open) + open.length();
    return Json.MAPPER.readTree(html.substring(start, html.indexOf("</script>", start)));
  }

  @Test
  void writesTheComparisonJsonAndAPageThatEmbedsTheSameData() throws IOException {
    CompareRuns.Written written = compareFastAndSlow();
    assertEquals(reports.resolve("compare-20250304-050607"), written.folder());
    JsonNode json = Json.MAPPER.readTree(written.folder().resolve("comparison.json").toFile());
    String html = Files.readString(written.folder().resolve("index.html"));
    assertEquals(json, embedded(html), "the page draws exactly what comparison.json holds");

    assertEquals(Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(written.comparison())), json);
    assertEquals("2025-03-04T05:06:07Z", json.get("createdAt").asText());
    assertEquals(List.of("fast", "slow"), json.get("runs").findValuesAsText("name").subList(0, 2));
    assertEquals("fast", json.get("verdicts").get(0).get("winner").asText());
    assertEquals("slow", json.get("verdicts").get(2).get("winner").asText());
    assertEquals("down", json.get("failed").get(0).get("name").asText());
  }

  @Test
  void thePageWorksOfflineAndLinksEachRunsOwnPage() throws IOException {
    CompareRuns.Written written = compareFastAndSlow();
    String html = Files.readString(written.folder().resolve("index.html"));
    assertFalse(Pattern.compile("<script[^>]*\\ssrc\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no <script src=...>");
    assertTrue(html.contains("Chart.js v4.4.1") && html.length() > 150_000, "the Chart.js bundle itself is in the page");
    for (String id : List.of("throughput", "ttftP50", "ttftP99")) {
      assertTrue(html.contains("<canvas id=\"" + id + "\">"), id);
    }
    assertTrue(html.contains("<b>Highest throughput</b>: fast: 2000 output tokens/s at c=32, 100.0 % more than slow&#39;s"), "verdict line");
    assertTrue(html.contains("did not run: Cannot reach &lt;the server&gt;."), "a failed target, escaped");
    assertTrue(html.contains("<a href=\"../ConcurrencySweep-fast-20250304-050607/index.html\">"), "relative link to the run's page");
    for (ComparedRun r : written.comparison().runs()) {
      assertEquals(Path.of(r.folder()).toRealPath().resolve("index.html"), written.folder().toRealPath().resolve(r.page()).normalize());
    }
    assertTrue(html.contains("<td>c=32</td>"), "a row per level");
    assertTrue(html.contains("$ / 1M out"), "the cost column, as the runs have costs");
  }

  @Test
  void aRunFolderThatCannotBeComparedStopsItBeforeAnythingIsWritten() throws IOException {
    Path fast = VerdictsTest.fast().writeUnder(reports);
    Path missing = reports.resolve("ConcurrencySweep-gone");
    RunFolderException e = assertThrows(RunFolderException.class, () -> CompareRuns.write(List.of(fast, missing), List.of(), reports, NOW));
    assertTrue(e.getMessage().contains(missing.toAbsolutePath().normalize().toString()), e.getMessage());
    assertFalse(Files.exists(reports.resolve("compare-20250304-050607")));

    assertEquals("The run folder " + fast + " is named twice: name each run to compare once.",
        assertThrows(RunFolderException.class, () -> CompareRuns.write(List.of(fast, fast), List.of(), reports, NOW)).getMessage());
  }

  @Test
  void aLinkedRunIsTheRunItPointsAt() throws IOException {
    Path fast = VerdictsTest.fast().writeUnder(reports);
    Path slow = VerdictsTest.slow().writeUnder(reports);
    Path latest = Files.createSymbolicLink(reports.resolve("latest"), slow.getFileName());
    CompareRuns.Written written = CompareRuns.write(List.of(fast, latest), List.of(), reports, NOW);
    assertEquals("../ConcurrencySweep-slow-20250304-050607/index.html", written.comparison().runs().get(1).page(),
        "a link that stays right when latest moves on");
    assertEquals("The run folder " + latest + " is named twice: name each run to compare once.",
        assertThrows(RunFolderException.class, () -> CompareRuns.write(List.of(slow, latest), List.of(), reports, NOW)).getMessage());
  }

  @Test
  void aSecondComparisonInTheSameSecondGetsItsOwnFolder() throws IOException {
    assertEquals(reports.resolve("compare-20250304-050607"), compareFastAndSlow().folder());
    assertEquals(reports.resolve("compare-20250304-050607-2"), compareFastAndSlow().folder());
  }

  @Test
  void namesFromSummariesCannotInjectMarkup() throws IOException {
    Path a = SummaryFixtures.unnamed("a", "<img src=x onerror=alert(1)></script>", "fast").concurrency(1, 10, 1.0).writeUnder(reports);
    Path b = SummaryFixtures.unnamed("b", "plain", "fast").concurrency(1, 12, 1.0).writeUnder(reports);
    String html = Files.readString(CompareRuns.write(List.of(a, b), List.of(), reports, NOW).folder().resolve("index.html"));
    assertFalse(html.contains("<img"), "escaped in the tables");
    assertEquals(4, html.split("</script>", -1).length - 1, "data, Chart.js, the chart code and the drawn marks: nothing closed early");
  }

  @Test
  void theConsoleGetsTheNotesVerdictsAndThePage() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompareRuns.report(new ConsoleReporter(new PrintStream(out, true, StandardCharsets.UTF_8)), compareFastAndSlow());
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals("[llm-loadtest] NOTE: down did not run: Cannot reach <the server>.", lines.get(0));
    assertTrue(lines.get(1).startsWith("[llm-loadtest] Highest throughput: fast: 2000 output tokens/s"), lines.get(1));
    assertTrue(lines.get(5).endsWith("compare-20250304-050607" + java.io.File.separator + "index.html"), lines.get(5));
  }
}

package dev.llmload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.nightly.BaselineResult;
import dev.llmload.nightly.BaselineStatus;
import dev.llmload.nightly.MetricVerdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's "Baseline" section and the console's baseline block. */
class BaselineTablesTest {

  private static final BaselineResult RESULT = BaselineResult.of("user-files/baselines/nightly.json", List.of(
      new MetricVerdict("c=1", "ttftMs.p95", BaselineStatus.WITHIN, true, 50.0, 51.0, 2.0, "+15%",
          "measured 51, baseline 50 (+2.0 %), tolerance +15%: within tolerance"),
      new MetricVerdict("c=1", "outputTokensPerSecond", BaselineStatus.REGRESSED, false, 1000.0, 800.0, -20.0, "-10%",
          "measured 800, baseline 1000 (-20.0 %), tolerance -10%: regressed, fell by more than 10 %"),
      new MetricVerdict("c=32", null, BaselineStatus.LEVEL_MISSING_IN_RUN, false, null, null, null, null, "the baseline has level c=32")));

  @Test
  void noBaselineNoSection() {
    StringBuilder h = new StringBuilder();
    BaselineTables.append(h, Summaries.run());
    assertEquals("", h.toString());
  }

  @Test
  void theHeadlineAndARowPerVerdictWithFailuresMarked() {
    StringBuilder h = new StringBuilder();
    BaselineTables.append(h, Summaries.run().withBaseline(RESULT));
    String html = h.toString();
    assertTrue(html.startsWith("<h2>Baseline</h2>\n<p><strong>2 of 3 baseline checks failed (1 regressed) against "
        + "user-files/baselines/nightly.json</strong></p>"), html);
    assertTrue(html.contains("<tr><td>c=1</td><td>outputTokensPerSecond</td><td>1000</td><td>800</td><td>-20</td><td>-10%</td>"
        + "<td><span class=\"bad\">regressed</span></td>"), html);
    assertTrue(html.contains("<tr><td>c=1</td><td>ttftMs.p95</td><td>50</td><td>51</td><td>2</td><td>+15%</td><td>within</td>"), html);
    assertTrue(html.contains("<tr><td>c=32</td><td>-</td><td>-</td><td>-</td><td>-</td><td>-</td>"
        + "<td><span class=\"bad\">level missing in this run</span></td>"), html);
  }

  @Test
  void thePageHasTheSection(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path page = dir.resolve("index.html");
    new HtmlReportWriter().write(Summaries.run().withBaseline(RESULT), page);
    assertTrue(java.nio.file.Files.readString(page).contains("<h2>Baseline</h2>"));
  }

  @Test
  void theConsoleBlockListsEveryVerdict() {
    assertEquals(List.of(
        "baseline: 2 of 3 baseline checks failed (1 regressed) against user-files/baselines/nightly.json",
        "  ok        c=1        ttftMs.p95             measured 51, baseline 50 (+2.0 %), tolerance +15%: within tolerance",
        "  FAILED    c=1        outputTokensPerSecond  measured 800, baseline 1000 (-20.0 %), tolerance -10%: regressed, fell by more than 10 %",
        "  FAILED    c=32       -                      the baseline has level c=32"), BaselineTables.lines(RESULT));
  }
}

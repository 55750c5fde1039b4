package dev.llmload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmload.nightly.Check;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's "Gates" section: a verdict and a row per check; nothing without gates. */
class GateTablesTest {

  private static String section(RunSummary s) {
    StringBuilder h = new StringBuilder();
    GateTables.append(h, s);
    return h.toString();
  }

  @Test
  void aRowPerCheckAndTheVerdict() {
    String html = section(Summaries.run().withGates(List.of(new Check("gates", "ttftMs.p95 at c=1 <= 800 ms", true,
        "measured 70 ms, limit <= 800 ms"), new Check("gates", "errorRate at c=2 <= 0.01", false, "measured 1, limit <= 0.01"))));
    assertTrue(html.startsWith("<h2>Gates</h2>\n<p><strong><span class=\"bad\">1 of 2 gates failed</span>"), html);
    assertTrue(html.contains("<tr><td>ttftMs.p95 at c=1 &lt;= 800 ms</td><td>pass</td><td class=\"msg\">measured 70 ms, limit &lt;= 800 ms"
        + "</td></tr>"), html);
    assertTrue(html.contains("<tr><td>errorRate at c=2 &lt;= 0.01</td><td><span class=\"bad\">FAIL</span></td>"), html);
  }

  @Test
  void allPassed() {
    assertTrue(section(Summaries.run().withGates(List.of(new Check("gates", "x", true, "y")))).contains("All 1 gates passed."));
  }

  @Test
  void nothingWithoutGates() {
    assertEquals("", section(Summaries.run()));
  }
}

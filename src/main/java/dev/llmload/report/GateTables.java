package dev.llmload.report;

import dev.llmload.nightly.Check;

/**
 * The "Gates" part of {@code index.html}: whether the run met its gates ({@code llm.gates}), and a table with every
 * gate's check - what was held to which limit, the value measured, pass or fail. Nothing when no gate was set.
 */
final class GateTables {

  private GateTables() {}

  static void append(StringBuilder h, RunSummary s) {
    if (s.gates().isEmpty()) {
      return;
    }
    long failed = s.gates().stream().filter(c -> !c.passed()).count();
    h.append("<h2>Gates</h2>\n<p><strong>").append(failed == 0 ? "All " + s.gates().size() + " gates passed."
        : "<span class=\"bad\">" + failed + " of " + s.gates().size() + " gates failed</span>: the run's exit status says so.")
        .append("</strong></p>\n");
    h.append("<table class=\"levels\"><thead><tr><th>gate</th><th>result</th><th>measured against the limit</th></tr></thead><tbody>\n");
    for (Check c : s.gates()) {
      h.append("<tr><td>").append(HtmlReportWriter.esc(c.name())).append("</td><td>")
          .append(c.passed() ? "pass" : "<span class=\"bad\">FAIL</span>").append("</td><td class=\"msg\">")
          .append(HtmlReportWriter.esc(c.detail())).append("</td></tr>\n");
    }
    h.append("</tbody></table>\n<p class=\"note\">A gate without a level is checked at every measured level. A level the run "
        + "did not measure, or a value it has not got (no successful request, no level within the SLO), fails its gate. "
        + "junit.xml in the run folder holds the same checks for a CI's test view.</p>\n");
  }
}

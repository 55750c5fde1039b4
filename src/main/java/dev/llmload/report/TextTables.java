package dev.llmload.report;

import dev.llmload.metrics.LevelSummary;

/**
 * The "Output text" part of {@code index.html}: per level the mean length of the replies in characters and words and
 * their vocabulary diversity - to spot broken outputs (empty replies, a model repeating itself). Nothing when no
 * reply's text was counted (a report rebuilt from a log written before it was).
 */
final class TextTables {

  private TextTables() {}

  static void append(StringBuilder h, RunSummary s) {
    if (s.levels().stream().allMatch(l -> l.text() == null)) {
      return;
    }
    h.append("<h2>Output text</h2>\n<table class=\"levels\"><thead><tr><th>level</th><th>chars (mean)</th><th>words (mean)</th>")
        .append("<th>vocabulary diversity</th><th>output tokens (mean)</th></tr></thead><tbody>\n");
    for (LevelSummary l : s.levels()) {
      LevelSummary.Text t = l.text();
      if (t == null) {
        continue;
      }
      h.append("<tr><td>").append(HtmlReportWriter.esc(l.label())).append("</td>").append(HtmlReportWriter.td(t.outputCharsMean()))
          .append(HtmlReportWriter.td(t.outputWordsMean())).append(HtmlReportWriter.td(t.vocabularyDiversity()))
          .append(HtmlReportWriter.td(l.outputTokensMean())).append("</tr>\n");
    }
    h.append("</tbody></table>\n<p class=\"note\">Over the successful measured requests: the reply's text is its content deltas ")
        .append("joined (reasoning and tool calls left out), characters are Unicode code points, words are runs between ")
        .append("whitespace without the punctuation at their ends. Vocabulary diversity = the mean over replies of distinct words ")
        .append("/ words: high for varied text, low for a reply that repeats itself; it falls as replies grow longer, so compare ")
        .append("like lengths. An empty or very short reply where tokens were generated, or a diversity far below the other ")
        .append("levels', points at broken output. See Definitions.</p>\n");
  }
}

package dev.llmload.report;

import dev.llmload.nightly.BaselineResult;
import dev.llmload.nightly.BaselineStatus;
import dev.llmload.nightly.MetricVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The "Baseline" part of {@code index.html} and its block on the console: the baseline file, a headline (how many
 * metrics regressed), and per level and metric the baseline value, the measured value, the change, the tolerance and
 * the verdict. Nothing when the run had no baseline.
 */
final class BaselineTables {

  private BaselineTables() {}

  static void append(StringBuilder h, RunSummary s) {
    BaselineResult b = s.baseline();
    if (b == null) {
      return;
    }
    h.append("<h2>Baseline</h2>\n<p><strong>").append(HtmlReportWriter.esc(headline(b))).append("</strong></p>\n")
        .append("<table class=\"levels\"><thead><tr><th>level</th><th>metric</th><th>baseline</th><th>measured</th><th>change %</th>")
        .append("<th>tolerance</th><th>verdict</th><th>detail</th></tr></thead><tbody>\n");
    for (MetricVerdict v : b.checks()) {
      h.append("<tr><td>").append(HtmlReportWriter.esc(v.level() == null ? "-" : v.level())).append("</td><td>")
          .append(HtmlReportWriter.esc(v.metric() == null ? "-" : v.metric())).append("</td>").append(HtmlReportWriter.td(v.baseline()))
          .append(HtmlReportWriter.td(v.measured())).append(HtmlReportWriter.td(v.changePercent() == null ? null
              : Math.round(v.changePercent() * 10) / 10.0)).append("<td>").append(HtmlReportWriter.esc(v.tolerance() == null ? "-" : v.tolerance()))
          .append("</td><td>").append(v.passed() ? HtmlReportWriter.esc(verdict(v.status())) : "<span class=\"bad\">"
              + HtmlReportWriter.esc(verdict(v.status())) + "</span>").append("</td><td class=\"msg\">").append(HtmlReportWriter.esc(v.detail()))
          .append("</td></tr>\n");
    }
    h.append("</tbody></table>\n<p class=\"note\">Change = (measured - baseline) / baseline. A tolerance's sign is the bad ")
        .append("direction: -10% may fall by up to 10 %, +15% may rise by up to 15 %; a move beyond it in the bad direction is a ")
        .append("regression and fails the run, beyond it in the good direction an improvement (promote a new baseline).</p>\n");
  }

  /** The console block: the headline, then one line per verdict. */
  static List<String> lines(BaselineResult b) {
    List<String> lines = new ArrayList<>();
    lines.add("baseline: " + headline(b));
    for (MetricVerdict v : b.checks()) {
      lines.add(String.format(Locale.ROOT, "  %-9s %-10s %-22s %s", v.passed() ? "ok" : "FAILED", v.level() == null ? "-" : v.level(),
          v.metric() == null ? "-" : v.metric(), v.detail()));
    }
    return lines;
  }

  static String headline(BaselineResult b) {
    long failed = b.checks().stream().filter(v -> !v.passed()).count();
    long improved = b.checks().stream().filter(v -> v.status() == BaselineStatus.IMPROVED).count();
    return (failed == 0 ? "no regression against " : failed + " of " + b.checks().size() + " baseline checks failed ("
        + b.regressions() + " regressed) against ") + b.file() + (improved == 0 ? "" : "; " + improved + " improved");
  }

  private static String verdict(BaselineStatus status) {
    return switch (status) {
      case WITHIN -> "within";
      case IMPROVED -> "improved";
      case REGRESSED -> "regressed";
      case LEVEL_MISSING_IN_RUN -> "level missing in this run";
      case LEVEL_MISSING_IN_BASELINE -> "level not in the baseline";
      case METRIC_MISSING -> "metric missing";
      case BASELINE_UNREADABLE -> "baseline unreadable";
    };
  }
}

package dev.llmload.report;

import dev.llmload.config.SloSettings;
import dev.llmload.metrics.LevelSummary;
import dev.llmload.metrics.RunSlo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The "SLO, goodput and cost" part of {@code index.html}: the headline (the highest load within the SLO, its throughput
 * and cost), the limits, and a table with per level its attainment, request and token goodput, whether it met the SLO
 * and why not, and the price of a million output and of a million total tokens. Nothing when the run had neither an
 * SLO nor a price. The headline and limits are plain sentences the console prints too.
 */
final class SloTables {

  private SloTables() {}

  static void append(StringBuilder h, RunSummary s) {
    boolean slo = s.slo() != null;
    boolean priced = s.levels().stream().anyMatch(l -> l.cost() != null);
    if (!slo && !priced) {
      return;
    }
    h.append("<h2>").append(slo ? priced ? "SLO, goodput and cost" : "SLO and goodput" : "Cost").append("</h2>\n");
    if (slo) {
      h.append("<p><strong>").append(HtmlReportWriter.esc(headline(s))).append("</strong></p>\n<p>SLO: ")
          .append(HtmlReportWriter.esc(limits(s.slo().limits()))).append(".</p>\n");
    }
    if (priced) {
      h.append("<p>Cost: ").append(HtmlReportWriter.esc(price(s))).append(".</p>\n");
    }
    h.append("<table class=\"levels\"><thead><tr><th>level</th><th>output tok/s</th>");
    if (slo) {
      h.append("<th>attainment %</th><th>good req/s</th><th>good tok/s</th><th>SLO met</th><th>missed</th>");
    }
    if (priced) {
      h.append("<th>$ / 1M output tok</th><th>$ / 1M total tok</th>");
    }
    h.append("</tr></thead><tbody>\n");
    for (LevelSummary l : s.levels()) {
      h.append("<tr><td>").append(HtmlReportWriter.esc(l.label())).append("</td>").append(HtmlReportWriter.td(l.outputTokensPerSecond()));
      if (slo) {
        LevelSummary.Slo o = l.slo();
        if (o == null) {
          h.append("<td colspan=\"5\">-</td>");
        } else {
          h.append(HtmlReportWriter.td(o.attainment() == null ? null : Math.round(o.attainment() * 100_000) / 1000.0)).append(HtmlReportWriter.td(o.requestGoodput()))
              .append(HtmlReportWriter.td(o.tokenGoodput())).append("<td>").append(o.met() ? "yes" : "<span class=\"bad\">no</span>")
              .append("</td><td class=\"msg\">").append(HtmlReportWriter.esc(o.missed())).append("</td>");
        }
      }
      if (priced) {
        h.append(usdCell(l.cost() == null ? null : l.cost().perMillionOutputTokensUsd()))
            .append(usdCell(l.cost() == null ? null : l.cost().perMillionTotalTokensUsd()));
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table>\n<p class=\"note\">");
    if (slo) {
      h.append("A request is good when it succeeded and met every latency limit (its TTFT, TPOT and E2E, every one of its ITL ")
          .append("gaps); errored and incomplete requests are misses. Attainment = good / measured requests, good req/s = request ")
          .append("goodput (good requests / window length), good tok/s = token goodput (their output tokens / window length). ");
    }
    if (priced) {
      h.append("$ / 1M tokens = GPUs x hourly price / 3600 / tokens per second x 1e6, at the level's output and total tokens/s. ");
    }
    h.append("See Definitions.</p>\n");
  }

  /**
   * The run's headline, as one sentence: the highest load within the SLO with its output tokens/s and, when priced,
   * what a million output tokens cost there; or that no level met it. Null without an SLO.
   */
  static String headline(RunSummary s) {
    RunSlo slo = s.slo();
    if (slo == null) {
      return null;
    }
    RunSlo.HighestLoad best = slo.highestLoadWithinSlo();
    if (best == null) {
      return "No level met the SLO.";
    }
    return String.format(Locale.ROOT, "Highest load within SLO: %s, %.1f output tokens/s%s.", best.label(), best.outputTokensPerSecond(),
        best.costPerMillionOutputTokensUsd() == null ? "" : ", " + usd(best.costPerMillionOutputTokensUsd()) + " per 1M output tokens");
  }

  /** The limits in words, e.g. {@code TTFT <= 500 ms, TPOT <= 50 ms at p95 of each level; failed requests at most 1 %}. */
  static String limits(SloSettings slo) {
    List<String> limits = new ArrayList<>();
    limit(limits, "TTFT", slo.ttftMs());
    limit(limits, "TPOT", slo.tpotMs());
    limit(limits, "ITL", slo.itlMs());
    limit(limits, "E2E", slo.e2eMs());
    String p = number(slo.percentile());
    StringBuilder b = new StringBuilder();
    if (!limits.isEmpty()) {
      b.append(String.join(", ", limits)).append(slo.perRequest()
          ? " for at least " + p + " % of each level's requests (attainment)"
          : " at p" + p + " of each level's distribution");
    }
    if (slo.maxErrorRate() != null) {
      b.append(b.length() == 0 ? "" : "; ").append("failed requests at most ").append(number(slo.maxErrorRate() * 100)).append(" %");
    }
    return b.toString();
  }

  /** What the hardware costs, e.g. {@code 8 GPUs at $2.49 an hour}. */
  private static String price(RunSummary s) {
    if (s.cost() == null || !s.cost().priced()) {
      return "not priced";
    }
    double gpus = s.cost().gpuCount();
    return number(gpus) + (gpus == 1 ? " GPU" : " GPUs") + " at " + usd(s.cost().gpuHourlyUsd()) + " an hour each";
  }

  private static void limit(List<String> out, String metric, Double limitMs) {
    if (limitMs != null) {
      out.add(metric + " <= " + number(limitMs) + " ms");
    }
  }

  private static String usdCell(Double v) {
    return v == null ? "<td>-</td>" : "<td>" + usd(v) + "</td>";
  }

  /** Dollars: two decimals from $1, four below ({@code $0.0421}). */
  static String usd(double v) {
    return String.format(Locale.ROOT, v >= 1 ? "$%.2f" : "$%.4f", v);
  }

  private static String number(double v) {
    return java.math.BigDecimal.valueOf(v).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}

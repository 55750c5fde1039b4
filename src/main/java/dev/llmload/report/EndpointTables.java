package dev.llmload.report;

import dev.llmload.metrics.EndpointSplit;
import dev.llmload.metrics.EndpointSummary;
import dev.llmload.metrics.LevelSummary;
import dev.llmload.metrics.Percentiles;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The "Per endpoint" part of {@code index.html} for a run spread over several base URLs (replicas): for each level, a
 * table with one row per endpoint (its share of the requests, outcomes, throughput, latencies), and a sentence when
 * the level's requests were split unevenly ({@link EndpointSplit}). Nothing for a run with one base URL.
 */
final class EndpointTables {

  private EndpointTables() {}

  static void append(StringBuilder h, RunSummary s) {
    List<EndpointSummary> endpoints = s.endpoints();
    if (endpoints == null || endpoints.isEmpty()) {
      return;
    }
    h.append("<h2>Per endpoint</h2>\n<p>Requests were spread over ").append(endpoints.size()).append(" base URLs of ")
        .append(HtmlReportWriter.esc(s.target().model())).append(" by ")
        .append(HtmlReportWriter.esc(s.target().balancing() == null ? "round-robin" : s.target().balancing()))
        .append("; each request's numbers count for the endpoint it went to. Also in <a href=\"")
        .append(EndpointCsvWriter.FILE_NAME).append("\">").append(EndpointCsvWriter.FILE_NAME).append("</a> and in summary.json ")
        .append("(<code>endpoints</code>).</p>\n");
    for (LevelSummary level : s.levels()) {
      h.append("<h3>").append(HtmlReportWriter.esc(level.label())).append("</h3>\n");
      Optional<String> uneven = EndpointSplit.uneven(endpoints, level.index(), level.label());
      uneven.ifPresent(u -> h.append("<p class=\"warn\">").append(HtmlReportWriter.esc(u)).append("</p>\n"));
      h.append("<table class=\"levels endpoints\"><thead><tr><th>endpoint</th><th>share</th><th>ok</th><th>err</th><th>inc</th>")
          .append("<th>output tok/s</th><th>req/s</th><th>TTFT p50</th><th>TTFT p99</th><th>ITL p50</th><th>ITL p99</th>")
          .append("<th>TPOT p50</th><th>E2E p50</th><th>E2E p99</th></tr></thead><tbody>\n");
      List<EndpointSplit.Share> shares = EndpointSplit.shares(endpoints, level.index());
      for (int i = 0; i < endpoints.size(); i++) {
        Optional<LevelSummary> l = endpoints.get(i).levels().stream().filter(e -> e.index() == level.index()).findFirst();
        h.append("<tr><td>").append(HtmlReportWriter.esc(endpoints.get(i).endpoint())).append("</td>")
            .append("<td>").append(String.format(Locale.ROOT, "%.0f %%", shares.get(i).share() * 100)).append("</td>");
        if (l.isEmpty()) {
          h.append("<td colspan=\"12\">-</td></tr>\n");
          continue;
        }
        LevelSummary e = l.get();
        h.append(HtmlReportWriter.td(e.requests().successful())).append(HtmlReportWriter.td(e.requests().errored()))
            .append(HtmlReportWriter.td(e.requests().incomplete())).append(HtmlReportWriter.td(e.outputTokensPerSecond()))
            .append(HtmlReportWriter.td(e.requestsPerSecond())).append(HtmlReportWriter.td(p50(e.ttftMs())))
            .append(HtmlReportWriter.td(p99(e.ttftMs()))).append(HtmlReportWriter.td(p50(e.itlMs())))
            .append(HtmlReportWriter.td(p99(e.itlMs()))).append(HtmlReportWriter.td(p50(e.tpotMs())))
            .append(HtmlReportWriter.td(p50(e.e2eMs()))).append(HtmlReportWriter.td(p99(e.e2eMs()))).append("</tr>\n");
      }
      h.append("</tbody></table>\n");
    }
    h.append("<p class=\"note\">Share = the endpoint's part of the level's measured requests. Latencies in milliseconds over the ")
        .append("endpoint's successful requests; output tok/s is what the endpoint delivered in the level's measured window, so the ")
        .append("endpoints' figures add up to the level's. Least-outstanding sends more to a replica that finishes requests sooner; ")
        .append("a replica that fails fast gets more with it too.</p>\n");
  }

  private static Double p50(Percentiles p) {
    return p == null ? null : p.p50();
  }

  private static Double p99(Percentiles p) {
    return p == null ? null : p.p99();
  }
}

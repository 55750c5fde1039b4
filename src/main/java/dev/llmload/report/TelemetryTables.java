package dev.llmload.report;

import dev.llmload.telemetry.LevelTelemetry;
import dev.llmload.telemetry.TelemetrySummary;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The "Why the knee is where it is" part of {@code index.html}: the knee sentence, what was read (server metrics,
 * local resources, the client's probes) and what went wrong reading it, the server's and the client's series over the
 * run sit under the client's timeline ({@link ChartSections}, from {@code telemetry.series}); here, per level the server's figures and
 * the load generator's verdict. A column is shown only when some level has a value in it. Nothing when telemetry was
 * off.
 */
final class TelemetryTables {

  private TelemetryTables() {}

  /** One column of the per-level table: its header and its cell of a level (null: no value). */
  private record Column(String header, Function<LevelTelemetry, Number> value) {}

  private static final List<Column> COLUMNS = List.of(
      new Column("running mean", l -> server(l) == null ? null : server(l).runningMean()),
      new Column("running max", l -> server(l) == null ? null : server(l).runningMax()),
      new Column("waiting mean", l -> server(l) == null ? null : server(l).waitingMean()),
      new Column("waiting max", l -> server(l) == null ? null : server(l).waitingMax()),
      new Column("KV cache max %", l -> server(l) == null ? null : server(l).kvCacheMaxPercent()),
      new Column("preemptions", l -> server(l) == null ? null : server(l).preemptions()),
      new Column("prefix hits %", l -> server(l) == null ? null : server(l).prefixCacheHitPercent()),
      new Column("server TTFT mean ms", l -> server(l) == null ? null : server(l).serverTtftMeanMs()),
      new Column("queue mean ms", l -> server(l) == null ? null : server(l).queueTimeMeanMs()),
      new Column("server RSS peak MiB", l -> l.resources() == null || l.resources().serverRssPeakBytes() == null ? null
          : l.resources().serverRssPeakBytes() / 1_048_576.0),
      new Column("GPU memory peak MiB", l -> l.resources() == null ? null : l.resources().gpuMemoryPeakMiB()),
      new Column("GPU util mean %", l -> l.resources() == null ? null : l.resources().gpuUtilizationMeanPercent()),
      new Column("J / output token", l -> l.resources() == null ? null : l.resources().joulesPerOutputToken()),
      new Column("client CPU cores", l -> l.client() == null ? null : l.client().cpuCores()),
      new Column("loop delay p99 ms", l -> l.client() == null ? null : l.client().loopDelayP99Ms()),
      new Column("GC pause total ms", l -> l.client() == null ? null : l.client().gcPauseTotalMs()),
      new Column("GC pause max ms", l -> l.client() == null ? null : l.client().gcPauseMaxMs()),
      new Column("send lag p99 ms", l -> l.client() == null ? null : l.client().sendLagP99Ms()));

  private static LevelTelemetry.Server server(LevelTelemetry l) {
    return l.server() == null || l.server().samples() == 0 ? null : l.server();
  }

  static void append(StringBuilder h, RunSummary s) {
    TelemetrySummary t = s.telemetry();
    if (t == null) {
      return;
    }
    h.append("<h2>Why the knee is where it is</h2>\n");
    if (t.knee() != null) {
      h.append("<p class=\"knee\"><strong>").append(HtmlReportWriter.esc(t.knee().sentence())).append("</strong></p>\n");
    }
    h.append("<p>").append(HtmlReportWriter.esc(readFrom(t))).append("</p>\n");
    for (String note : t.notes()) {
      h.append("<p class=\"warn\">").append(HtmlReportWriter.esc(note)).append("</p>\n");
    }
    List<Column> shown = new ArrayList<>();
    for (Column c : COLUMNS) {
      if (t.levels().stream().anyMatch(l -> c.value().apply(l) != null)) {
        shown.add(c);
      }
    }
    h.append("<table class=\"levels\"><thead><tr><th>level</th>");
    shown.forEach(c -> h.append("<th>").append(HtmlReportWriter.esc(c.header())).append("</th>"));
    h.append("<th>load generator</th></tr></thead><tbody>\n");
    for (LevelTelemetry l : t.levels()) {
      h.append("<tr><td>").append(HtmlReportWriter.esc(l.label())).append("</td>");
      shown.forEach(c -> h.append(HtmlReportWriter.td(c.value().apply(l))));
      h.append("<td class=\"msg\">").append(verdictCell(l.client())).append("</td></tr>\n");
    }
    h.append("</tbody></table>\n<p class=\"note\">Over each level's measured window: running and waiting are the server's ")
        .append("own counts of requests in its batch and in its queue (summed over replicas, sampled every scrape), KV cache its ")
        .append("use (the fullest replica), preemptions and prefix hits what its counters added in the window. The load ")
        .append("generator is flagged when its CPU, its event loops' scheduling delay, its GC pauses or (open workloads) its ")
        .append("send lag went over the limits of llm.telemetry.client: a flagged level measures the client, not the server. ")
        .append("Every sample is in telemetry.jsonl.</p>\n");
  }

  /** The canvases of the telemetry series the run has, in the order they sit under the client's timeline. */
  static List<String> seriesCanvases(RunSummary s) {
    TelemetrySummary.Series series = s.telemetry() == null ? null : s.telemetry().series();
    List<String> ids = new ArrayList<>();
    if (series == null || s.timeline() == null) {
      return ids;
    }
    if (series.running() != null || series.waiting() != null || series.kvCachePercent() != null) {
      ids.add("server-timeline");
    }
    if (series.serverRssMiB() != null || series.gpuMemoryMiB() != null || series.gpuUtilizationPercent() != null) {
      ids.add("machine-timeline");
    }
    if (series.clientCpuCores() != null) {
      ids.add("client-timeline");
    }
    return ids;
  }

  /** "Server metrics (vLLM) from http://h:8000/metrics. Also read: client." */
  static String readFrom(TelemetrySummary t) {
    List<String> sentences = new ArrayList<>();
    if (t.server() != null) {
      sentences.add("Server metrics (" + t.server() + ")" + (t.metricsUrls().isEmpty() ? "" : " from " + String.join(", ", t.metricsUrls()))
          + ".");
    } else if (!t.metricsUrls().isEmpty()) {
      sentences.add("No server metrics from " + String.join(", ", t.metricsUrls()) + ".");
    }
    if (!t.sources().isEmpty()) {
      sentences.add("Also read: " + String.join(", ", t.sources()) + ".");
    }
    return sentences.isEmpty() ? "Nothing was read besides the requests." : String.join(" ", sentences);
  }

  private static String verdictCell(LevelTelemetry.Client c) {
    if (c == null) {
      return "-";
    }
    if (!c.clientBound()) {
      return "kept up";
    }
    return "<span class=\"bad\">client-bound</span>: " + HtmlReportWriter.esc(String.join("; ", c.reasons()));
  }

}

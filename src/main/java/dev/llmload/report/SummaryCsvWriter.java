package dev.llmload.report;

import dev.llmload.metrics.LevelSummary;
import dev.llmload.metrics.Percentiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** {@code summary.csv}: one row per level with the numbers of {@code summary.json}, for spreadsheets. */
public final class SummaryCsvWriter implements ReportWriter {

  private static final List<String> PERCENTILE_FIELDS = List.of("mean", "p50", "p90", "p95", "p99", "max");

  @Override
  public String fileName() {
    return "summary.csv";
  }

  @Override
  public void write(RunSummary summary, Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(String.join(",", header()));
    for (LevelSummary l : summary.levels()) {
      lines.add(String.join(",", row(summary, l)));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  static List<String> header() {
    List<String> h = new ArrayList<>(List.of("model", "level", "kind", "concurrency", "durationSeconds", "successful", "errored",
        "incomplete", "total", "warmupRequests", "inFlightMean", "connectionRetries", "outputTokensPerSecond", "totalTokensPerSecond",
        "requestsPerSecond", "tokensPerMinute", "inputTokensMean", "outputTokensMean", "tokenCountSource"));
    for (String metric : List.of("timeToHeadersMs", "ttftMs", "itlMs", "tpotMs", "e2eMs")) {
      for (String p : PERCENTILE_FIELDS) {
        h.add(metric + "_" + p);
      }
    }
    return h;
  }

  private static List<String> row(RunSummary s, LevelSummary l) {
    List<String> r = new ArrayList<>(List.of(
        quote(s.target().model()), quote(l.label()), l.kind(), num(l.concurrency()), num(l.durationSeconds()),
        Long.toString(l.requests().successful()), Long.toString(l.requests().errored()), Long.toString(l.requests().incomplete()),
        Long.toString(l.requests().total()), Long.toString(l.warmupRequests()), num(l.inFlightMean()),
        Long.toString(l.connectionRetries()), num(l.outputTokensPerSecond()), num(l.totalTokensPerSecond()), num(l.requestsPerSecond()), num(l.tokensPerMinute()),
        num(l.inputTokensMean()), num(l.outputTokensMean()), l.tokenCountSource() == null ? "" : l.tokenCountSource()));
    for (Percentiles p : new Percentiles[] {l.timeToHeadersMs(), l.ttftMs(), l.itlMs(), l.tpotMs(), l.e2eMs()}) {
      for (Function<Percentiles, Double> f : List.<Function<Percentiles, Double>>of(
          Percentiles::mean, Percentiles::p50, Percentiles::p90, Percentiles::p95, Percentiles::p99, Percentiles::max)) {
        r.add(p == null ? "" : num(f.apply(p)));
      }
    }
    return r;
  }

  private static String num(Double v) {
    if (v == null) {
      return "";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString(v.longValue()) : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String quote(String v) {
    if (v == null) {
      return "";
    }
    return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }
}

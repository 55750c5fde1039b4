package dev.llmload.compare;

import static dev.llmload.report.HtmlReportWriter.esc;

import dev.llmload.report.DrawnCanvases;
import dev.llmload.report.HtmlReportWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The comparison's {@code index.html}: one self-contained page (Chart.js inlined, works offline from {@code file://})
 * with the verdicts, the runs, overlaid curves (output tokens/s, TTFT p50, TTFT p99 against load; a line per run) and
 * the side-by-side table per level. The page draws from the comparison it embeds, the text of {@code comparison.json}.
 */
public final class ComparisonHtmlWriter {

  /** The id of the {@code <script type="application/json">} element holding the comparison. */
  public static final String DATA_ELEMENT = "comparison";

  private ComparisonHtmlWriter() {}

  /**
   * @param json the comparison as {@code comparison.json} holds it (any JSON layout)
   */
  public static void write(Comparison c, String json, Path file) throws IOException {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
        .append(esc("Comparison: " + String.join(" vs ", c.runs().stream().map(ComparedRun::name).toList()))).append("</title>\n<style>")
        .append(CSS).append("</style>\n</head><body>\n");
    h.append("<h1>Comparison of ").append(c.runs().size()).append(c.runs().size() == 1 ? " run" : " runs").append(" <small>")
        .append(esc(c.createdAt())).append("</small></h1>\n");
    for (String note : c.notes()) {
      h.append("<p class=\"warn\">").append(esc(note)).append("</p>\n");
    }
    verdicts(h, c);
    runs(h, c);
    h.append("<div class=\"charts\">\n");
    for (String id : new String[] {"throughput", "ttftP50", "ttftP99"}) {
      h.append("<div class=\"chart\"><canvas id=\"").append(id).append("\"></canvas></div>\n");
    }
    h.append("</div>\n");
    levelTable(h, c);
    h.append("<p class=\"links\"><a href=\"comparison.json\">comparison.json</a></p>\n");
    // "</script" would end the element early, and "<!--" could keep the real end tag from closing it; "<" only occurs
    // inside JSON strings, where \u003c means the same to JSON.parse
    h.append("<script type=\"application/json\" id=\"").append(DATA_ELEMENT).append("\">").append(json.replace("<", "\\u003c"))
        .append("</script>\n");
    h.append("<script>").append(HtmlReportWriter.chartJs()).append("</script>\n");
    h.append("<script>").append(CHARTS_JS).append("</script>\n");
    h.append("<script>").append(DrawnCanvases.SCRIPT).append("</script>\n");
    h.append("</body></html>\n");
    Files.writeString(file, h, StandardCharsets.UTF_8);
  }

  private static void verdicts(StringBuilder h, Comparison c) {
    h.append("<h2>Verdicts</h2>\n<ul class=\"verdicts\">\n");
    for (Verdict v : c.verdicts()) {
      h.append("<li><b>").append(esc(v.title())).append("</b>: ").append(esc(v.sentence())).append("</li>\n");
    }
    h.append("</ul>\n<p class=\"note\">Each verdict names the best run and how much better it is than the next best (in percent of ")
        .append("the next best's value, and as a ratio). Throughput is each run's best level; TTFT is the median at each run's ")
        .append("first level; the highest load within SLO is each run's own, judged by the SLO it ran with (llm.slo.*); the cost ")
        .append("is at that load when known. Not known means the runs did not measure it.</p>\n");
  }

  private static void runs(StringBuilder h, Comparison c) {
    h.append("<h2>Runs</h2>\n<table class=\"levels runs\"><thead><tr><th>run</th><th>model</th><th>where</th><th>simulation</th>")
        .append("<th>output asked</th><th>started</th><th>report</th></tr></thead><tbody>\n");
    for (int i = 0; i < c.runs().size(); i++) {
      ComparedRun r = c.runs().get(i);
      h.append("<tr><td><span class=\"swatch\" style=\"background:").append(color(i)).append("\"></span>").append(esc(r.name()))
          .append("</td><td>").append(esc(r.model())).append("</td><td>").append(esc(r.where())).append("</td><td>").append(esc(r.simulation()))
          .append("</td><td>").append(r.maxTokens() == null ? "-" : "max_tokens " + r.maxTokens())
          .append(Boolean.TRUE.equals(r.ignoreEos()) ? ", ignore_eos" : "").append("</td><td>").append(esc(r.startedAt())).append("</td><td>");
      if (r.page() != null) {
        h.append("<a href=\"").append(esc(r.page())).append("\">").append(esc(r.runId() == null ? r.folder() : r.runId())).append("</a>");
      } else {
        h.append(esc(r.folder()));
      }
      h.append("</td></tr>\n");
    }
    for (FailedTarget f : c.failed()) {
      h.append("<tr class=\"failed\"><td>").append(esc(f.name())).append("</td><td colspan=\"6\">did not run: ").append(esc(f.reason()))
          .append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");
  }

  /** A column of the side-by-side table: its heading, its value in a level, and whether a higher value is better. */
  private record Column(String heading, Function<ComparedLevel, Number> value, Boolean higherIsBetter) {}

  private static void levelTable(StringBuilder h, Comparison c) {
    List<Column> columns = new ArrayList<>(List.of(
        new Column("out tok/s", ComparedLevel::outputTokensPerSecond, true),
        new Column("TTFT p50", ComparedLevel::ttftP50Ms, false),
        new Column("TTFT p99", ComparedLevel::ttftP99Ms, false),
        new Column("ITL p50", ComparedLevel::itlP50Ms, false),
        new Column("E2E p99", ComparedLevel::e2eP99Ms, false),
        new Column("failed", l -> l.errored() + l.incomplete(), null)));
    if (c.runs().stream().anyMatch(r -> r.levels().stream().anyMatch(l -> l.costPerMillionOutputTokensUsd() != null))) {
      columns.add(new Column("$ / 1M out", ComparedLevel::costPerMillionOutputTokensUsd, false));
    }
    h.append("<h2>Per level, side by side</h2>\n<table class=\"levels side\"><thead><tr><th rowspan=\"2\">")
        .append(esc(c.loadTitle())).append("</th>");
    for (int i = 0; i < c.runs().size(); i++) {
      h.append("<th class=\"run\" colspan=\"").append(columns.size()).append("\"><span class=\"swatch\" style=\"background:").append(color(i))
          .append("\"></span>").append(esc(c.runs().get(i).name())).append("</th>");
    }
    h.append("</tr><tr>");
    for (int i = 0; i < c.runs().size(); i++) {
      for (int k = 0; k < columns.size(); k++) {
        h.append(k == 0 ? "<th class=\"first\">" : "<th>").append(esc(columns.get(k).heading())).append("</th>");
      }
    }
    h.append("</tr></thead><tbody>\n");
    for (AlignedLevel row : c.levels()) {
      h.append("<tr><td>").append(esc(row.label())).append("</td>");
      List<ComparedLevel> levels = new ArrayList<>();
      for (int i = 0; i < c.runs().size(); i++) {
        Integer index = row.levels().get(i);
        levels.add(index == null ? null : c.runs().get(i).level(index).orElse(null));
      }
      for (ComparedLevel l : levels) {
        for (int k = 0; k < columns.size(); k++) {
          Column col = columns.get(k);
          Number v = l == null ? null : col.value().apply(l);
          boolean best = v != null && col.higherIsBetter() != null && levels.stream().filter(o -> o != null && col.value().apply(o) != null)
              .count() > 1 && levels.stream().filter(o -> o != null && col.value().apply(o) != null).allMatch(o -> col.higherIsBetter()
                  ? col.value().apply(o).doubleValue() <= v.doubleValue() : col.value().apply(o).doubleValue() >= v.doubleValue());
          h.append(k == 0 ? "<td class=\"first\">" : "<td>").append(best ? "<b>" : "")
              .append(v == null ? "-" : col.heading().startsWith("$") ? Numbers.usd(v.doubleValue()) : Numbers.plain(v.doubleValue()))
              .append(best ? "</b>" : "").append("</td>");
        }
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table>\n<p class=\"note\">Latencies in milliseconds over each level's successful measured requests; failed = ")
        .append("errored + incomplete requests").append(columns.size() > 6 ? "; $ / 1M out = cost per million output tokens (llm.cost.*)" : "")
        .append(". The best value of a row is in bold; - where a run has no such level or no value. Levels are matched by ").append(esc(c.alignedBy().equals("label")
            ? "their labels" : c.alignedBy())).append(".</p>\n");
  }

  private static final String[] PALETTE = {"#2f6fdf", "#d9480f", "#2b8a3e", "#7048e8", "#c2255c", "#0b7285", "#e67700", "#495057"};

  static String color(int run) {
    return PALETTE[run % PALETTE.length];
  }

  private static final String CSS = """
      body{font:14px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1d2330;max-width:1400px}
      h1 small{font-size:14px;color:#667;font-weight:normal} h2{margin-top:28px}
      table{border-collapse:collapse} th,td{padding:4px 8px;border-bottom:1px solid #e3e6ec;text-align:right}
      table.levels th{background:#f3f5f9} table.levels td:first-child{text-align:left;font-weight:600;white-space:nowrap}
      table.runs td,table.runs th{text-align:left} tr.failed td{color:#c92a2a}
      table.side th.run{text-align:center} table.side .first{border-left:2px solid #c5cad3} table.side th{white-space:nowrap}
      .swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
      .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:18px;margin:18px 0}
      .chart{border:1px solid #e3e6ec;border-radius:6px;padding:10px;height:320px}
      .warn{background:#fff4e5;border:1px solid #f0b45a;padding:8px;border-radius:4px}
      .note{color:#667} ul.verdicts li{margin:6px 0}
      """;

  private static final String CHARTS_JS = """
      (function(){
        const c = JSON.parse(document.getElementById('comparison').textContent);
        const palette = ['#2f6fdf', '#d9480f', '#2b8a3e', '#7048e8', '#c2255c', '#0b7285', '#e67700', '#495057'];
        const labels = c.levels.map(row => row.label);
        const at = (k, row, pick) => {
          const index = row.levels[k];
          const level = index == null ? null : c.runs[k].levels.find(l => l.index === index);
          const v = level ? pick(level) : null;
          return v == null ? null : v;
        };
        function line(id, title, yTitle, pick) {
          const sets = c.runs.map((r, k) => ({label: r.name, data: c.levels.map(row => at(k, row, pick)),
            borderColor: palette[k % palette.length], backgroundColor: palette[k % palette.length],
            spanGaps: true, tension: 0.15, pointRadius: 3}));
          // a latency that grows by orders of magnitude past the knee reads better on a log axis
          const values = sets.flatMap(d => d.data).filter(v => v != null && v > 0);
          const log = yTitle === 'ms' && values.length > 1 && Math.max(...values) / Math.min(...values) > 50;
          new Chart(document.getElementById(id), {type: 'line', data: {labels, datasets: sets},
            options: {maintainAspectRatio: false, animation: false,
              plugins: {title: {display: true, text: title + ' vs ' + c.loadTitle + (log ? ' (log scale)' : '')}},
              scales: {x: {title: {display: true, text: c.loadTitle}},
                       y: log ? {type: 'logarithmic', title: {display: true, text: yTitle}}
                              : {beginAtZero: true, title: {display: true, text: yTitle}}}}});
        }
        line('throughput', 'Output tokens/s', 'tokens / s', l => l.outputTokensPerSecond);
        line('ttftP50', 'TTFT p50', 'ms', l => l.ttftP50Ms);
        line('ttftP99', 'TTFT p99', 'ms', l => l.ttftP99Ms);
      })();
      """;
}

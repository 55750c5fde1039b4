package dev.llmload.nightly;

import static dev.llmload.report.HtmlReportWriter.esc;

import dev.llmload.report.DrawnCanvases;
import dev.llmload.report.HtmlReportWriter;
import dev.llmload.report.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The trend page: one self-contained file (Chart.js inlined, works offline from {@code file://}) drawing the history's
 * headline numbers over its runs - one chart per metric, one line per level, the limit as a red dashed line and the
 * baseline's value per level as a dashed line in the level's colour - above the table of runs. The page draws from
 * the {@link TrendData} it embeds as JSON.
 */
public final class TrendPage {

  /** The id of the {@code <script type="application/json">} element holding the trend data. */
  public static final String DATA_ELEMENT = "trend";

  private TrendPage() {}

  public static void write(TrendData data, Path file) throws IOException {
    String json = Json.MAPPER.writeValueAsString(data);
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Trend of ").append(data.runs().size())
        .append(data.runs().size() == 1 ? " run" : " runs").append("</title>\n<style>").append(CSS).append("</style>\n</head><body>\n");
    h.append("<h1>Trend of ").append(data.runs().size()).append(data.runs().size() == 1 ? " run" : " runs").append("</h1>\n");
    h.append("<p class=\"note\">Each chart is one headline metric over the runs of the history, oldest left; one line per level ")
        .append("(levels matched by label). A red dashed line marks the limit the metric is held to (llm.slo), an orange one each gate (llm.gates)");
    if (data.baseline() != null) {
      h.append("; a dashed line in a level's colour is that level's value in the baseline ").append(esc(data.baseline()));
    }
    h.append(".</p>\n<div class=\"charts\">\n");
    for (TrendData.Metric m : data.metrics()) {
      h.append("<div class=\"chart\"><canvas id=\"").append(esc(m.id())).append("\"></canvas></div>\n");
    }
    h.append("</div>\n<h2>Runs</h2>\n<table><thead><tr><th>#</th><th>run</th><th>started</th><th>simulation</th><th>target</th>")
        .append("<th>highest load within SLO</th><th>$ / 1M out there</th></tr></thead><tbody>\n");
    for (int i = 0; i < data.runs().size(); i++) {
      TrendData.Run r = data.runs().get(i);
      String target = r.targetName() == null ? r.model() : r.targetName() + (r.model() == null ? "" : " (" + r.model() + ")");
      h.append("<tr><td>").append(i + 1).append("</td><td>").append(esc(r.runId())).append("</td><td>").append(esc(r.startedAt()))
          .append("</td><td>").append(esc(r.simulation())).append("</td><td>").append(esc(target == null ? "-" : target)).append("</td><td>")
          .append(esc(r.highestLoadWithinSlo() == null ? "-" : r.highestLoadWithinSlo())).append("</td><td>")
          .append(r.costAtSloPerMillionOutputTokensUsd() == null ? "-"
              : String.format(Locale.ROOT, "$%.4f", r.costAtSloPerMillionOutputTokensUsd()))
          .append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");
    // "<" only occurs inside JSON strings, where \u003c means the same to JSON.parse (no early "</script")
    h.append("<script type=\"application/json\" id=\"").append(DATA_ELEMENT).append("\">").append(json.replace("<", "\\u003c"))
        .append("</script>\n");
    h.append("<script>").append(HtmlReportWriter.chartJs()).append("</script>\n");
    h.append("<script>").append(CHARTS_JS).append("</script>\n");
    h.append("<script>").append(DrawnCanvases.SCRIPT).append("</script>\n");
    h.append("</body></html>\n");
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, h, StandardCharsets.UTF_8);
  }

  private static final String CSS = """
      body{font:14px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1d2330;max-width:1400px}
      h2{margin-top:28px} table{border-collapse:collapse} th,td{padding:4px 8px;border-bottom:1px solid #e3e6ec;text-align:left}
      th{background:#f3f5f9}
      .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:18px;margin:18px 0}
      .chart{border:1px solid #e3e6ec;border-radius:6px;padding:10px;height:320px}
      .note{color:#667}
      """;

  private static final String CHARTS_JS = """
      (function(){
        const t = JSON.parse(document.getElementById('trend').textContent);
        const palette = ['#2f6fdf', '#d9480f', '#2b8a3e', '#7048e8', '#c2255c', '#0b7285', '#e67700', '#495057'];
        const labels = t.runs.map((r, i) => (i + 1) + ': ' + (r.startedAt || r.runId).replace('T', ' ').substring(0, 16));
        const flat = v => labels.map(() => v);
        for (const m of t.metrics) {
          const sets = [];
          m.series.forEach((s, k) => {
            const color = palette[k % palette.length];
            sets.push({label: s.level, data: s.values, borderColor: color, backgroundColor: color, spanGaps: true,
              tension: 0.1, pointRadius: 3});
            if (s.baseline != null) {
              sets.push({label: s.level + ' baseline', data: flat(s.baseline), borderColor: color, backgroundColor: color,
                borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0});
            }
          });
          if (m.limit) {
            sets.push({label: m.limit.label, data: flat(m.limit.value), borderColor: '#c92a2a', backgroundColor: '#c92a2a',
              borderDash: [3, 3], borderWidth: 2, pointRadius: 0});
          }
          (m.gates || []).forEach(g => sets.push({label: g.label, data: flat(g.value), borderColor: '#e8590c',
            backgroundColor: '#e8590c', borderDash: [8, 3], borderWidth: 2, pointRadius: 0}));
          new Chart(document.getElementById(m.id), {type: 'line', data: {labels, datasets: sets},
            options: {maintainAspectRatio: false, animation: false,
              plugins: {title: {display: true, text: m.title + ' per run'}},
              scales: {x: {title: {display: true, text: 'run (started)'}},
                       y: {beginAtZero: true, title: {display: true, text: m.unit}}}}});
        }
      })();
      """;
}

package dev.llmload.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmload.metrics.ConversationSummary;
import dev.llmload.metrics.FailureKind;
import dev.llmload.metrics.LevelSummary;
import dev.llmload.metrics.MetricDefinition;
import dev.llmload.metrics.Percentiles;
import dev.llmload.openai.ServerProbe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * {@code index.html}: one self-contained page (Chart.js inlined, works offline) with the per-level table,
 * throughput / TTFT / ITL vs load charts, the outcome counts, and links to Gatling's report and the raw files.
 */
public final class HtmlReportWriter implements ReportWriter {

  @Override
  public String fileName() {
    return "index.html";
  }

  @Override
  public void write(RunSummary s, Path file) throws IOException {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
        .append(esc(s.simulation() + " - " + s.target().model())).append("</title>\n<style>").append(CSS).append("</style>\n</head><body>\n");
    h.append("<h1>").append(esc(s.simulation())).append(" <small>").append(esc(s.runId())).append("</small></h1>\n");
    if (s.partial()) {
      h.append("<p class=\"warn\">Partial run: ").append(esc(s.partialReason())).append("</p>\n");
    }
    for (String note : s.notes()) {
      h.append("<p class=\"warn\">").append(esc(note)).append("</p>\n");
    }
    h.append("<table class=\"meta\">")
        .append(metaRow("Model", s.target().model()))
        .append(metaRow("Target", s.target().where() + (s.target().embedded() ? "  (embedded simulated server, preset " + s.target().serverPreset() + ")" : "")))
        .append(metaRow("API", s.target().api()))
        .append(metaRow("Request", requestFacts(s.request())))
        .append(s.request().lengths() == null ? "" : metaRow("Lengths asked for", s.request().lengths()))
        .append(s.request().tokenCounter() == null ? "" : metaRow("Token counts", s.request().tokenCounter()))
        .append(s.request().calibration().isEmpty() ? "" : metaRow("Calibration", String.join("\n", s.request().calibration())))
        .append(metaRow("Server behaviour", s.serverQuirks() == null ? "not probed" : ServerProbe.describe(s.serverQuirks())))
        .append(metaRow("Started / finished", s.startedAt() + " / " + s.finishedAt()))
        .append("</table>\n");
    h.append("<p class=\"links\">");
    if (s.gatlingReport() != null) {
      h.append("<a href=\"").append(esc(s.gatlingReport())).append("\">Gatling's report of this run</a> &middot; ");
    }
    h.append("<a href=\"summary.json\">summary.json</a> &middot; <a href=\"summary.csv\">summary.csv</a> &middot; ")
        .append("<a href=\"requests.jsonl\">requests.jsonl</a></p>\n");

    h.append("<div class=\"charts\">\n");
    for (String id : new String[] {"throughput", "ttft", "itl", "outcomes"}) {
      h.append("<div class=\"chart\"><canvas id=\"").append(id).append("\"></canvas></div>\n");
    }
    h.append("</div>\n");
    ChartSections.append(h, s);
    TelemetryTables.append(h, s);
    levelTable(h, s);
    SloTables.append(h, s);
    BaselineTables.append(h, s);
    EndpointTables.append(h, s);
    lengthsTable(h, s);
    openLoopTable(h, s);
    conversationTables(h, s);
    TextTables.append(h, s);
    errorTable(h, s);
    GateTables.append(h, s);
    definitions(h);
    h.append("<script type=\"application/json\" id=\"summary\">").append(jsonForScript(s)).append("</script>\n");
    h.append("<script>").append(chartJs()).append("</script>\n");
    h.append("<script>").append(CHARTS_JS).append("</script>\n");
    h.append("</body></html>\n");
    Files.writeString(file, h, StandardCharsets.UTF_8);
  }

  private static void levelTable(StringBuilder h, RunSummary s) {
    h.append("<h2>Per level</h2>\n<table class=\"levels\"><thead><tr>")
        .append("<th>level</th><th>in flight</th><th>ok</th><th>err</th><th>inc</th><th>conn. retries</th><th>output tok/s</th>")
        .append("<th>total tok/s</th><th>req/s</th><th>headers p50</th><th>headers p99</th><th>TTFT p50</th><th>TTFT p99</th><th>ITL p50</th><th>ITL p99</th><th>TPOT p50</th><th>E2E p50</th>")
        .append("<th>E2E p99</th><th>in tok</th><th>out tok</th><th>tokens from</th><th>cached tok</th><th>cached %</th></tr></thead><tbody>\n");
    for (LevelSummary l : s.levels()) {
      h.append("<tr><td>").append(esc(l.label())).append("</td>")
          .append(td(l.inFlightMean())).append(td(l.requests().successful())).append(td(l.requests().errored()))
          .append(td(l.requests().incomplete())).append(td(l.connectionRetries())).append(td(l.outputTokensPerSecond()))
          .append(td(l.totalTokensPerSecond())).append(td(l.requestsPerSecond())).append(td(p50(l.timeToHeadersMs())))
          .append(td(p99(l.timeToHeadersMs()))).append(td(p50(l.ttftMs()))).append(td(p99(l.ttftMs()))).append(td(p50(l.itlMs())))
          .append(td(p99(l.itlMs()))).append(td(p50(l.tpotMs()))).append(td(p50(l.e2eMs()))).append(td(p99(l.e2eMs())))
          .append(td(l.inputTokensMean())).append(td(l.outputTokensMean()))
          .append("<td>").append(esc(l.tokenCountSource() == null ? "-" : l.tokenCountSource())).append("</td>")
          .append(td(l.cachedPromptTokensMean())).append(td(l.cachedPromptShare() == null ? null : l.cachedPromptShare() * 100)).append("</tr>\n");
    }
    h.append("</tbody></table>\n<p class=\"note\">Latencies in milliseconds, over successful requests that started in the level's ")
        .append("measured window; throughput from requests of every outcome. Headers = time to headers, conn. retries = connection ")
        .append("retries, in tok / out tok = mean prompt / output tokens, tokens from = how output tokens were counted, cached tok / ")
        .append("cached % = mean prompt tokens the server answered from its prefix cache and their share of the prompt tokens (- when ")
        .append("the server did not say): see Definitions.</p>\n");
  }

  /** Levels whose requests asked for lengths: what was asked against what the server counted. */
  private static void lengthsTable(StringBuilder h, RunSummary s) {
    if (s.levels().stream().allMatch(l -> l.lengths() == null)) {
      return;
    }
    h.append("<h2>Requested vs received tokens</h2>\n<table class=\"levels\"><thead><tr><th>level</th><th>input requested</th>")
        .append("<th>input received (usage.prompt_tokens)</th><th>output requested</th><th>output received</th><th>honoured</th></tr>")
        .append("</thead><tbody>\n");
    for (LevelSummary l : s.levels()) {
      LevelSummary.Lengths t = l.lengths();
      if (t == null) {
        continue;
      }
      h.append("<tr><td>").append(esc(l.label())).append("</td>").append(td(t.requestedInputTokensMean())).append(td(t.receivedInputTokensMean()))
          .append(td(t.requestedOutputTokensMean())).append(td(t.receivedOutputTokensMean()))
          .append("<td>").append(t.lengthWarning() == null ? "yes" : "<span class=\"bad\">no</span>").append("</td></tr>\n");
    }
    h.append("</tbody></table>\n<p class=\"note\">Means over the successful measured requests that asked for a length. Input is the ")
        .append("whole prompt as the server counts it in <code>usage.prompt_tokens</code> (chat template included where the tokenizer ")
        .append("knows it); output is what the request asked to be generated exactly (max_tokens with ignore_eos or min_tokens). ")
        .append("A mean more than 5 % and 2 tokens off is not honoured (named above the charts).</p>\n");
  }

  /** Open levels: how well the client kept its schedule, and latency from the scheduled time. */
  private static void openLoopTable(StringBuilder h, RunSummary s) {
    if (s.levels().stream().allMatch(l -> l.openLoop() == null)) {
      return;
    }
    h.append("<h2>Open workload: schedule kept?</h2>\n<table class=\"levels\"><thead><tr><th>level</th><th>target req/s</th>")
        .append("<th>achieved req/s</th><th>scheduled</th><th>sent</th><th>send lag p50</th><th>send lag p99</th><th>send lag max</th>")
        .append("<th>TTFT p50 from scheduled</th><th>TTFT p99 from scheduled</th><th>E2E p99 from scheduled</th></tr></thead><tbody>\n");
    for (LevelSummary l : s.levels()) {
      LevelSummary.OpenLoop o = l.openLoop();
      if (o == null) {
        continue;
      }
      h.append("<tr><td>").append(esc(l.label())).append("</td>").append(td(l.rate())).append(td(o.achievedRate()))
          .append(td(o.scheduledInWindow())).append(td(o.sentInWindow())).append(td(p50(o.sendLagMs()))).append(td(p99(o.sendLagMs())))
          .append(td(o.sendLagMs() == null ? null : o.sendLagMs().max())).append(td(p50(o.ttftFromScheduledMs())))
          .append(td(p99(o.ttftFromScheduledMs()))).append(td(p99(o.e2eFromScheduledMs()))).append("</tr>\n");
    }
    h.append("</tbody></table>\n<p class=\"note\">Scheduled / sent: requests whose arrival fell in the measured window, and those ")
        .append("of them sent inside it. Send lag = send - scheduled (ms). A level whose schedule was not kept is named above the ")
        .append("charts.</p>\n");
  }

  /**
   * The request row: {@code max_tokens} and the prompt; when lengths were asked for (a prompt set, synthetic lengths)
   * the configured prompt was not sent and the row says so - the "Lengths asked for" row tells what was.
   */
  static String requestFacts(RequestInfo r) {
    String lengths = r.lengths() == null ? "" : r.lengths();
    String maxTokens = lengths.contains("output ") ? "max_tokens per request (below)" : "max_tokens " + r.maxTokens();
    String prompt = lengths.contains("promptSet ") || lengths.contains("synthetic input ") ? "prompts as asked for (below)"
        : "prompt of " + r.promptChars() + " characters";
    return maxTokens + (r.ignoreEos() ? ", ignore_eos" : "") + ", " + prompt
        + (r.uniquePrompts() ? ", each made unique (no prefix-cache hits)" : ", the same text every time") + conversationFacts(r.conversation());
  }

  /** What the request meta row adds for conversations: empty without. */
  private static String conversationFacts(RequestInfo.Conversation c) {
    if (c == null) {
      return "";
    }
    return "; multi-turn conversations of " + (c.turnsFrom().equals("dataset") ? "at most " + c.turns() + " turns from the dataset's"
        : c.turns() + " turns, each user turn the next prompt") + String.format(Locale.ROOT, ", %.1f s think time between turns",
        c.thinkTimeSeconds());
  }

  /** Multi-turn conversations: how they ended, per level, and each level's turns. */
  private static void conversationTables(StringBuilder h, RunSummary s) {
    if (s.levels().stream().allMatch(l -> l.conversations() == null)) {
      return;
    }
    h.append("<h2>Conversations</h2>\n<table class=\"levels\"><thead><tr><th>level</th><th>started</th><th>completed</th>")
        .append("<th>cut short</th><th>unfinished</th><th>turns (mean)</th><th>duration s (mean)</th><th>tokens (mean)</th>")
        .append("</tr></thead><tbody>\n");
    for (LevelSummary l : s.levels()) {
      ConversationSummary c = l.conversations();
      if (c == null) {
        continue;
      }
      h.append("<tr><td>").append(esc(l.label())).append("</td>").append(td(c.started())).append(td(c.completed()))
          .append(td(c.cutShort())).append(td(c.unfinished())).append(td(c.turnsMean())).append(td(c.durationMeanSeconds()))
          .append(td(c.totalTokensMean())).append("</tr>\n");
    }
    h.append("</tbody></table>\n<p class=\"note\">Conversations that opened in the level's measured window (wherever their ")
        .append("later turns ran): completed = every turn succeeded, cut short = a failed turn ended it, unfinished = the run ")
        .append("ended first. Duration = first turn's send to last turn's end, think times included, and tokens = prompt plus ")
        .append("output tokens over all turns, both over completed conversations.</p>\n");
    h.append("<table class=\"levels\"><thead><tr><th>level</th><th>turn</th><th>requests</th><th>ok</th><th>TTFT p50</th>")
        .append("<th>TTFT p95</th><th>in tok</th><th>cached tok</th></tr></thead><tbody>\n");
    for (LevelSummary l : s.levels()) {
      if (l.conversations() == null) {
        continue;
      }
      for (ConversationSummary.Turn t : l.conversations().turns()) {
        h.append("<tr><td>").append(esc(l.label())).append("</td>").append(td(t.turn())).append(td(t.requests()))
            .append(td(t.successful())).append(td(p50(t.ttftMs()))).append(td(t.ttftMs() == null ? null : t.ttftMs().p95()))
            .append(td(t.promptTokensMean())).append(td(t.cachedPromptTokensMean())).append("</tr>\n");
      }
    }
    h.append("</tbody></table>\n<p class=\"note\">The level's measured requests by turn number. Each turn sends the whole ")
        .append("conversation so far, so its prompt (in tok) grows turn by turn; its start is the previous turn's prompt and ")
        .append("reply, which a server with prefix caching still holds: later turns show cached tokens (- when the server did ")
        .append("not say) and a TTFT that grows less than their prompts.</p>\n");
  }

  private static void errorTable(StringBuilder h, RunSummary s) {
    boolean any = s.levels().stream().anyMatch(l -> !l.errors().isEmpty());
    if (!any) {
      return;
    }
    h.append("<h2>Failures</h2>\n<table class=\"levels\"><thead><tr><th>level</th><th>kind</th><th>count</th><th>first message</th></tr></thead><tbody>\n");
    for (LevelSummary l : s.levels()) {
      for (LevelSummary.ErrorSummary e : l.errors()) {
        h.append("<tr><td>").append(esc(l.label())).append("</td><td>").append(esc(e.kind())).append("</td>").append(td(e.count()))
            .append("<td class=\"msg\">").append(esc(e.sample())).append("</td></tr>\n");
      }
    }
    h.append("</tbody></table>\n<dl class=\"kinds\">\n");
    Set<FailureKind> seen = EnumSet.noneOf(FailureKind.class);
    s.levels().forEach(l -> l.errors().forEach(e -> seen.add(FailureKind.read(e.kind()))));
    for (FailureKind k : seen) {
      h.append("<dt>").append(esc(k.wireName())).append("</dt><dd>").append(markup(k.meaning())).append("</dd>\n");
    }
    h.append("</dl>\n");
  }

  /** The metric definitions, from their one source. */
  private static void definitions(StringBuilder h) {
    h.append("<h2>Definitions</h2>\n<dl>\n");
    for (MetricDefinition d : MetricDefinition.values()) {
      h.append("<dt>").append(esc(d.label())).append("</dt><dd>");
      if (!d.formula().isEmpty()) {
        h.append("<code>").append(esc(d.formula())).append("</code>: ");
      }
      h.append(markup(d.meaning())).append("</dd>\n");
    }
    h.append("</dl>\n");
  }

  private static String metaRow(String k, String v) {
    return "<tr><th>" + esc(k) + "</th><td>" + esc(v) + "</td></tr>";
  }

  private static Double p50(Percentiles p) {
    return p == null ? null : p.p50();
  }

  private static Double p99(Percentiles p) {
    return p == null ? null : p.p99();
  }

  static String td(Number v) {
    if (v == null) {
      return "<td>-</td>";
    }
    double d = v.doubleValue();
    String text = d == Math.rint(d) && Math.abs(d) < 1e12 ? Long.toString((long) d) : String.format(Locale.ROOT, d < 10 ? "%.2f" : "%.1f", d);
    return "<td>" + text + "</td>";
  }

  /** Escaped text whose backtick spans become {@code <code>} elements: how the one-line definitions mark code. */
  static String markup(String text) {
    String[] parts = text.split("`", -1);
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < parts.length; i++) {
      if (i % 2 == 0) {
        b.append(esc(parts[i]));
      } else if (i == parts.length - 1) {
        b.append('`').append(esc(parts[i])); // a backtick never closed is only a character
      } else {
        b.append("<code>").append(esc(parts[i])).append("</code>");
      }
    }
    return b.toString();
  }

  /** {@code s} as HTML text (also for the comparison page); null is empty. */
  public static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static String jsonForScript(RunSummary s) throws JsonProcessingException {
    // "</script" would end the element early, and "<!--" followed by "<script" would keep the real end tag from
    // closing it; "<" only occurs inside JSON strings, where \u003c means the same to JSON.parse.
    return Json.MAPPER.writeValueAsString(s).replace("<", "\\u003c");
  }

  /** Chart.js from its webjar, ready to inline in a {@code <script>} element (also for the comparison page). */
  public static String chartJs() throws IOException {
    Properties build = new Properties();
    try (InputStream in = HtmlReportWriter.class.getResourceAsStream("build.properties")) {
      if (in == null) {
        throw new IOException("dev/llmload/report/build.properties is missing from the classpath");
      }
      build.load(in);
    }
    String resource = "/META-INF/resources/webjars/chart.js/" + build.getProperty("chartjs.version") + "/dist/chart.umd.js";
    try (InputStream in = HtmlReportWriter.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("Chart.js is missing from the classpath: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
    }
  }

  private static final String CSS = """
      body{font:14px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1d2330;max-width:1400px}
      h1 small{font-size:14px;color:#667;font-weight:normal} h2{margin-top:28px}
      table{border-collapse:collapse} th,td{padding:4px 8px;border-bottom:1px solid #e3e6ec;text-align:right}
      table.meta th,table.meta td{text-align:left} table.meta th{color:#556;font-weight:600}
      table.levels th{background:#f3f5f9;position:sticky;top:0} table.levels td:first-child{text-align:left;font-weight:600}
      td.msg{text-align:left;font-family:monospace;max-width:700px;word-break:break-all}
      .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:18px;margin:18px 0}
      .chart{border:1px solid #e3e6ec;border-radius:6px;padding:10px;height:300px}
      .warn{background:#fff4e5;border:1px solid #f0b45a;padding:8px;border-radius:4px}
      .note{color:#667} dl{color:#334} dt{font-weight:600;margin-top:6px} .links a{margin-right:2px}
      dl.kinds dt{font-family:monospace} .bad{color:#c92a2a;font-weight:600} table.meta td{white-space:pre-line}
      """;

  private static final String CHARTS_JS = """
      (function(){
        const s = JSON.parse(document.getElementById('summary').textContent);
        const labels = s.levels.map(l => l.kind === 'concurrency' ? String(l.concurrency) : l.label);
        const kind = s.levels.length ? s.levels[0].kind : 'concurrency';
        const mixed = s.levels.some(l => l.kind !== kind);
        const xTitle = mixed ? 'level' : kind === 'rate' ? 'request rate' : kind === 'step' ? 'step' : 'concurrency';
        const pick = (m, p) => s.levels.map(l => l[m] ? l[m][p] : null);
        function line(id, title, yTitle, sets) {
          // a latency that grows by orders of magnitude past the knee reads better on a log axis
          const values = sets.flatMap(d => d.data).filter(v => v != null && v > 0);
          const log = yTitle === 'ms' && values.length > 1 && Math.max(...values) / Math.min(...values) > 50;
          new Chart(document.getElementById(id), {type: 'line',
            data: {labels, datasets: sets.map(d => Object.assign({spanGaps: true, tension: 0.15, pointRadius: 3}, d))},
            options: {maintainAspectRatio: false, animation: false,
              plugins: {title: {display: true, text: title + (log ? ' (log scale)' : '')}},
              scales: {x: {title: {display: true, text: xTitle}},
                       y: log ? {type: 'logarithmic', title: {display: true, text: yTitle}}
                              : {beginAtZero: true, title: {display: true, text: yTitle}}}}});
        }
        line('throughput', 'Throughput vs ' + xTitle, 'tokens / s', [
          {label: 'output tok/s', data: s.levels.map(l => l.outputTokensPerSecond), borderColor: '#2f6fdf', backgroundColor: '#2f6fdf'},
          {label: 'total tok/s', data: s.levels.map(l => l.totalTokensPerSecond), borderColor: '#8fb3f0', backgroundColor: '#8fb3f0', borderDash: [5, 4]}]);
        line('ttft', 'Time to first token vs ' + xTitle, 'ms', [
          {label: 'TTFT p50', data: pick('ttftMs', 'p50'), borderColor: '#d9480f', backgroundColor: '#d9480f'},
          {label: 'TTFT p90', data: pick('ttftMs', 'p90'), borderColor: '#f08c00', backgroundColor: '#f08c00'},
          {label: 'TTFT p99', data: pick('ttftMs', 'p99'), borderColor: '#fab005', backgroundColor: '#fab005', borderDash: [5, 4]}]);
        line('itl', 'Inter-token latency vs ' + xTitle, 'ms', [
          {label: 'ITL p50', data: pick('itlMs', 'p50'), borderColor: '#2b8a3e', backgroundColor: '#2b8a3e'},
          {label: 'ITL p99', data: pick('itlMs', 'p99'), borderColor: '#69db7c', backgroundColor: '#69db7c', borderDash: [5, 4]},
          {label: 'TPOT p50', data: pick('tpotMs', 'p50'), borderColor: '#7048e8', backgroundColor: '#7048e8'}]);
        new Chart(document.getElementById('outcomes'), {type: 'bar',
          data: {labels, datasets: [
            {label: 'successful', data: s.levels.map(l => l.requests.successful), backgroundColor: '#40c057'},
            {label: 'errored', data: s.levels.map(l => l.requests.errored), backgroundColor: '#fa5252'},
            {label: 'incomplete', data: s.levels.map(l => l.requests.incomplete), backgroundColor: '#fab005'}]},
          options: {maintainAspectRatio: false, animation: false, plugins: {title: {display: true, text: 'Requests per level by outcome'}},
            scales: {x: {stacked: true, title: {display: true, text: xTitle}}, y: {stacked: true, beginAtZero: true}}}});
      })();
      """;
}

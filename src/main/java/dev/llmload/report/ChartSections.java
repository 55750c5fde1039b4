package dev.llmload.report;

import dev.llmload.metrics.LevelSummary;
import dev.llmload.metrics.Timeline;
import java.util.List;
import java.util.Locale;

/**
 * The parts of {@code index.html} with the charts beyond the four against load, and their script: links to the PNG
 * versions of the headline charts; the run over time (output tokens/s and requests in flight per bucket, the TTFT of
 * each request as a scatter, level starts and warm-ups marked); the trade-off (output tokens/s per user against total
 * output tokens/s, one labelled point per level) and latency against throughput (the knee); TTFT and E2E as CDFs, one
 * line per level. Every chart reads the page's embedded {@code summary.json}; a chart whose data the run does not have
 * is left out. The script runs once the page is parsed (Chart.js is inlined after this part) and ends with
 * {@link DrawnCanvases}, which marks every canvas of the page drawn or not.
 */
final class ChartSections {

  private ChartSections() {}

  static void append(StringBuilder h, RunSummary s) {
    h.append("<p class=\"links\">The throughput and TTFT charts above as PNG images, for READMEs and CI artifacts: <a href=\"")
        .append(PngChartWriter.THROUGHPUT_FILE).append("\">").append(PngChartWriter.THROUGHPUT_FILE).append("</a> &middot; <a href=\"")
        .append(PngChartWriter.TTFT_FILE).append("\">").append(PngChartWriter.TTFT_FILE).append("</a></p>\n");
    Timeline t = s.timeline();
    if (t != null && !t.outputTokensPerSecond().isEmpty()) {
      h.append("<h2>Over time</h2>\n<div class=\"charts\">\n");
      canvas(h, "timeline", true);
      List<String> telemetry = TelemetryTables.seriesCanvases(s);
      telemetry.stream().filter(id -> !id.equals("client-timeline")).forEach(id -> canvas(h, id, true));
      if (!t.ttft().seconds().isEmpty()) {
        canvas(h, "timeline-ttft", true);
      }
      telemetry.stream().filter(id -> id.equals("client-timeline")).forEach(id -> canvas(h, id, true));
      h.append("</div>\n<p class=\"note\">The whole run on its clock, warm-ups included (shaded; each level starts at its line): ")
          .append("output tokens/s and the mean number of requests in flight per ").append(bucket(t.bucketSeconds()))
          .append(" bucket, every outcome counted; TTFT of ").append(points(t.ttft()))
          .append(", each at its send time. Requests still in flight when the report was written are not in it.")
          .append(telemetry.isEmpty() ? "" : " Under them, what the server's /metrics, the server machine and the load generator said, on the "
              + "same clock and buckets (see Why the knee is where it is).")
          .append("</p>\n");
    }
    boolean tradeOff = s.levels().stream().anyMatch(l -> l.tpotMs() != null && l.tpotMs().p50() > 0);
    boolean knee = s.levels().stream().anyMatch(l -> l.ttftMs() != null);
    boolean ttftCdf = s.levels().stream().anyMatch(l -> l.distributions() != null && l.distributions().ttftMs() != null);
    boolean e2eCdf = s.levels().stream().anyMatch(l -> l.distributions() != null && l.distributions().e2eMs() != null);
    if (tradeOff || knee || ttftCdf || e2eCdf) {
      h.append("<h2>Trade-offs and distributions</h2>\n<div class=\"charts\">\n");
      if (tradeOff) {
        canvas(h, "tradeoff", false);
      }
      if (knee) {
        canvas(h, "knee", false);
      }
      if (ttftCdf) {
        canvas(h, "ttft-cdf", false);
      }
      if (e2eCdf) {
        canvas(h, "e2e-cdf", false);
      }
      String gpus = gpus(s);
      h.append("</div>\n<p class=\"note\">Trade-off: each level is a point, the speed one user sees (output tokens/s per user = ")
          .append("1000 / TPOT p50 ms) against what the server delivered to all of them (total output tokens/s")
          .append(gpus == null ? "" : " per GPU, over " + gpus + " GPUs").append("); more load moves right and down, and ")
          .append("the knee is where a little more total costs a lot per user. Latency vs throughput: TTFT p50 and p99 against ")
          .append("total output tokens/s, past the knee latency climbs while throughput stalls. Distributions: the share of ")
          .append("the level's successful measured requests (y) whose TTFT or E2E was at most x, from the level's histograms ")
          .append("(p0 to p100 in steps of 5, and p99.9).</p>\n");
    }
    h.append("<script>").append(CHARTS_JS.replace("__GPUS__", gpus(s) == null ? "null" : gpus(s)))
        .append(DrawnCanvases.SCRIPT).append("</script>\n");
  }

  /**
   * The GPUs the throughput is shared by ({@code llm.cost.gpus}), for the trade-off chart's per-GPU axis; null when not
   * set (the axis is then the server's total).
   */
  static String gpus(RunSummary s) {
    Double gpus = s.cost() == null ? null : s.cost().gpus();
    return gpus == null ? null : gpus == Math.rint(gpus) ? Long.toString(gpus.longValue()) : gpus.toString();
  }

  private static void canvas(StringBuilder h, String id, boolean wide) {
    h.append("<div class=\"chart\"").append(wide ? " style=\"grid-column:1/-1\"" : "").append("><canvas id=\"").append(id)
        .append("\"></canvas></div>\n");
  }

  private static String bucket(double seconds) {
    return seconds == Math.rint(seconds) ? String.format(Locale.ROOT, "%.0f s", seconds) : String.format(Locale.ROOT, "%.3f s", seconds);
  }

  /** "all 120 successful requests", or "2,500 of 10,000 successful requests (one in every 4, by finish order)". */
  static String points(Timeline.TtftPoints p) {
    if (p.every() == 1) {
      return String.format(Locale.ROOT, "all %,d successful requests", p.requests());
    }
    return String.format(Locale.ROOT, "%,d of %,d successful requests (one in every %d, in the order they finished: at most %,d points)",
        p.seconds().size(), p.requests(), p.every(), dev.llmload.metrics.TimelineTally.MAX_POINTS);
  }

  private static final String CHARTS_JS = """
      document.addEventListener('DOMContentLoaded', function () {
        const s = JSON.parse(document.getElementById('summary').textContent);
        const gpus = __GPUS__;
        const palette = ['#2f6fdf', '#d9480f', '#2b8a3e', '#7048e8', '#f08c00', '#0c8599', '#c2255c', '#5c940d', '#495057', '#e8590c'];
        const color = i => palette[i % palette.length];
        const wide = values => {
          const v = values.filter(x => x != null && x > 0);
          return v.length > 1 && Math.max(...v) / Math.min(...v) > 50;
        };
        const title = text => ({display: true, text});
        // a log axis labels 1, 2 and 5 times a power of ten only: the others crowd each other out
        const logAxis = () => ({type: 'logarithmic', ticks: {maxRotation: 0, callback: v => {
          const m = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
          return [1, 2, 5].some(k => Math.abs(m - k) < 1e-6) ? Number(v).toLocaleString('en') : '';
        }}});
        const axis = (text, extra) => Object.assign({title: title(text)}, extra);
        // the timelines' value axes all one width, so their plot areas (and seconds) line up one under the other
        const SIDE = 72;
        const side = a => Object.assign(a, {afterFit: scale => { scale.width = SIDE; }});
        function draw(id, config) {
          const canvas = document.getElementById(id);
          if (canvas) {
            config.options = Object.assign({maintainAspectRatio: false, animation: false}, config.options);
            new Chart(canvas, config);
          }
        }
        // each level's start as a line with its label, its warm-up shaded
        const t = s.timeline;
        const levelMarks = {id: 'levelMarks', beforeDatasetsDraw(chart) {
          const x = chart.scales.x, area = chart.chartArea, ctx = chart.ctx;
          ctx.save();
          ctx.font = '11px sans-serif';
          for (const l of t.levels) {
            const from = x.getPixelForValue(l.startSeconds), measured = x.getPixelForValue(l.measuredStartSeconds);
            if (from > area.right) continue;
            ctx.fillStyle = 'rgba(134, 142, 150, 0.15)';
            ctx.fillRect(from, area.top, Math.min(measured, area.right) - from, area.bottom - area.top);
            ctx.strokeStyle = '#868e96';
            ctx.beginPath(); ctx.moveTo(from, area.top); ctx.lineTo(from, area.bottom); ctx.stroke();
            ctx.fillStyle = '#495057';
            ctx.fillText(l.label, from + 3, area.top + 11);
          }
          ctx.restore();
        }};
        // each point's level next to it
        const pointLabels = {id: 'pointLabels', afterDatasetsDraw(chart) {
          const ctx = chart.ctx;
          ctx.save();
          ctx.font = '11px sans-serif';
          chart.data.datasets.forEach((d, i) => {
            const meta = chart.getDatasetMeta(i);
            if (!d.pointLabels || meta.hidden) return;
            ctx.fillStyle = d.borderColor;
            meta.data.forEach((p, j) => ctx.fillText(d.pointLabels[j], p.x + 5, p.y - 5));
          });
          ctx.restore();
        }};
        if (t) {
          const w = t.bucketSeconds;
          const end = Math.max(t.outputTokensPerSecond.length * w, ...t.levels.map(l => l.endSeconds));
          const x = axis('seconds into the run', {type: 'linear', min: 0, max: end});
          draw('timeline', {type: 'line', plugins: [levelMarks],
            data: {datasets: [
              {label: 'output tok/s', yAxisID: 'y', data: t.outputTokensPerSecond.map((v, i) => ({x: (i + 0.5) * w, y: v})),
               borderColor: '#2f6fdf', backgroundColor: '#2f6fdf', pointRadius: 0, borderWidth: 1.5},
              {label: 'requests in flight', yAxisID: 'y1', data: t.inFlight.map((v, i) => ({x: (i + 0.5) * w, y: v})),
               borderColor: '#f08c00', backgroundColor: '#f08c00', pointRadius: 0, borderWidth: 1.5}]},
            options: {plugins: {title: title('Output tokens/s and requests in flight over the run (' + w + ' s buckets)')},
              scales: {x, y: side(axis('output tokens / s', {beginAtZero: true})),
                       y1: side(axis('requests in flight', {beginAtZero: true, position: 'right', grid: {drawOnChartArea: false}}))}}});
          const log = wide(t.ttft.ms);
          draw('timeline-ttft', {type: 'scatter', plugins: [levelMarks],
            data: {datasets: [{label: 'TTFT of a request (' + (t.ttft.every === 1 ? 'every one' : 'one in every ' + t.ttft.every) + ')',
              data: t.ttft.seconds.map((v, i) => ({x: v, y: t.ttft.ms[i]})), borderColor: '#d9480f', backgroundColor: '#d9480f',
              pointRadius: 1.5}]},
            options: {plugins: {title: title('TTFT of each request at its send time' + (log ? ' (log scale)' : ''))},
              layout: {padding: {right: SIDE}},
              scales: {x, y: side(axis('ms', log ? logAxis() : {beginAtZero: true, grace: '5%'}))}}});
        }
        // the server's, the machine's and the client's series on the same clock and buckets
        const ts = s.telemetry && s.telemetry.series;
        if (t && ts) {
          const w = ts.bucketSeconds;
          const end = Math.max(t.outputTokensPerSecond.length * t.bucketSeconds, ...t.levels.map(l => l.endSeconds));
          const x = axis('seconds into the run', {type: 'linear', min: 0, max: end});
          const line = (label, values, colour, yAxisID) => ({label, yAxisID, data: (values || []).map((v, i) => ({x: (i + 0.5) * w, y: v})),
            borderColor: colour, backgroundColor: colour, pointRadius: 0, borderWidth: 1.5, spanGaps: true});
          const some = v => v && v.some(x => x != null);
          draw('server-timeline', {type: 'line', plugins: [levelMarks],
            data: {datasets: [line('running', ts.running, '#2b8a3e', 'y'), line('waiting', ts.waiting, '#c2255c', 'y'),
              line('KV cache %', ts.kvCachePercent, '#7048e8', 'y1')].filter(d => d.data.some(p => p.y != null))},
            options: {plugins: {title: title('The server: requests running and waiting, KV-cache use (its /metrics)')},
              scales: {x, y: side(axis('requests', {beginAtZero: true})),
                       y1: side(axis('KV cache %', {min: 0, max: 100, position: 'right', grid: {drawOnChartArea: false}}))}}});
          draw('machine-timeline', {type: 'line', plugins: [levelMarks],
            data: {datasets: [line('server RSS MiB', ts.serverRssMiB, '#0c8599', 'y'), line('GPU memory MiB', ts.gpuMemoryMiB, '#f08c00', 'y'),
              line('GPU util %', ts.gpuUtilizationPercent, '#495057', 'y1')].filter(d => d.data.some(p => p.y != null))},
            options: {plugins: {title: title('The server machine: memory and GPU')},
              scales: {x, y: side(axis('MiB', {beginAtZero: true})),
                       y1: side(axis('GPU util %', {min: 0, max: 100, position: 'right', grid: {drawOnChartArea: false}}))}}});
          if (some(ts.clientCpuCores)) {
            draw('client-timeline', {type: 'line', plugins: [levelMarks],
              data: {datasets: [line('client CPU (cores)', ts.clientCpuCores, '#2f6fdf', 'y'),
                line('event-loop delay max ms', ts.loopDelayMaxMs, '#d9480f', 'y1')].filter(d => d.data.some(p => p.y != null))},
              options: {plugins: {title: title('The load generator: its CPU and its event-loop scheduling delay')},
                scales: {x, y: side(axis('cores', {beginAtZero: true})),
                         y1: side(axis('ms', {beginAtZero: true, position: 'right', grid: {drawOnChartArea: false}}))}}});
          }
        }
        const perUser = s.levels.filter(l => l.tpotMs && l.tpotMs.p50 > 0);
        draw('tradeoff', {type: 'scatter', plugins: [pointLabels],
          data: {datasets: [{label: 'one point per level', showLine: true, pointLabels: perUser.map(l => l.label),
            data: perUser.map(l => ({x: l.outputTokensPerSecond / (gpus || 1), y: 1000 / l.tpotMs.p50})),
            borderColor: '#7048e8', backgroundColor: '#7048e8', pointRadius: 4}]},
          options: {plugins: {title: title('Output tokens/s per user vs total output tokens/s' + (gpus ? ' per GPU' : ''))},
            scales: {x: axis('total output tokens / s' + (gpus ? ' per GPU' : ''), {beginAtZero: true, grace: '5%'}),
                     y: axis('output tokens / s per user (1000 / TPOT p50)', {beginAtZero: true, grace: '5%'})}}});
        const measured = s.levels.filter(l => l.ttftMs);
        const kneeLog = wide(measured.flatMap(l => [l.ttftMs.p50, l.ttftMs.p99]));
        draw('knee', {type: 'scatter', plugins: [pointLabels],
          data: {datasets: [
            {label: 'TTFT p50', showLine: true, pointLabels: measured.map(l => l.label), pointRadius: 4,
             data: measured.map(l => ({x: l.outputTokensPerSecond, y: l.ttftMs.p50})), borderColor: '#d9480f', backgroundColor: '#d9480f'},
            {label: 'TTFT p99', showLine: true, pointRadius: 3, borderDash: [5, 4],
             data: measured.map(l => ({x: l.outputTokensPerSecond, y: l.ttftMs.p99})), borderColor: '#fab005', backgroundColor: '#fab005'}]},
          options: {plugins: {title: title('Latency vs throughput: TTFT against total output tokens/s' + (kneeLog ? ' (log scale)' : ''))},
            scales: {x: axis('total output tokens / s', {beginAtZero: true, grace: '5%'}),
                     y: axis('ms', kneeLog ? logAxis() : {beginAtZero: true, grace: '5%'})}}});
        function cdf(id, field, name) {
          const levels = s.levels.filter(l => l.distributions && l.distributions[field]);
          const log = wide(levels.flatMap(l => l.distributions[field]));
          draw(id, {type: 'line',
            data: {datasets: levels.map((l, i) => ({label: l.label, pointRadius: 0, borderWidth: 1.5,
              data: l.distributions[field].map((v, j) => ({x: v, y: l.distributions.percentiles[j]})),
              borderColor: color(i), backgroundColor: color(i)}))},
            options: {plugins: {title: title(name + ' distribution per level' + (log ? ' (log scale)' : ''))},
              scales: {x: axis(name + ' ms', log ? logAxis() : {type: 'linear', beginAtZero: true}),
                       y: axis('% of requests at or below', {min: 0, max: 100})}}});
        }
        cdf('ttft-cdf', 'ttftMs', 'TTFT');
        cdf('e2e-cdf', 'e2eMs', 'E2E');
      });
      """;
}

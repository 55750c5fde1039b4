package dev.llmload.nightly;

import dev.llmload.config.SloSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What the trend page draws, computed from the history: the runs in order (the x axis), and per headline metric one
 * series per level label (its value in each run, null where the run had no such level or no value), with the limit
 * the metric is held to and the baseline's value per level when known. Levels are matched across runs by their labels
 * ({@code c=8}, {@code 2.0 req/s}), in the order they first appear.
 *
 * <p>Limits come from {@code llm.slo}: a latency limit is marked on the chart of the percentile it is held at (TTFT
 * p50/p95/p99, ITL p50, E2E p95; with {@code perRequest} on the attainment chart instead), {@code maxErrorRate} on the
 * error-rate chart.
 *
 * @param runs the history's runs, oldest first
 * @param metrics the charts, in page order; a metric no run measured is left out
 * @param baseline where the baseline came from, null without one
 */
public record TrendData(List<Run> runs, List<Metric> metrics, String baseline) {

  public TrendData {
    runs = List.copyOf(runs);
    metrics = List.copyOf(metrics);
  }

  /** One run of the history, as the page's table lists it. */
  public record Run(String runId, String startedAt, String simulation, String targetName, String model, String highestLoadWithinSlo,
      Double costAtSloPerMillionOutputTokensUsd) {}

  /**
   * One chart.
   *
   * @param id the canvas id
   * @param unit the y axis title
   * @param limit the line the metric is held to by {@code llm.slo}, null when none is set
   * @param gates the lines the gates ({@code llm.gates}) hold it to, one per bound; empty when none
   */
  public record Metric(String id, String title, String unit, List<Series> series, Limit limit, List<Limit> gates) {

    public Metric {
      series = List.copyOf(series);
      gates = List.copyOf(gates);
    }

    /** A chart without gates. */
    public Metric(String id, String title, String unit, List<Series> series, Limit limit) {
      this(id, title, unit, series, limit, List.of());
    }
  }

  /**
   * One line of a chart.
   *
   * @param values one per run, null where the run has no value
   * @param baseline the baseline's value, null without a baseline or when it has none for this level
   */
  public record Series(String level, List<Double> values, Double baseline) {

    public Series {
      values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
    }
  }

  /** A limit line: its value (in the chart's unit) and what it is, e.g. {@code SLO: TTFT p95 <= 800 ms}. */
  public record Limit(double value, String label) {

    public Limit {
      Objects.requireNonNull(label, "label");
    }
  }

  /** A headline metric: how to read it from a level, and how to scale it to the chart's unit. */
  private record Definition(String id, String title, String unit, Function<HistoryEntry.Level, Double> value) {}

  private static final List<Definition> DEFINITIONS = List.of(
      new Definition("outputTokensPerSecond", "Output tokens/s", "tokens / s", HistoryEntry.Level::outputTokensPerSecond),
      new Definition("ttftP50Ms", "TTFT p50", "ms", HistoryEntry.Level::ttftP50Ms),
      new Definition("ttftP95Ms", "TTFT p95", "ms", HistoryEntry.Level::ttftP95Ms),
      new Definition("ttftP99Ms", "TTFT p99", "ms", HistoryEntry.Level::ttftP99Ms),
      new Definition("itlP50Ms", "ITL p50", "ms", HistoryEntry.Level::itlP50Ms),
      new Definition("e2eP95Ms", "E2E p95", "ms", HistoryEntry.Level::e2eP95Ms),
      new Definition("errorRatePercent", "Error rate", "%", l -> percent(l.errorRate())),
      new Definition("sloAttainmentPercent", "SLO attainment", "%", l -> percent(l.sloAttainment())));

  /**
   * @param history the entries, oldest first
   * @param slo the limits to mark ({@link SloSettings#NONE}: none)
   * @param baseline the baseline's entry (from its {@code summary.json}), null without one
   * @param baselineSource where the baseline came from (for the page), ignored without one
   */
  public static TrendData of(List<HistoryEntry> history, SloSettings slo, HistoryEntry baseline, String baselineSource) {
    return of(history, slo, List.of(), baseline, baselineSource);
  }

  /** The same, with the gates' bounds marked on the charts of their metrics ({@link #gateLimits}). */
  public static TrendData of(List<HistoryEntry> history, SloSettings slo, List<dev.llmload.config.Gate> gates, HistoryEntry baseline,
      String baselineSource) {
    Set<String> labels = new LinkedHashSet<>();
    history.forEach(e -> e.levels().forEach(l -> labels.add(l.label())));
    List<Metric> metrics = new ArrayList<>();
    for (Definition d : DEFINITIONS) {
      List<Series> series = new ArrayList<>();
      boolean any = false;
      for (String label : labels) {
        List<Double> values = new ArrayList<>();
        for (HistoryEntry e : history) {
          Double v = level(e, label).map(d.value()).orElse(null);
          any |= v != null;
          values.add(v);
        }
        series.add(new Series(label, values, baseline == null ? null : level(baseline, label).map(d.value()).orElse(null)));
      }
      if (any) {
        metrics.add(new Metric(d.id(), d.title(), d.unit(), series, limit(d.id(), slo), gateLimits(d.id(), gates)));
      }
    }
    List<Run> runs = history.stream().map(e -> new Run(e.runId(), e.startedAt(), e.simulation(), e.targetName(), e.model(),
        e.highestLoadWithinSlo(), e.costAtSloPerMillionOutputTokensUsd())).toList();
    return new TrendData(runs, metrics, baseline == null ? null : baselineSource);
  }

  private static java.util.Optional<HistoryEntry.Level> level(HistoryEntry e, String label) {
    return e.levels().stream().filter(l -> l.label().equals(label)).findFirst();
  }

  /** The chart a gate metric is drawn on, and the factor from the gate's unit to the chart's; null when it has none. */
  private record GateChart(String id, double scale) {}

  private static GateChart chartOf(String gateMetric) {
    return switch (gateMetric) {
      case "outputTokensPerSecond" -> new GateChart("outputTokensPerSecond", 1);
      case "ttftMs.p50" -> new GateChart("ttftP50Ms", 1);
      case "ttftMs.p95" -> new GateChart("ttftP95Ms", 1);
      case "ttftMs.p99" -> new GateChart("ttftP99Ms", 1);
      case "itlMs.p50" -> new GateChart("itlP50Ms", 1);
      case "e2eMs.p95" -> new GateChart("e2eP95Ms", 1);
      case "errorRate" -> new GateChart("errorRatePercent", 100);
      default -> null;
    };
  }

  /**
   * The bounds of the gates on the chart {@code id}: a line per {@code min} and per {@code max}, labelled with the gate
   * and its level ({@code gate: TTFT ... at c=32}); gates on metrics the page does not chart are not drawn.
   */
  static List<Limit> gateLimits(String id, List<dev.llmload.config.Gate> gates) {
    List<Limit> out = new ArrayList<>();
    for (dev.llmload.config.Gate g : gates) {
      GateChart chart = chartOf(g.metric().name());
      if (chart == null || !chart.id().equals(id)) {
        continue;
      }
      String where = g.level() == null ? " (every level)" : " at " + g.level();
      if (g.min() != null) {
        out.add(new Limit(g.min() * chart.scale(), "gate: " + g.metric().name() + " >= " + number(g.min()) + where));
      }
      if (g.max() != null) {
        out.add(new Limit(g.max() * chart.scale(), "gate: " + g.metric().name() + " <= " + number(g.max()) + where));
      }
    }
    return out;
  }

  /** The {@code llm.slo} limit drawn on the chart {@code id}, null when none applies there. */
  static Limit limit(String id, SloSettings slo) {
    String p = number(slo.percentile());
    return switch (id) {
      case "ttftP50Ms" -> latency(slo, slo.ttftMs(), "TTFT", "p50");
      case "ttftP95Ms" -> latency(slo, slo.ttftMs(), "TTFT", "p95");
      case "ttftP99Ms" -> latency(slo, slo.ttftMs(), "TTFT", "p99");
      case "itlP50Ms" -> latency(slo, slo.itlMs(), "ITL", "p50");
      case "e2eP95Ms" -> latency(slo, slo.e2eMs(), "E2E", "p95");
      case "errorRatePercent" -> slo.maxErrorRate() == null ? null
          : new Limit(100 * slo.maxErrorRate(), "SLO: error rate <= " + number(100 * slo.maxErrorRate()) + " %");
      case "sloAttainmentPercent" -> slo.perRequest() ? new Limit(slo.percentile(), "SLO: attainment >= " + p + " %") : null;
      default -> null;
    };
  }

  /** A latency limit, on the chart of the percentile it is held at ({@code pNN}); none when judged per request. */
  private static Limit latency(SloSettings slo, Double limitMs, String metric, String chartPercentile) {
    if (limitMs == null || slo.perRequest() || !chartPercentile.equals("p" + number(slo.percentile()))) {
      return null;
    }
    return new Limit(limitMs, "SLO: " + metric + " " + chartPercentile + " <= " + number(limitMs) + " ms");
  }

  private static Double percent(Double share) {
    return share == null ? null : 100 * share;
  }

  private static String number(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
  }
}

package dev.llmload.nightly;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmload.config.Tolerance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run held against its baseline, level by level (levels matched by label) and metric by metric, as a pure function
 * of the two {@code summary.json} trees and the tolerances. The change is (measured - baseline) / |baseline| x 100;
 * a metric regressed when it moved in its bad direction (the tolerance's sign) by more than the tolerance, improved
 * when it moved in the good direction by more than the tolerance, and is within tolerance otherwise (a move exactly
 * at the tolerance is within). A baseline value of 0 has no percentage: any move away from it counts as beyond the
 * tolerance. A level the baseline has and the run lacks fails; a level only the run has passes, said as such. A metric
 * missing, null or not a number on either side fails.
 */
public final class BaselineComparison {

  /** Slack for rounding in the percentage: a change of 15.0000000001 % is 15 %. */
  private static final double SLACK = 1e-9;

  private BaselineComparison() {}

  /**
   * @param baseline the baseline's {@code summary.json}
   * @param run this run's {@code summary.json} (or the summary as Jackson would write it)
   * @return per baseline level in its order, per tolerance in its order, a verdict; then the levels only the run has
   */
  public static List<MetricVerdict> compare(JsonNode baseline, JsonNode run, List<Tolerance> tolerances) {
    Map<String, JsonNode> before = levels(baseline);
    Map<String, JsonNode> now = levels(run);
    List<MetricVerdict> verdicts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> b : before.entrySet()) {
      JsonNode measured = now.get(b.getKey());
      if (measured == null) {
        verdicts.add(new MetricVerdict(b.getKey(), null, BaselineStatus.LEVEL_MISSING_IN_RUN, false, null, null, null, null,
            "the baseline has level " + b.getKey() + ", this run does not (it stopped early or its levels changed): nothing "
                + "measured to compare"));
        continue;
      }
      for (Tolerance t : tolerances) {
        verdicts.add(metric(b.getKey(), t, number(b.getValue(), t.metric()), number(measured, t.metric())));
      }
    }
    for (String label : now.keySet()) {
      if (!before.containsKey(label)) {
        verdicts.add(new MetricVerdict(label, null, BaselineStatus.LEVEL_MISSING_IN_BASELINE, true, null, null, null, null,
            "this run has level " + label + ", the baseline does not: not compared (promote a run with this level to compare it)"));
      }
    }
    return verdicts;
  }

  /** One metric of one level. */
  static MetricVerdict metric(String level, Tolerance t, Double baseline, Double measured) {
    if (baseline == null || measured == null) {
      String where = baseline == null && measured == null ? "both the baseline and this run" : baseline == null ? "the baseline" : "this run";
      return new MetricVerdict(level, t.metric(), BaselineStatus.METRIC_MISSING, false, baseline, measured, null, t.text(),
          t.metric() + " is missing in " + where + " at " + level + " (no successful request, a summary from before the metric "
              + "existed, or a misspelt metric in llm.baseline.tolerances)");
    }
    Double change = null;
    if (baseline != 0) {
      change = (measured - baseline) / Math.abs(baseline) * 100;
    } else if (measured == 0) {
      change = 0.0;
    }
    double move = change != null ? change : Math.signum(measured - baseline) * Double.POSITIVE_INFINITY;
    double badMove = t.higherIsWorse() ? move : -move;
    BaselineStatus status = badMove > t.percent() + SLACK ? BaselineStatus.REGRESSED
        : -badMove > t.percent() + SLACK ? BaselineStatus.IMPROVED : BaselineStatus.WITHIN;
    String moved = change == null ? "from 0" : String.format(Locale.ROOT, "%+.1f %%", change);
    String detail = "measured " + plain(measured) + ", baseline " + plain(baseline) + " (" + moved + "), tolerance " + t.text() + ": "
        + switch (status) {
          case REGRESSED -> "regressed, " + (t.higherIsWorse() ? "rose" : "fell") + " by more than " + plain(t.percent()) + " %";
          case IMPROVED -> "improved by more than " + plain(t.percent()) + " %";
          default -> "within tolerance";
        };
    return new MetricVerdict(level, t.metric(), status, status.passes(), baseline, measured, change, t.text(), detail);
  }

  /** The levels of a summary by label, in order; a level without a label is {@code level N}. */
  private static Map<String, JsonNode> levels(JsonNode summary) {
    Map<String, JsonNode> levels = new LinkedHashMap<>();
    JsonNode list = summary == null ? null : summary.get("levels");
    if (list != null && list.isArray()) {
      for (JsonNode l : list) {
        JsonNode label = l.get("label");
        levels.putIfAbsent(label == null || label.isNull() ? "level " + (levels.size() + 1) : label.asText(), l);
      }
    }
    return levels;
  }

  /** The number at a dotted path ({@code ttftMs.p95}) in a level; null when absent, null or not a number. */
  static Double number(JsonNode level, String path) {
    JsonNode node = level;
    for (String part : path.split("\\.")) {
      node = node == null ? null : node.get(part);
    }
    return node == null || !node.isNumber() ? null : node.asDouble();
  }

  /** Whole numbers as they are, below 10 two decimals, else one. */
  static String plain(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.2f" : "%.1f", v);
  }
}

package dev.llmload.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A metric a gate ({@code llm.gates}) may hold a run to, named as {@code summary.json} names it: a level's
 * distribution statistic ({@code ttftMs.p95}), a level's rate ({@code outputTokensPerSecond}), its failed share
 * ({@code errorRate}), or the run's {@code highestLoadWithinSlo}. {@code dev.llmload.nightly.Gates} reads the values.
 *
 * @param name the name a gate gives, e.g. {@code ttftMs.p95}
 * @param unit the unit values are said in, e.g. {@code ms}; empty for a plain number
 * @param perLevel true: measured at each level (a gate may name one); false: one value for the whole run
 */
public record GateMetric(String name, String unit, boolean perLevel) {

  /** The distributions a level summarises, with their unit: each gives {@link #STATISTICS}. */
  public static final List<String> DISTRIBUTIONS = List.of("timeToHeadersMs", "ttftMs", "itlMs", "tpotMs", "e2eMs",
      "requestTokensPerSecond");

  /** The statistics of a distribution, as in {@code summary.json}. */
  public static final List<String> STATISTICS = List.of("mean", "p50", "p90", "p95", "p99", "max");

  /** The run-level metric: the load (users or requests/s) of the highest level within the SLO ({@code llm.slo}). */
  public static final String HIGHEST_LOAD_WITHIN_SLO = "highestLoadWithinSlo";

  /** Every metric a gate may name, in the order the error message lists them. */
  public static final List<GateMetric> ALL = all();

  public GateMetric {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
  }

  /** The metric called {@code name}, if any. */
  public static Optional<GateMetric> named(String name) {
    return ALL.stream().filter(m -> m.name.equals(name)).findFirst();
  }

  /** Every name, comma-separated, for messages. */
  public static String names() {
    return String.join(", ", ALL.stream().map(GateMetric::name).toList());
  }

  private static List<GateMetric> all() {
    List<GateMetric> out = new ArrayList<>();
    for (String distribution : DISTRIBUTIONS) {
      String unit = distribution.endsWith("Ms") ? "ms" : "tokens/s";
      for (String statistic : STATISTICS) {
        out.add(new GateMetric(distribution + "." + statistic, unit, true));
      }
    }
    out.add(new GateMetric("outputTokensPerSecond", "tokens/s", true));
    out.add(new GateMetric("totalTokensPerSecond", "tokens/s", true));
    out.add(new GateMetric("requestsPerSecond", "requests/s", true));
    out.add(new GateMetric("tokensPerMinute", "tokens/min", true));
    out.add(new GateMetric("errorRate", "", true));
    out.add(new GateMetric(HIGHEST_LOAD_WITHIN_SLO, "", false));
    return List.copyOf(out);
  }
}

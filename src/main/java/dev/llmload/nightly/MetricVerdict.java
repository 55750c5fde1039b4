package dev.llmload.nightly;

import java.util.Objects;

/**
 * One metric of one level held against the baseline, as {@code summary.json} lists it under {@code baseline.checks};
 * a verdict about a whole level (missing in one of the runs) or the whole baseline has no metric.
 *
 * @param level the level's label; null for a verdict on the whole baseline
 * @param metric the metric's path in a level of {@code summary.json} ({@code ttftMs.p95}); null for a level's verdict
 * @param status what became of it
 * @param passed whether the run met it ({@code status.passes()})
 * @param baseline the baseline's value; null when it has none
 * @param measured this run's value; null when it has none
 * @param changePercent (measured - baseline) / |baseline| x 100; null when either is missing or the baseline is 0
 * @param tolerance the allowed move in the bad direction as configured ({@code +15%}); null for a level's verdict
 * @param detail the verdict in one sentence for people
 */
public record MetricVerdict(String level, String metric, BaselineStatus status, boolean passed, Double baseline, Double measured,
    Double changePercent, String tolerance, String detail) {

  public MetricVerdict {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    if (passed != status.passes()) {
      throw new IllegalArgumentException("passed must follow the status " + status + ", was " + passed);
    }
  }

  /** As a {@link Check} of the {@code baseline} suite. */
  public Check check() {
    String name = (metric == null ? "" : metric + (tolerance == null ? "" : " within " + tolerance) + " ")
        + (level == null ? "baseline" : "at " + level + " vs baseline");
    return new Check(BaselineCheck.SUITE, name.strip(), passed, detail);
  }
}

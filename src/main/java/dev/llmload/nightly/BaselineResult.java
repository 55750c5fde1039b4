package dev.llmload.nightly;

import java.util.List;
import java.util.Objects;

/**
 * A run held against its baseline: {@code summary.json}'s top-level {@code baseline}.
 *
 * @param file the baseline as configured and resolved ({@code llm.baseline.file})
 * @param passed true when no verdict failed
 * @param regressions how many metrics moved in the bad direction by more than their tolerance
 * @param checks per level, per metric, the verdict
 */
public record BaselineResult(String file, boolean passed, int regressions, List<MetricVerdict> checks) {

  public BaselineResult {
    Objects.requireNonNull(file, "file");
    checks = List.copyOf(checks);
  }

  /** The result of {@code verdicts} against the baseline at {@code file}. */
  public static BaselineResult of(String file, List<MetricVerdict> verdicts) {
    return new BaselineResult(file, verdicts.stream().allMatch(MetricVerdict::passed),
        (int) verdicts.stream().filter(v -> v.status() == BaselineStatus.REGRESSED).count(), verdicts);
  }

  /** Every verdict as a {@link Check} of the {@code baseline} suite, in order. */
  public List<Check> asChecks() {
    return checks.stream().map(MetricVerdict::check).toList();
  }
}

package dev.llmload.nightly;

import dev.llmload.metrics.LevelSummary;
import dev.llmload.metrics.Percentiles;
import dev.llmload.report.RequestInfo;
import dev.llmload.report.RunSummary;
import dev.llmload.report.TargetInfo;
import java.util.List;

/** Finished runs with hand-picked numbers for the nightly checks: per level its label, output tokens/s and TTFT p95. */
final class NightlySummaries {

  private NightlySummaries() {}

  static LevelSummary level(int index, String label, double outputTokensPerSecond, double ttftP95Ms) {
    Percentiles ttft = new Percentiles(10, ttftP95Ms / 2, ttftP95Ms / 2, ttftP95Ms * 0.9, ttftP95Ms, ttftP95Ms * 1.1, ttftP95Ms * 1.2);
    return new LevelSummary(index, label, "concurrency", (double) index + 1, null, 12, new LevelSummary.RequestCounts(10, 0, 0, 10), 2, 1, 0,
        null, ttft, null, null, null, null, outputTokensPerSecond, outputTokensPerSecond * 2, 1, outputTokensPerSecond * 60, 100.0, 128.0,
        "usage", List.of(), null, null, null, null, null, null);
  }

  static RunSummary run(LevelSummary... levels) {
    return new RunSummary(RunSummary.SCHEMA_VERSION, "ConcurrencySweep", "ConcurrencySweep-20250304-050607", "2025-03-04T05:06:07Z",
        "2025-03-04T05:06:37Z", false, null, new TargetInfo("http://127.0.0.1:8000/v1", "sim", "chat", true, "fast"),
        new RequestInfo(128, true, 80, true), List.of(levels), null, List.of(), null, null, null);
  }
}

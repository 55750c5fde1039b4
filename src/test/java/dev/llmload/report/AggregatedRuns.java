package dev.llmload.report;

import dev.llmload.metrics.Outcome;
import dev.llmload.metrics.RequestRecord;
import dev.llmload.metrics.RunAggregator;
import dev.llmload.workload.LevelSchedule;
import dev.llmload.workload.LoadLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link RunSummary} aggregated from generated records, as a run makes it (timeline, distributions and all): a sweep
 * of concurrency 1, 4 and 16, each level 1 s of warm-up and 4 s measured, whose users send back to back. At
 * concurrency c a request waits {@code 20 + 5 c} ms for its first token, then streams 32 tokens (usage) one per chunk,
 * {@code 10 + c / 2} ms apart; every 7th request of concurrency 16 fails with HTTP 500 after 5 ms.
 */
final class AggregatedRuns {

  static final int[] CONCURRENCY = {1, 4, 16};
  static final int TOKENS = 32;

  private AggregatedRuns() {}

  static LevelSchedule schedule() {
    List<LoadLevel> levels = new ArrayList<>();
    for (int i = 0; i < CONCURRENCY.length; i++) {
      levels.add(LoadLevel.concurrency(i, CONCURRENCY[i], Duration.ofSeconds(1), Duration.ofSeconds(4)));
    }
    return new LevelSchedule(levels);
  }

  /** Every request of the sweep, in the order they finished. */
  static List<RequestRecord> records() {
    LevelSchedule schedule = schedule();
    List<RequestRecord> out = new ArrayList<>();
    int id = 0;
    for (int level = 0; level < CONCURRENCY.length; level++) {
      int c = CONCURRENCY[level];
      long ttft = (20 + 5L * c) * 1_000;
      long gap = (10 + c / 2) * 1_000L;
      for (int user = 0; user < c; user++) {
        long send = schedule.levelStartMicros(level) + user * 3_000L;
        while (send < schedule.measuredEndMicros(level)) {
          id++;
          boolean fails = c == 16 && id % 7 == 0;
          long[] chunks = new long[fails ? 0 : TOKENS];
          for (int k = 0; k < chunks.length; k++) {
            chunks[k] = send + ttft + k * gap;
          }
          long end = fails ? send + 5_000 : chunks[TOKENS - 1] + 500;
          out.add(new RequestRecord("r-" + id, level, send < schedule.measuredStartMicros(level), c, -1, send, 0, -1,
              send + 2_000, chunks, end, fails ? Outcome.ERRORED : Outcome.SUCCESSFUL, fails ? "http_error" : null,
              fails ? "HTTP 500: boom" : null, fails ? -1 : 80, fails ? -1 : TOKENS, fails ? null : "length", fails ? 500 : 200, 0, null,
              "http://127.0.0.1:8000/v1", null));
          send = end;
        }
      }
    }
    out.sort(java.util.Comparator.comparingLong(RequestRecord::endMicros));
    return out;
  }

  static RunManifest manifest() {
    return RunManifest.of("ConcurrencySweep", "ConcurrencySweep-20250304-050607", "2025-03-04T05:06:07Z",
        new TargetInfo("http://127.0.0.1:8000/v1", Summaries.MODEL, "chat", true, "fast"), new RequestInfo(TOKENS, true, 80, true, null),
        schedule(), null, null).withRunClock(RunClock.of(1741064767000L, true));
  }

  static RunSummary run() {
    RunAggregator aggregator = new RunAggregator(schedule());
    records().forEach(aggregator::add);
    return manifest().summary(aggregator, "2025-03-04T05:06:37Z", Long.MAX_VALUE, null, List.of());
  }
}

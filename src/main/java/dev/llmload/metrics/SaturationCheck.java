package dev.llmload.metrics;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * When a level is clearly past what the server can take, so the levels after it would only measure errors and queues:
 * too many failed requests, a TTFT median over the limit, or an open level whose achieved rate fell well under its
 * target. Pure: one level's summary in, a reason out.
 *
 * @param maxErrorRate errored and incomplete over all measured requests above this stops (1 or more: never)
 * @param maxTtftP50 a TTFT median above this stops (zero: never)
 * @param minAchievedShare an open level whose achieved rate is below this share of its target stops (0: never)
 */
public record SaturationCheck(double maxErrorRate, Duration maxTtftP50, double minAchievedShare) {

  /** Fewer measured requests than this never stop a sweep: a handful of failures is not a trend. */
  static final long MIN_REQUESTS = 5;

  /** Why the sweep should stop after {@code level}, empty when it should go on. */
  public Optional<String> check(LevelSummary level) {
    long total = level.requests().total();
    if (total >= MIN_REQUESTS && maxErrorRate < 1) {
      double failed = (double) (level.requests().errored() + level.requests().incomplete()) / total;
      if (failed > maxErrorRate) {
        return Optional.of(String.format(Locale.ROOT, "%.0f %% of its requests failed, above llm.stop.errorRate (%.0f %%)", failed * 100,
            maxErrorRate * 100));
      }
    }
    if (!maxTtftP50.isZero() && level.ttftMs() != null && level.ttftMs().p50() > maxTtftP50.toMillis()) {
      return Optional.of(String.format(Locale.ROOT, "TTFT p50 %.0f ms, above llm.stop.ttftP50 (%d ms)", level.ttftMs().p50(),
          maxTtftP50.toMillis()));
    }
    if (minAchievedShare > 0 && level.openLoop() != null && level.rate() != null
        && level.openLoop().achievedRate() < minAchievedShare * level.rate()) {
      return Optional.of(String.format(Locale.ROOT, "achieved %.2f requests/s of %s, below llm.stop.achievedRateShare (%.0f %%)",
          level.openLoop().achievedRate(), level.label(), minAchievedShare * 100));
    }
    return Optional.empty();
  }

  /** A check that never stops. */
  public static SaturationCheck never() {
    return new SaturationCheck(1, Duration.ZERO, 0);
  }
}

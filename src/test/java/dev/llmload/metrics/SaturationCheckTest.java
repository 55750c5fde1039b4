package dev.llmload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SaturationCheckTest {

  private static final SaturationCheck CHECK = new SaturationCheck(0.5, Duration.ofSeconds(10), 0.8);

  private static LevelSummary closed(long ok, long errored, long incomplete, Double ttftP50) {
    Percentiles ttft = ttftP50 == null ? null : new Percentiles(ok, ttftP50, ttftP50, ttftP50, ttftP50, ttftP50, ttftP50);
    return new LevelSummary(3, "c=64", "concurrency", 64.0, null, 12, new LevelSummary.RequestCounts(ok, errored, incomplete,
        ok + errored + incomplete), 0, 64, 0, null, ttft, null, null, null, null, 0, 0, 0, 0, null, null, null, List.of(), null, null, null, null);
  }

  private static LevelSummary open(double target, double achieved) {
    return new LevelSummary(0, "20/s", "rate", null, target, 12, new LevelSummary.RequestCounts(100, 0, 0, 100), 0, 9, 0, null, null,
        null, null, null, null, 0, 0, 0, 0, null, null, null, List.of(),
        new LevelSummary.OpenLoop(achieved, 240, 200, null, null, null, null), null, null, null);
  }

  @Test
  void tooManyFailedRequestsStop() {
    assertEquals(Optional.of("60 % of its requests failed, above llm.stop.errorRate (50 %)"), CHECK.check(closed(4, 4, 2, 100.0)));
    assertEquals(Optional.empty(), CHECK.check(closed(5, 4, 1, 100.0)), "exactly half is not above half");
  }

  @Test
  void aHandfulOfFailuresIsNotATrend() {
    assertEquals(Optional.empty(), CHECK.check(closed(0, 4, 0, null)), "4 requests, all failed: too few to stop a sweep");
  }

  @Test
  void aTtftMedianOverTheLimitStops() {
    assertEquals(Optional.of("TTFT p50 12000 ms, above llm.stop.ttftP50 (10000 ms)"), CHECK.check(closed(50, 0, 0, 12_000.0)));
    assertEquals(Optional.empty(), CHECK.check(closed(50, 0, 0, 9_000.0)));
  }

  @Test
  void anOpenLevelFarUnderItsRateStops() {
    Optional<String> reason = CHECK.check(open(20, 15));
    assertTrue(reason.isPresent() && reason.get().startsWith("achieved 15.00 requests/s of 20/s, below llm.stop.achievedRateShare (80 %)"),
        reason.toString());
    assertEquals(Optional.empty(), CHECK.check(open(20, 17)));
  }

  @Test
  void neverStopsWhenToldSo() {
    assertEquals(Optional.empty(), SaturationCheck.never().check(closed(0, 100, 100, 99_000.0)));
  }
}

package dev.llmload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmload.workload.LevelSchedule;
import dev.llmload.workload.LoadLevel;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** A level's TTFT and E2E as CDF points, against histograms of known values. */
class LatencyDistributionsTest {

  /** HdrHistogram keeps 3 significant digits: a recorded value comes back within 0.1 %. */
  private static final double HDR_RELATIVE = 1e-3;

  @Test
  void thePercentilesAreEveryFifthThenTheTail() {
    assertEquals(List.of(0.0, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 35.0, 40.0, 45.0, 50.0, 55.0, 60.0, 65.0, 70.0, 75.0, 80.0, 85.0, 90.0,
        95.0, 99.0, 99.9, 100.0), LatencyDistributions.PERCENTILES);
  }

  @Test
  void oneThousandValuesGiveTheirOwnQuantiles() {
    // TTFT 1 ms .. 1000 ms: the value at p is p * 10 ms; E2E ten times as long
    Histogram ttft = new Histogram(LevelStats.HIGHEST_MICROS, 3);
    Histogram e2e = new Histogram(LevelStats.HIGHEST_MICROS, 3);
    for (int ms = 1; ms <= 1000; ms++) {
      ttft.recordValue(ms * 1000L);
      e2e.recordValue(ms * 10_000L);
    }
    LatencyDistributions d = LatencyDistributions.of(ttft, e2e);

    assertEquals(LatencyDistributions.PERCENTILES, d.percentiles());
    for (int i = 0; i < d.percentiles().size(); i++) {
      double p = d.percentiles().get(i);
      double expected = Math.max(1, p * 10);
      assertEquals(expected, d.ttftMs().get(i), expected * HDR_RELATIVE, "TTFT at p" + p);
      assertEquals(expected * 10, d.e2eMs().get(i), expected * 10 * HDR_RELATIVE, "E2E at p" + p);
    }
  }

  @Test
  void noValueNoDistribution() {
    Histogram empty = new Histogram(LevelStats.HIGHEST_MICROS, 3);
    assertNull(LatencyDistributions.of(empty, empty));
    Histogram one = new Histogram(LevelStats.HIGHEST_MICROS, 3);
    one.recordValue(5_000);
    LatencyDistributions d = LatencyDistributions.of(one, empty);
    assertNull(d.e2eMs(), "E2E without a value is null, not zeros");
    assertEquals(5.0, d.ttftMs().get(0), 5 * HDR_RELATIVE);
  }

  @Test
  void aLevelsDistributionsAgreeWithItsPercentiles() {
    LevelSchedule schedule = new LevelSchedule(List.of(LoadLevel.concurrency(0, 1, Duration.ZERO, Duration.ofSeconds(10))));
    RunAggregator a = new RunAggregator(schedule);
    for (int i = 1; i <= 200; i++) {
      long send = i * 10_000L;
      a.add(Records.successful().send(send).chunks(send + i * 37L, send + i * 53L).end(send + i * 61L).build());
    }
    LevelSummary l = a.summary(0);
    LatencyDistributions d = l.distributions();
    assertNotNull(d);
    int p50 = d.percentiles().indexOf(50.0);
    int p99 = d.percentiles().indexOf(99.0);
    assertEquals(l.ttftMs().p50(), d.ttftMs().get(p50), "the CDF's p50 is the level's TTFT p50");
    assertEquals(l.ttftMs().p99(), d.ttftMs().get(p99));
    assertEquals(l.ttftMs().max(), d.ttftMs().get(d.ttftMs().size() - 1), "its p100 the max");
    assertEquals(l.e2eMs().p90(), d.e2eMs().get(d.percentiles().indexOf(90.0)));
  }

  @Test
  void aDistributionHasOneValuePerPercentile() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LatencyDistributions(List.of(50.0, 100.0), List.of(1.0), null));
    assertEquals("a distribution must have one value per percentile (2), had 1", e.getMessage());
  }
}

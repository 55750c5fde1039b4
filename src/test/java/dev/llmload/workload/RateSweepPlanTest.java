package dev.llmload.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateSweepPlanTest {

  @Test
  void ratesAreEvenlySpacedStrictlyBetweenTheMeasuredTwo() {
    assertEquals(List.of(2.0, 3.0, 4.0), RateSweepPlan.rates(1, 5, 3));
    assertEquals(List.of(1.5), RateSweepPlan.rates(1, 2, 1));
    assertEquals(List.of(1.333, 1.667), RateSweepPlan.rates(1, 2, 2), "rounded to a thousandth");
  }

  @Test
  void noRateWhenTheServerDidNotGetFasterOrNothingWasMeasured() {
    assertEquals(List.of(), RateSweepPlan.rates(3, 3, 5));
    assertEquals(List.of(), RateSweepPlan.rates(3, 2, 5));
    assertEquals(List.of(), RateSweepPlan.rates(0, 2, 5));
    assertEquals(List.of(), RateSweepPlan.rates(Double.NaN, 2, 5));
  }

  @Test
  void theSweepsRateLevelsFollowItsMeasuringPhases() {
    Workload.RateSweep sweep = new Workload.RateSweep("rate sweep", new LevelSchedule(List.of(
        LoadLevel.step(0, "synchronous", 1, Duration.ZERO, Duration.ofSeconds(2)),
        LoadLevel.step(1, "throughput", 8, Duration.ZERO, Duration.ofSeconds(2)))), 2, Duration.ofSeconds(1), Duration.ofSeconds(3),
        Arrivals.poisson(1), 0, RequestSource.fixed("hi"));
    List<LoadLevel> rates = sweep.rateLevels(1, 4);
    assertEquals(List.of("2/s", "3/s"), rates.stream().map(LoadLevel::label).toList());
    assertEquals(List.of(2, 3), rates.stream().map(LoadLevel::index).toList());
    LevelSchedule extended = sweep.schedule().extendedBy(rates, 5_000_000);
    assertEquals(5_000_000, extended.levelStartMicros(2), "after a gap: the measuring phases' users had to finish");
    assertEquals(9_000_000, extended.levelStartMicros(3));
    assertEquals(3, extended.levelIndexAt(9_000_000));
    assertEquals(1, extended.levelIndexAt(4_500_000), "the gap belongs to no measured window");
    assertEquals(1, extended.levelOfClosedBatch(10), "a closed batch never maps to an open level");
  }
}

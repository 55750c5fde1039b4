package dev.llmload.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalPlanTest {

  private static final LevelSchedule TWO_RATES = new LevelSchedule(List.of(
      LoadLevel.rate(0, 2, Duration.ofSeconds(1), Duration.ofSeconds(2)),
      LoadLevel.rate(1, 4, Duration.ZERO, Duration.ofSeconds(1))));

  @Test
  void arrivalsComeLevelAfterLevelInTimeOrderWithinEachLevelsTime() {
    ArrivalPlan plan = new ArrivalPlan(TWO_RATES, new Arrivals(Arrivals.Process.UNIFORM, 1, 0), 0);
    List<ArrivalPlan.Arrival> all = new ArrayList<>();
    while (plan.hasNext()) {
      long peek = plan.peekNanos();
      ArrivalPlan.Arrival a = plan.next();
      assertEquals(peek, a.atNanos());
      all.add(a);
    }
    assertEquals(List.of(
        new ArrivalPlan.Arrival(0, 0), new ArrivalPlan.Arrival(0, 500_000_000), new ArrivalPlan.Arrival(0, 1_000_000_000),
        new ArrivalPlan.Arrival(0, 1_500_000_000), new ArrivalPlan.Arrival(0, 2_000_000_000), new ArrivalPlan.Arrival(0, 2_500_000_000L),
        new ArrivalPlan.Arrival(1, 3_000_000_000L), new ArrivalPlan.Arrival(1, 3_250_000_000L), new ArrivalPlan.Arrival(1, 3_500_000_000L),
        new ArrivalPlan.Arrival(1, 3_750_000_000L)), all);
    assertEquals(Long.MAX_VALUE, plan.peekNanos());
  }

  @Test
  void aRequestCountCapsEachLevel() {
    ArrivalPlan plan = new ArrivalPlan(TWO_RATES, Arrivals.poisson(3), 2);
    int n = 0;
    while (plan.hasNext()) {
      plan.next();
      n++;
    }
    assertEquals(4, n);
    assertFalse(plan.hasNext());
    assertTrue(new ArrivalPlan(TWO_RATES, Arrivals.poisson(3), 0).hasNext());
  }
}

package dev.llmload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.llmload.config.SloSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RunSlo}: which level is the headline. */
class RunSloTest {

  private static final SloSettings TTFT_500 = new SloSettings(500.0, null, null, null, 95, false, null);

  private static LevelSummary level(int index, String kind, double value, double outputTps, boolean met, Double costPerMillion) {
    boolean open = kind.equals("rate");
    String label = open ? value + "/s" : kind.equals("step") ? "step" + index : "c=" + (int) value;
    return new LevelSummary(index, label, kind, open ? null : value, open ? value : null, 10, new LevelSummary.RequestCounts(10, 0, 0, 10),
        0, value, 0, null, null, null, null, null, null, outputTps, outputTps, 1, outputTps * 60, null, null, null, List.of(), null, null,
        null, null, null, new LevelSummary.Slo(1.0, 1, outputTps, met, met ? null : "missed"),
        costPerMillion == null ? null : new LevelSummary.Cost(costPerMillion, costPerMillion / 2), null);
  }

  @Test
  void theMostUsersThatMetItEvenPastAMissAndItsCost() {
    List<LevelSummary> levels = List.of(level(0, "concurrency", 1, 120, true, 4.1), level(1, "concurrency", 8, 900, true, 0.55),
        level(2, "concurrency", 16, 1500, false, 0.33), level(3, "concurrency", 32, 1490, true, 0.34),
        level(4, "concurrency", 64, 1480, false, 0.34));
    RunSlo slo = RunSlo.of(TTFT_500, levels);
    assertEquals(TTFT_500, slo.limits());
    assertEquals(new RunSlo.HighestLoad(3, "c=32", 1490, 0.34), slo.highestLoadWithinSlo(),
        "c=32 met it, though c=16 did not and delivered a little more");
  }

  @Test
  void theHighestRate() {
    List<LevelSummary> levels = List.of(level(0, "rate", 2, 200, true, null), level(1, "rate", 4.5, 450, true, null),
        level(2, "rate", 3, 300, true, null));
    assertEquals(new RunSlo.HighestLoad(1, "4.5/s", 450, null), RunSlo.of(TTFT_500, levels).highestLoadWithinSlo());
  }

  @Test
  void levelsOfDifferentKindsOrProbeStepsGoByThroughput() {
    // RateSweep: the synchronous phase (c=1), the throughput phase (c=32, missed) and two rates
    List<LevelSummary> sweep = List.of(level(0, "concurrency", 1, 100, true, null), level(1, "concurrency", 32, 2000, false, null),
        level(2, "rate", 5, 500, true, null), level(3, "rate", 12, 1150, true, null));
    assertEquals(3, RunSlo.of(TTFT_500, sweep).highestLoadWithinSlo().index());
    List<LevelSummary> mixedMet = List.of(level(0, "concurrency", 32, 2000, true, null), level(1, "rate", 12, 1150, true, null));
    assertEquals(0, RunSlo.of(TTFT_500, mixedMet).highestLoadWithinSlo().index(), "c=32 delivered more than 12/s");
    List<LevelSummary> probe = List.of(level(0, "step", 1, 90, true, null), level(1, "step", 1, 110, true, null),
        level(2, "step", 1, 60, true, null));
    assertEquals(1, RunSlo.of(TTFT_500, probe).highestLoadWithinSlo().index());
  }

  @Test
  void noLevelMetItOrNoSlo() {
    List<LevelSummary> levels = List.of(level(0, "concurrency", 1, 120, false, 4.1));
    RunSlo slo = RunSlo.of(TTFT_500, levels);
    assertNull(slo.highestLoadWithinSlo());
    assertNull(RunSlo.of(SloSettings.NONE, levels));
  }
}

package dev.llmload.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmload.config.SweepSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The schedule used below, in microseconds from the start of the run:
 *
 * <pre>
 *   level 0  c=1  warmup [0, 2s)        measured [2s, 12s)
 *   level 1  c=4  warmup [12s, 13s)     measured [13s, 18s)
 *   level 2  c=8  no warmup             measured [18s, 21s)
 * </pre>
 */
class LevelScheduleTest {

  private static final LevelSchedule SCHEDULE = new LevelSchedule(List.of(
      LoadLevel.concurrency(0, 1, Duration.ofSeconds(2), Duration.ofSeconds(10)),
      LoadLevel.concurrency(1, 4, Duration.ofSeconds(1), Duration.ofSeconds(5)),
      LoadLevel.concurrency(2, 8, Duration.ZERO, Duration.ofSeconds(3))));

  @Test
  void levelIndexAtChangesExactlyAtEachLevelStart() {
    assertEquals(0, SCHEDULE.levelIndexAt(0));
    assertEquals(0, SCHEDULE.levelIndexAt(11_999_999));
    assertEquals(1, SCHEDULE.levelIndexAt(12_000_000));
    assertEquals(1, SCHEDULE.levelIndexAt(17_999_999));
    assertEquals(2, SCHEDULE.levelIndexAt(18_000_000));
  }

  @Test
  void aClosedBatchSetsTheLevelRunningOneSecondAheadAsGatlingDoes() {
    assertEquals(0, SCHEDULE.levelOfClosedBatch(0), "at injection start, for 1 s");
    assertEquals(0, SCHEDULE.levelOfClosedBatch(10), "at 10 s, for 11 s");
    assertEquals(0, SCHEDULE.levelOfClosedBatch(11), "at 11 s, for 12 s: the boundary belongs to the level ending there");
    assertEquals(1, SCHEDULE.levelOfClosedBatch(12), "the tick at 12 s adds the users of c=4");
    assertEquals(1, SCHEDULE.levelOfClosedBatch(17));
    assertEquals(2, SCHEDULE.levelOfClosedBatch(18));
    assertEquals(2, SCHEDULE.levelOfClosedBatch(40), "after the schedule: the last level");
  }

  @Test
  void aLevelEndingBetweenTicksEndsAtTheNextTickAsInGatling() {
    LevelSchedule halves = new LevelSchedule(List.of(
        LoadLevel.concurrency(0, 1, Duration.ZERO, Duration.ofMillis(2500)),
        LoadLevel.concurrency(1, 2, Duration.ZERO, Duration.ofMillis(2500))));
    assertEquals(0, halves.levelOfClosedBatch(1), "looks up 2 s");
    assertEquals(1, halves.levelOfClosedBatch(2), "looks up 3 s > 2.5 s");
  }

  @Test
  void timesOutsideTheScheduleBelongToTheFirstOrLastLevel() {
    assertEquals(0, SCHEDULE.levelIndexAt(-5));
    assertEquals(2, SCHEDULE.levelIndexAt(21_000_000));
    assertEquals(2, SCHEDULE.levelIndexAt(3_600_000_000L));
  }

  @Test
  void measuredWindowsAndTotalDuration() {
    assertEquals(List.of(0L, 12_000_000L, 18_000_000L),
        List.of(SCHEDULE.levelStartMicros(0), SCHEDULE.levelStartMicros(1), SCHEDULE.levelStartMicros(2)));
    assertEquals(List.of(2_000_000L, 13_000_000L, 18_000_000L),
        List.of(SCHEDULE.measuredStartMicros(0), SCHEDULE.measuredStartMicros(1), SCHEDULE.measuredStartMicros(2)));
    assertEquals(List.of(12_000_000L, 18_000_000L, 21_000_000L),
        List.of(SCHEDULE.measuredEndMicros(0), SCHEDULE.measuredEndMicros(1), SCHEDULE.measuredEndMicros(2)));
    assertEquals(Duration.ofSeconds(21), SCHEDULE.totalDuration());
  }

  @Test
  void concurrencySweepHasOneLevelPerConfiguredValue() {
    LevelSchedule sweep = LevelSchedule.concurrencySweep(
        new SweepSettings(List.of(1, 2, 4), Duration.ofSeconds(12), Duration.ofSeconds(3)));

    assertEquals(3, sweep.levels().size());
    LoadLevel third = sweep.level(2);
    assertEquals(2, third.index());
    assertEquals("c=4", third.label());
    assertEquals(LevelKind.CONCURRENCY, third.kind());
    assertEquals(4.0, third.value(), 0.0);
    assertEquals(Duration.ofSeconds(3), third.warmup());
    assertEquals(Duration.ofSeconds(12), third.measured());
    assertEquals(List.of("c=1", "c=2", "c=4"), sweep.levels().stream().map(LoadLevel::label).toList());
    assertEquals(30_000_000L, sweep.levelStartMicros(2));
    assertEquals(33_000_000L, sweep.measuredStartMicros(2));
    assertEquals(Duration.ofSeconds(45), sweep.totalDuration());
  }

  @Test
  void scheduleRejectsNoLevelsAndOutOfOrderIndexes() {
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> new LevelSchedule(List.of()));
    assertEquals("a schedule needs at least one level", empty.getMessage());

    IllegalArgumentException gap = assertThrows(IllegalArgumentException.class, () -> new LevelSchedule(List.of(
        LoadLevel.concurrency(0, 1, Duration.ZERO, Duration.ofSeconds(1)),
        LoadLevel.concurrency(2, 2, Duration.ZERO, Duration.ofSeconds(1)))));
    assertEquals("level 1 has index 2", gap.getMessage());
  }

  @Test
  void loadLevelValidationStatesRuleAndValue() {
    assertEquals("index must be at least 0, was -1", assertThrows(IllegalArgumentException.class,
        () -> LoadLevel.concurrency(-1, 1, Duration.ZERO, Duration.ofSeconds(1))).getMessage());
    assertEquals("value must be positive, was 0.0", assertThrows(IllegalArgumentException.class,
        () -> LoadLevel.concurrency(0, 0, Duration.ZERO, Duration.ofSeconds(1))).getMessage());
    assertEquals("warmup must not be negative, was PT-1S", assertThrows(IllegalArgumentException.class,
        () -> LoadLevel.concurrency(0, 1, Duration.ofSeconds(-1), Duration.ofSeconds(1))).getMessage());
    assertEquals("measured must be positive, was PT0S", assertThrows(IllegalArgumentException.class,
        () -> LoadLevel.concurrency(0, 1, Duration.ZERO, Duration.ZERO)).getMessage());
  }

  @Test
  void totalIsWarmupPlusMeasured() {
    assertEquals(Duration.ofMillis(3_500),
        LoadLevel.concurrency(0, 1, Duration.ofMillis(500), Duration.ofSeconds(3)).total());
  }
}

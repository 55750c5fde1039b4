package dev.llmload.workload;

import dev.llmload.config.SweepSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Levels run back to back from the start of injection. Gatling does not tell a request which level it is in,
 * so the level is derived from the request's send time, measured from the start of the run: a request that
 * straddles a level change belongs to the level it started in.
 */
public final class LevelSchedule {

  private final List<LoadLevel> levels;
  private final long[] startMicros;
  private final long endMicros;

  public LevelSchedule(List<LoadLevel> levels) {
    if (levels.isEmpty()) {
      throw new IllegalArgumentException("a schedule needs at least one level");
    }
    this.levels = List.copyOf(levels);
    this.startMicros = new long[levels.size()];
    long t = 0;
    for (int i = 0; i < levels.size(); i++) {
      if (levels.get(i).index() != i) {
        throw new IllegalArgumentException("level " + i + " has index " + levels.get(i).index());
      }
      startMicros[i] = t;
      t += levels.get(i).total().toNanos() / 1_000;
    }
    this.endMicros = t;
  }

  /** One concurrency level per configured value. */
  public static LevelSchedule concurrencySweep(SweepSettings sweep) {
    List<LoadLevel> levels = new ArrayList<>();
    for (int users : sweep.levels()) {
      levels.add(LoadLevel.concurrency(levels.size(), users, sweep.warmup(), sweep.levelDuration()));
    }
    return new LevelSchedule(levels);
  }

  public List<LoadLevel> levels() {
    return levels;
  }

  public LoadLevel level(int index) {
    return levels.get(index);
  }

  /** The level running {@code elapsedMicros} after the start; the last level for any later time. */
  public int levelIndexAt(long elapsedMicros) {
    for (int i = levels.size() - 1; i > 0; i--) {
      if (elapsedMicros >= startMicros[i]) {
        return i;
      }
    }
    return 0;
  }

  /**
   * The level whose users a closed workload's injection batch {@code batch} sets, by Gatling's rule: batch 0 runs at
   * injection start, batch n one tick (1 s) per step later, and each looks up the level running at {@code (n + 1)}
   * seconds, a boundary belonging to the level that ends there. After the schedule: the last level.
   */
  public int levelOfClosedBatch(int batch) {
    long lookAheadMicros = (batch + 1L) * 1_000_000L;
    for (int i = 0; i < levels.size(); i++) {
      if (lookAheadMicros <= measuredEndMicros(i)) {
        return i;
      }
    }
    return levels.size() - 1;
  }

  /** True when {@code elapsedMicros} falls in the warmup of the level running then. */
  public boolean inWarmup(long elapsedMicros) {
    int i = levelIndexAt(elapsedMicros);
    return elapsedMicros < measuredStartMicros(i);
  }

  public long levelStartMicros(int index) {
    return startMicros[index];
  }

  public long measuredStartMicros(int index) {
    return startMicros[index] + levels.get(index).warmup().toNanos() / 1_000;
  }

  public long measuredEndMicros(int index) {
    return startMicros[index] + levels.get(index).total().toNanos() / 1_000;
  }

  public Duration totalDuration() {
    return Duration.ofNanos(endMicros * 1_000);
  }
}

package dev.llmload.workload;

import dev.llmload.config.SweepSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Levels run back to back from the start of injection (a schedule extended while the run goes may leave a gap before
 * the levels it adds). Immutable: {@link #extendedBy} makes a new schedule. A request belongs to the level it started
 * in.
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

  private LevelSchedule(List<LoadLevel> levels, long[] startMicros) {
    this.levels = List.copyOf(levels);
    this.startMicros = startMicros.clone();
    int last = levels.size() - 1;
    this.endMicros = startMicros[last] + levels.get(last).total().toNanos() / 1_000;
  }

  /**
   * Levels with the start of each given (microseconds from the run's start), for a schedule read back from
   * {@code run.json}. Starts must not go back in time or overlap the level before.
   */
  public static LevelSchedule withStarts(List<LoadLevel> levels, long[] startMicros) {
    if (levels.isEmpty() || levels.size() != startMicros.length) {
      throw new IllegalArgumentException("a schedule needs at least one level and one start per level, had " + levels.size() + " and "
          + startMicros.length);
    }
    for (int i = 0; i < levels.size(); i++) {
      if (levels.get(i).index() != i) {
        throw new IllegalArgumentException("level " + i + " has index " + levels.get(i).index());
      }
      long earliest = i == 0 ? 0 : startMicros[i - 1] + levels.get(i - 1).total().toNanos() / 1_000;
      if (startMicros[i] < earliest) {
        throw new IllegalArgumentException("level " + levels.get(i).label() + " must not start before " + earliest + " us, was "
            + startMicros[i]);
      }
    }
    return new LevelSchedule(levels, startMicros);
  }

  /**
   * This schedule and {@code more} after it, the first of them starting at {@code startMicros} (not before this
   * schedule's end): a sweep that chooses its next levels from what it measured.
   */
  public LevelSchedule extendedBy(List<LoadLevel> more, long startMicros) {
    List<LoadLevel> all = new ArrayList<>(levels);
    long[] starts = java.util.Arrays.copyOf(this.startMicros, levels.size() + more.size());
    long t = Math.max(startMicros, endMicros);
    for (int i = 0; i < more.size(); i++) {
      all.add(more.get(i));
      starts[levels.size() + i] = t;
      t += more.get(i).total().toNanos() / 1_000;
    }
    return withStarts(all, starts);
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
    int lastClosed = 0;
    for (int i = 0; i < levels.size() && levels.get(i).kind().closed(); i++) {
      lastClosed = i;
      if (lookAheadMicros <= measuredEndMicros(i)) {
        return i;
      }
    }
    return lastClosed;
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

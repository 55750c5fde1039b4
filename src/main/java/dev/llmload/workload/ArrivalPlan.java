package dev.llmload.workload;

/**
 * The arrivals of an open workload in time order, level after level: each {@link LevelKind#RATE} level draws its own
 * arrivals over its whole time (warm-up included) from {@link Arrivals}. Not thread-safe: one consumer (Gatling's
 * injector) walks it.
 */
public final class ArrivalPlan {

  /** One request to start: its level and its time in nanoseconds from the run clock's zero. */
  public record Arrival(int level, long atNanos) {}

  private final LevelSchedule schedule;
  private final Arrivals arrivals;
  private final long maxRequestsPerLevel;
  private int level;
  private long[] offsets = new long[0];
  private int next;

  /** @param maxRequestsPerLevel at most this many arrivals per level, 0 for no limit */
  public ArrivalPlan(LevelSchedule schedule, Arrivals arrivals, long maxRequestsPerLevel) {
    this(schedule, arrivals, maxRequestsPerLevel, 0);
  }

  /** The arrivals of the levels from {@code firstLevel} on (the ones before are closed or already run). */
  public ArrivalPlan(LevelSchedule schedule, Arrivals arrivals, long maxRequestsPerLevel, int firstLevel) {
    this.schedule = schedule;
    this.arrivals = arrivals;
    this.maxRequestsPerLevel = maxRequestsPerLevel;
    this.level = firstLevel - 1;
    advance();
  }

  /** When the last level ends, nanoseconds from the run clock's zero. */
  public long endNanos() {
    return schedule.totalDuration().toNanos();
  }

  /** True while arrivals remain. */
  public boolean hasNext() {
    return next < offsets.length;
  }

  /** The time of the next arrival, in nanoseconds from the run clock's zero; {@link Long#MAX_VALUE} when none is left. */
  public long peekNanos() {
    return hasNext() ? levelStartNanos() + offsets[next] : Long.MAX_VALUE;
  }

  public Arrival next() {
    if (!hasNext()) {
      throw new java.util.NoSuchElementException("no arrival left");
    }
    Arrival a = new Arrival(level, levelStartNanos() + offsets[next++]);
    if (next == offsets.length) {
      advance();
    }
    return a;
  }

  private long levelStartNanos() {
    return schedule.levelStartMicros(level) * 1_000;
  }

  private void advance() {
    next = 0;
    offsets = new long[0];
    while (offsets.length == 0 && ++level < schedule.levels().size()) {
      LoadLevel l = schedule.level(level);
      offsets = arrivals.offsetsNanos(level, l.value(), l.total().toNanos(), maxRequestsPerLevel);
    }
  }
}

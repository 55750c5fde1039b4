package dev.llmload.workload;

import java.time.Duration;
import java.util.Objects;

/**
 * One step of a workload, held for {@code warmup + measured}. Requests sent during the warmup are logged but
 * left out of the statistics.
 *
 * @param index position in the schedule, from 0
 * @param label short name used in reports, e.g. {@code c=16}
 * @param kind how to read {@code value}
 * @param value the concurrency (or rate) of the level
 */
public record LoadLevel(int index, String label, LevelKind kind, double value, Duration warmup, Duration measured) {

  public LoadLevel {
    if (index < 0) {
      throw new IllegalArgumentException("index must be at least 0, was " + index);
    }
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(kind, "kind");
    if (!(value > 0)) {
      throw new IllegalArgumentException("value must be positive, was " + value);
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("warmup must not be negative, was " + warmup);
    }
    if (measured.isNegative() || measured.isZero()) {
      throw new IllegalArgumentException("measured must be positive, was " + measured);
    }
  }

  public static LoadLevel concurrency(int index, int users, Duration warmup, Duration measured) {
    return new LoadLevel(index, "c=" + users, LevelKind.CONCURRENCY, users, warmup, measured);
  }

  public Duration total() {
    return warmup.plus(measured);
  }
}

package dev.llmload.workload;

import java.time.Duration;
import java.util.Objects;

/**
 * One step of a workload, held for {@code warmup + measured}. Requests sent during the warmup are logged but
 * left out of the statistics.
 *
 * @param index position in the schedule, from 0
 * @param label short name used in reports, e.g. {@code c=16}, {@code 5/s} or a probe step's {@code large}
 * @param kind how to read {@code value}
 * @param value users kept busy (closed kinds) or requests started per second ({@link LevelKind#RATE})
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

  /** An open level: {@code perSecond} requests started per second. */
  public static LoadLevel rate(int index, double perSecond, Duration warmup, Duration measured) {
    return new LoadLevel(index, rateLabel(perSecond), LevelKind.RATE, perSecond, warmup, measured);
  }

  /** A probe's named step, run by {@code users} users. */
  public static LoadLevel step(int index, String name, int users, Duration warmup, Duration measured) {
    return new LoadLevel(index, name, LevelKind.STEP, users, warmup, measured);
  }

  /** {@code 5/s}, {@code 0.5/s}, {@code 12.25/s}. */
  static String rateLabel(double perSecond) {
    String number = perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond)
        : java.math.BigDecimal.valueOf(perSecond).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    return number + "/s";
  }

  /** The users of a closed level; fails for an open one. */
  public int users() {
    if (!kind.closed()) {
      throw new IllegalStateException("level " + label + " is open: it has a rate, not users");
    }
    return (int) value;
  }

  public Duration total() {
    return warmup.plus(measured);
  }
}

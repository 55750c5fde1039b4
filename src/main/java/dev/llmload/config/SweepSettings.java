package dev.llmload.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A concurrency sweep: each level is held for {@code warmup + levelDuration}.
 *
 * @param levels concurrency levels, in the order they are run
 * @param levelDuration measured part of each level
 * @param warmup leading part of each level excluded from statistics
 */
public record SweepSettings(List<Integer> levels, Duration levelDuration, Duration warmup) {

  public static final int MAX_CONCURRENCY = 10_000;

  public SweepSettings {
    levels = List.copyOf(levels);
    if (levels.isEmpty()) {
      throw ConfigException.invalid("llm.sweep.levels", "[]", "must list at least one concurrency level");
    }
    for (int level : levels) {
      if (level < 1 || level > MAX_CONCURRENCY) {
        throw ConfigException.invalid("llm.sweep.levels", level, "each level must be between 1 and " + MAX_CONCURRENCY);
      }
    }
    Objects.requireNonNull(levelDuration, "levelDuration");
    Objects.requireNonNull(warmup, "warmup");
    if (levelDuration.isNegative() || levelDuration.isZero()) {
      throw ConfigException.invalid("llm.sweep.levelDuration", levelDuration, "must be positive");
    }
    if (warmup.isNegative()) {
      throw ConfigException.invalid("llm.sweep.warmup", warmup, "must be zero or positive");
    }
    requireWholeSeconds("llm.sweep.levelDuration", levelDuration);
    requireWholeSeconds("llm.sweep.warmup", warmup);
  }

  /** Closed levels change at Gatling's one-second injection ticks: their times are whole seconds. */
  static void requireWholeSeconds(String key, Duration d) {
    if (d.toNanos() % 1_000_000_000L != 0) {
      throw ConfigException.invalid(key, d, "must be whole seconds such as 3s (Gatling changes the number of users once a second)");
    }
  }
}

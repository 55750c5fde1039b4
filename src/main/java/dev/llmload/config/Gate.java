package dev.llmload.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One gate of {@code llm.gates}: a limit a finished run must meet on one of its own metrics, or its exit status says it
 * failed. {@code dev.llmload.nightly.Gates} judges it.
 *
 * @param key where it was configured, e.g. {@code llm.gates[0]}, for messages
 * @param metric what is held to the limit
 * @param level the label of the level it applies to (e.g. {@code c=32}); null: every measured level must meet it
 *     (always null for a run-level metric)
 * @param min the lowest value that passes, or null
 * @param max the highest value that passes, or null; at least one of the two is set
 */
public record Gate(String key, GateMetric metric, String level, Double min, Double max) {

  public Gate {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(metric, "metric");
    if (min == null && max == null) {
      throw new ConfigException(key, "sets no limit; give min or max (or both), e.g. { metric = \"ttftMs.p95\", level = \"c=32\", max = 800 }");
    }
    if (min != null && !Double.isFinite(min)) {
      throw ConfigException.invalid(key + ".min", min, "must be a finite number");
    }
    if (max != null && !Double.isFinite(max)) {
      throw ConfigException.invalid(key + ".max", max, "must be a finite number");
    }
    if (min != null && max != null && min > max) {
      throw ConfigException.invalid(key + ".min", min, "must be at most max (" + max + ")");
    }
    if (level != null && !metric.perLevel()) {
      throw new ConfigException(key + ".level", "is set but " + metric.name() + " is one value for the whole run; remove level");
    }
    if (level != null && level.isBlank()) {
      throw ConfigException.invalid(key + ".level", level, "must be a level's label such as c=32 or rate=2/s; unset: every level");
    }
  }

  /** The limit as a reader says it, e.g. {@code <= 800 ms} or {@code >= 900 and <= 1200 tokens/s}. */
  public String limit() {
    String unit = metric.unit().isEmpty() ? "" : " " + metric.unit();
    if (min != null && max != null) {
      return ">= " + number(min) + " and <= " + number(max) + unit;
    }
    return (min != null ? ">= " + number(min) : "<= " + number(max)) + unit;
  }

  /** A value without a trailing {@code .0}, at most 3 decimals. */
  public static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "");
  }
}

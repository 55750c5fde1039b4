package dev.llmload.config;

import java.util.Locale;
import java.util.Objects;

/**
 * How far one metric may move from the baseline before the run counts as a regression ({@code llm.baseline.tolerances}):
 * a signed percentage whose sign names the bad direction. {@code -10%}: the metric may fall by up to 10 % (higher is
 * better, e.g. throughput); {@code +15%}: it may rise by up to 15 % (higher is worse, e.g. a latency).
 *
 * @param metric the metric's path in a level of {@code summary.json}, e.g. {@code outputTokensPerSecond} or
 *     {@code ttftMs.p95}
 * @param higherIsWorse true for {@code +N%} (a rise is the bad direction), false for {@code -N%}
 * @param percent the allowed move in the bad direction, in percent, at least 0
 */
public record Tolerance(String metric, boolean higherIsWorse, double percent) {

  public Tolerance {
    Objects.requireNonNull(metric, "metric");
    if (metric.isBlank()) {
      throw new IllegalArgumentException("metric must not be blank");
    }
    if (!(percent >= 0) || Double.isInfinite(percent)) {
      throw new IllegalArgumentException("percent must be at least 0, was " + percent);
    }
  }

  /**
   * Reads {@code text} such as {@code -10%} or {@code +15 %}.
   *
   * @param key the configuration key, for the message
   * @throws ConfigException naming the key when the text is not a signed percentage
   */
  public static Tolerance parse(String key, String metric, String text) {
    String t = text == null ? "" : text.replace(" ", "");
    if (!t.matches("[+-]\\d+(\\.\\d+)?%")) {
      throw ConfigException.invalid(key, text, "must be a signed percentage in quotes naming the bad direction: \"-10%\" (may fall by up to "
          + "10 %, e.g. outputTokensPerSecond) or \"+15%\" (may rise by up to 15 %, e.g. \"ttftMs.p95\"); null: not compared");
    }
    return new Tolerance(metric, t.startsWith("+"), Double.parseDouble(t.substring(1, t.length() - 1)));
  }

  /** As configured: {@code +15%}, {@code -10%}, {@code -2.5%}. */
  public String text() {
    String n = percent == Math.rint(percent) ? Long.toString((long) percent) : String.format(Locale.ROOT, "%s", percent);
    return (higherIsWorse ? "+" : "-") + n + "%";
  }
}

package dev.llmload.metrics;

import org.HdrHistogram.Histogram;

/** A distribution's summary, in the unit the field name gives (milliseconds for latencies). */
public record Percentiles(long count, double mean, double p50, double p90, double p95, double p99, double max) {

  /**
   * Summarises {@code histogram} divided by {@code divisor} (1000 turns microseconds into milliseconds); null
   * when it holds no value, so a missing metric is never reported as 0.
   */
  public static Percentiles of(Histogram histogram, double divisor) {
    if (histogram.getTotalCount() == 0) {
      return null;
    }
    return new Percentiles(
        histogram.getTotalCount(),
        round(histogram.getMean() / divisor),
        round(histogram.getValueAtPercentile(50) / divisor),
        round(histogram.getValueAtPercentile(90) / divisor),
        round(histogram.getValueAtPercentile(95) / divisor),
        round(histogram.getValueAtPercentile(99) / divisor),
        round(histogram.getMaxValue() / divisor));
  }

  static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}

package dev.llmload.metrics;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * A level's TTFT and E2E as cumulative distributions, for the report's CDF charts: the value (ms) at each of
 * {@link #PERCENTILES}, read from the level's histograms (successful measured requests, like {@code ttftMs} and
 * {@code e2eMs}: the value at p50 is their p50, at 100 their max).
 *
 * @param percentiles the percentiles the values are at, {@link #PERCENTILES}
 * @param ttftMs TTFT at each percentile; null when no request had one
 * @param e2eMs E2E at each percentile; null when no request had one
 */
public record LatencyDistributions(List<Double> percentiles, List<Double> ttftMs, List<Double> e2eMs) {

  /** 0, 5, 10 ... 95, then 99 and 99.9 for the tail, and 100. */
  public static final List<Double> PERCENTILES = standardPercentiles();

  public LatencyDistributions {
    percentiles = List.copyOf(percentiles);
    for (List<Double> values : java.util.Arrays.asList(ttftMs, e2eMs)) {
      if (values != null && values.size() != percentiles.size()) {
        throw new IllegalArgumentException("a distribution must have one value per percentile (" + percentiles.size() + "), had "
            + values.size());
      }
    }
    ttftMs = ttftMs == null ? null : List.copyOf(ttftMs);
    e2eMs = e2eMs == null ? null : List.copyOf(e2eMs);
  }

  /** The distributions of two histograms in microseconds; null when both are empty. */
  static LatencyDistributions of(Histogram ttftMicros, Histogram e2eMicros) {
    if (ttftMicros.getTotalCount() == 0 && e2eMicros.getTotalCount() == 0) {
      return null;
    }
    return new LatencyDistributions(PERCENTILES, values(ttftMicros), values(e2eMicros));
  }

  private static List<Double> values(Histogram micros) {
    if (micros.getTotalCount() == 0) {
      return null;
    }
    List<Double> out = new ArrayList<>(PERCENTILES.size());
    for (double p : PERCENTILES) {
      long v = p == 100 ? micros.getMaxValue() : micros.getValueAtPercentile(p);
      out.add(Percentiles.round(v / 1000.0));
    }
    return out;
  }

  private static List<Double> standardPercentiles() {
    List<Double> p = new ArrayList<>();
    for (int i = 0; i <= 95; i += 5) {
      p.add((double) i);
    }
    p.addAll(List.of(99.0, 99.9, 100.0));
    return List.copyOf(p);
  }
}

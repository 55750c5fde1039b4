package dev.llmload.telemetry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one scrape of a server's {@code /metrics} said, in one vocabulary whichever server it was (see {@link
 * ServerMetricsNormalizer} for the names read per server). A {@code null} value means this server does not offer it
 * - never a zero standing in for "unknown".
 *
 * <p>Gauges ({@code running}, {@code waiting}, {@code kvCacheUsage}) are the value at the scrape; the rest are
 * cumulative since the server started, to be differenced between two snapshots. Values are summed over label sets
 * (several engines or models), except {@code kvCacheUsage}, the largest.
 *
 * @param atNanos {@link System#nanoTime()} when the scrape answered
 * @param kind which server answered
 * @param running requests in the running batch
 * @param waiting requests queued, not yet admitted to the batch
 * @param kvCacheUsage KV-cache usage as a fraction, 0..1
 * @param preemptionsTotal preemptions (SGLang: retractions) since start
 * @param prefixCacheHitsTotal prefix-cache hits since start, in tokens
 * @param prefixCacheQueriesTotal prefix-cache lookups since start, in tokens
 * @param serverTtftSecondsSum sum of the server's time-to-first-token histogram, seconds
 * @param serverTtftCount count of that histogram
 * @param queueSecondsSum sum of the server's queue-time histogram (arrival to admission), seconds
 * @param queueCount count of that histogram
 * @param promptTokensTotal prompt tokens processed since start
 * @param generationTokensTotal tokens generated since start
 */
public record ServerSnapshot(long atNanos, ServerKind kind, Double running, Double waiting, Double kvCacheUsage,
    Double preemptionsTotal, Double prefixCacheHitsTotal, Double prefixCacheQueriesTotal,
    Double serverTtftSecondsSum, Double serverTtftCount, Double queueSecondsSum, Double queueCount,
    Double promptTokensTotal, Double generationTokensTotal) {

  public ServerSnapshot {
    Objects.requireNonNull(kind, "kind");
  }

  /** The values by their JSON names, in declaration order, {@code null} ones left out (not {@code atNanos}, not the kind). */
  public Map<String, Object> values() {
    Map<String, Object> out = new LinkedHashMap<>();
    put(out, "running", running);
    put(out, "waiting", waiting);
    put(out, "kvCacheUsage", kvCacheUsage);
    put(out, "preemptionsTotal", preemptionsTotal);
    put(out, "prefixCacheHitsTotal", prefixCacheHitsTotal);
    put(out, "prefixCacheQueriesTotal", prefixCacheQueriesTotal);
    put(out, "serverTtftSecondsSum", serverTtftSecondsSum);
    put(out, "serverTtftCount", serverTtftCount);
    put(out, "queueSecondsSum", queueSecondsSum);
    put(out, "queueCount", queueCount);
    put(out, "promptTokensTotal", promptTokensTotal);
    put(out, "generationTokensTotal", generationTokensTotal);
    return out;
  }

  /** {@code true} when the scrape gave no value this tool reads. */
  public boolean isEmpty() {
    return values().isEmpty();
  }

  private static void put(Map<String, Object> out, String name, Double value) {
    if (value != null) {
      out.put(name, value);
    }
  }
}

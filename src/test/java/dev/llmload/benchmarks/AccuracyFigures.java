package dev.llmload.benchmarks;

import dev.llmload.metrics.Percentiles;
import java.util.Locale;

/**
 * How far client-side stamps are from the server's write times.
 *
 * @param requests successful requests compared
 * @param chunks content chunks compared
 * @param ttftErrorMs client first-chunk stamp - server first-chunk write, i.e. the error of client TTFT against
 *     the server's truth (same clock), in ms
 * @param itlErrorMs |client gap - server gap| for every inter-chunk gap, in ms
 * @param mismatched requests whose chunk count differs between client and server, or that the server never saw
 * @param clientRequests requests the client recorded
 * @param serverRequests requests the server received
 */
public record AccuracyFigures(
    long requests,
    long chunks,
    Percentiles ttftErrorMs,
    Percentiles itlErrorMs,
    long mismatched,
    long clientRequests,
    long serverRequests) {

  public String describe() {
    return String.format(Locale.ROOT,
        "compared %d requests, %d chunks; TTFT error ms p50 %s p99 %s max %s; ITL error ms p50 %s p99 %s max %s; "
            + "mismatched %d; requests client %d / server %d",
        requests, chunks, f(ttftErrorMs, 50), f(ttftErrorMs, 99), f(ttftErrorMs, 100), f(itlErrorMs, 50), f(itlErrorMs, 99),
        f(itlErrorMs, 100), mismatched, clientRequests, serverRequests);
  }

  private static String f(Percentiles p, int which) {
    if (p == null) {
      return "-";
    }
    double v = which == 50 ? p.p50() : which == 99 ? p.p99() : p.max();
    return String.format(Locale.ROOT, "%.3f", v);
  }
}

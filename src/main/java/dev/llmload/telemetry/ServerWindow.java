package dev.llmload.telemetry;

import java.util.List;
import java.util.function.Function;

/**
 * The server's figures over one window ({@link LevelTelemetry.Server}) from its snapshots, pure. Several replicas:
 * each is read on its own and the figures combined - counts of requests and counter increases summed, KV-cache use
 * the fullest replica's. A gauge is averaged over the snapshots inside the window; a counter's increase is its last
 * value inside the window minus its last value at or before the window's start (else its first inside), a counter that
 * went back (a restarted server) counting from zero.
 */
public final class ServerWindow {

  private ServerWindow() {}

  /**
   * The figures of {@code replicas}' snapshots taken from {@code fromNanos} (included) to {@code toNanos} (excluded);
   * null when no replica had a snapshot in it.
   *
   * @param replicas per replica, its snapshots in time order
   */
  public static LevelTelemetry.Server over(List<List<ServerSnapshot>> replicas, long fromNanos, long toNanos) {
    int samples = 0;
    Double runningMean = null;
    Double runningMax = null;
    Double waitingMean = null;
    Double waitingMax = null;
    Double kvMax = null;
    Double preemptions = null;
    double hits = 0;
    double queries = 0;
    double ttftSum = 0;
    double ttftCount = 0;
    double queueSum = 0;
    double queueCount = 0;
    boolean anyHits = false;
    boolean anyTtft = false;
    boolean anyQueue = false;
    for (List<ServerSnapshot> snapshots : replicas) {
      List<ServerSnapshot> in = snapshots.stream().filter(s -> s.atNanos() >= fromNanos && s.atNanos() < toNanos).toList();
      if (in.isEmpty()) {
        continue;
      }
      ServerSnapshot before = snapshots.stream().filter(s -> s.atNanos() < fromNanos).reduce((a, b) -> b).orElse(null);
      samples += in.size();
      runningMean = add(runningMean, mean(in, ServerSnapshot::running));
      runningMax = add(runningMax, max(in, ServerSnapshot::running));
      waitingMean = add(waitingMean, mean(in, ServerSnapshot::waiting));
      waitingMax = add(waitingMax, max(in, ServerSnapshot::waiting));
      Double kv = max(in, ServerSnapshot::kvCacheUsage);
      if (kv != null) {
        kvMax = kvMax == null ? kv * 100 : Math.max(kvMax, kv * 100);
      }
      preemptions = add(preemptions, increase(before, in, ServerSnapshot::preemptionsTotal));
      Double h = increase(before, in, ServerSnapshot::prefixCacheHitsTotal);
      Double q = increase(before, in, ServerSnapshot::prefixCacheQueriesTotal);
      if (h != null && q != null) {
        anyHits = true;
        hits += h;
        queries += q;
      }
      Double ts = increase(before, in, ServerSnapshot::serverTtftSecondsSum);
      Double tc = increase(before, in, ServerSnapshot::serverTtftCount);
      if (ts != null && tc != null) {
        anyTtft = true;
        ttftSum += ts;
        ttftCount += tc;
      }
      Double qs = increase(before, in, ServerSnapshot::queueSecondsSum);
      Double qc = increase(before, in, ServerSnapshot::queueCount);
      if (qs != null && qc != null) {
        anyQueue = true;
        queueSum += qs;
        queueCount += qc;
      }
    }
    if (samples == 0) {
      return null;
    }
    return new LevelTelemetry.Server(samples, round(runningMean), runningMax, round(waitingMean), waitingMax, round(kvMax), preemptions,
        anyHits && queries > 0 ? round(hits / queries * 100) : null, anyTtft && ttftCount > 0 ? round(ttftSum / ttftCount * 1000) : null,
        anyQueue && queueCount > 0 ? round(queueSum / queueCount * 1000) : null);
  }

  /** The increase of a counter over the window; null when the server does not offer it. */
  static Double increase(ServerSnapshot before, List<ServerSnapshot> in, Function<ServerSnapshot, Double> counter) {
    Double last = null;
    for (int i = in.size() - 1; i >= 0 && last == null; i--) {
      last = counter.apply(in.get(i));
    }
    if (last == null) {
      return null;
    }
    Double start = before == null ? null : counter.apply(before);
    if (start == null) {
      for (ServerSnapshot s : in) {
        if (counter.apply(s) != null) {
          start = counter.apply(s);
          break;
        }
      }
    }
    return last >= start ? Double.valueOf(last - start) : last;
  }

  private static Double mean(List<ServerSnapshot> in, Function<ServerSnapshot, Double> gauge) {
    double sum = 0;
    int n = 0;
    for (ServerSnapshot s : in) {
      Double v = gauge.apply(s);
      if (v != null && Double.isFinite(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? null : sum / n;
  }

  private static Double max(List<ServerSnapshot> in, Function<ServerSnapshot, Double> gauge) {
    Double most = null;
    for (ServerSnapshot s : in) {
      Double v = gauge.apply(s);
      if (v != null && Double.isFinite(v) && (most == null || v > most)) {
        most = v;
      }
    }
    return most;
  }

  private static Double add(Double a, Double b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a + b;
  }

  private static Double round(Double v) {
    return v == null ? null : Math.round(v * 100) / 100.0;
  }
}

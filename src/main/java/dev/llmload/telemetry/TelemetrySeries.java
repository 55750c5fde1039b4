package dev.llmload.telemetry;

import dev.llmload.telemetry.client.ClientSample;
import dev.llmload.telemetry.resources.ResourceSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The telemetry series on the report's timeline buckets ({@link TelemetrySummary.Series}), pure: each bucket holds the
 * mean of the samples taken in it (the event-loop delay: the longest), null where none was; replicas' requests are
 * summed per bucket, their KV use the fullest. A series nothing measured is null.
 */
public final class TelemetrySeries {

  private TelemetrySeries() {}

  /**
   * @param anchorNanos the run clock's zero
   * @param bucketSeconds the timeline's bucket width
   * @param endSeconds the run's end on its clock; buckets cover {@code [0, endSeconds)}
   */
  public static TelemetrySummary.Series of(List<List<ServerSnapshot>> replicas, List<ResourceSnapshot> resources, List<ClientSample> client,
      long anchorNanos, double bucketSeconds, double endSeconds) {
    int buckets = Math.max(1, (int) Math.ceil(endSeconds / bucketSeconds));
    Bucketing b = new Bucketing(anchorNanos, bucketSeconds, buckets);
    List<Double> running = null;
    List<Double> waiting = null;
    List<Double> kv = null;
    for (List<ServerSnapshot> snapshots : replicas) {
      running = sum(running, b.mean(snapshots, ServerSnapshot::atNanos, ServerSnapshot::running));
      waiting = sum(waiting, b.mean(snapshots, ServerSnapshot::atNanos, ServerSnapshot::waiting));
      kv = most(kv, b.mean(snapshots, ServerSnapshot::atNanos, s -> s.kvCacheUsage() == null ? null : s.kvCacheUsage() * 100));
    }
    List<Double> rss = b.mean(resources, ResourceSnapshot::atNanos, r -> r.serverRssBytes() == null ? null : r.serverRssBytes() / 1_048_576.0);
    List<Double> gpuMemory = b.mean(resources, ResourceSnapshot::atNanos, ResourceSnapshot::gpuMemoryUsedMiB);
    List<Double> gpuUtil = b.mean(resources, ResourceSnapshot::atNanos, r -> {
      double sum = 0;
      int n = 0;
      for (var g : r.gpus()) {
        if (g.utilizationPercent() != null) {
          sum += g.utilizationPercent();
          n++;
        }
      }
      return n == 0 ? null : sum / n;
    });
    List<Double> cpu = b.mean(client, ClientSample::endNanos, ClientSample::cpuCoresUsed);
    List<Double> delay = b.max(client, ClientSample::endNanos, ClientSample::loopDelayMaxMs);
    return new TelemetrySummary.Series(bucketSeconds, running, waiting, kv, rss, gpuMemory, gpuUtil, cpu, delay);
  }

  /** Which bucket a sample falls in, and the per-bucket mean or maximum of a value; null when no sample has one. */
  private record Bucketing(long anchorNanos, double bucketSeconds, int buckets) {

    <T> List<Double> mean(List<T> samples, ToLongFunction<T> at, Function<T, Double> value) {
      double[] sum = new double[buckets];
      int[] count = new int[buckets];
      boolean any = false;
      for (T s : samples) {
        Double v = value.apply(s);
        int i = index(at.applyAsLong(s));
        if (v != null && Double.isFinite(v) && i >= 0) {
          sum[i] += v;
          count[i]++;
          any = true;
        }
      }
      if (!any) {
        return null;
      }
      List<Double> out = new ArrayList<>(buckets);
      for (int i = 0; i < buckets; i++) {
        out.add(count[i] == 0 ? null : Math.round(sum[i] / count[i] * 100) / 100.0);
      }
      return Collections.unmodifiableList(out);
    }

    <T> List<Double> max(List<T> samples, ToLongFunction<T> at, Function<T, Double> value) {
      Double[] most = new Double[buckets];
      boolean any = false;
      for (T s : samples) {
        Double v = value.apply(s);
        int i = index(at.applyAsLong(s));
        if (v != null && Double.isFinite(v) && i >= 0) {
          most[i] = most[i] == null ? v : Math.max(most[i], v);
          any = true;
        }
      }
      if (!any) {
        return null;
      }
      List<Double> out = new ArrayList<>(buckets);
      for (Double m : most) {
        out.add(m == null ? null : Math.round(m * 100) / 100.0);
      }
      return Collections.unmodifiableList(out);
    }

    /** The bucket of a time, -1 outside the run. */
    private int index(long nanos) {
      double seconds = (nanos - anchorNanos) / 1e9;
      if (seconds < 0) {
        return -1;
      }
      int i = (int) (seconds / bucketSeconds);
      return i < buckets ? i : -1;
    }
  }

  private static List<Double> sum(List<Double> a, List<Double> b) {
    return combine(a, b, Double::sum);
  }

  private static List<Double> most(List<Double> a, List<Double> b) {
    return combine(a, b, Math::max);
  }

  private static List<Double> combine(List<Double> a, List<Double> b, java.util.function.BinaryOperator<Double> op) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    List<Double> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      Double x = a.get(i);
      Double y = b.get(i);
      out.add(x == null ? y : y == null ? x : op.apply(x, y));
    }
    return Collections.unmodifiableList(out);
  }
}

package dev.llmload.benchmarks;

import dev.llmload.metrics.Outcome;
import dev.llmload.metrics.Percentiles;
import dev.llmload.metrics.RequestRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * What the client adds to the server's timing, and what it costs, per level: client records matched by request id
 * with the server's write time of every content chunk (another JVM, the same monotonic clock). TTFT added = client
 * first-chunk stamp - server first-content write; ITL added = |client gap - server gap| for the same chunk pair.
 * CPU per 1,000 tokens = the client process's CPU time over the level's measured window (first to last chunk of its
 * measured requests) divided by the chunks stamped in that window. Pure apart from the CPU samples it is given.
 */
public final class ClientEfficiencyFigures {

  /** Target: client-added ITL p99 at most this (ms). */
  public static final double ITL_P99_TARGET_MS = 1.0;
  /** Target: client-added TTFT p99 at most this (ms). */
  public static final double TTFT_P99_TARGET_MS = 2.0;
  /** Target: client CPU per 1,000 tokens in steady state at most this (ms). */
  public static final double CPU_TARGET_MS = 12.0;

  /** Client stamps are whole microseconds since the anchor: a stamp may read up to 1 us early. */
  static final long STAMP_RESOLUTION_NANOS = 1_000;

  /**
   * One level's figures.
   *
   * @param streams the level's concurrency
   * @param warmUp a level run to warm the client's JIT up, left out of the steady state and the target
   * @param requests measured requests compared with the server
   * @param mismatched measured requests the server did not complete with the same chunk count
   * @param chunks chunks stamped (any request) within the level's measured window
   * @param windowNanos the measured window's length
   * @param ttftAddedMs client-added TTFT, ms
   * @param itlAddedMs client-added ITL, ms
   * @param work CPU, GC and JIT of the client process over the window
   */
  public record Level(int streams, boolean warmUp, long requests, long mismatched, long chunks, long windowNanos, Percentiles ttftAddedMs,
      Percentiles itlAddedMs, ProcessCpu.Sample work) {

    public double cpuMsPer1000Tokens() {
      return chunks == 0 ? Double.NaN : work.cpuNanos() / 1e6 / (chunks / 1000.0);
    }

    public boolean withinErrorTarget() {
      return !warmUp && ttftAddedMs != null && itlAddedMs != null && ttftAddedMs.p99() <= TTFT_P99_TARGET_MS && itlAddedMs.p99() <= ITL_P99_TARGET_MS;
    }
  }

  /**
   * The run's figures.
   *
   * @param levels per level, in run order
   * @param clockOffsetNanos added to every server time to compare it with client stamps: 0 when the clocks proved
   *     comparable (no client first chunk earlier than the server's write), else the smallest offset that makes them so
   * @param steady CPU, GC and JIT from the first measured chunk after the warm-up levels to the last
   * @param steadyChunks chunks stamped in that span
   * @param wholeRunCpuNanos process CPU from the JVM's start to the end of the run
   * @param startupCpuNanos process CPU before the run began (JVM, Gatling, configuration, server probe)
   * @param allChunks every chunk the client stamped
   */
  public record Run(List<Level> levels, long clockOffsetNanos, ProcessCpu.Sample steady, long steadyChunks, long wholeRunCpuNanos,
      long startupCpuNanos, long allChunks) {

    public double steadyCpuMsPer1000Tokens() {
      return steadyChunks == 0 ? Double.NaN : steady.cpuNanos() / 1e6 / (steadyChunks / 1000.0);
    }

    public double wholeRunCpuMsPer1000Tokens() {
      return allChunks == 0 ? Double.NaN : wholeRunCpuNanos / 1e6 / (allChunks / 1000.0);
    }

    /** The highest concurrency whose level met both error targets; 0 if none did. */
    public int mostStreamsWithinTarget() {
      return levels.stream().filter(Level::withinErrorTarget).mapToInt(Level::streams).max().orElse(0);
    }

    /** The figures as a markdown table plus a few lines, ready to paste. */
    public String markdown(String context) {
      StringBuilder b = new StringBuilder();
      b.append(context).append('\n').append('\n');
      b.append("| streams | requests | tokens/s | TTFT added ms p50 / p99 / max | ITL added ms p50 / p99 / max "
          + "| CPU ms / 1k tokens | of which loops / recorder / JIT / GC+VM / other | GC count / pause ms | within error target |\n");
      b.append("|---|---|---|---|---|---|---|---|---|\n");
      for (Level l : levels) {
        b.append(String.format(Locale.ROOT, "| %d%s | %d%s | %.0f | %s | %s | %.1f | %s | %d / %d | %s |%n", l.streams(), l.warmUp() ? " (JIT warm-up)" : "", l.requests(),
            l.mismatched() == 0 ? "" : " (" + l.mismatched() + " unmatched)", l.windowNanos() == 0 ? 0 : l.chunks() / (l.windowNanos() / 1e9),
            three(l.ttftAddedMs()), three(l.itlAddedMs()), l.cpuMsPer1000Tokens(), split(l.work(), l.chunks()), l.work().gcCount(),
            l.work().gcMillis(), l.withinErrorTarget() ? "yes" : "no"));
      }
      b.append('\n');
      b.append(String.format(Locale.ROOT,
          "CPU per 1,000 tokens: steady %.1f ms (target <= %.0f: %s; %d tokens; loops / recorder / JIT / GC+VM / other %s, the loops' "
              + "share in the kernel %s; GC %d collections, %d ms paused), whole run %.1f ms (startup %.1f s CPU before the first request).%n",
          steadyCpuMsPer1000Tokens(), CPU_TARGET_MS, steadyCpuMsPer1000Tokens() <= CPU_TARGET_MS ? "met" : "missed", steadyChunks,
          split(steady, steadyChunks), kernel(steady, steadyChunks), steady.gcCount(), steady.gcMillis(), wholeRunCpuMsPer1000Tokens(), startupCpuNanos / 1e9));
      b.append(String.format(Locale.ROOT, "Most streams one client core holds within the error target (ITL p99 <= %.0f ms, TTFT p99 <= %.0f ms): %s.%n",
          ITL_P99_TARGET_MS, TTFT_P99_TARGET_MS, mostStreamsWithinTarget() == 0 ? "none of the levels" : Integer.toString(mostStreamsWithinTarget())));
      b.append(clockOffsetNanos == 0
          ? "Clocks: comparable (no client first chunk before the server's write).\n"
          : String.format(Locale.ROOT, "Clocks: NOT directly comparable; server times shifted by %.3f ms (the smallest offset that makes every TTFT "
              + "added non-negative).%n", clockOffsetNanos / 1e6));
      return b.toString();
    }
  }

  private ClientEfficiencyFigures() {}

  /**
   * Compares {@code records} (client stamps in microseconds since {@code anchorNanos}) with the server's content write
   * times by request id, level by level in the order of {@code levelStreams} (level index to concurrency); the first
   * {@code warmUpLevels} levels are reported as warm-up.
   */
  public static Run compare(Collection<RequestRecord> records, long anchorNanos, Map<String, long[]> serverWrites,
      IntFunction<Integer> levelStreams, int warmUpLevels, ProcessCpu cpu, long wholeRunCpuNanos, long startupCpuNanos) {
    long minTtft = Long.MAX_VALUE;
    for (RequestRecord r : records) {
      long[] server = matched(r, serverWrites);
      if (server != null) {
        minTtft = Math.min(minTtft, anchorNanos + r.chunkMicros()[0] * 1_000 - server[0]);
      }
    }
    long offset = minTtft == Long.MAX_VALUE || minTtft >= -STAMP_RESOLUTION_NANOS ? 0 : -minTtft;
    List<long[]> allStamps = new ArrayList<>();
    long allChunks = 0;
    for (RequestRecord r : records) {
      long[] abs = new long[r.chunkMicros().length];
      for (int i = 0; i < abs.length; i++) {
        abs[i] = anchorNanos + r.chunkMicros()[i] * 1_000;
      }
      allStamps.add(abs);
      allChunks += abs.length;
    }
    Map<Integer, List<RequestRecord>> byLevel = new LinkedHashMap<>();
    records.stream().filter(r -> !r.warmup() && r.level() >= 0).sorted(java.util.Comparator.comparingInt(RequestRecord::level))
        .forEach(r -> byLevel.computeIfAbsent(r.level(), k -> new ArrayList<>()).add(r));
    List<Level> levels = new ArrayList<>();
    long firstMeasured = Long.MAX_VALUE;
    long lastMeasured = Long.MIN_VALUE;
    for (Map.Entry<Integer, List<RequestRecord>> e : byLevel.entrySet()) {
      Histogram ttft = new Histogram(60_000_000_000L, 3);
      Histogram itl = new Histogram(60_000_000_000L, 3);
      long requests = 0;
      long mismatched = 0;
      long from = Long.MAX_VALUE;
      long to = Long.MIN_VALUE;
      for (RequestRecord r : e.getValue()) {
        if (r.outcome() != Outcome.SUCCESSFUL || r.chunkMicros().length == 0) {
          continue;
        }
        long[] server = matched(r, serverWrites);
        if (server == null) {
          mismatched++;
          continue;
        }
        requests++;
        long[] client = r.chunkMicros();
        from = Math.min(from, anchorNanos + client[0] * 1_000);
        to = Math.max(to, anchorNanos + client[client.length - 1] * 1_000);
        ttft.recordValue(clamp(ttft, anchorNanos + client[0] * 1_000 - (server[0] + offset)));
        for (int i = 1; i < client.length; i++) {
          itl.recordValue(clamp(itl, Math.abs((client[i] - client[i - 1]) * 1_000 - (server[i] - server[i - 1]))));
        }
      }
      if (requests == 0) {
        continue;
      }
      boolean warmUp = e.getKey() < warmUpLevels;
      if (!warmUp) {
        firstMeasured = Math.min(firstMeasured, from);
        lastMeasured = Math.max(lastMeasured, to);
      }
      levels.add(new Level(levelStreams.apply(e.getKey()), warmUp, requests, mismatched, stampsWithin(allStamps, from, to), to - from,
          Percentiles.of(ttft, 1e6), Percentiles.of(itl, 1e6), cpu.between(from, to)));
    }
    boolean measured = firstMeasured != Long.MAX_VALUE;
    ProcessCpu.Sample steady = !measured ? new ProcessCpu.Sample(0, 0, 0, 0, 0, Map.of()) : cpu.between(firstMeasured, lastMeasured);
    long steadyChunks = !measured ? 0 : stampsWithin(allStamps, firstMeasured, lastMeasured);
    return new Run(levels, offset, steady, steadyChunks, wholeRunCpuNanos, startupCpuNanos, allChunks);
  }

  private static long[] matched(RequestRecord r, Map<String, long[]> serverWrites) {
    if (r.outcome() != Outcome.SUCCESSFUL || r.chunkMicros().length == 0) {
      return null;
    }
    long[] server = serverWrites.get(r.requestId());
    return server == null || server.length != r.chunkMicros().length ? null : server;
  }

  private static long stampsWithin(List<long[]> stamps, long from, long to) {
    long n = 0;
    for (long[] s : stamps) {
      for (long t : s) {
        if (t >= from && t <= to) {
          n++;
        }
      }
    }
    return n;
  }

  private static long clamp(Histogram h, long nanos) {
    return Math.max(0, Math.min(nanos, h.getHighestTrackableValue()));
  }

  /** CPU per 1,000 tokens by kind of thread. */
  private static String split(ProcessCpu.Sample work, long chunks) {
    if (chunks == 0 || work.threadCpuMillis().isEmpty()) {
      return "-";
    }
    StringBuilder b = new StringBuilder();
    for (ProcessCpu.ThreadKind k : ProcessCpu.ThreadKind.threads()) {
      b.append(b.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.1f", work.cpuMillis(k) / (chunks / 1000.0)));
    }
    return b.toString();
  }

  /** The event loops' CPU per 1,000 tokens spent in the kernel. */
  private static String kernel(ProcessCpu.Sample work, long chunks) {
    if (chunks == 0 || work.threadCpuMillis().isEmpty()) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.1f", work.cpuMillis(ProcessCpu.ThreadKind.EVENT_LOOPS_KERNEL) / (chunks / 1000.0));
  }

  private static String three(Percentiles p) {
    return p == null ? "-" : String.format(Locale.ROOT, "%.3f / %.3f / %.3f", p.p50(), p.p99(), p.max());
  }
}

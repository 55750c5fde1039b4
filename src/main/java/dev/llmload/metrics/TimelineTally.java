package dev.llmload.metrics;

import dev.llmload.workload.LevelSchedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Folds records into the run's {@link Timeline} in bounded memory: at most {@link #MAX_BUCKETS} time buckets (1 s each
 * until a run outgrows them, then twice as wide, merged pairwise) and at most {@link #MAX_POINTS} TTFT points (one
 * in every {@code every} successful request in the order they are added, {@code every} doubling whenever the points
 * would pass the bound). The result depends only on the records and their order, so the report rebuilt from
 * {@code requests.jsonl} (the order the recorder added them in) has the same timeline. Not thread-safe: fed by the
 * aggregator's one thread.
 */
public final class TimelineTally {

  /** The most time buckets a timeline has: an hour of 1 s buckets. */
  public static final int MAX_BUCKETS = 3600;
  /** The most TTFT points a timeline has. */
  public static final int MAX_POINTS = 5000;
  private static final long SECOND_MICROS = 1_000_000;

  private long bucketMicros = SECOND_MICROS;
  /** Per bucket: output tokens that arrived in it; microseconds of requests in flight in it, summed over requests. */
  private double[] tokens = new double[64];
  private double[] inFlightMicros = new double[64];
  /** The latest instant any record touched (a chunk, or the last microsecond in flight), run clock microseconds; -1: none. */
  private long lastMicros = -1;
  private long ttftRequests;
  private long every = 1;
  private long[] pointSendMicros = new long[256];
  private long[] pointTtftMicros = new long[256];
  private int points;

  /** Adds one finished request. */
  public void add(RequestRecord r) {
    long send = Math.max(0, r.sendMicros());
    long end = Math.max(send, r.endMicros());
    long[] chunks = r.chunkMicros();
    // the last instant the request touched: its last chunk, or the end of its time in flight [send, end)
    long reach = Math.max(end > send ? end - 1 : send, chunks.length == 0 ? 0 : chunks[chunks.length - 1]);
    fit(reach);
    lastMicros = Math.max(lastMicros, reach);
    double perChunk = RequestMetrics.tokensPerChunk(r);
    for (long t : chunks) {
      tokens[(int) (Math.max(0, t) / bucketMicros)] += perChunk;
    }
    for (long from = send; from < end; ) {
      int b = (int) (from / bucketMicros);
      long to = Math.min(end, (b + 1) * bucketMicros);
      inFlightMicros[b] += to - from;
      from = to;
    }
    OptionalLong ttft = RequestMetrics.ttftMicros(r);
    if (r.outcome() == Outcome.SUCCESSFUL && ttft.isPresent()) {
      addPoint(send, ttft.getAsLong());
    }
  }

  /** The timeline so far, with the marks of the levels of {@code schedule} that started before {@code untilMicros}. */
  public Timeline timeline(LevelSchedule schedule, long untilMicros) {
    int buckets = lastMicros < 0 ? 0 : (int) (lastMicros / bucketMicros) + 1;
    double seconds = bucketMicros / 1e6;
    List<Double> tps = new ArrayList<>(buckets);
    List<Double> inFlight = new ArrayList<>(buckets);
    for (int b = 0; b < buckets; b++) {
      tps.add(Percentiles.round(tokens[b] / seconds));
      inFlight.add(Percentiles.round(inFlightMicros[b] / bucketMicros));
    }
    Integer[] order = new Integer[points];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> pointSendMicros[a] != pointSendMicros[b] ? Long.compare(pointSendMicros[a], pointSendMicros[b])
        : Long.compare(pointTtftMicros[a], pointTtftMicros[b]));
    List<Double> at = new ArrayList<>(points);
    List<Double> ms = new ArrayList<>(points);
    for (int i : order) {
      at.add(Percentiles.round(pointSendMicros[i] / 1e6));
      ms.add(Percentiles.round(pointTtftMicros[i] / 1e3));
    }
    List<Timeline.LevelMarks> levels = new ArrayList<>();
    for (int i = 0; i < schedule.levels().size(); i++) {
      if (schedule.levelStartMicros(i) < untilMicros) {
        levels.add(new Timeline.LevelMarks(i, schedule.level(i).label(), schedule.levelStartMicros(i) / 1e6,
            schedule.measuredStartMicros(i) / 1e6, schedule.measuredEndMicros(i) / 1e6));
      }
    }
    return new Timeline(seconds, tps, inFlight, new Timeline.TtftPoints(ttftRequests, every, at, ms), levels);
  }

  /** Makes room for buckets up to {@code micros}: wider buckets past {@link #MAX_BUCKETS}, longer arrays below. */
  private void fit(long micros) {
    while (micros / bucketMicros >= MAX_BUCKETS) {
      for (int b = 0; b < tokens.length; b++) {
        int from = 2 * b;
        tokens[b] = from >= tokens.length ? 0 : tokens[from] + (from + 1 < tokens.length ? tokens[from + 1] : 0);
        inFlightMicros[b] = from >= inFlightMicros.length ? 0 : inFlightMicros[from] + (from + 1 < inFlightMicros.length ? inFlightMicros[from + 1] : 0);
      }
      bucketMicros *= 2;
    }
    int needed = (int) (micros / bucketMicros) + 1;
    if (needed > tokens.length) {
      int size = Math.min(MAX_BUCKETS, Math.max(needed, tokens.length * 2));
      tokens = Arrays.copyOf(tokens, size);
      inFlightMicros = Arrays.copyOf(inFlightMicros, size);
    }
  }

  /** Keeps request number {@code ttftRequests} when it is one in {@code every}; halves the points when they are full. */
  private void addPoint(long sendMicros, long ttftMicros) {
    long n = ttftRequests++;
    if (n % every != 0) {
      return;
    }
    if (points == MAX_POINTS) {
      // the kept points are requests 0, every, 2 every, ...: keeping the even ones keeps one in every 2 every
      int kept = 0;
      for (int i = 0; i < points; i += 2) {
        pointSendMicros[kept] = pointSendMicros[i];
        pointTtftMicros[kept] = pointTtftMicros[i];
        kept++;
      }
      points = kept;
      every *= 2;
      if (n % every != 0) {
        return;
      }
    }
    if (points == pointSendMicros.length) {
      int size = Math.min(MAX_POINTS, points * 2);
      pointSendMicros = Arrays.copyOf(pointSendMicros, size);
      pointTtftMicros = Arrays.copyOf(pointTtftMicros, size);
    }
    pointSendMicros[points] = sendMicros;
    pointTtftMicros[points] = ttftMicros;
    points++;
  }
}

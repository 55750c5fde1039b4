package dev.llmload.benchmarks;

import dev.llmload.metrics.Outcome;
import dev.llmload.metrics.Percentiles;
import dev.llmload.metrics.RequestRecord;
import dev.llmload.server.truth.RequestTruth;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Compares client {@link RequestRecord}s with the server's {@link RequestTruth}s, matched by request id. Client
 * times are microseconds since {@code anchorNanos}; server times are absolute {@code System.nanoTime()} values of
 * the same JVM. Errors are recorded in nanoseconds and reported in milliseconds.
 */
public final class GroundTruthComparison {

  private GroundTruthComparison() {}

  public static AccuracyFigures compare(Collection<RequestRecord> records, long anchorNanos,
      Function<String, Optional<RequestTruth>> truthById, long serverRequests) {
    Histogram ttft = new Histogram(60_000_000_000L, 3);
    Histogram itl = new Histogram(60_000_000_000L, 3);
    long requests = 0;
    long chunks = 0;
    long mismatched = 0;
    for (RequestRecord r : records) {
      if (r.outcome() != Outcome.SUCCESSFUL) {
        continue;
      }
      Optional<RequestTruth> found = truthById.apply(r.requestId());
      if (found.isEmpty() || found.get().contentWriteNanos().length != r.chunkMicros().length || r.chunkMicros().length == 0) {
        mismatched++;
        continue;
      }
      long[] server = found.get().contentWriteNanos();
      long[] client = r.chunkMicros();
      requests++;
      chunks += client.length;
      record(ttft, anchorNanos + client[0] * 1_000 - server[0]);
      for (int i = 1; i < client.length; i++) {
        long clientGap = (client[i] - client[i - 1]) * 1_000;
        long serverGap = server[i] - server[i - 1];
        record(itl, clientGap - serverGap);
      }
    }
    return new AccuracyFigures(requests, chunks, Percentiles.of(ttft, 1e6), Percentiles.of(itl, 1e6), mismatched, records.size(),
        serverRequests);
  }

  private static void record(Histogram h, long errorNanos) {
    h.recordValue(Math.min(Math.abs(errorNanos), h.getHighestTrackableValue()));
  }
}

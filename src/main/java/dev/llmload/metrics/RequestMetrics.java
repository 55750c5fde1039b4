package dev.llmload.metrics;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The per-request metrics of {@link MetricDefinition} (where each is defined, once), as pure functions of one
 * {@link RequestRecord}. A value that does not exist for a request (no content, a single token) is empty, never 0.
 */
public final class RequestMetrics {

  private RequestMetrics() {}

  /** Send lag = send - scheduled: how late an open workload's request went out; empty for closed workloads. */
  public static OptionalLong sendLagMicros(RequestRecord r) {
    return r.scheduledMicros() < 0 ? OptionalLong.empty() : OptionalLong.of(r.sendMicros() - r.scheduledMicros());
  }

  /** TTFT from the scheduled time: what a user arriving on time waited (includes the client's lag). */
  public static OptionalLong ttftFromScheduledMicros(RequestRecord r) {
    return r.scheduledMicros() < 0 || r.chunkMicros().length == 0 ? OptionalLong.empty()
        : OptionalLong.of(r.chunkMicros()[0] - r.scheduledMicros());
  }

  /** E2E from the scheduled time. */
  public static OptionalLong e2eFromScheduledMicros(RequestRecord r) {
    return r.scheduledMicros() < 0 || r.chunkMicros().length == 0 ? OptionalLong.empty()
        : OptionalLong.of(r.chunkMicros()[r.chunkMicros().length - 1] - r.scheduledMicros());
  }

  /** {@link MetricDefinition#TIME_TO_HEADERS}. */
  public static OptionalLong timeToHeadersMicros(RequestRecord r) {
    return r.headersMicros() < 0 ? OptionalLong.empty() : OptionalLong.of(r.headersMicros() - r.sendMicros());
  }

  /** {@link MetricDefinition#TTFT}: role-only and empty chunks were never recorded as content chunks. */
  public static OptionalLong ttftMicros(RequestRecord r) {
    return r.chunkMicros().length == 0 ? OptionalLong.empty() : OptionalLong.of(r.chunkMicros()[0] - r.sendMicros());
  }

  /** {@link MetricDefinition#ITL}: the gaps of one request. */
  public static long[] itlMicros(RequestRecord r) {
    long[] chunks = r.chunkMicros();
    if (chunks.length < 2) {
      return new long[0];
    }
    long[] gaps = new long[chunks.length - 1];
    for (int i = 1; i < chunks.length; i++) {
      gaps[i - 1] = chunks[i] - chunks[i - 1];
    }
    return gaps;
  }

  /** {@link MetricDefinition#OUTPUT_TOKENS}. */
  public static int outputTokens(RequestRecord r) {
    return r.hasUsage() ? r.completionTokens() : r.chunkMicros().length;
  }

  public static TokenCountSource tokenCountSource(RequestRecord r) {
    return r.hasUsage() ? TokenCountSource.USAGE : TokenCountSource.CHUNKS;
  }

  /** {@link MetricDefinition#TPOT}. */
  public static OptionalDouble tpotMicros(RequestRecord r) {
    long[] chunks = r.chunkMicros();
    int tokens = outputTokens(r);
    if (chunks.length == 0 || tokens < 2) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of((double) (chunks[chunks.length - 1] - chunks[0]) / (tokens - 1));
  }

  /** {@link MetricDefinition#E2E}. */
  public static OptionalLong e2eMicros(RequestRecord r) {
    long[] chunks = r.chunkMicros();
    return chunks.length == 0 ? OptionalLong.empty() : OptionalLong.of(chunks[chunks.length - 1] - r.sendMicros());
  }

  /** {@link MetricDefinition#REQUEST_TOKENS_PER_SECOND}. */
  public static OptionalDouble requestTokensPerSecond(RequestRecord r) {
    OptionalLong e2e = e2eMicros(r);
    if (e2e.isEmpty() || e2e.getAsLong() <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(outputTokens(r) * 1_000_000.0 / e2e.getAsLong());
  }

  /**
   * Output tokens carried by each content chunk: usage spread evenly over the chunks when usage is known (the
   * protocol does not say which chunk carried how many), else one per chunk.
   */
  public static double tokensPerChunk(RequestRecord r) {
    int chunks = r.chunkMicros().length;
    return chunks == 0 ? 0 : (double) outputTokens(r) / chunks;
  }
}
